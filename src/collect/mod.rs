//! Collectors: read an account's configuration through the AWS SDK into a [`Snapshot`].
//!
//! Read-only by construction: only Describe/Get/List calls (and IAM's GenerateCredentialReport,
//! which builds a report and changes nothing). Services, regions and buckets run concurrently under
//! one in-flight limit; each call has a timeout and the SDK's adaptive retry. A failed call is
//! recorded in the snapshot as a [`Gap`] and put in the slot its data would have filled, so the
//! checks that needed it report `not_evaluated` with the reason. A collector never panics.

mod accessanalyzer;
mod backup;
mod budgets;
mod calls;
mod cloudfront;
mod cloudtrail;
mod cloudwatch;
mod computeoptimizer;
mod config;
mod costexplorer;
mod dynamodb;
mod ec2;
mod efs;
mod elbv2;
mod guardduty;
mod iam;
mod identity;
mod kms;
mod lambda;
mod logs;
mod organizations;
mod rds;
mod route53;
mod s3;
mod secretsmanager;
mod securityhub;
mod sns;
mod sqs;

use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::Duration;

use aws_types::SdkConfig;
use time::OffsetDateTime;
use wascan_checks::model::{Service, Snapshot};

pub use calls::{CallCounter, Ctx};
pub use identity::{caller_identity, CallerIdentity};

use crate::error::Error;
use crate::progress::CollectionProgress;

/// Which regions to scan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Regions {
    /// The region of the credential chain (profile or `AWS_REGION`), else us-east-1.
    Default,
    /// These regions.
    List(Vec<String>),
    /// Every region enabled for the account (`ec2:DescribeRegions`).
    All,
}

/// What to collect and how hard to push.
#[derive(Debug, Clone)]
pub struct CollectOptions {
    pub regions: Regions,
    pub services: BTreeSet<Service>,
    /// The most API calls in flight at once, across all services and regions.
    pub concurrency: usize,
    /// The longest one call (all its retries included) may take.
    pub call_timeout: Duration,
}

impl Default for CollectOptions {
    fn default() -> Self {
        CollectOptions {
            regions: Regions::Default,
            services: Service::ALL.into_iter().collect(),
            concurrency: 16,
            call_timeout: Duration::from_secs(30),
        }
    }
}

/// Collects a snapshot of the account `sdk_config` has credentials for.
///
/// Fails only when the account cannot be identified (no or bad credentials) or the region list is
/// invalid; every other failure is recorded in the snapshot.
pub async fn collect(sdk_config: &SdkConfig, options: &CollectOptions) -> Result<Snapshot, Error> {
    let counter = CallCounter::default();
    let identity = caller_identity(sdk_config, &counter).await?;
    let progress = CollectionProgress::for_stderr();
    let ctx = Arc::new(
        Ctx::new(sdk_config.clone(), &identity, counter, options).with_progress(progress.bar()),
    );
    let mut snapshot = Snapshot::new(&identity.account_id, OffsetDateTime::now_utc());
    snapshot.partition = identity.partition;
    snapshot.regions = ec2::resolve_regions(&ctx, &options.regions).await?;
    snapshot.services = options.services.clone();
    progress.set_scope(
        &snapshot.account_id,
        snapshot.regions.len(),
        snapshot.services.len(),
    );
    tracing::info!(
        account = %snapshot.account_id,
        regions = ?snapshot.regions,
        services = ?snapshot.services,
        "collecting"
    );

    let wants = |service| options.services.contains(&service);
    let (
        ec2,
        s3,
        iam,
        cloudtrail,
        config,
        rds,
        dynamodb,
        kms,
        logs,
        lambda,
        elbv2,
        guardduty,
        securityhub,
        sqs,
        sns,
        secretsmanager,
        efs,
    ) = futures::join!(
        async {
            if wants(Service::Ec2) {
                Some(ec2::collect(&ctx, &snapshot.regions).await)
            } else {
                None
            }
        },
        async {
            if wants(Service::S3) {
                Some(s3::collect(&ctx, &snapshot.regions).await)
            } else {
                None
            }
        },
        async {
            if wants(Service::Iam) {
                Some(iam::collect(&ctx).await)
            } else {
                None
            }
        },
        async {
            if wants(Service::Cloudtrail) {
                Some(cloudtrail::collect(&ctx, &snapshot.regions).await)
            } else {
                None
            }
        },
        async {
            if wants(Service::Config) {
                Some(config::collect(&ctx, &snapshot.regions).await)
            } else {
                None
            }
        },
        async {
            if wants(Service::Rds) {
                Some(rds::collect(&ctx, &snapshot.regions).await)
            } else {
                None
            }
        },
        async {
            if wants(Service::Dynamodb) {
                Some(dynamodb::collect(&ctx, &snapshot.regions).await)
            } else {
                None
            }
        },
        async {
            if wants(Service::Kms) {
                Some(kms::collect(&ctx, &snapshot.regions).await)
            } else {
                None
            }
        },
        async {
            if wants(Service::Logs) {
                Some(logs::collect(&ctx, &snapshot.regions).await)
            } else {
                None
            }
        },
        async {
            if wants(Service::Lambda) {
                Some(lambda::collect(&ctx, &snapshot.regions).await)
            } else {
                None
            }
        },
        async {
            if wants(Service::Elbv2) {
                Some(elbv2::collect(&ctx, &snapshot.regions).await)
            } else {
                None
            }
        },
        async {
            if wants(Service::Guardduty) {
                Some(guardduty::collect(&ctx, &snapshot.regions).await)
            } else {
                None
            }
        },
        async {
            if wants(Service::Securityhub) {
                Some(securityhub::collect(&ctx, &snapshot.regions).await)
            } else {
                None
            }
        },
        async {
            if wants(Service::Sqs) {
                Some(sqs::collect(&ctx, &snapshot.regions).await)
            } else {
                None
            }
        },
        async {
            if wants(Service::Sns) {
                Some(sns::collect(&ctx, &snapshot.regions).await)
            } else {
                None
            }
        },
        async {
            if wants(Service::Secretsmanager) {
                Some(secretsmanager::collect(&ctx, &snapshot.regions).await)
            } else {
                None
            }
        },
        async {
            if wants(Service::Efs) {
                Some(efs::collect(&ctx, &snapshot.regions).await)
            } else {
                None
            }
        },
    );
    let (
        backup,
        organizations,
        budgets,
        costexplorer,
        computeoptimizer,
        cloudfront,
        route53,
        cloudwatch,
        accessanalyzer,
    ) = futures::join!(
        async {
            if wants(Service::Backup) {
                Some(backup::collect(&ctx, &snapshot.regions).await)
            } else {
                None
            }
        },
        async {
            if wants(Service::Organizations) {
                Some(organizations::collect(&ctx).await)
            } else {
                None
            }
        },
        async {
            if wants(Service::Budgets) {
                Some(budgets::collect(&ctx).await)
            } else {
                None
            }
        },
        async {
            if wants(Service::CostExplorer) {
                Some(costexplorer::collect(&ctx).await)
            } else {
                None
            }
        },
        async {
            if wants(Service::ComputeOptimizer) {
                Some(computeoptimizer::collect(&ctx, &snapshot.regions).await)
            } else {
                None
            }
        },
        async {
            if wants(Service::Cloudfront) {
                Some(cloudfront::collect(&ctx).await)
            } else {
                None
            }
        },
        async {
            if wants(Service::Route53) {
                Some(route53::collect(&ctx).await)
            } else {
                None
            }
        },
        async {
            if wants(Service::Cloudwatch) {
                Some(cloudwatch::collect(&ctx, &snapshot.regions).await)
            } else {
                None
            }
        },
        async {
            if wants(Service::AccessAnalyzer) {
                Some(accessanalyzer::collect(&ctx, &snapshot.regions).await)
            } else {
                None
            }
        },
    );
    if let Some(ec2) = ec2 {
        snapshot.ec2 = ec2;
    }
    if let Some(s3) = s3 {
        snapshot.s3 = s3;
    }
    if let Some(iam) = iam {
        snapshot.iam = iam;
    }
    if let Some(cloudtrail) = cloudtrail {
        snapshot.cloudtrail = cloudtrail;
    }
    if let Some(config) = config {
        snapshot.config = config;
    }
    if let Some(rds) = rds {
        snapshot.rds = rds;
    }
    if let Some(dynamodb) = dynamodb {
        snapshot.dynamodb = dynamodb;
    }
    if let Some(kms) = kms {
        snapshot.kms = kms;
    }
    if let Some(logs) = logs {
        snapshot.logs = logs;
    }
    if let Some(lambda) = lambda {
        snapshot.lambda = lambda;
    }
    if let Some(elbv2) = elbv2 {
        snapshot.elbv2 = elbv2;
    }
    if let Some(guardduty) = guardduty {
        snapshot.guardduty = guardduty;
    }
    if let Some(securityhub) = securityhub {
        snapshot.securityhub = securityhub;
    }
    if let Some(sqs) = sqs {
        snapshot.sqs = sqs;
    }
    if let Some(sns) = sns {
        snapshot.sns = sns;
    }
    if let Some(secretsmanager) = secretsmanager {
        snapshot.secretsmanager = secretsmanager;
    }
    if let Some(efs) = efs {
        snapshot.efs = efs;
    }
    if let Some(backup) = backup {
        snapshot.backup = backup;
    }
    if let Some(organizations) = organizations {
        snapshot.organizations = organizations;
    }
    if let Some(budgets) = budgets {
        snapshot.budgets = budgets;
    }
    if let Some(costexplorer) = costexplorer {
        snapshot.costexplorer = costexplorer;
    }
    if let Some(computeoptimizer) = computeoptimizer {
        snapshot.computeoptimizer = computeoptimizer;
    }
    if let Some(cloudfront) = cloudfront {
        snapshot.cloudfront = cloudfront;
    }
    if let Some(route53) = route53 {
        snapshot.route53 = route53;
    }
    if let Some(cloudwatch) = cloudwatch {
        snapshot.cloudwatch = cloudwatch;
    }
    if let Some(accessanalyzer) = accessanalyzer {
        snapshot.accessanalyzer = accessanalyzer;
    }
    snapshot.errors = ctx.take_errors();
    snapshot.api_calls = ctx.calls.snapshot();
    Ok(snapshot)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A context for collector tests with recorded responses (the clients carry their own
    /// configuration; this one only counts, limits and records).
    pub fn test_ctx() -> Ctx {
        let identity = CallerIdentity {
            account_id: "123456789012".into(),
            arn: "arn:aws:iam::123456789012:user/test".into(),
            partition: "aws".into(),
        };
        Ctx::new(
            SdkConfig::builder().build(),
            &identity,
            CallCounter::default(),
            &CollectOptions::default(),
        )
    }
}
