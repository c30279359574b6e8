use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Service};

declare_check! {
    /// ## What it does
    /// Checks that each AWS Network Firewall firewall sends its logs somewhere (S3, CloudWatch
    /// Logs or Firehose): alert logs (what its stateful rules matched) and flow logs. A
    /// firewall that logs only one of the two passes, with the missing type named.
    ///
    /// ## Why is this bad?
    /// A firewall that drops or alerts on traffic without logging leaves no trace of the
    /// attempts it stopped, nor of what it let through: nothing to alert on, correlate or
    /// investigate. SEC04-BP01 asks that the network services a workload relies on log.
    ///
    /// ## Example
    /// `aws network-firewall describe-logging-configuration --firewall-name F` shows no
    /// `LogDestinationConfigs`. Fix: `aws network-firewall update-logging-configuration
    /// --firewall-name F --logging-configuration
    /// 'LogDestinationConfigs=[{LogType=ALERT,LogDestinationType=CloudWatchLogs,LogDestination={logGroup=/nfw/alert}}]'`
    /// (one log type per call).
    ///
    /// ## Not evaluated when
    /// The region's firewalls, or this firewall's logging configuration, could not be read.
    pub NETWORKFIREWALL_LOGGING = "networkfirewall_logging",
    pillar: Pillar::Security,
    service: Service::Networkfirewall,
    severity: Severity::Medium,
    best_practices: &[direct("SEC04-BP01")],
    since: "0.5.0",
    title: "Network Firewall firewalls log alerts and flows",
    remediation: "aws network-firewall update-logging-configuration --firewall-name FIREWALL --logging-configuration 'LogDestinationConfigs=[{LogType=ALERT,LogDestinationType=CloudWatchLogs,LogDestination={logGroup=GROUP}}]' (then FLOW)",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &NETWORKFIREWALL_LOGGING;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.networkfirewall,
        |region| &region.firewalls,
        |firewall| {
            let types = match &firewall.log_types {
                Fetched::Ok(types) => types,
                Fetched::Failed(gap) => return Some(check.not_evaluated(firewall, gap)),
            };
            Some(if types.is_empty() {
                check.fail(firewall, format!("firewall {} logs nothing", firewall.name))
            } else {
                let missing: Vec<&str> = ["ALERT", "FLOW"]
                    .into_iter()
                    .filter(|kind| !types.iter().any(|t| t == kind))
                    .collect();
                let note = if missing.is_empty() {
                    String::new()
                } else {
                    format!(" (no {} logs)", missing.join(" or "))
                };
                check.pass(
                    firewall,
                    format!("firewall {} logs {}{note}", firewall.name, types.join(", ")),
                )
            })
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::testing::*;

    #[test]
    fn logging_passes_silence_fails_unreadable_is_not_evaluated() {
        let mut snap = snapshot();
        let logging = |name: &str, types: &[&str]| {
            let mut firewall = network_firewall(name);
            firewall.log_types = Fetched::Ok(types.iter().map(|t| t.to_string()).collect());
            firewall
        };
        let mut hidden = network_firewall("hidden");
        hidden.log_types = Fetched::Failed(denied("DescribeLoggingConfiguration"));
        networkfirewall(&mut snap).firewalls = Fetched::Ok(vec![
            logging("both", &["ALERT", "FLOW"]),
            logging("alerts", &["ALERT"]),
            logging("silent", &[]),
            hidden,
        ]);

        let findings = run(&NETWORKFIREWALL_LOGGING, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[
                ("both", Pass),
                ("alerts", Pass),
                ("silent", Fail),
                ("hidden", NotEvaluated),
            ])
        );
        assert_eq!(
            findings[1].message,
            "firewall alerts logs ALERT (no FLOW logs)"
        );

        networkfirewall(&mut snap).firewalls = Fetched::Failed(denied("ListFirewalls"));
        assert_eq!(
            statuses(&run(&NETWORKFIREWALL_LOGGING, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
