//! Collectors: read an account's configuration through the AWS SDK into a [`Snapshot`].
//!
//! Read-only by construction: only Describe/Get/List calls (and IAM's GenerateCredentialReport,
//! which builds a report and changes nothing). Services, regions and buckets run concurrently under
//! one in-flight limit; each call has a timeout and the SDK's standard retry. A failed call is
//! recorded in the snapshot as a [`Gap`] and put in the slot its data would have filled, so the
//! checks that needed it report `not_evaluated` with the reason. A collector never panics.

mod accessanalyzer;
mod account;
mod acm;
mod apigateway;
mod autoscaling;
mod backup;
mod backup_evidence;
mod budget;
mod budgets;
mod calls;
mod cloudformation;
mod cloudfront;
mod cloudtrail;
mod cloudwatch;
mod cloudwatch_dashboards;
mod codedeploy;
mod codepipeline;
mod computeoptimizer;
mod config;
mod costexplorer;
mod dataexports;
mod detective;
mod dynamodb;
mod ec2;
mod ec2_exposure;
mod ec2_network;
mod ecr;
mod ecs;
mod efs;
mod eks;
mod elasticache;
mod elbv2;
mod fis;
mod guardduty;
mod iam;
mod identity;
mod inspector2;
mod kms;
mod lambda;
mod lambda_mappings;
mod logs;
mod macie2;
mod networkfirewall;
mod opensearch;
mod organizations;
mod presence;
mod ram;
mod rds;
mod resiliencehub;
mod route53;
mod s3;
mod secretsmanager;
mod securityhub;
mod servicequotas;
mod shield;
mod sns;
mod sqs;
mod ssm;
mod ssmincidents;
mod support;
mod synthetics;
mod tagging;
mod wafv2;
mod wellarchitected;

use std::collections::BTreeSet;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use aws_types::SdkConfig;
use time::OffsetDateTime;
use tokio::sync::Semaphore;
use wascan_checks::model::{ErrorKind, Gap, Service, Snapshot};

pub use budget::{default_rate, CallBudget, Rate, TokenBucket};
pub use calls::{classify, CallCounter, Ctx};
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
    /// The in-flight limit to share with other collections (a multi-account scan runs all its
    /// accounts under one limit); `None`: a limit of `concurrency` of this collection's own.
    pub shared_limit: Option<Arc<Semaphore>>,
    /// Draw the progress line on stderr (when it is a terminal).
    pub progress: bool,
    /// A ceiling on API calls per second for the whole scan, below the per-service budgets.
    pub max_rps: Option<f64>,
    /// The `max_rps` ceiling to share with other collections (a multi-account scan puts all its
    /// accounts under one); `None`: a ceiling of `max_rps` of this collection's own.
    pub shared_ceiling: Option<Arc<TokenBucket>>,
}

/// API calls in flight at once by default. The per-(service, region) budgets cap each service's
/// rate whatever this is; this bounds the round trips waited on at once. Measured on the
/// benchmark's N=100 account with 50 ms round trips: 16 → 6.2 s, 32 → 3.3 s, 64 → 2.2 s, peak
/// memory 54 MiB for all three (docs/scaling.md).
pub const DEFAULT_CONCURRENCY: u16 = 64;

impl Default for CollectOptions {
    fn default() -> Self {
        CollectOptions {
            regions: Regions::Default,
            services: Service::ALL.into_iter().collect(),
            concurrency: usize::from(DEFAULT_CONCURRENCY),
            call_timeout: Duration::from_secs(30),
            shared_limit: None,
            progress: true,
            max_rps: None,
            shared_ceiling: None,
        }
    }
}

/// Collects a snapshot of the account `sdk_config` has credentials for.
///
/// Fails only when the account cannot be identified (no or bad credentials) or the region list is
/// invalid; every other failure is recorded in the snapshot.
pub async fn collect(sdk_config: &SdkConfig, options: &CollectOptions) -> Result<Snapshot, Error> {
    let collected = collect_until(sdk_config, options, std::future::pending()).await?;
    Ok(collected.snapshot)
}

/// A snapshot, complete or cut short by an interruption.
#[derive(Debug)]
pub struct Collected {
    pub snapshot: Snapshot,
    /// Collection stopped early: the services it had not finished are left out of
    /// `snapshot.services` and recorded in `snapshot.errors` as `interrupted` gaps, so their checks
    /// are `not_evaluated` with that reason.
    pub interrupted: bool,
}

/// Like [`collect`], but stops when `interrupt` completes (SIGINT, SIGTERM) and returns what was
/// collected so far. Interrupted before the account and regions are known: [`Error::Interrupted`].
pub async fn collect_until(
    sdk_config: &SdkConfig,
    options: &CollectOptions,
    interrupt: impl std::future::Future<Output = ()>,
) -> Result<Collected, Error> {
    let mut interrupt = std::pin::pin!(interrupt);
    let counter = CallCounter::default();
    let identity = tokio::select! {
        identity = caller_identity(sdk_config, &counter) => identity?,
        () = &mut interrupt => return Err(Error::Interrupted),
    };
    let progress = if options.progress {
        CollectionProgress::for_stderr()
    } else {
        CollectionProgress::new(false)
    };
    let ctx = Arc::new(
        Ctx::new(sdk_config.clone(), &identity, counter, options).with_progress(progress.bar()),
    );
    let mut snapshot = Snapshot::new(&identity.account_id, OffsetDateTime::now_utc());
    snapshot.partition = identity.partition;
    snapshot.regions = tokio::select! {
        regions = ec2::resolve_regions(&ctx, &options.regions) => regions?,
        () = &mut interrupt => return Err(Error::Interrupted),
    };
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
    let regions = snapshot.regions.clone();
    // Each service's data goes into the snapshot the moment it is complete, so an interruption
    // keeps every finished service.
    let parts = Mutex::new(snapshot);
    let finished = Mutex::new(BTreeSet::new());
    // Each collector's future lives on the heap: joined inline, forty of them made one future
    // larger than the main thread's stack (`review plan` overflowed it).
    macro_rules! service {
        ($service:expr, $field:ident, $collected:expr) => {
            async {
                if wants($service) {
                    let value = Box::pin($collected).await;
                    lock(&parts).$field = value;
                    lock(&finished).insert($service);
                }
            }
        };
    }
    let all = async {
        futures::join!(
            service!(Service::Ec2, ec2, ec2::collect(&ctx, &regions)),
            service!(Service::S3, s3, s3::collect(&ctx, &regions)),
            service!(Service::Iam, iam, iam::collect(&ctx)),
            service!(
                Service::Cloudtrail,
                cloudtrail,
                cloudtrail::collect(&ctx, &regions)
            ),
            service!(Service::Config, config, config::collect(&ctx, &regions)),
            service!(Service::Rds, rds, rds::collect(&ctx, &regions)),
            service!(
                Service::Dynamodb,
                dynamodb,
                dynamodb::collect(&ctx, &regions)
            ),
            service!(Service::Kms, kms, kms::collect(&ctx, &regions)),
            service!(Service::Logs, logs, logs::collect(&ctx, &regions)),
            service!(Service::Lambda, lambda, lambda::collect(&ctx, &regions)),
            service!(Service::Elbv2, elbv2, elbv2::collect(&ctx, &regions)),
            service!(
                Service::Guardduty,
                guardduty,
                guardduty::collect(&ctx, &regions)
            ),
            service!(
                Service::Securityhub,
                securityhub,
                securityhub::collect(&ctx, &regions)
            ),
            service!(Service::Sqs, sqs, sqs::collect(&ctx, &regions)),
            service!(Service::Sns, sns, sns::collect(&ctx, &regions)),
            service!(
                Service::Secretsmanager,
                secretsmanager,
                secretsmanager::collect(&ctx, &regions)
            ),
            service!(Service::Efs, efs, efs::collect(&ctx, &regions)),
            service!(Service::Ecr, ecr, ecr::collect(&ctx, &regions)),
            service!(Service::Ecs, ecs, ecs::collect(&ctx, &regions)),
            service!(Service::Eks, eks, eks::collect(&ctx, &regions)),
            service!(
                Service::Autoscaling,
                autoscaling,
                autoscaling::collect(&ctx, &regions)
            ),
            service!(Service::Acm, acm, acm::collect(&ctx, &regions)),
            service!(Service::Ssm, ssm, ssm::collect(&ctx, &regions)),
            service!(Service::Backup, backup, backup::collect(&ctx, &regions)),
            service!(
                Service::Organizations,
                organizations,
                organizations::collect(&ctx)
            ),
            service!(Service::Budgets, budgets, budgets::collect(&ctx)),
            service!(
                Service::CostExplorer,
                costexplorer,
                costexplorer::collect(&ctx)
            ),
            service!(
                Service::ComputeOptimizer,
                computeoptimizer,
                computeoptimizer::collect(&ctx, &regions)
            ),
            service!(Service::Cloudfront, cloudfront, cloudfront::collect(&ctx)),
            service!(Service::Route53, route53, route53::collect(&ctx)),
            service!(
                Service::Cloudwatch,
                cloudwatch,
                cloudwatch::collect(&ctx, &regions)
            ),
            // Dashboards are global: one listing beside the regional CloudWatch data.
            async {
                if wants(Service::Cloudwatch) {
                    let dashboards = cloudwatch_dashboards::collect(&ctx).await;
                    lock(&parts).cloudwatch_dashboards = dashboards;
                }
            },
            service!(
                Service::AccessAnalyzer,
                accessanalyzer,
                accessanalyzer::collect(&ctx, &regions)
            ),
            service!(
                Service::Cloudformation,
                cloudformation,
                cloudformation::collect(&ctx, &regions)
            ),
            service!(
                Service::Apigateway,
                apigateway,
                apigateway::collect(&ctx, &regions)
            ),
            service!(Service::Fis, fis, fis::collect(&ctx, &regions)),
            service!(
                Service::Codedeploy,
                codedeploy,
                codedeploy::collect(&ctx, &regions)
            ),
            service!(
                Service::Resiliencehub,
                resiliencehub,
                resiliencehub::collect(&ctx, &regions)
            ),
            service!(
                Service::Synthetics,
                synthetics,
                synthetics::collect(&ctx, &regions)
            ),
            service!(
                Service::Inspector2,
                inspector2,
                inspector2::collect(&ctx, &regions)
            ),
            service!(Service::Macie2, macie2, macie2::collect(&ctx, &regions)),
            service!(Service::Wafv2, wafv2, wafv2::collect(&ctx, &regions)),
            service!(
                Service::Detective,
                detective,
                detective::collect(&ctx, &regions)
            ),
            service!(Service::Ram, ram, ram::collect(&ctx, &regions)),
            service!(
                Service::Elasticache,
                elasticache,
                elasticache::collect(&ctx, &regions)
            ),
            service!(
                Service::Opensearch,
                opensearch,
                opensearch::collect(&ctx, &regions)
            ),
            service!(
                Service::Dataexports,
                dataexports,
                dataexports::collect(&ctx)
            ),
            service!(
                Service::Ssmincidents,
                ssmincidents,
                ssmincidents::collect(&ctx, &regions)
            ),
            service!(
                Service::Codepipeline,
                codepipeline,
                codepipeline::collect(&ctx, &regions)
            ),
            service!(
                Service::Servicequotas,
                servicequotas,
                servicequotas::collect(&ctx, &regions)
            ),
            service!(
                Service::Wellarchitected,
                wellarchitected,
                wellarchitected::collect(&ctx, &regions)
            ),
            service!(Service::Support, support, support::collect(&ctx)),
            service!(Service::Account, account, account::collect(&ctx)),
            service!(Service::Shield, shield, shield::collect(&ctx)),
            service!(
                Service::Networkfirewall,
                networkfirewall,
                networkfirewall::collect(&ctx, &regions)
            ),
        )
    };
    // Tags the selected services' own answers lack, in bulk: part of collection, not a service
    // of its own (an interruption leaves them out, and findings go untagged).
    let tag_queries = tagging::queries(&options.services, &regions);
    let tags = async {
        if !tag_queries.is_empty() {
            let tags = tagging::collect(&ctx, &tag_queries).await;
            lock(&parts).resource_tags = tags;
        }
    };
    let interrupted = tokio::select! {
        _ = futures::future::join(all, tags) => false,
        () = &mut interrupt => true,
    };
    let mut snapshot = parts.into_inner().unwrap_or_else(PoisonError::into_inner);
    snapshot.errors = ctx.take_errors();
    if interrupted {
        let finished = finished
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        let unfinished: Vec<Service> = options
            .services
            .iter()
            .copied()
            .filter(|service| !finished.contains(service))
            .collect();
        for service in unfinished {
            snapshot.services.remove(&service);
            snapshot.errors.push(Gap {
                service: service.as_str().to_string(),
                region: None,
                operation: "*".to_string(),
                resource: None,
                kind: ErrorKind::Interrupted,
                message: format!("the scan was interrupted before {service} was collected"),
            });
        }
    }
    let counts = ctx.calls.counts();
    for (operation, retries) in &counts.retries {
        let throttled = counts.throttled.get(operation).copied().unwrap_or(0);
        tracing::info!("{operation}: {retries} retries ({throttled} attempts throttled)");
    }
    snapshot.api_calls = counts.attempts;
    snapshot.api_retries = counts.retries;
    snapshot.api_throttled = counts.throttled;
    for (service, calls) in snapshot.api_calls_by_service() {
        tracing::info!(service = %service, calls, "API calls");
    }
    Ok(Collected {
        snapshot,
        interrupted,
    })
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

#[cfg(test)]
pub(crate) mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use aws_sdk_sts::operation::get_caller_identity::GetCallerIdentityError;
    use aws_smithy_runtime_api::client::result::SdkError;
    use aws_smithy_runtime_api::http::Response as HttpResponse;

    use super::*;
    use wascan_checks::model::Gap;

    /// A context for collector tests with recorded responses (the clients carry their own
    /// configuration; this one only counts, limits and records).
    pub fn test_ctx() -> Ctx {
        ctx(&CollectOptions::default(), "123456789012")
    }

    fn ctx(options: &CollectOptions, account_id: &str) -> Ctx {
        let identity = CallerIdentity {
            account_id: account_id.into(),
            arn: format!("arn:aws:iam::{account_id}:root"),
            partition: "aws".into(),
        };
        Ctx::new(
            SdkConfig::builder().build(),
            &identity,
            CallCounter::default(),
            options,
        )
    }

    /// Counts how many resources' futures exist at once (`alive`) and the most ever (`most`).
    #[derive(Default)]
    struct Liveness {
        alive: AtomicUsize,
        most: AtomicUsize,
    }

    impl Liveness {
        /// Resource `i`'s future, counted from when it is made until it finishes `wait_ms` later.
        fn work(&self, i: u64, wait_ms: u64) -> impl std::future::Future<Output = u64> + '_ {
            let now = self.alive.fetch_add(1, Ordering::SeqCst) + 1;
            self.most.fetch_max(now, Ordering::SeqCst);
            async move {
                tokio::time::sleep(std::time::Duration::from_millis(wait_ms)).await;
                self.alive.fetch_sub(1, Ordering::SeqCst);
                i
            }
        }
    }

    /// `per_resource` makes each resource's future only when it starts: at most `concurrency`
    /// exist at once (all 200 buckets' futures at once held 32 MB), and the outputs keep the
    /// resources' order.
    #[tokio::test]
    async fn per_resource_work_is_bounded_and_ordered() {
        let options = CollectOptions {
            concurrency: 3,
            ..CollectOptions::default()
        };
        let ctx = ctx(&options, "123456789012");
        let live = Liveness::default();
        // Later resources finish first: the order must still hold.
        let outputs = ctx
            .per_resource((0..20u64).map(|i| live.work(i, 20 - i)))
            .await;
        assert_eq!(outputs, (0..20).collect::<Vec<_>>());
        assert_eq!(live.most.load(Ordering::SeqCst), 3);
    }

    #[tokio::test]
    async fn resources_making_several_calls_each_share_the_in_flight_limit() {
        let options = CollectOptions {
            concurrency: 16,
            ..CollectOptions::default()
        };
        let ctx = ctx(&options, "123456789012");
        let live = Liveness::default();
        let work = |i: u64| live.work(i, 5);
        // Eight calls each: two resources at a time fill sixteen slots.
        let outputs = ctx.per_resource_calls(8, (0..10u64).map(work)).await;
        assert_eq!(outputs, (0..10).collect::<Vec<_>>());
        assert_eq!(live.most.load(Ordering::SeqCst), 2);
        // More calls each than slots: still one resource at a time, never none.
        live.most.store(0, Ordering::SeqCst);
        let outputs = ctx.per_resource_calls(40, (0..3u64).map(work)).await;
        assert_eq!(outputs, [0, 1, 2]);
        assert_eq!(live.most.load(Ordering::SeqCst), 1);
    }

    /// One call that takes 20 ms, tracking how many are in flight at once.
    async fn one_call(ctx: &Ctx, in_flight: &AtomicUsize, most: &AtomicUsize) -> Result<(), Gap> {
        ctx.call(calls::Call::new("test", "Wait"), async {
            let now = in_flight.fetch_add(1, Ordering::SeqCst) + 1;
            most.fetch_max(now, Ordering::SeqCst);
            tokio::time::sleep(Duration::from_millis(20)).await;
            in_flight.fetch_sub(1, Ordering::SeqCst);
            Ok::<(), SdkError<GetCallerIdentityError, HttpResponse>>(())
        })
        .await
    }

    /// Two accounts' collections given one shared limit of 3 never have more than 3 calls in
    /// flight together (a multi-account scan's one global `--concurrency`).
    #[tokio::test]
    async fn collections_sharing_a_limit_stay_under_it_together() {
        let options = CollectOptions {
            concurrency: 3,
            shared_limit: Some(Arc::new(Semaphore::new(3))),
            ..CollectOptions::default()
        };
        let accounts = [ctx(&options, "111111111111"), ctx(&options, "222222222222")];
        let in_flight = AtomicUsize::new(0);
        let most = AtomicUsize::new(0);
        let calls = accounts
            .iter()
            .flat_map(|ctx| (0..6).map(move |_| ctx))
            .map(|ctx| one_call(ctx, &in_flight, &most));
        let outcomes = futures::future::join_all(calls).await;
        assert!(outcomes.iter().all(Result::is_ok));
        assert_eq!(
            most.load(Ordering::SeqCst),
            3,
            "the shared limit, reached and held"
        );

        // Without a shared limit, each collection has its own: 3 + 3 together.
        let own = CollectOptions {
            concurrency: 3,
            ..CollectOptions::default()
        };
        let accounts = [ctx(&own, "111111111111"), ctx(&own, "222222222222")];
        most.store(0, Ordering::SeqCst);
        let calls = accounts
            .iter()
            .flat_map(|ctx| (0..6).map(move |_| ctx))
            .map(|ctx| one_call(ctx, &in_flight, &most));
        futures::future::join_all(calls).await;
        assert_eq!(most.load(Ordering::SeqCst), 6);
    }
}
