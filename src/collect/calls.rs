//! One API call: in-flight limit, timeout, counting, and turning a failure into a recorded [`Gap`].

use std::collections::BTreeMap;
use std::error::Error as StdError;
use std::future::Future;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use aws_smithy_async::future::pagination_stream::PaginationStream;
use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::interceptors::context::{
    AfterDeserializationInterceptorContextRef, BeforeTransmitInterceptorContextRef,
    FinalizerInterceptorContextRef,
};
use aws_smithy_runtime_api::client::interceptors::Intercept;
use aws_smithy_runtime_api::client::orchestrator::Metadata;
use aws_smithy_runtime_api::client::result::SdkError;
use aws_smithy_runtime_api::client::retries::RequestAttempts;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_runtime_api::http::Response as HttpResponse;
use aws_smithy_types::config_bag::ConfigBag;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;
use aws_types::SdkConfig;
use futures::StreamExt;
use indicatif::ProgressBar;
use tokio::sync::Semaphore;
use wascan_checks::model::{ErrorKind, Gap};

use super::budget::CallBudget;
use super::{CallerIdentity, CollectOptions};

/// Counts every HTTP request the SDK sends (retries included), per `service:Operation`, and of
/// those the retries and the attempts the service answered with a throttling error.
///
/// An SDK interceptor, so it sees what actually went over the wire. It also rejects an XML
/// answer whose root element is never closed: the SDK's XML reader stops quietly at the end of a
/// cut-off document and returns the part it read, which would turn "encryption configured" into
/// "no encryption" (a false failure) instead of a recorded error.
#[derive(Debug, Clone, Default)]
pub struct CallCounter(Arc<Mutex<CallCounts>>);

/// What [`CallCounter`] has counted, each keyed by `service:Operation`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CallCounts {
    /// HTTP requests sent, retries included.
    pub attempts: BTreeMap<String, u64>,
    /// Requests that were a retry of an earlier attempt of the same call.
    pub retries: BTreeMap<String, u64>,
    /// Attempts the service answered with a throttling error.
    pub throttled: BTreeMap<String, u64>,
}

/// Error codes AWS services use for "slow down" (the SDK retries these with back-off).
const THROTTLING_CODES: &[&str] = &[
    "Throttling",
    "ThrottlingException",
    "RequestLimitExceeded",
    "SlowDown",
    "TooManyRequestsException",
    "RequestThrottled",
    "RequestThrottledException",
];

impl CallCounter {
    /// Requests sent per `service:Operation`, retries included.
    pub fn snapshot(&self) -> BTreeMap<String, u64> {
        self.counts().attempts
    }

    pub fn counts(&self) -> CallCounts {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    pub fn total(&self) -> u64 {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .attempts
            .values()
            .sum()
    }

    fn add(&self, pick: impl FnOnce(&mut CallCounts) -> &mut BTreeMap<String, u64>, key: String) {
        let mut counts = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        *pick(&mut counts).entry(key).or_default() += 1;
    }
}

/// `service:Operation` of the call `cfg` belongs to, service names as IAM spells them
/// (`S3 Control` -> `s3control`).
fn operation_key(cfg: &ConfigBag) -> String {
    match cfg.load::<Metadata>() {
        Some(meta) => format!(
            "{}:{}",
            meta.service().to_ascii_lowercase().replace(' ', ""),
            meta.name()
        ),
        None => "unknown:unknown".to_string(),
    }
}

/// Whether an HTTP response is a throttling error: status 429, or an error status whose
/// `x-amzn-ErrorType` header or body names a throttling code (XML `<Code>`, JSON `__type`).
fn is_throttling_response(response: &HttpResponse) -> bool {
    let status = response.status().as_u16();
    if status == 429 {
        return true;
    }
    if status < 400 {
        return false;
    }
    let names_throttling = |text: &str| THROTTLING_CODES.iter().any(|code| text.contains(code));
    if response
        .headers()
        .get("x-amzn-ErrorType")
        .is_some_and(names_throttling)
    {
        return true;
    }
    response
        .body()
        .bytes()
        .is_some_and(|body| names_throttling(&String::from_utf8_lossy(body)))
}

/// Whether an XML document ends by closing the element it starts with (after the `<?xml ...?>`
/// declaration, comments and doctype), or is one self-closed element. Not a full XML check: it
/// catches a cut-off document, which the SDK's reader would take for a complete one. A body that
/// is empty, not UTF-8 or not XML at all (S3 `GetBucketPolicy` answers the policy's JSON) is left
/// to the SDK's own reader.
pub(crate) fn xml_is_complete(body: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(body) else {
        return true;
    };
    let text = text.trim_start_matches('\u{feff}').trim();
    if !text.starts_with('<') {
        return true;
    }
    let mut rest = text;
    loop {
        let skipped = if rest.starts_with("<?") {
            rest.find("?>").map(|at| &rest[at + 2..])
        } else if rest.starts_with("<!--") {
            rest.find("-->").map(|at| &rest[at + 3..])
        } else if rest.starts_with("<!") {
            rest.find('>').map(|at| &rest[at + 1..])
        } else {
            break;
        };
        match skipped {
            Some(after) => rest = after.trim_start(),
            None => return false,
        }
    }
    let Some(element) = rest.strip_prefix('<') else {
        return false;
    };
    let name: String = element
        .chars()
        .take_while(|c| !c.is_whitespace() && *c != '>' && *c != '/')
        .collect();
    if name.is_empty() {
        return false;
    }
    if let Some(first_tag_end) = rest.find('>') {
        if first_tag_end == rest.len() - 1 && rest.ends_with("/>") {
            return true;
        }
    }
    rest.ends_with(&format!("</{name}>"))
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
        let key = operation_key(cfg);
        let is_retry = cfg
            .load::<RequestAttempts>()
            .is_some_and(|attempts| attempts.attempts() > 1);
        if is_retry {
            self.add(|counts| &mut counts.retries, key.clone());
        }
        self.add(|counts| &mut counts.attempts, key);
        Ok(())
    }

    fn read_after_deserialization(
        &self,
        context: &AfterDeserializationInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        _cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let response = context.response();
        let is_xml = response
            .headers()
            .get("content-type")
            .is_some_and(|t| t.contains("xml"));
        match response.body().bytes() {
            Some(body) if is_xml && !xml_is_complete(body) => Err(format!(
                "truncated XML response ({} bytes, root element not closed)",
                body.len()
            )
            .into()),
            _ => Ok(()),
        }
    }

    fn read_after_attempt(
        &self,
        context: &FinalizerInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        if context.response().is_some_and(is_throttling_response) {
            self.add(|counts| &mut counts.throttled, operation_key(cfg));
        }
        Ok(())
    }
}

/// What the SDK's error correction puts in a required enum member the answer lacked.
pub const SDK_NO_VALUE: &str = "no value was set";

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

    /// The gap of an answer to this call that lacked `member` (or sent it empty).
    pub fn missing(&self, member: &str) -> Gap {
        self.gap(ErrorKind::Incomplete, format!("the answer has no {member}"))
    }

    /// The gap of an answer to this call whose `member` could not be read as what it documents
    /// (a number sent as a string that is not one).
    pub fn malformed(&self, member: &str, value: &str) -> Gap {
        self.gap(
            ErrorKind::Incomplete,
            format!("the answer's {member} is not a number: {value:?}"),
        )
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

/// What every collector shares: the SDK configuration, the call budget, the in-flight limit, the
/// call counter and the record of failed calls.
#[derive(Debug)]
pub struct Ctx {
    pub sdk_config: SdkConfig,
    pub account_id: String,
    pub partition: String,
    pub calls: CallCounter,
    budget: CallBudget,
    limit: Arc<Semaphore>,
    /// How many resources' calls [`Ctx::per_resource`] has under way at once.
    resources_at_once: usize,
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
            budget: match &options.shared_ceiling {
                Some(ceiling) => CallBudget::under(Some(ceiling.clone())),
                None => CallBudget::new(options.max_rps),
            },
            limit: options
                .shared_limit
                .clone()
                .unwrap_or_else(|| Arc::new(Semaphore::new(options.concurrency.max(1)))),
            resources_at_once: options.concurrency.max(1),
            call_timeout: options.call_timeout,
            errors: Mutex::new(Vec::new()),
            progress: ProgressBar::hidden(),
        }
    }

    /// Runs the futures `work` yields, one per resource (a bucket's eight reads, a key's
    /// policy...), at most `concurrency` resources at a time, and returns their outputs in order.
    /// A future is made only when its turn comes, so the state of its SDK calls (kilobytes each)
    /// exists for a bounded number of resources: made all at once, 200 buckets' futures held
    /// 32 MB. The in-flight limit already bounds the calls, so this costs no speed.
    pub async fn per_resource<F: Future>(
        &self,
        work: impl IntoIterator<Item = F>,
    ) -> Vec<F::Output> {
        self.per_resource_calls(1, work).await
    }

    /// [`Ctx::per_resource`] for resources whose future makes `calls_each` calls at once (a
    /// bucket's eight reads): `concurrency / calls_each` resources at a time (at least one), which
    /// still fills every in-flight slot. Each pending SDK call's state is kilobytes: at
    /// `--concurrency 64`, 64 buckets' futures at once held 10 MB, eight of them hold 1.3 MB.
    pub async fn per_resource_calls<F: Future>(
        &self,
        calls_each: usize,
        work: impl IntoIterator<Item = F>,
    ) -> Vec<F::Output> {
        let at_once = (self.resources_at_once / calls_each.max(1)).max(1);
        futures::stream::iter(work)
            .buffered(at_once)
            .collect()
            .await
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

    /// Runs one call once its (service, region) budget has a token, under the in-flight limit and
    /// the timeout. A failure is recorded and returned.
    pub async fn call<T, E>(
        &self,
        at: Call<'_>,
        request: impl Future<Output = Result<T, SdkError<E, HttpResponse>>>,
    ) -> Result<T, Gap>
    where
        E: ProvideErrorMetadata + StdError + Send + Sync + 'static,
    {
        self.run(at, |_| false, request).await?.ok_or_else(|| {
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
        self.run(
            at,
            |err| err.code().is_some_and(|code| absent.contains(&code)),
            request,
        )
        .await
    }

    /// Like [`Ctx::call_or_absent`], for services that say "not configured" with an error code
    /// they also use for other failures: an error is "absent" when its code is `code` and its
    /// message contains `message` (Macie answers `AccessDeniedException: Macie is not enabled`).
    pub async fn call_or_absent_when<T, E>(
        &self,
        at: Call<'_>,
        absent: &[(&str, &str)],
        request: impl Future<Output = Result<T, SdkError<E, HttpResponse>>>,
    ) -> Result<Option<T>, Gap>
    where
        E: ProvideErrorMetadata + StdError + Send + Sync + 'static,
    {
        self.run(
            at,
            |err| {
                absent.iter().any(|(code, message)| {
                    err.code() == Some(*code) && err.message().unwrap_or_default().contains(message)
                })
            },
            request,
        )
        .await
    }

    async fn run<T, E>(
        &self,
        at: Call<'_>,
        absent: impl Fn(&SdkError<E, HttpResponse>) -> bool,
        request: impl Future<Output = Result<T, SdkError<E, HttpResponse>>>,
    ) -> Result<Option<T>, Gap>
    where
        E: ProvideErrorMetadata + StdError + Send + Sync + 'static,
    {
        // The token first: a call waiting for its budget holds no in-flight slot.
        self.budget.acquire(at.service, at.region).await;
        let _permit = self.limit.acquire().await;
        let outcome = match tokio::time::timeout(self.call_timeout, request).await {
            Ok(Ok(value)) => Ok(Some(value)),
            Ok(Err(err)) if absent(&err) => Ok(None),
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

    /// Reads every page of a paginated listing, each page a call: under the budget, the limit and
    /// the timeout.
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

    /// `value`, or, when AWS left `member` out of the answer to `at`, a recorded gap naming the
    /// service, region, operation, resource and member. Use it instead of `unwrap_or` for a value
    /// a resource cannot be identified without: its list then fails with that gap (checks report
    /// `not_evaluated` with it) rather than hold a resource named "".
    pub fn required<T>(&self, at: Call<'_>, member: &str, value: Option<T>) -> Result<T, Gap> {
        value.ok_or_else(|| self.record(at.missing(member)))
    }

    /// [`Ctx::required`] for a string, where an empty one is as good as absent.
    pub fn required_str(
        &self,
        at: Call<'_>,
        member: &str,
        value: Option<&str>,
    ) -> Result<String, Gap> {
        let value = value.filter(|value| !value.is_empty()).map(str::to_string);
        self.required(at, member, value)
    }

    /// A required enum member's value (`as_str()` of what the SDK read), or the recorded gap when
    /// the answer lacked it. The SDK does not fail on an absent required member: its error
    /// correction fills an enum with [`SDK_NO_VALUE`] (a string with "" and a number with 0),
    /// which a check would read as a value and a message would quote as one.
    pub fn required_enum(&self, at: Call<'_>, member: &str, value: &str) -> Result<String, Gap> {
        self.required_str(at, member, Some(value).filter(|v| *v != SDK_NO_VALUE))
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

/// A listing whose items were each read with [`Ctx::required`]: the items, or the first item's
/// gap (already recorded). One item the collector cannot read fails the whole list, so that a
/// check says not_evaluated for the region rather than judge a list with a hole in it.
pub fn every<T>(listing: Result<Vec<Result<T, Gap>>, Gap>) -> Result<Vec<T>, Gap> {
    listing.and_then(|items| items.into_iter().collect())
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
            Some(code) if THROTTLING_CODES.contains(&code) => ErrorKind::Throttled,
            _ => ErrorKind::Other,
        },
    };
    let message = match (err.code(), err.message()) {
        (Some(code), Some(message)) => format!("{code}: {message}"),
        (Some(code), None) => code.to_string(),
        // No error code: say what came back, so that a person can tell a cut or garbled answer
        // from a server error (the gap already names the operation and the region).
        _ => match err {
            SdkError::ServiceError(service) => {
                let raw = service.raw();
                let status = raw.status().as_u16();
                // A streaming body is not in memory: the reason then quotes no body, and says
                // so by its length; no verdict reads it.
                let body = raw.body().bytes().unwrap_or_default();
                if status < 300 {
                    // The SDK could not read a success answer: its parser says why.
                    format!(
                        "unreadable answer (HTTP {status}, {} bytes): {}",
                        body.len(),
                        read_error(service.err())
                    )
                } else if body.iter().all(u8::is_ascii_whitespace) {
                    format!("HTTP {status} with no error code and an empty body")
                } else {
                    // On one line: a log line or a CSV cell holds the reason.
                    let start = String::from_utf8_lossy(&body[..body.len().min(120)])
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ");
                    format!(
                        "HTTP {status} with no error code in a body of {} bytes: {start}",
                        body.len()
                    )
                }
            }
            SdkError::ResponseError(response) => {
                let raw = response.raw();
                format!(
                    "unreadable answer (HTTP {}, {} bytes): {}",
                    raw.status().as_u16(),
                    raw.body().bytes().map_or(0, <[u8]>::len),
                    read_error(err)
                )
            }
            SdkError::TimeoutError(_) => "timed out".to_string(),
            other => crate::convert::error_chain(other),
        },
    };
    (kind, truncate(message, 300))
}

/// Why an answer could not be read: the innermost causes of `err` (the parser's own words,
/// such as "expected value at line 1 column 40"), without the SDK's wrappers.
fn read_error(err: &(dyn StdError + 'static)) -> String {
    let chain = crate::convert::error_chain(err);
    let wrappers = ["unhandled error", "response error", "service error"];
    let parts: Vec<&str> = chain
        .split(": ")
        .filter(|part| {
            !wrappers.iter().any(|w| part.eq_ignore_ascii_case(w))
                && !part.ends_with("interceptor encountered an error")
        })
        .collect();
    if parts.is_empty() {
        chain
    } else {
        parts.join(": ")
    }
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

#[cfg(test)]
mod tests {
    use aws_smithy_mocks::{mock, mock_client, RuleMode};
    use aws_smithy_runtime_api::http::StatusCode;
    use aws_smithy_types::body::SdkBody;

    use super::*;
    use crate::collect::tests::test_ctx;

    fn answer(status: u16, content_type: &str, body: &'static [u8]) -> HttpResponse {
        let mut response = HttpResponse::new(
            StatusCode::try_from(status).expect("a status"),
            SdkBody::from(body),
        );
        response
            .headers_mut()
            .insert("content-type", content_type.to_string());
        response
    }

    /// Issue #14: an answer the SDK could not read was reported as "HTTP None". Each reason says
    /// what could not be read, for XML (S3), JSON (tagging) and CBOR (CloudWatch) answers.
    #[tokio::test]
    async fn unreadable_answers_say_what_could_not_be_read() {
        let ctx = test_ctx();
        let cut_xml = mock!(aws_sdk_s3::Client::get_bucket_versioning).then_http_response(|| {
            answer(
                200,
                "application/xml",
                b"<?xml version=\"1.0\"?><VersioningConfiguration><Status>Enab",
            )
        });
        let calls = ctx.calls.clone();
        let s3 = mock_client!(aws_sdk_s3, RuleMode::MatchAny, [&cut_xml], |conf| conf
            .interceptor(calls.clone()));
        let gap = ctx
            .call(
                Call::new("s3", "GetBucketVersioning")
                    .region("eu-west-1")
                    .resource("data"),
                s3.get_bucket_versioning().bucket("data").send(),
            )
            .await
            .expect_err("cut");

        let cut_json = mock!(aws_sdk_resourcegroupstagging::Client::get_resources)
            .then_http_response(|| {
                answer(
                    200,
                    "application/x-amz-json-1.1",
                    b"{\"ResourceTagMappingList\": [{\"ResourceARN\": ",
                )
            });
        let tagging = mock_client!(
            aws_sdk_resourcegroupstagging,
            RuleMode::MatchAny,
            [&cut_json]
        );
        let json_gap = ctx
            .call(
                Call::new("tag", "GetResources").region("eu-west-1"),
                tagging.get_resources().send(),
            )
            .await
            .expect_err("cut");

        let garbage = mock!(aws_sdk_cloudwatch::Client::describe_alarms)
            .then_http_response(|| answer(200, "application/cbor", b"\xff\x00garbage"));
        let cloudwatch = mock_client!(aws_sdk_cloudwatch, RuleMode::MatchAny, [&garbage]);
        let cbor_gap = ctx
            .call(
                Call::new("cloudwatch", "DescribeAlarms").region("eu-west-1"),
                cloudwatch.describe_alarms().send(),
            )
            .await
            .expect_err("garbage");

        let empty_error = mock!(aws_sdk_resourcegroupstagging::Client::get_resources)
            .then_http_response(|| answer(500, "application/x-amz-json-1.1", b""));
        let tagging = mock_client!(
            aws_sdk_resourcegroupstagging,
            RuleMode::MatchAny,
            [&empty_error]
        );
        let error_gap = ctx
            .call(
                Call::new("tag", "GetResources").region("eu-west-1"),
                tagging.get_resources().send(),
            )
            .await
            .expect_err("500");

        for gap in [&gap, &json_gap, &cbor_gap, &error_gap] {
            assert!(!gap.message.contains("None"), "{gap}");
        }
        assert_eq!(
            gap.to_string(),
            "s3:GetBucketVersioning on data in eu-west-1 failed (error): unreadable answer \
             (HTTP 200, 58 bytes): truncated XML response (58 bytes, root element not closed)"
        );
        assert_eq!(
            json_gap.to_string(),
            "tag:GetResources in eu-west-1 failed (error): unreadable answer (HTTP 200, 44 \
             bytes): Error at offset 44: unexpected end of stream"
        );
        assert_eq!(
            cbor_gap.message,
            "unreadable answer (HTTP 200, 9 bytes): unexpected type break at position 0: \
             expected map"
        );
        assert_eq!(
            error_gap.message,
            "HTTP 500 with no error code and an empty body"
        );
    }

    #[test]
    fn a_cut_off_xml_document_is_incomplete() {
        let whole = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ServerSideEncryptionConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>AES256</SSEAlgorithm></ApplyServerSideEncryptionByDefault></Rule></ServerSideEncryptionConfiguration>\n";
        assert!(xml_is_complete(whole.as_bytes()));
        for cut in [whole.len() / 2, whole.len() - 3, 60, 10] {
            assert!(!xml_is_complete(&whole.as_bytes()[..cut]), "cut at {cut}");
        }
    }

    #[test]
    fn self_closed_and_empty_documents_are_complete() {
        assert!(xml_is_complete(
            b"<?xml version=\"1.0\"?>\n<LocationConstraint xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"/>"
        ));
        assert!(xml_is_complete(b""));
        assert!(xml_is_complete(
            b"<!-- note --><Response><Errors/></Response>"
        ));
        assert!(!xml_is_complete(b"<Response><Errors/>"));
        assert!(xml_is_complete(b"{\"Version\": \"2012-10-17\"}"));
        assert!(!xml_is_complete(b"<?xml version=\"1.0\"?>"));
    }
}
