//! A fault-injecting HTTP proxy on 127.0.0.1, between wascan and the emulator.
//!
//! Every request is identified as `service:Operation` in a region, the way AWS routes it: the
//! service and region from the SigV4 credential scope (`Credential=AKID/DATE/REGION/SERVICE/...`),
//! the operation from `Action=` in a query-protocol form body, from `X-Amz-Target` for the JSON
//! protocol, or for S3 from the method and sub-resource (`GET /bucket?versioning` is
//! `GetBucketVersioning`). A request that matches a [`Rule`] gets the rule's [`Fault`], shaped as
//! the service's protocol sends errors; every other request is forwarded unchanged. Each
//! connection carries one request (`Connection: close`), so a fault never leaks into the next.
//!
//! [`Proxy::start_chaos`] alters answers at random instead (the fault harness,
//! tests/e2e/fault_harness.rs): each answer, with a given probability, is throttled, a 5xx,
//! AccessDenied, loses one field ([`crate::mutate`]), is cut short or comes late. The draw for a
//! request depends only on the seed, the request (its ids masked: the emulator's ids are random)
//! and how many times the same request came before, so a seed alters the same answers in every
//! run, whatever order concurrent requests arrive in (but for identical-looking requests to
//! different resources with random ids, which may swap).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread;
use std::time::Duration;

use crate::mutate;

/// What the proxy answers instead of the service.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// EC2 `RequestLimitExceeded` (503), query `Throttling` (400), JSON `ThrottlingException`
    /// (400, or 429 for REST-JSON), S3 `SlowDown` (503).
    Throttle,
    /// EC2 `UnauthorizedOperation`, `AccessDenied`, `AccessDeniedException` (403 / JSON 400).
    AccessDenied,
    /// HTTP 500 `InternalError` / `InternalFailure`.
    ServerError,
    /// The request is read, then the connection is reset (RST, no response).
    Reset,
    /// The request is read and never answered; the connection stays open.
    Hang,
    /// The service's real answer, cut in half (with a matching `Content-Length`).
    Truncate,
    /// HTTP 200 with a body that is neither XML nor JSON.
    Malformed,
    /// The service's real answer with every `wascan` in it spelled `wa\xFFcan`: a value that
    /// is not UTF-8 (same length, so `Content-Length` still holds).
    InvalidUtf8,
    /// What AWS answers in an opt-in region the account has not enabled: EC2 `AuthFailure` (401),
    /// query `InvalidClientTokenId` (403), JSON `UnrecognizedClientException`.
    RegionNotEnabled,
}

/// Which requests get a fault.
#[derive(Debug, Clone)]
pub struct Rule {
    /// The SigV4 signing name: `ec2`, `s3`, `iam`, `dynamodb`, `elasticloadbalancing`, ...
    pub service: String,
    /// The operation (`DescribeFlowLogs`); `None` matches every operation of the service.
    pub operation: Option<String>,
    /// Only requests signed for this region; `None` matches every region.
    pub region: Option<String>,
    pub fault: Fault,
    /// Only the first N matching requests get the fault (`None`: all of them).
    pub times: Option<Arc<AtomicU32>>,
    /// The first N matching requests go through untouched (`None`: none do).
    pub spare: Option<Arc<AtomicU32>>,
}

impl Rule {
    pub fn new(service: &str, operation: &str, fault: Fault) -> Self {
        Rule {
            service: service.to_string(),
            operation: Some(operation.to_string()),
            region: None,
            fault,
            times: None,
            spare: None,
        }
    }

    /// Only the first `n` matching requests get the fault; later ones go through.
    pub fn times(self, n: u32) -> Self {
        Rule {
            times: Some(Arc::new(AtomicU32::new(n))),
            ..self
        }
    }

    /// The first `n` matching requests go through; later ones get the fault.
    pub fn after(self, n: u32) -> Self {
        Rule {
            spare: Some(Arc::new(AtomicU32::new(n))),
            ..self
        }
    }

    /// Whether `request` gets this rule's fault (counting it against `spare` and `times`).
    fn applies_to(&self, request: &Identified) -> bool {
        if !self.matches(request) {
            return false;
        }
        if let Some(spare) = &self.spare {
            if spare
                .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
                .is_ok()
            {
                return false;
            }
        }
        match &self.times {
            None => true,
            Some(left) => left
                .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
                .is_ok(),
        }
    }

    /// Every operation of `service` in `region`.
    pub fn region(service: &str, region: &str, fault: Fault) -> Self {
        Rule {
            service: service.to_string(),
            operation: None,
            region: Some(region.to_string()),
            fault,
            times: None,
            spare: None,
        }
    }

    fn matches(&self, request: &Identified) -> bool {
        self.service == request.service
            && self
                .operation
                .as_ref()
                .is_none_or(|operation| *operation == request.operation)
            && self
                .region
                .as_ref()
                .is_none_or(|region| *region == request.region)
    }
}

/// One request as the proxy understood it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Identified {
    pub service: String,
    pub operation: String,
    pub region: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Protocol {
    Ec2Query,
    /// The query protocol and REST-XML services other than S3 (Route 53, CloudFront, S3
    /// Control): errors in an `<ErrorResponse>`.
    Query,
    Json,
    RestJson,
    S3,
    /// Smithy RPC v2 CBOR (CloudWatch): errors as a CBOR map `{"__type", "message"}`.
    Cbor,
}

/// A small seeded generator (SplitMix64): a seed gives the same sequence everywhere.
#[derive(Debug, Clone)]
pub struct SplitMix(u64);

impl SplitMix {
    pub fn new(seed: u64) -> Self {
        SplitMix(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in 0..n (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
}

/// What the random mode does to an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Alter {
    /// The protocol's throttling error (retried by the SDK).
    Throttle,
    /// HTTP 500 (retried by the SDK).
    ServerError,
    /// The protocol's access-denied error.
    AccessDenied,
    /// The real answer without one field ([`crate::mutate`]); 2xx answers with a body only.
    RemoveField,
    /// The real answer's body cut short, with the `Content-Length` of the cut body.
    CutBody,
    /// The real answer's head and part of its body, then the connection is closed.
    CutConnection,
    /// The real answer, after a delay of 0.2 to 3 s.
    Slow,
}

impl Alter {
    pub const ALL: [Alter; 7] = [
        Alter::Throttle,
        Alter::ServerError,
        Alter::AccessDenied,
        Alter::RemoveField,
        Alter::CutBody,
        Alter::CutConnection,
        Alter::Slow,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Alter::Throttle => "throttle",
            Alter::ServerError => "5xx",
            Alter::AccessDenied => "denied",
            Alter::RemoveField => "remove",
            Alter::CutBody => "cut",
            Alter::CutConnection => "reset",
            Alter::Slow => "slow",
        }
    }

    pub fn from_name(name: &str) -> Option<Alter> {
        Alter::ALL.into_iter().find(|alter| alter.name() == name)
    }
}

/// The random mode's settings.
#[derive(Debug, Clone)]
pub struct ChaosConfig {
    pub seed: u64,
    /// The probability that an answer is altered.
    pub probability: f64,
    /// Which alterations, with weights (an altered answer gets one, drawn by weight).
    pub kinds: Vec<(Alter, u32)>,
    /// Services (SigV4 signing names) never altered.
    pub spare: Vec<String>,
}

/// One answer the random mode altered.
#[derive(Debug, Clone)]
pub struct Alteration {
    /// Arrival order among all requests.
    pub index: usize,
    pub request: Identified,
    /// Method and path (the query string cut to 80 characters).
    pub target: String,
    pub kind: Alter,
    /// What was done: the field removed, the bytes kept, the delay.
    pub detail: String,
}

impl std::fmt::Display for Alteration {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "#{} {}:{} {} [{}] {}: {}",
            self.index,
            self.request.service,
            self.request.operation,
            self.request.region,
            self.target,
            self.kind.name(),
            self.detail
        )
    }
}

struct Chaos {
    config: ChaosConfig,
    /// How many times each (masked) request came: a retry draws anew.
    occurrences: Mutex<HashMap<u64, u64>>,
    altered: Mutex<Vec<Alteration>>,
    /// Answers a `RemoveField` draw left alone (no field to remove), by kind.
    untouched: Mutex<BTreeMap<&'static str, usize>>,
}

struct Shared {
    upstream: String,
    rules: Vec<Rule>,
    chaos: Option<Chaos>,
    seen: Mutex<Vec<Identified>>,
    stopping: AtomicBool,
}

/// The running proxy; stopped (and every hanging connection released) when dropped.
pub struct Proxy {
    endpoint: String,
    address: String,
    shared: Arc<Shared>,
}

impl Proxy {
    /// Starts a proxy in front of `upstream` (`http://127.0.0.1:PORT`) that applies `rules`, the
    /// first matching rule winning.
    pub fn start(upstream: &str, rules: Vec<Rule>) -> std::io::Result<Proxy> {
        Proxy::launch(upstream, rules, None)
    }

    /// Starts a proxy in front of `upstream` that alters answers at random (see the module's
    /// documentation).
    pub fn start_chaos(upstream: &str, config: ChaosConfig) -> std::io::Result<Proxy> {
        let chaos = Chaos {
            config,
            occurrences: Mutex::new(HashMap::new()),
            altered: Mutex::new(Vec::new()),
            untouched: Mutex::new(BTreeMap::new()),
        };
        Proxy::launch(upstream, vec![], Some(chaos))
    }

    fn launch(upstream: &str, rules: Vec<Rule>, chaos: Option<Chaos>) -> std::io::Result<Proxy> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let address = listener.local_addr()?.to_string();
        let shared = Arc::new(Shared {
            upstream: upstream
                .trim_start_matches("http://")
                .trim_end_matches('/')
                .to_string(),
            rules,
            chaos,
            seen: Mutex::new(Vec::new()),
            stopping: AtomicBool::new(false),
        });
        let accepting = Arc::clone(&shared);
        thread::spawn(move || {
            for stream in listener.incoming() {
                if accepting.stopping.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let connection = Arc::clone(&accepting);
                thread::spawn(move || {
                    let _ = serve(&connection, stream);
                });
            }
        });
        Ok(Proxy {
            endpoint: format!("http://{address}"),
            address,
            shared,
        })
    }

    pub fn endpoint(&self) -> &str {
        &self.endpoint
    }

    /// Every request that went through, in arrival order.
    pub fn seen(&self) -> Vec<Identified> {
        self.shared
            .seen
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// The answers the random mode altered, in arrival order.
    pub fn alterations(&self) -> Vec<Alteration> {
        let Some(chaos) = &self.shared.chaos else {
            return Vec::new();
        };
        let mut altered = chaos
            .altered
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        altered.sort_by_key(|a| a.index);
        altered
    }

    /// Answers drawn for a field removal that had no field to remove (errors, empty bodies).
    pub fn untouched(&self) -> BTreeMap<&'static str, usize> {
        self.shared
            .chaos
            .as_ref()
            .map_or_else(BTreeMap::new, |chaos| {
                chaos
                    .untouched
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .clone()
            })
    }

    /// The distinct `service:Operation`s that went through.
    pub fn operations(&self) -> BTreeSet<String> {
        self.seen()
            .into_iter()
            .map(|r| format!("{}:{}", r.service, r.operation))
            .collect()
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.shared.stopping.store(true, Ordering::SeqCst);
        // Wakes the accept loop so it sees the flag.
        let _ = TcpStream::connect(&self.address);
    }
}

fn serve(shared: &Shared, mut client: TcpStream) -> std::io::Result<()> {
    let Some((head, body)) = read_request(&mut client)? else {
        return Ok(());
    };
    let request = identify(&head, &body);
    let index = {
        let mut seen = shared.seen.lock().unwrap_or_else(PoisonError::into_inner);
        seen.push(request.clone());
        seen.len() - 1
    };
    let protocol = protocol_of(&request, &head);
    if let Some(chaos) = &shared.chaos {
        return serve_chaos(
            shared, chaos, client, index, request, protocol, &head, &body,
        );
    }
    let fault = shared
        .rules
        .iter()
        .find(|rule| rule.applies_to(&request))
        .map(|rule| rule.fault);
    match fault {
        None => {
            let answer = forward(&shared.upstream, &head, &body)?;
            client.write_all(&answer)?;
        }
        Some(Fault::Truncate) => {
            let answer = forward(&shared.upstream, &head, &body)?;
            client.write_all(&truncate(&answer))?;
        }
        Some(Fault::InvalidUtf8) => {
            let mut answer = forward(&shared.upstream, &head, &body)?;
            let body_start = find(&answer, b"\r\n\r\n").map_or(0, |at| at + 4);
            let mut at = body_start;
            while let Some(found) = find(&answer[at..], b"wascan") {
                answer[at + found + 2] = 0xFF;
                at += found + 6;
            }
            client.write_all(&answer)?;
        }
        Some(Fault::Reset) => {
            socket2::SockRef::from(&client).set_linger(Some(Duration::ZERO))?;
            return Ok(()); // dropped with linger 0: the peer sees a reset
        }
        Some(Fault::Hang) => {
            while !shared.stopping.load(Ordering::SeqCst) {
                thread::sleep(Duration::from_millis(50));
            }
            return Ok(());
        }
        Some(Fault::Malformed) => {
            let content_type = match protocol {
                Protocol::Json => "application/x-amz-json-1.1",
                Protocol::RestJson => "application/json",
                Protocol::Cbor => "application/cbor",
                _ => "text/xml",
            };
            let body = b"<<<{{ \"this is\": neither <xml> nor json";
            client.write_all(&response(200, content_type, &[], body))?;
        }
        Some(fault) => client.write_all(&error_response(protocol, fault))?,
    }
    client.flush()?;
    let _ = client.shutdown(Shutdown::Both);
    Ok(())
}

/// Reads one request: the head (up to the blank line) and a `Content-Length` body.
fn read_request(stream: &mut TcpStream) -> std::io::Result<Option<(String, Vec<u8>)>> {
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 8192];
    let head_end = loop {
        if let Some(at) = find(&buffer, b"\r\n\r\n") {
            break at + 4;
        }
        let read = stream.read(&mut chunk)?;
        if read == 0 {
            return Ok(None);
        }
        buffer.extend_from_slice(&chunk[..read]);
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).into_owned();
    let length = header(&head, "content-length")
        .and_then(|v| v.parse::<usize>().ok())
        .unwrap_or(0);
    let mut body = buffer[head_end..].to_vec();
    while body.len() < length {
        let read = stream.read(&mut chunk)?;
        if read == 0 {
            break;
        }
        body.extend_from_slice(&chunk[..read]);
    }
    Ok(Some((head, body)))
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn header<'a>(head: &'a str, name: &str) -> Option<&'a str> {
    head.lines().skip(1).find_map(|line| {
        let (key, value) = line.split_once(':')?;
        key.trim()
            .eq_ignore_ascii_case(name)
            .then_some(value.trim())
    })
}

/// Replaces (or adds) `Connection: close` in an HTTP head that ends with a blank line.
fn with_connection_close(head: &str) -> String {
    let mut lines: Vec<&str> = head
        .trim_end_matches("\r\n")
        .split("\r\n")
        .filter(|line| {
            !line
                .split_once(':')
                .is_some_and(|(key, _)| key.trim().eq_ignore_ascii_case("connection"))
        })
        .collect();
    lines.push("Connection: close");
    lines.join("\r\n") + "\r\n\r\n"
}

/// Sends the request to the emulator and returns its whole answer, marked `Connection: close`.
fn forward(upstream: &str, head: &str, body: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut server = TcpStream::connect(upstream)?;
    server.write_all(with_connection_close(head).as_bytes())?;
    server.write_all(body)?;
    let mut answer = Vec::new();
    server.read_to_end(&mut answer)?;
    let Some(at) = find(&answer, b"\r\n\r\n") else {
        return Ok(answer);
    };
    let answer_head = with_connection_close(&String::from_utf8_lossy(&answer[..at + 4]));
    let mut rewritten = answer_head.into_bytes();
    rewritten.extend_from_slice(&answer[at + 4..]);
    Ok(rewritten)
}

/// The same answer with half its body and a `Content-Length` that says so.
fn truncate(answer: &[u8]) -> Vec<u8> {
    let Some(at) = find(answer, b"\r\n\r\n") else {
        return answer[..answer.len() / 2].to_vec();
    };
    let head = String::from_utf8_lossy(&answer[..at]);
    let body = &answer[at + 4..];
    let kept = &body[..body.len() / 2];
    let mut lines: Vec<String> = head
        .split("\r\n")
        .filter(|line| {
            !line
                .split_once(':')
                .is_some_and(|(key, _)| key.trim().eq_ignore_ascii_case("content-length"))
        })
        .map(str::to_string)
        .collect();
    lines.push(format!("Content-Length: {}", kept.len()));
    let mut out = (lines.join("\r\n") + "\r\n\r\n").into_bytes();
    out.extend_from_slice(kept);
    out
}

fn response(status: u16, content_type: &str, extra: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
    let reason = match status {
        200 => "OK",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Error",
    };
    let mut head = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nx-amzn-RequestId: wascan-proxy\r\n",
        body.len()
    );
    for (key, value) in extra {
        head.push_str(&format!("{key}: {value}\r\n"));
    }
    head.push_str("Connection: close\r\n\r\n");
    let mut out = head.into_bytes();
    out.extend_from_slice(body);
    out
}

/// The error as the protocol sends it: status, code and message in the right envelope.
fn error_response(protocol: Protocol, fault: Fault) -> Vec<u8> {
    use Fault::*;
    use Protocol::*;
    let (status, code, message) = match (fault, protocol) {
        (Throttle, Ec2Query) => (503, "RequestLimitExceeded", "Request limit exceeded."),
        (Throttle, Query) => (400, "Throttling", "Rate exceeded"),
        (Throttle, Json) => (400, "ThrottlingException", "Rate exceeded"),
        (Throttle, RestJson) => (429, "ThrottlingException", "Rate exceeded"),
        (Throttle, S3) => (503, "SlowDown", "Please reduce your request rate."),
        (Throttle, Cbor) => (400, "ThrottlingException", "Rate exceeded"),
        (AccessDenied, Cbor) => (400, "AccessDeniedException", "not authorized"),
        (RegionNotEnabled, Cbor) => (
            400,
            "UnrecognizedClientException",
            "The security token included in the request is invalid.",
        ),
        (AccessDenied, Ec2Query) => (
            403,
            "UnauthorizedOperation",
            "You are not authorized to perform this operation.",
        ),
        (AccessDenied, Json) => (400, "AccessDeniedException", "not authorized"),
        (AccessDenied, RestJson) => (403, "AccessDeniedException", "not authorized"),
        (AccessDenied, _) => (403, "AccessDenied", "Access Denied"),
        (RegionNotEnabled, Ec2Query) => (
            401,
            "AuthFailure",
            "AWS was not able to validate the provided access credentials",
        ),
        (RegionNotEnabled, Json | RestJson) => (
            if protocol == Json { 400 } else { 403 },
            "UnrecognizedClientException",
            "The security token included in the request is invalid.",
        ),
        (RegionNotEnabled, _) => (
            403,
            "InvalidClientTokenId",
            "The security token included in the request is invalid.",
        ),
        (_, Ec2Query | S3) => (500, "InternalError", "We encountered an internal error."),
        (_, _) => (500, "InternalFailure", "We encountered an internal error."),
    };
    match protocol {
        Ec2Query => response(
            status,
            "text/xml;charset=UTF-8",
            &[],
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>{code}</Code><Message>{message}</Message></Error></Errors><RequestID>wascan-proxy</RequestID></Response>"
            )
            .as_bytes(),
        ),
        Query => response(
            status,
            "text/xml",
            &[],
            format!(
                "<ErrorResponse><Error><Type>Sender</Type><Code>{code}</Code><Message>{message}</Message></Error><RequestId>wascan-proxy</RequestId></ErrorResponse>"
            )
            .as_bytes(),
        ),
        S3 => response(
            status,
            "application/xml",
            &[],
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>{code}</Code><Message>{message}</Message><RequestId>wascan-proxy</RequestId></Error>"
            )
            .as_bytes(),
        ),
        Json => response(
            status,
            "application/x-amz-json-1.1",
            &[],
            format!("{{\"__type\":\"{code}\",\"message\":\"{message}\"}}").as_bytes(),
        ),
        RestJson => response(
            status,
            "application/json",
            &[("x-amzn-ErrorType", code)],
            format!("{{\"message\":\"{message}\"}}").as_bytes(),
        ),
        Cbor => {
            let mut body = Vec::new();
            let text = |s: &str| mutate::Cbor::Text(s.to_string());
            mutate::cbor_encode(
                &mutate::Cbor::Map(vec![
                    (text("__type"), text(code)),
                    (text("message"), text(message)),
                ]),
                &mut body,
            );
            response(
                status,
                "application/cbor",
                &[("smithy-protocol", "rpc-v2-cbor")],
                &body,
            )
        }
    }
}

fn protocol_of(request: &Identified, head: &str) -> Protocol {
    if request.service == "s3" {
        Protocol::S3
    } else if header(head, "smithy-protocol").is_some_and(|p| p.contains("cbor")) {
        Protocol::Cbor
    } else if matches!(
        request.service.as_str(),
        "route53" | "cloudfront" | "s3control"
    ) {
        Protocol::Query
    } else if header(head, "x-amz-target").is_some() {
        Protocol::Json
    } else if request.service == "ec2" {
        Protocol::Ec2Query
    } else if header(head, "content-type")
        .is_some_and(|t| t.starts_with("application/x-www-form-urlencoded"))
    {
        Protocol::Query
    } else {
        Protocol::RestJson
    }
}

/// Smithy RPC v2 CBOR (CloudWatch, Compute Optimizer, ...): `POST /service/{Service}/operation/{Operation}`.
fn rpc_v2_cbor_operation(target: &str) -> Option<String> {
    let path = target.split('?').next().unwrap_or_default();
    let rest = path.strip_prefix("/service/")?;
    let (_, operation) = rest.split_once("/operation/")?;
    Some(operation.to_string())
}

fn identify(head: &str, body: &[u8]) -> Identified {
    let scope: Vec<&str> = header(head, "authorization")
        .and_then(|auth| auth.split("Credential=").nth(1))
        .map(|credential| {
            credential
                .split([',', ' '])
                .next()
                .unwrap_or_default()
                .split('/')
                .collect()
        })
        .unwrap_or_default();
    let region = scope.get(2).copied().unwrap_or("unknown").to_string();
    let mut service = scope.get(3).copied().unwrap_or("unknown").to_string();
    let mut request_line = head.lines().next().unwrap_or_default().split(' ');
    let method = request_line.next().unwrap_or_default();
    let target = request_line.next().unwrap_or_default();
    // S3 Control signs as `s3` but is its own REST-XML API under `/v20180820/`.
    if service == "s3" && target.starts_with("/v20180820/") {
        service = "s3control".to_string();
    }
    let operation = if let Some(target) = header(head, "x-amz-target") {
        target.rsplit('.').next().unwrap_or(target).to_string()
    } else if let Some(action) = String::from_utf8_lossy(body)
        .split('&')
        .find_map(|pair| pair.strip_prefix("Action="))
    {
        action.to_string()
    } else if service == "s3" {
        s3_operation(method, target)
    } else if let Some(operation) = rpc_v2_cbor_operation(target) {
        operation
    } else {
        // REST-JSON: the method and the path without ids would need the service model; the
        // method and the path's first two segments name the operation well enough for rules.
        let path = target.split('?').next().unwrap_or_default();
        let prefix: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).take(2).collect();
        format!("{method} /{}", prefix.join("/"))
    };
    Identified {
        service,
        operation,
        region,
    }
}

fn s3_operation(method: &str, target: &str) -> String {
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let first_key = query
        .split('&')
        .map(|pair| pair.split('=').next().unwrap_or_default())
        .find(|key| !key.is_empty() && *key != "x-id");
    let named = match (method, first_key) {
        // ListBuckets' parameters (max-buckets, continuation-token, ...) are its own, not a
        // bucket's sub-resource.
        ("GET", _) if path == "/" => "ListBuckets",
        ("GET", Some("versioning")) => "GetBucketVersioning",
        ("GET", Some("encryption")) => "GetBucketEncryption",
        ("GET", Some("policy")) => "GetBucketPolicy",
        ("GET", Some("policyStatus")) => "GetBucketPolicyStatus",
        ("GET", Some("acl")) => "GetBucketAcl",
        ("GET", Some("logging")) => "GetBucketLogging",
        ("GET", Some("location")) => "GetBucketLocation",
        ("GET", Some("lifecycle")) => "GetBucketLifecycleConfiguration",
        ("GET", Some("publicAccessBlock")) => "GetPublicAccessBlock",
        ("GET", Some("ownershipControls")) => "GetBucketOwnershipControls",
        ("GET", Some("replication")) => "GetBucketReplication",
        ("GET", Some("tagging")) => "GetBucketTagging",
        ("GET", Some("object-lock")) => "GetObjectLockConfiguration",
        ("GET", Some("list-type")) => "ListObjectsV2",
        _ => "",
    };
    if named.is_empty() {
        format!("{method} ?{}", first_key.unwrap_or_default())
    } else {
        named.to_string()
    }
}

// ---------------------------------------------------------------------------------------------
// The random mode.

/// FNV-1a, for the request key.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The request with the emulator's random ids masked: every run of hex digits of length 4 or
/// more that holds a digit becomes `#` (`i-0a1b2c3d4e5f` → `i-#`, UUIDs → `#-#-#-#-#`).
fn masked(text: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    let mut at = 0;
    while at < text.len() {
        if text[at].is_ascii_alphanumeric() {
            let end = text[at..]
                .iter()
                .position(|b| !b.is_ascii_alphanumeric())
                .map_or(text.len(), |n| at + n);
            let word = &text[at..end];
            if word.len() >= 4
                && word.iter().all(u8::is_ascii_hexdigit)
                && word.iter().any(u8::is_ascii_digit)
            {
                out.push(b'#');
            } else {
                out.extend_from_slice(word);
            }
            at = end;
        } else {
            out.push(text[at]);
            at += 1;
        }
    }
    out
}

/// The status, head lines (without the status line), and body of an answer; a chunked body
/// is joined.
fn split_answer(answer: &[u8]) -> Option<(u16, Vec<String>, Vec<u8>)> {
    let at = find(answer, b"\r\n\r\n")?;
    let head = String::from_utf8_lossy(&answer[..at]).into_owned();
    let mut lines = head.split("\r\n");
    let status = lines.next()?.split(' ').nth(1)?.parse().ok()?;
    let lines: Vec<String> = lines.map(str::to_string).collect();
    let raw = &answer[at + 4..];
    let chunked = lines.iter().any(|line| {
        line.split_once(':').is_some_and(|(key, value)| {
            key.trim().eq_ignore_ascii_case("transfer-encoding") && value.contains("chunked")
        })
    });
    let body = if chunked { dechunk(raw)? } else { raw.to_vec() };
    Some((status, lines, body))
}

fn dechunk(mut raw: &[u8]) -> Option<Vec<u8>> {
    let mut body = Vec::new();
    loop {
        let line_end = find(raw, b"\r\n")?;
        let size_text = std::str::from_utf8(&raw[..line_end]).ok()?;
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        raw = &raw[line_end + 2..];
        if size == 0 {
            return Some(body);
        }
        body.extend_from_slice(raw.get(..size)?);
        raw = raw.get(size + 2..)?;
    }
}

/// An answer with `status`, the head `lines` (minus framing headers) and `body`.
fn reassemble(status: u16, lines: &[String], body: &[u8], content_length: usize) -> Vec<u8> {
    let mut head = format!("HTTP/1.1 {status} X\r\n");
    for line in lines {
        let framing = line.split_once(':').is_some_and(|(key, _)| {
            let key = key.trim();
            key.eq_ignore_ascii_case("content-length")
                || key.eq_ignore_ascii_case("transfer-encoding")
                || key.eq_ignore_ascii_case("connection")
        });
        if !framing {
            head.push_str(line);
            head.push_str("\r\n");
        }
    }
    head.push_str(&format!(
        "Content-Length: {content_length}\r\nConnection: close\r\n\r\n"
    ));
    let mut out = head.into_bytes();
    out.extend_from_slice(body);
    out
}

impl Chaos {
    /// The generator for this request: seed, masked request and its occurrence.
    fn draw(&self, request: &Identified, head: &str, body: &[u8]) -> SplitMix {
        let target = head.lines().next().unwrap_or_default();
        let mut key = format!(
            "{}|{}|{}|",
            request.service, request.operation, request.region
        )
        .into_bytes();
        key.extend(masked(target.as_bytes()));
        key.push(b'|');
        key.extend(masked(body));
        let hash = fnv1a(&key);
        let occurrence = {
            let mut seen = self
                .occurrences
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            let count = seen.entry(hash).or_insert(0);
            *count += 1;
            *count
        };
        let mut mix = SplitMix::new(self.config.seed ^ hash);
        let salt = mix.next_u64();
        SplitMix::new(salt ^ occurrence.wrapping_mul(0x9e37_79b9_7f4a_7c15))
    }

    /// The alteration drawn for a request, if any.
    fn choose(&self, rng: &mut SplitMix) -> Option<Alter> {
        if rng.unit() >= self.config.probability {
            return None;
        }
        let total: u32 = self.config.kinds.iter().map(|(_, weight)| weight).sum();
        if total == 0 {
            return None;
        }
        let mut pick = rng.below(total as usize) as u32;
        for (kind, weight) in &self.config.kinds {
            if pick < *weight {
                return Some(*kind);
            }
            pick -= weight;
        }
        None
    }

    fn record(&self, alteration: Alteration) {
        self.altered
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(alteration);
    }
}

#[allow(clippy::too_many_arguments)]
fn serve_chaos(
    shared: &Shared,
    chaos: &Chaos,
    mut client: TcpStream,
    index: usize,
    request: Identified,
    protocol: Protocol,
    head: &str,
    body: &[u8],
) -> std::io::Result<()> {
    let mut rng = chaos.draw(&request, head, body);
    let spared = chaos.config.spare.contains(&request.service);
    let kind = if spared { None } else { chaos.choose(&mut rng) };
    let target: String = head
        .lines()
        .next()
        .unwrap_or_default()
        .rsplit_once(' ')
        .map(|(target, _)| target)
        .unwrap_or_default()
        .chars()
        .take(120)
        .collect();
    let alteration = |kind: Alter, detail: String| Alteration {
        index,
        request: request.clone(),
        target: target.clone(),
        kind,
        detail,
    };
    let answer = match kind {
        None => forward(&shared.upstream, head, body)?,
        Some(kind @ (Alter::Throttle | Alter::ServerError | Alter::AccessDenied)) => {
            let fault = match kind {
                Alter::Throttle => Fault::Throttle,
                Alter::ServerError => Fault::ServerError,
                _ => Fault::AccessDenied,
            };
            chaos.record(alteration(kind, format!("{fault:?} answer")));
            error_response(protocol, fault)
        }
        Some(Alter::Slow) => {
            let delay = Duration::from_millis(200 + rng.below(2800) as u64);
            chaos.record(alteration(Alter::Slow, format!("answered after {delay:?}")));
            thread::sleep(delay);
            forward(&shared.upstream, head, body)?
        }
        Some(kind @ (Alter::RemoveField | Alter::CutBody | Alter::CutConnection)) => {
            let real = forward(&shared.upstream, head, body)?;
            let Some((status, lines, real_body)) = split_answer(&real) else {
                client.write_all(&real)?;
                return Ok(());
            };
            let content_type = lines.iter().find_map(|line| {
                let (key, value) = line.split_once(':')?;
                key.trim()
                    .eq_ignore_ascii_case("content-type")
                    .then_some(value.trim())
            });
            let untouched = |why: &'static str| {
                *chaos
                    .untouched
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .entry(why)
                    .or_insert(0) += 1;
            };
            match kind {
                Alter::RemoveField => {
                    let removed = ((200..300).contains(&status))
                        .then(|| mutate::format_of(content_type, &real_body))
                        .flatten()
                        .and_then(|format| {
                            mutate::remove_field(format, &real_body, &mut rng)
                                .map(|(body, path)| (format, body, path))
                        });
                    match removed {
                        Some((format, new_body, path)) => {
                            chaos.record(alteration(
                                Alter::RemoveField,
                                format!("removed {path} ({format:?})"),
                            ));
                            reassemble(status, &lines, &new_body, new_body.len())
                        }
                        None => {
                            untouched(if (200..300).contains(&status) {
                                "remove: no field"
                            } else {
                                "remove: error answer"
                            });
                            real
                        }
                    }
                }
                _ if real_body.len() < 2 => {
                    untouched("cut: no body");
                    real
                }
                Alter::CutBody => {
                    let kept = 1 + rng.below(real_body.len() - 1);
                    chaos.record(alteration(
                        Alter::CutBody,
                        format!("body cut to {kept} of {} bytes", real_body.len()),
                    ));
                    reassemble(status, &lines, &real_body[..kept], kept)
                }
                _ => {
                    let kept = rng.below(real_body.len());
                    chaos.record(alteration(
                        Alter::CutConnection,
                        format!(
                            "connection closed after {kept} of {} body bytes",
                            real_body.len()
                        ),
                    ));
                    // The full length announced, part of the body sent, then the connection closed.
                    reassemble(status, &lines, &real_body[..kept], real_body.len())
                }
            }
        }
    };
    client.write_all(&answer)?;
    client.flush()?;
    let _ = client.shutdown(Shutdown::Both);
    Ok(())
}
