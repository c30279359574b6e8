use crate::catalog::Pillar;
use crate::check::{indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::s3::DEFAULT_STORAGE_LENS;
use crate::model::{Fetched, Service};
use crate::presence::{from_found, Looked};

declare_check! {
    /// ## What it does
    /// Looks for S3 Storage Lens dashboards the team set up: an enabled Storage Lens
    /// configuration other than the `default-account-dashboard` every account gets. One finding
    /// for the account.
    ///
    /// ## Why is this bad?
    /// Storage that nobody reads keeps costing money and energy. A Storage Lens dashboard scoped
    /// to the workload's buckets (with activity metrics) shows which data is hot, which went
    /// cold and which prefixes grow: the evidence to pick storage classes, Intelligent-Tiering
    /// and lifecycle rules. Teams may study access patterns with other tools (S3 Inventory,
    /// access logs in Athena), so finding none here is "no evidence found", not a failure.
    ///
    /// ## Example
    /// `aws s3control list-storage-lens-configurations --account-id ID` lists only
    /// `default-account-dashboard`. Fix: `aws s3control put-storage-lens-configuration` with the
    /// workload's buckets in scope and activity metrics on.
    ///
    /// ## Not evaluated when
    /// The Storage Lens configurations could not be listed.
    pub S3_STORAGE_LENS_DASHBOARD = "s3_storage_lens_dashboard",
    pillar: Pillar::Sustainability,
    service: Service::S3,
    severity: Severity::Low,
    best_practices: &[indirect("SUS04-BP02")],
    since: "0.6.0",
    title: "An S3 Storage Lens dashboard tracks how storage is used",
    remediation: "Create a Storage Lens dashboard for the workload's buckets with activity metrics: aws s3control put-storage-lens-configuration --account-id ID --config-id NAME --storage-lens-configuration file://lens.json",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &S3_STORAGE_LENS_DASHBOARD;
    let snap = ctx.snapshot;
    let (found, gap) = match &snap.s3.storage_lens_configurations {
        Fetched::Ok(configurations) => (
            configurations
                .iter()
                .filter(|c| c.enabled && c.id != DEFAULT_STORAGE_LENS)
                .map(|c| format!("dashboard {}", c.id))
                .collect(),
            None,
        ),
        Fetched::Failed(why) => (Vec::new(), Some(why)),
    };
    vec![from_found(
        check,
        snap,
        found,
        gap,
        Looked {
            what: "Storage Lens dashboard(s) set up",
            none: "no enabled S3 Storage Lens dashboard besides the default account dashboard",
        },
    )]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::s3::StorageLensConfiguration;
    use crate::testing::*;

    fn lens(id: &str, enabled: bool) -> StorageLensConfiguration {
        StorageLensConfiguration {
            id: id.into(),
            home_region: Some(REGION.into()),
            enabled,
        }
    }

    #[test]
    fn own_dashboard_passes_default_or_disabled_is_no_evidence_unlisted_not_evaluated() {
        let mut snap = snapshot();
        snap.s3.storage_lens_configurations = Fetched::Ok(vec![
            lens(DEFAULT_STORAGE_LENS, true),
            lens("old-team", false),
        ]);
        assert_eq!(
            statuses(&run(&S3_STORAGE_LENS_DASHBOARD, &snap)),
            expect(&[(ACCOUNT, NoEvidence)])
        );

        snap.s3.storage_lens_configurations = Fetched::Ok(vec![
            lens(DEFAULT_STORAGE_LENS, true),
            lens("shop-storage", true),
        ]);
        let findings = run(&S3_STORAGE_LENS_DASHBOARD, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, Pass)]));
        assert_eq!(
            findings[0].message,
            "1 Storage Lens dashboard(s) set up: dashboard shop-storage"
        );

        snap.s3.storage_lens_configurations =
            Fetched::Failed(denied("ListStorageLensConfigurations"));
        assert_eq!(
            statuses(&run(&S3_STORAGE_LENS_DASHBOARD, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
