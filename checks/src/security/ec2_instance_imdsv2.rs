use crate::catalog::Pillar;
use crate::check::{indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Resource, Service};

declare_check! {
    /// ## What it does
    /// Checks that every EC2 instance (not terminated) requires IMDSv2 session tokens
    /// (`HttpTokens=required`), or has the instance metadata service turned off.
    ///
    /// ## Why is this bad?
    /// IMDSv1 answers any plain GET from the instance, so a server-side request forgery bug in an
    /// application hands the instance role's credentials to an attacker (the Capital One breach).
    /// IMDSv2's session token defeats that.
    ///
    /// ## Example
    /// `aws ec2 describe-instances` shows `"HttpTokens": "optional"`. Fix:
    /// `aws ec2 modify-instance-metadata-options --instance-id i-… --http-tokens required
    /// --http-endpoint enabled` (check first that the software on it uses an SDK that supports
    /// IMDSv2), and set the account default with `aws ec2 modify-instance-metadata-defaults
    /// --http-tokens required`.
    ///
    /// ## Not evaluated when
    /// The region's instances could not be read.
    pub EC2_INSTANCE_IMDSV2 = "ec2_instance_imdsv2",
    pillar: Pillar::Security,
    service: Service::Ec2,
    severity: Severity::Medium,
    best_practices: &[indirect("SEC06-BP02")],
    since: "0.1.0",
    title: "EC2 instances require IMDSv2",
    remediation: "aws ec2 modify-instance-metadata-options --instance-id INSTANCE --http-tokens required --http-endpoint enabled",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &EC2_INSTANCE_IMDSV2;
    ctx.each_in_ec2_regions(
        check,
        |ec2| &ec2.instances,
        |instance| {
            if !instance.exists() {
                return None;
            }
            let label = instance.resource().label();
            Some(
                match (
                    instance.http_tokens.as_deref(),
                    instance.http_endpoint.as_deref(),
                ) {
                    (Some("required"), _) => {
                        check.pass(instance, format!("instance {label} requires IMDSv2"))
                    }
                    (_, Some("disabled")) => check.pass(
                        instance,
                        format!("instance {label} has the metadata service disabled"),
                    ),
                    (tokens, _) => check.fail(
                        instance,
                        format!(
                            "instance {label} allows IMDSv1 (HttpTokens {})",
                            tokens.unwrap_or("unset")
                        ),
                    ),
                },
            )
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
    fn required_tokens_or_disabled_endpoint_pass_optional_fails_terminated_is_skipped() {
        let mut snap = snapshot();
        let mut legacy = instance("legacy");
        legacy.http_tokens = Some("optional".into());
        let mut dark = instance("dark");
        dark.http_tokens = Some("optional".into());
        dark.http_endpoint = Some("disabled".into());
        let mut gone = instance("gone");
        gone.http_tokens = Some("optional".into());
        gone.state = "terminated".into();
        let mut stopped = instance("stopped");
        stopped.http_tokens = None;
        stopped.state = "stopped".into();
        ec2(&mut snap).instances = Fetched::Ok(vec![instance("web"), legacy, dark, gone, stopped]);

        let findings = run(&EC2_INSTANCE_IMDSV2, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[
                ("web", Pass),
                ("legacy", Fail),
                ("dark", Pass),
                ("stopped", Fail)
            ])
        );
        assert_eq!(
            findings[1].message,
            "instance legacy (i-legacy) allows IMDSv1 (HttpTokens optional)"
        );
        assert_eq!(
            findings[3].message,
            "instance stopped (i-stopped) allows IMDSv1 (HttpTokens unset)"
        );
    }

    #[test]
    fn unreadable_region_is_not_evaluated() {
        let mut snap = snapshot();
        ec2(&mut snap).instances = Fetched::Failed(denied("DescribeInstances"));

        let findings = run(&EC2_INSTANCE_IMDSV2, &snap);

        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, NotEvaluated)]));
    }
}
