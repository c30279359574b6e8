//! The call budget: every API call waits for a token from the bucket of its (service, region),
//! so a scan stays well below the request rates AWS publishes and never throttles the production
//! workload sharing the account's limits.
//!
//! This sits on top of the SDK's adaptive retry (which only slows down after being throttled):
//! the budget keeps wascan from being throttled in the first place. `--max-rps N` adds one global
//! bucket of N calls per second (burst 1) in front of all the others and lowers every bucket to at
//! most N per second: a hard ceiling for the whole scan. A multi-account scan gives each account
//! its own (service, region) buckets (AWS's limits are per account) but shares the one ceiling,
//! so `--max-rps` bounds the whole scan however many accounts it reads.
//!
//! Each bucket is a GCRA (generic cell rate algorithm) token bucket: it keeps only the time the
//! next call is due, and a caller reserves its slot before sleeping, so waiting callers are served
//! in arrival order and the rate holds however many tasks wait. Hand-written (about forty lines)
//! rather than `governor`: governor's clock does not follow tokio's (pausable) clock and would add
//! its own dependency tree; this uses `tokio::time` only.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use tokio::time::Instant;

/// A sustained rate and the calls allowed at once above it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rate {
    /// Calls per second, sustained.
    pub per_second: f64,
    /// Calls allowed back to back after a quiet period (at least 1).
    pub burst: u32,
}

impl Rate {
    pub const fn new(per_second: f64, burst: u32) -> Self {
        Rate { per_second, burst }
    }

    /// This rate, lowered to at most `ceiling` calls per second (and the burst with it).
    pub fn capped(self, ceiling: f64) -> Self {
        if self.per_second <= ceiling {
            return self;
        }
        // The burst of a capped bucket is at most one second of the ceiling.
        let burst_cap = ceiling.floor().max(1.0) as u32;
        Rate {
            per_second: ceiling,
            burst: self.burst.min(burst_cap),
        }
    }
}

/// The budget of one service in one region (or of a global service), sized below the rate AWS
/// publishes for it. wascan only calls read-only actions, so only the read limits matter.
///
/// Sources (as published when written; AWS may raise them for an account, never lowers them):
/// - EC2: <https://docs.aws.amazon.com/ec2/latest/devguide/ec2-api-throttling.html> — per account
///   and region, request token buckets per API; non-mutating (Describe*) actions refill at 20
///   tokens/s (bucket 100), "unfiltered and unpaginated" ones at a lower rate. wascan takes 10/s
///   for all its EC2 calls in a region together: half of one API's refill rate.
/// - IAM: a global service (one endpoint, us-east-1), so one bucket for all regions. AWS
///   publishes no request rate for IAM reads (<https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html>
///   lists object quotas only), and its account access API is limited to 20 TPS collectively
///   (<https://docs.aws.amazon.com/IAM/latest/UserGuide/aam-quotas.html>); wascan takes 8/s, and
///   reads IAM in bulk (GetAccountAuthorizationDetails, the credential report), so it needs few.
/// - S3: <https://docs.aws.amazon.com/AmazonS3/latest/userguide/optimizing-performance.html> —
///   5,500 GET/HEAD requests per second per partitioned prefix, a limit per bucket: bucket
///   configuration reads are eight per bucket, spread over all the buckets. wascan takes 500/s
///   per region (burst 500), under a tenth of one prefix's rate. (At 100/s the benchmark's 1,600
///   reads over three regions waited 3 s for tokens when the answers came at once.)
/// - Lambda: <https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html> — control
///   plane API requests 15 per second across all APIs: wascan takes 8/s.
/// - CloudWatch Logs: <https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/cloudwatch_limits_cwl.html>
///   — DescribeLogGroups 10 transactions per second per account per region: wascan takes 5/s.
/// - CloudTrail (<https://docs.aws.amazon.com/general/latest/gr/ct.html>), Config
///   (<https://docs.aws.amazon.com/config/latest/developerguide/configlimits.html>), ELBv2
///   (<https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/elb-api-throttling.html>
///   ), RDS, GuardDuty, Security Hub, EFS: per-API read rates between 5 and 20+ per second where
///   published; wascan takes 4–10/s, at or below the lowest.
/// - KMS (<https://docs.aws.amazon.com/kms/latest/developerguide/requests-per-second.html>: List*
///   100/s, Describe/Get 1,000+/s shared), DynamoDB, SQS, SNS
///   (<https://docs.aws.amazon.com/general/latest/gr/sns.html>), Secrets Manager
///   (<https://docs.aws.amazon.com/secretsmanager/latest/userguide/reference_limits.html>): reads
///   in the tens to thousands per second: wascan takes 15–25/s.
/// - Anything else: 5/s.
pub fn default_rate(service: &str) -> Rate {
    match service {
        "ec2" => Rate::new(10.0, 20),
        "iam" => Rate::new(8.0, 16),
        "s3" => Rate::new(500.0, 500),
        "s3control" => Rate::new(5.0, 10),
        "lambda" => Rate::new(8.0, 15),
        "logs" => Rate::new(5.0, 10),
        "cloudtrail" | "config" => Rate::new(4.0, 8),
        "elasticloadbalancing" | "rds" | "efs" => Rate::new(8.0, 16),
        "guardduty" | "securityhub" => Rate::new(5.0, 10),
        "kms" | "secretsmanager" | "sqs" => Rate::new(20.0, 40),
        "dynamodb" => Rate::new(20.0, 40),
        "sns" => Rate::new(15.0, 30),
        _ => Rate::new(5.0, 10),
    }
}

/// Services with one endpoint for every region: their budget is shared by all regions.
fn is_global(service: &str) -> bool {
    matches!(service, "iam")
}

/// One token bucket (GCRA: only the theoretical arrival time of the next call is kept).
#[derive(Debug)]
pub struct TokenBucket {
    rate: Rate,
    /// When the next call would be due at exactly the sustained rate; `None` before the first.
    next_due: Mutex<Option<Instant>>,
}

impl TokenBucket {
    pub fn new(rate: Rate) -> Self {
        TokenBucket {
            rate: Rate {
                per_second: rate.per_second.max(f64::MIN_POSITIVE),
                burst: rate.burst.max(1),
            },
            next_due: Mutex::new(None),
        }
    }

    pub fn rate(&self) -> Rate {
        self.rate
    }

    fn interval(&self) -> Duration {
        Duration::from_secs_f64(1.0 / self.rate.per_second)
    }

    /// Reserves the next slot for a call made at `now`, and returns when that call may go.
    pub fn reserve(&self, now: Instant) -> Instant {
        let interval = self.interval();
        // A burst of B calls may run ahead of the sustained schedule by B - 1 intervals.
        let tolerance = interval * (self.rate.burst - 1);
        let mut next_due = self.next_due.lock().unwrap_or_else(PoisonError::into_inner);
        let due = next_due.map_or(now, |due| due.max(now));
        let allowed_at = due.checked_sub(tolerance).map_or(now, |at| at.max(now));
        *next_due = Some(due + interval);
        allowed_at
    }

    /// Waits for a token.
    pub async fn acquire(&self) {
        let allowed_at = self.reserve(Instant::now());
        tokio::time::sleep_until(allowed_at).await;
    }
}

/// Every bucket of one account's collection: one per (service, region), created on first use,
/// plus the optional global ceiling of `--max-rps` (which several accounts may share).
#[derive(Debug, Default)]
pub struct CallBudget {
    buckets: Mutex<HashMap<(String, String), Arc<TokenBucket>>>,
    ceiling: Option<Arc<TokenBucket>>,
}

impl CallBudget {
    /// The default budget, under a global ceiling of `max_rps` calls per second if given.
    pub fn new(max_rps: Option<f64>) -> Self {
        Self::under(Self::ceiling(max_rps))
    }

    /// The ceiling of `max_rps` calls per second (burst 1), to share between budgets.
    pub fn ceiling(max_rps: Option<f64>) -> Option<Arc<TokenBucket>> {
        max_rps.map(|rps| Arc::new(TokenBucket::new(Rate::new(rps, 1))))
    }

    /// The default budget under `ceiling`, which other budgets (other accounts) may share.
    pub fn under(ceiling: Option<Arc<TokenBucket>>) -> Self {
        CallBudget {
            buckets: Mutex::new(HashMap::new()),
            ceiling,
        }
    }

    /// The rate of the bucket `service` in `region` uses.
    pub fn rate_for(&self, service: &str) -> Rate {
        let rate = default_rate(service);
        match &self.ceiling {
            Some(ceiling) => rate.capped(ceiling.rate().per_second),
            None => rate,
        }
    }

    fn bucket(&self, service: &str, region: Option<&str>) -> Arc<TokenBucket> {
        let region = match region {
            Some(region) if !is_global(service) => region,
            _ => "global",
        };
        let mut buckets = self.buckets.lock().unwrap_or_else(PoisonError::into_inner);
        buckets
            .entry((service.to_string(), region.to_string()))
            .or_insert_with(|| Arc::new(TokenBucket::new(self.rate_for(service))))
            .clone()
    }

    /// Waits until a call to `service` in `region` (`None`: a global or region-less call) fits
    /// its bucket and the global ceiling.
    pub async fn acquire(&self, service: &str, region: Option<&str>) {
        self.bucket(service, region).acquire().await;
        if let Some(ceiling) = &self.ceiling {
            ceiling.acquire().await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// When each of `calls` calls, all made at `start`, may go.
    fn schedule(bucket: &TokenBucket, start: Instant, calls: usize) -> Vec<Duration> {
        (0..calls).map(|_| bucket.reserve(start) - start).collect()
    }

    #[test]
    fn a_burst_goes_at_once_then_calls_follow_at_the_rate() {
        let bucket = TokenBucket::new(Rate::new(10.0, 5));
        let start = Instant::now();
        let times = schedule(&bucket, start, 25);
        assert!(times[..5].iter().all(|t| t.is_zero()), "{times:?}");
        // Call 6 waits one interval, call 25 twenty: 20 calls after the burst take 2 s at 10/s.
        assert_eq!(times[5], Duration::from_millis(100));
        let last = times[24].as_secs_f64();
        assert!((last - 2.0).abs() < 1e-6, "{last}");
    }

    #[test]
    fn the_rate_over_a_long_run_is_the_configured_rate() {
        for rate in [1.0, 5.0, 20.0, 50.0] {
            let bucket = TokenBucket::new(Rate::new(rate, 10));
            let start = Instant::now();
            let times = schedule(&bucket, start, 1_000);
            let elapsed = times[999].as_secs_f64();
            // 990 calls after the burst of 10, at `rate` per second.
            let expected = 990.0 / rate;
            assert!((elapsed - expected).abs() < 1e-3, "{rate}/s: {elapsed} s");
        }
    }

    #[test]
    fn a_quiet_period_refills_the_burst_but_no_more() {
        let bucket = TokenBucket::new(Rate::new(10.0, 3));
        let start = Instant::now();
        schedule(&bucket, start, 10);
        // Ten seconds later the bucket is full again: three at once, the fourth waits.
        let later = start + Duration::from_secs(10);
        let times = schedule(&bucket, later, 4);
        assert_eq!(
            times,
            [
                Duration::ZERO,
                Duration::ZERO,
                Duration::ZERO,
                Duration::from_millis(100)
            ]
        );
    }

    #[test]
    fn max_rps_caps_every_bucket_and_its_burst() {
        let budget = CallBudget::new(Some(5.0));
        assert_eq!(budget.rate_for("s3"), Rate::new(5.0, 5));
        assert_eq!(budget.rate_for("cloudtrail"), Rate::new(4.0, 8));
        let gentle = CallBudget::new(Some(0.5));
        assert_eq!(gentle.rate_for("ec2"), Rate::new(0.5, 1));
        assert_eq!(CallBudget::new(None).rate_for("ec2"), Rate::new(10.0, 20));
    }

    #[test]
    fn a_global_service_has_one_bucket_for_all_regions() {
        let budget = CallBudget::new(None);
        assert!(Arc::ptr_eq(
            &budget.bucket("iam", Some("us-east-1")),
            &budget.bucket("iam", Some("eu-west-1"))
        ));
        assert!(Arc::ptr_eq(
            &budget.bucket("iam", None),
            &budget.bucket("iam", Some("eu-west-1"))
        ));
        assert!(!Arc::ptr_eq(
            &budget.bucket("ec2", Some("us-east-1")),
            &budget.bucket("ec2", Some("eu-west-1"))
        ));
    }

    /// Starts one task per (budget, service) caller, each taking one token in us-east-1, and
    /// returns how long they took together.
    async fn time_concurrent_calls(
        callers: impl Iterator<Item = (Arc<CallBudget>, &'static str)>,
    ) -> Duration {
        let start = Instant::now();
        let tasks: Vec<_> = callers
            .map(|(budget, service)| {
                tokio::spawn(async move { budget.acquire(service, Some("us-east-1")).await })
            })
            .collect();
        for task in tasks {
            assert!(task.await.is_ok());
        }
        start.elapsed()
    }

    #[tokio::test]
    async fn budgets_sharing_a_ceiling_stay_under_it_together() {
        // Two accounts' budgets under one ceiling of 4 calls/s: six calls, three each, take
        // five intervals (1.25 s) in all, where two separate ceilings would take 0.5 s.
        let ceiling = CallBudget::ceiling(Some(4.0));
        let accounts = [
            Arc::new(CallBudget::under(ceiling.clone())),
            Arc::new(CallBudget::under(ceiling)),
        ];
        let callers = (0..6).map(|i| (accounts[i % 2].clone(), "s3"));
        let elapsed = time_concurrent_calls(callers).await;
        assert!(elapsed >= Duration::from_millis(1240), "{elapsed:?}");
    }

    /// The async path, on the real clock (tokio's `test-util` would recompile the whole SDK tree
    /// for test builds): a ceiling of 4 calls/s with burst 1, so the fifth call waits a second.
    #[tokio::test]
    async fn concurrent_callers_wait_their_turn() {
        let budget = Arc::new(CallBudget::new(Some(4.0)));
        let elapsed = time_concurrent_calls((0..5).map(|_| (budget.clone(), "ec2"))).await;
        // Burst 1 at 4/s: the fifth call goes 4 intervals (1 s) after the first.
        assert!(elapsed >= Duration::from_millis(990), "{elapsed:?}");
    }
}
