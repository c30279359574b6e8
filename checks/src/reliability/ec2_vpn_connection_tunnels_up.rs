use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Gap, Resource, Service};

declare_check! {
    /// ## What it does
    /// Checks that every available Site-to-Site VPN connection has both of its tunnels `UP`
    /// (`VgwTelemetry`). Connections being created or deleted are skipped.
    ///
    /// ## Why is this bad?
    /// AWS gives every VPN connection two tunnels, in different Availability Zones, so that one
    /// can carry the traffic while the other is down for maintenance or failure. With one tunnel
    /// configured or up, the link to the on-premises network has no redundancy: AWS's routine
    /// tunnel maintenance alone will cut it.
    ///
    /// ## Example
    /// `aws ec2 describe-vpn-connections` shows one `VgwTelemetry` entry with `"Status":
    /// "DOWN"`. Fix: configure the second tunnel on the customer gateway device (the downloadable
    /// configuration has both) and route over both, or add a second connection or Direct Connect.
    ///
    /// ## Not evaluated when
    /// The region's VPN connections could not be listed (one finding for the region), or the
    /// answer has no tunnel telemetry for the connection.
    pub EC2_VPN_CONNECTION_TUNNELS_UP = "ec2_vpn_connection_tunnels_up",
    pillar: Pillar::Reliability,
    service: Service::Ec2,
    severity: Severity::High,
    best_practices: &[direct("REL02-BP02")],
    since: "0.4.0",
    title: "Site-to-Site VPN connections have both tunnels up",
    remediation: "Configure both tunnels on the customer gateway device (aws ec2 get-vpn-connection-device-sample-configuration) and keep both up",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &EC2_VPN_CONNECTION_TUNNELS_UP;
    ctx.each_in_ec2_regions(
        check,
        |ec2| &ec2.network.vpn_connections,
        |vpn| {
            if vpn.state.as_deref() != Some("available") {
                return None;
            }
            let label = vpn.resource().label();
            Some(match &vpn.tunnels {
                None => check.not_evaluated(
                    vpn,
                    &Gap::missing(
                        Service::Ec2,
                        &vpn.region,
                        "DescribeVpnConnections",
                        "VgwTelemetry",
                    ),
                ),
                Some(tunnels) => {
                    let up = tunnels.iter().filter(|s| s.as_str() == "UP").count();
                    let message = format!(
                        "VPN connection {label} has {up} of {} tunnel(s) up",
                        tunnels.len()
                    );
                    if up >= 2 {
                        check.pass(vpn, message)
                    } else {
                        check.fail(vpn, message)
                    }
                }
            })
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::Fetched;
    use crate::testing::*;

    #[test]
    fn both_up_passes_one_down_fails_no_telemetry_not_evaluated_pending_skipped() {
        let mut snap = snapshot();
        let mut half = vpn_connection("vpn-half");
        half.tunnels = Some(vec!["UP".into(), "DOWN".into()]);
        let mut blind = vpn_connection("vpn-blind");
        blind.tunnels = None;
        let mut pending = vpn_connection("vpn-new");
        pending.state = Some("pending".into());
        network(&mut snap).vpn_connections =
            Fetched::Ok(vec![vpn_connection("vpn-ok"), half, blind, pending]);

        let findings = run(&EC2_VPN_CONNECTION_TUNNELS_UP, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[
                ("vpn-ok", Pass),
                ("vpn-half", Fail),
                ("vpn-blind", NotEvaluated)
            ])
        );
        assert_eq!(
            findings[1].message,
            "VPN connection vpn-half has 1 of 2 tunnel(s) up"
        );

        network(&mut snap).vpn_connections = Fetched::Failed(denied("DescribeVpnConnections"));
        assert_eq!(
            statuses(&run(&EC2_VPN_CONNECTION_TUNNELS_UP, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
