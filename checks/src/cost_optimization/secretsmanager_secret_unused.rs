use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::Service;

/// How long a secret may go unread before it counts as unused.
const MAX_UNUSED_DAYS: i64 = 90;

declare_check! {
    /// ## What it does
    /// Checks that every Secrets Manager secret was read in the last 90 days. A secret created in
    /// the last 90 days and never read yet passes.
    ///
    /// ## Why is this bad?
    /// Each secret is billed monthly whether anything reads it or not, and a forgotten secret is
    /// still a live credential: it keeps granting access to a database or an API that may no
    /// longer be watched. A secret nobody has read for three months usually belongs to a
    /// decommissioned application.
    ///
    /// ## Example
    /// `aws secretsmanager describe-secret --secret-id NAME` shows a `LastAccessedDate` from last
    /// year. Fix: confirm nothing uses it (CloudTrail `GetSecretValue` events), revoke the
    /// credential at its source, then `aws secretsmanager delete-secret --secret-id NAME
    /// --recovery-window-in-days 30`.
    ///
    /// ## Not evaluated when
    /// The region's secrets could not be listed (one finding for the region).
    pub SECRETSMANAGER_SECRET_UNUSED = "secretsmanager_secret_unused",
    pillar: Pillar::CostOptimization,
    service: Service::Secretsmanager,
    severity: Severity::Low,
    best_practices: &[direct("COST04-BP03")],
    since: "0.3.0",
    title: "Secrets Manager secrets are read at least every 90 days",
    remediation: "Revoke the credential, then aws secretsmanager delete-secret --secret-id NAME --recovery-window-in-days 30",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &SECRETSMANAGER_SECRET_UNUSED;
    let now = ctx.snapshot.collected_at;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.secretsmanager,
        |region| &region.secrets,
        |secret| {
            let name = &secret.name;
            Some(match (secret.last_accessed, secret.created) {
                (Some(read), _) => {
                    let days = (now - read).whole_days();
                    if days > MAX_UNUSED_DAYS {
                        check.fail(
                            secret,
                            format!(
                                "secret {name} was last read {days} days ago ({})",
                                read.date()
                            ),
                        )
                    } else {
                        check.pass(secret, format!("secret {name} was read {days} day(s) ago"))
                    }
                }
                (None, Some(created)) if (now - created).whole_days() <= MAX_UNUSED_DAYS => check
                    .pass(
                        secret,
                        format!(
                            "secret {name} was created {} day(s) ago and not read yet",
                            (now - created).whole_days()
                        ),
                    ),
                (None, _) => check.fail(secret, format!("secret {name} has never been read")),
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
    fn recent_read_passes_stale_or_never_read_fails_unlisted_is_not_evaluated() {
        let mut snap = snapshot();
        let mut stale = secret("legacy-db");
        stale.last_accessed = days_ago(200);
        let mut never = secret("old-api-key");
        never.last_accessed = None;
        let mut fresh = secret("new-api-key");
        fresh.last_accessed = None;
        fresh.created = days_ago(5);
        secretsmanager(&mut snap).secrets = Fetched::Ok(vec![secret("db"), stale, never, fresh]);

        let findings = run(&SECRETSMANAGER_SECRET_UNUSED, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[
                ("db", Pass),
                ("legacy-db", Fail),
                ("old-api-key", Fail),
                ("new-api-key", Pass)
            ])
        );
        assert_eq!(
            findings[1].message,
            "secret legacy-db was last read 200 days ago (2025-11-13)"
        );

        secretsmanager(&mut snap).secrets = Fetched::Failed(denied("ListSecrets"));
        assert_eq!(
            statuses(&run(&SECRETSMANAGER_SECRET_UNUSED, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
