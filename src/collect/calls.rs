//! One API call: in-flight limit, timeout, counting, and turning a failure into a recorded [`Gap`].

use std::collections::BTreeMap;
use std::error::Error as StdError;
use std::future::Future;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use aws_smithy_async::future::pagination_stream::PaginationStream;
use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::interceptors::context::BeforeTransmitInterceptorContextRef;
use aws_smithy_runtime_api::client::interceptors::Intercept;
use aws_smithy_runtime_api::client::orchestrator::Metadata;
use aws_smithy_runtime_api::client::result::SdkError;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_runtime_api::http::Response as HttpResponse;
use aws_smithy_types::config_bag::ConfigBag;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;
use aws_types::SdkConfig;
use indicatif::ProgressBar;
use tokio::sync::Semaphore;
use wascan_checks::model::{ErrorKind, Gap};

use super::{CallerIdentity, CollectOptions};

/// Counts every HTTP request the SDK sends (retries included), per `service:Operation`.
///
/// An SDK interceptor, so it sees what actually went over the wire.
#[derive(Debug, Clone, Default)]
pub struct CallCounter(Arc<Mutex<BTreeMap<String, u64>>>);

impl CallCounter {
    pub fn snapshot(&self) -> BTreeMap<String, u64> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    pub fn total(&self) -> u64 {
        self.snapshot().values().sum()
    }
}

impl Intercept for CallCounter {
    fn name(&self) -> &'static str {
        "wascan::CallCounter"
    }

    fn read_before_attempt(
        &self,
        _context: &BeforeTransmitInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let key = match cfg.load::<Metadata>() {
            // Service names as IAM spells them: `S3 Control` -> `s3control`.
            Some(meta) => format!(
                "{}:{}",
                meta.service().to_ascii_lowercase().replace(' ', ""),
                meta.name()
            ),
            None => "unknown:unknown".to_string(),
        };
        *self
            .0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .entry(key)
            .or_default() += 1;
        Ok(())
    }
}

/// Where a call goes and what it is about: the identity of a [`Gap`] if it fails.
#[derive(Debug, Clone, Copy)]
pub struct Call<'a> {
    pub service: &'a str,
    pub operation: &'a str,
    pub region: Option<&'a str>,
    pub resource: Option<&'a str>,
}

impl<'a> Call<'a> {
    pub fn new(service: &'a str, operation: &'a str) -> Self {
        Call {
            service,
            operation,
            region: None,
            resource: None,
        }
    }

    pub fn region(self, region: &'a str) -> Self {
        Call {
            region: Some(region),
            ..self
        }
    }

    pub fn resource(self, resource: &'a str) -> Self {
        Call {
            resource: Some(resource),
            ..self
        }
    }

    fn gap(&self, kind: ErrorKind, message: String) -> Gap {
        Gap {
            service: self.service.to_string(),
            region: self.region.map(str::to_string),
            operation: self.operation.to_string(),
            resource: self.resource.map(str::to_string),
            kind,
            message,
        }
    }
}

/// What every collector shares: the SDK configuration, the in-flight limit, the call counter and
/// the record of failed calls.
#[derive(Debug)]
pub struct Ctx {
    pub sdk_config: SdkConfig,
    pub account_id: String,
    pub partition: String,
    pub calls: CallCounter,
    limit: Semaphore,
    call_timeout: Duration,
    errors: Mutex<Vec<Gap>>,
    /// Advanced after every call (hidden unless set with [`Ctx::with_progress`]).
    progress: ProgressBar,
}

impl Ctx {
    pub fn new(
        sdk_config: SdkConfig,
        identity: &CallerIdentity,
        calls: CallCounter,
        options: &CollectOptions,
    ) -> Self {
        Ctx {
            sdk_config,
            account_id: identity.account_id.clone(),
            partition: identity.partition.clone(),
            calls,
            limit: Semaphore::new(options.concurrency.max(1)),
            call_timeout: options.call_timeout,
            errors: Mutex::new(Vec::new()),
            progress: ProgressBar::hidden(),
        }
    }

    /// Shows the API calls done on `progress`, with the last call as its message.
    pub fn with_progress(mut self, progress: ProgressBar) -> Self {
        self.progress = progress;
        self
    }

    /// The SDK configuration for `region`.
    pub fn config_for(&self, region: &str) -> SdkConfig {
        self.sdk_config
            .to_builder()
            .region(aws_types::region::Region::new(region.to_string()))
            .build()
    }

    /// The ARN of an account-scoped resource: `arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE`.
    pub fn arn(&self, service: &str, region: &str, resource: &str) -> String {
        format!(
            "arn:{}:{service}:{region}:{}:{resource}",
            self.partition, self.account_id
        )
    }

    /// Runs one call under the in-flight limit and the timeout. A failure is recorded and returned.
    pub async fn call<T, E>(
        &self,
        at: Call<'_>,
        request: impl Future<Output = Result<T, SdkError<E, HttpResponse>>>,
    ) -> Result<T, Gap>
    where
        E: ProvideErrorMetadata + StdError + Send + Sync + 'static,
    {
        self.run(at, &[], request).await?.ok_or_else(|| {
            // Only reachable if `run` is given absent codes, which it is not here.
            at.gap(ErrorKind::Other, "the service answered with no data".into())
        })
    }

    /// Like [`Ctx::call`], but an error whose code is in `absent` means "not configured": `Ok(None)`,
    /// not a failure (e.g. `NoSuchBucketPolicy` for a bucket without a policy).
    pub async fn call_or_absent<T, E>(
        &self,
        at: Call<'_>,
        absent: &[&str],
        request: impl Future<Output = Result<T, SdkError<E, HttpResponse>>>,
    ) -> Result<Option<T>, Gap>
    where
        E: ProvideErrorMetadata + StdError + Send + Sync + 'static,
    {
        self.run(at, absent, request).await
    }

    async fn run<T, E>(
        &self,
        at: Call<'_>,
        absent: &[&str],
        request: impl Future<Output = Result<T, SdkError<E, HttpResponse>>>,
    ) -> Result<Option<T>, Gap>
    where
        E: ProvideErrorMetadata + StdError + Send + Sync + 'static,
    {
        let _permit = self.limit.acquire().await;
        let outcome = match tokio::time::timeout(self.call_timeout, request).await {
            Ok(Ok(value)) => Ok(Some(value)),
            Ok(Err(err)) if err.code().is_some_and(|code| absent.contains(&code)) => Ok(None),
            Ok(Err(err)) => {
                let (kind, message) = classify(&err);
                Err(self.record(at.gap(kind, message)))
            }
            Err(_elapsed) => Err(self.record(at.gap(
                ErrorKind::Timeout,
                format!("no answer within {} s", self.call_timeout.as_secs()),
            ))),
        };
        self.progress.set_position(self.calls.total());
        self.progress.set_message(format!(
            "{}:{} {}",
            at.service,
            at.operation,
            at.region.unwrap_or("global")
        ));
        outcome
    }

    /// Reads every page of a paginated listing, each page under the limit and the timeout.
    pub async fn pages<P, T, E>(
        &self,
        at: Call<'_>,
        mut pages: PaginationStream<Result<P, SdkError<E, HttpResponse>>>,
        mut items: impl FnMut(P) -> Vec<T>,
    ) -> Result<Vec<T>, Gap>
    where
        E: ProvideErrorMetadata + StdError + Send + Sync + 'static,
    {
        let mut all = Vec::new();
        loop {
            let next = self
                .call(at, async { pages.next().await.transpose() })
                .await?;
            match next {
                Some(page) => all.extend(items(page)),
                None => return Ok(all),
            }
        }
    }

    /// Reads every page of a listing the SDK has no paginator for: `send` sends the request for a
    /// page token (`None` first), `next` reads the next token from a page (`None` or empty: done).
    pub async fn token_pages<P, T, E, F>(
        &self,
        at: Call<'_>,
        mut send: impl FnMut(Option<String>) -> F,
        mut items: impl FnMut(&P) -> Vec<T>,
        next: impl Fn(&P) -> Option<&str>,
    ) -> Result<Vec<T>, Gap>
    where
        F: Future<Output = Result<P, SdkError<E, HttpResponse>>>,
        E: ProvideErrorMetadata + StdError + Send + Sync + 'static,
    {
        let mut all = Vec::new();
        let mut token = None;
        loop {
            let page = self.call(at, send(token.take())).await?;
            all.extend(items(&page));
            match next(&page) {
                Some(next) if !next.is_empty() => token = Some(next.to_string()),
                _ => return Ok(all),
            }
        }
    }

    /// Records a failure that is not an SDK error (a malformed report, say).
    pub fn record(&self, gap: Gap) -> Gap {
        // Printed above the progress line, not through it.
        self.progress.suspend(|| tracing::warn!("{gap}"));
        self.errors
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(gap.clone());
        gap
    }

    pub fn take_errors(&self) -> Vec<Gap> {
        std::mem::take(&mut *self.errors.lock().unwrap_or_else(PoisonError::into_inner))
    }
}

/// Sorts an SDK error into the classes a report reader cares about, with a one-line message.
pub fn classify<E>(err: &SdkError<E, HttpResponse>) -> (ErrorKind, String)
where
    E: ProvideErrorMetadata + StdError + Send + Sync + 'static,
{
    let kind = match err {
        SdkError::TimeoutError(_) => ErrorKind::Timeout,
        SdkError::DispatchFailure(failure) if failure.is_timeout() => ErrorKind::Timeout,
        _ => match err.code() {
            Some(
                "AccessDenied"
                | "AccessDeniedException"
                | "UnauthorizedOperation"
                | "UnauthorizedAccess"
                | "AuthorizationError"
                | "Forbidden",
            ) => ErrorKind::AccessDenied,
            // JSON-protocol services (CloudTrail, Config, DynamoDB, KMS, ...) answer a region the
            // account has not enabled with UnrecognizedClientException.
            Some(
                "OptInRequired"
                | "AuthFailure"
                | "InvalidClientTokenId"
                | "UnrecognizedClientException",
            ) => ErrorKind::RegionDisabled,
            Some(
                "Throttling"
                | "ThrottlingException"
                | "RequestLimitExceeded"
                | "SlowDown"
                | "TooManyRequestsException"
                | "RequestThrottled"
                | "RequestThrottledException",
            ) => ErrorKind::Throttled,
            _ => ErrorKind::Other,
        },
    };
    let message = match (err.code(), err.message()) {
        (Some(code), Some(message)) => format!("{code}: {message}"),
        (Some(code), None) => code.to_string(),
        _ => match err {
            SdkError::ServiceError(service) => {
                format!(
                    "HTTP {} with no error code",
                    service.raw().status().as_u16()
                )
            }
            SdkError::ResponseError(response) => {
                format!(
                    "unreadable response (HTTP {})",
                    response.raw().status().as_u16()
                )
            }
            SdkError::TimeoutError(_) => "timed out".to_string(),
            other => crate::convert::error_chain(other),
        },
    };
    (kind, truncate(message, 300))
}

fn truncate(mut text: String, max: usize) -> String {
    if text.len() > max {
        let mut end = max;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        text.truncate(end);
        text.push('…');
    }
    text
}
