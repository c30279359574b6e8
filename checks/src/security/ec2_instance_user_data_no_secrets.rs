use super::plaintext::judge;
use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Service};

declare_check! {
    /// ## What it does
    /// Checks that no EC2 instance's user data holds a secret in plain text: an AWS access key,
    /// a private key block, a token of a known shape (GitHub, Slack, Stripe, JWT), credentials in
    /// a URL, a long high-entropy string, or an assignment like `DB_PASSWORD=…`,
    /// `export API_TOKEN="…"` or `"secret": "…"`. The user data is read with
    /// `DescribeInstanceAttribute` (`userData`) and scanned line by line as it is read; only the
    /// kind, the line and a mask are kept. Terminated instances are skipped.
    ///
    /// ## Why is this bad?
    /// User data is readable by anyone who may call `DescribeInstanceAttribute`, and from inside
    /// the instance by any process through the instance metadata service (no root needed), and
    /// it outlives the boot that used it. A secret there is shared with every one of them.
    ///
    /// ## Example
    /// A cloud-init script with `export DB_PASSWORD='…'`. Fix: fetch the secret at boot from
    /// Secrets Manager (`aws secretsmanager get-secret-value`) with the instance profile's
    /// permission, replace the user data (stop the instance, `aws ec2 modify-instance-attribute
    /// --user-data`), and rotate the exposed secret.
    ///
    /// ## Not evaluated when
    /// The region's instances, or this instance's user data, could not be read, or the user data
    /// is not text (gzip-compressed or binary): the reason names the instance.
    pub EC2_INSTANCE_USER_DATA_NO_SECRETS = "ec2_instance_user_data_no_secrets",
    pillar: Pillar::Security,
    service: Service::Ec2,
    severity: Severity::High,
    best_practices: &[direct("SEC02-BP03")],
    since: "0.3.0",
    title: "EC2 instance user data holds no secrets",
    remediation: "Fetch secrets at boot from Secrets Manager or Parameter Store with the instance profile, remove them from the user data (aws ec2 modify-instance-attribute --user-data) and rotate them.",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &EC2_INSTANCE_USER_DATA_NO_SECRETS;
    let mut findings = Vec::new();
    for (region, ec2) in &ctx.snapshot.ec2 {
        let instances = match &ec2.instances {
            Fetched::Ok(instances) => instances,
            Fetched::Failed(gap) => {
                findings.push(check.not_evaluated(&ctx.snapshot.account_resource(region), gap));
                continue;
            }
        };
        for instance in instances.iter().filter(|i| i.exists()) {
            let what = format!("instance {}'s user data", instance.id);
            findings.push(match ec2.user_data.get(&instance.id) {
                Some(hits) => judge(check, instance, &what, hits),
                None => {
                    let gap = crate::model::Gap {
                        service: "ec2".into(),
                        region: Some(region.clone()),
                        operation: "DescribeInstanceAttribute".into(),
                        resource: Some(instance.id.clone()),
                        kind: crate::model::ErrorKind::NotCollected,
                        message: "the user data was not read in this scan".into(),
                    };
                    check.not_evaluated(instance, &gap)
                }
            });
        }
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::{ErrorKind, Gap};
    use crate::testing::*;

    #[test]
    fn secrets_fail_clean_passes_binary_or_unread_is_not_evaluated() {
        let mut snap = snapshot();
        let mut gone = instance("gone");
        gone.state = "terminated".into();
        let region = ec2(&mut snap);
        region.instances = Fetched::Ok(vec![
            instance("clean"),
            instance("leaky"),
            instance("zipped"),
            instance("unread"),
            gone,
        ]);
        let id = |name: &str| format!("i-{name}");
        region.user_data.insert(id("clean"), Fetched::Ok(vec![]));
        region.user_data.insert(
            id("leaky"),
            Fetched::Ok(vec![secret_hit("password-like value", "user data line 2")]),
        );
        region.user_data.insert(
            id("zipped"),
            Fetched::Failed(Gap {
                service: "ec2".into(),
                region: Some(REGION.into()),
                operation: "DescribeInstanceAttribute".into(),
                resource: Some(id("zipped")),
                kind: ErrorKind::Other,
                message: "the user data is not text (gzip-compressed, 120 bytes)".into(),
            }),
        );

        let findings = run(&EC2_INSTANCE_USER_DATA_NO_SECRETS, &snap);

        assert_eq!(
            findings.iter().map(|f| f.status).collect::<Vec<_>>(),
            [Pass, Fail, NotEvaluated, NotEvaluated]
        );
        assert_eq!(
            findings[1].message,
            "instance i-leaky's user data holds a secret in plain text: password-like value in user data line 2: … (12 characters)"
        );
        assert!(
            findings[2].message.contains("i-zipped") && findings[2].message.contains("not text")
        );

        ec2(&mut snap).instances = Fetched::Failed(denied("DescribeInstances"));
        assert_eq!(
            statuses(&run(&EC2_INSTANCE_USER_DATA_NO_SECRETS, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
