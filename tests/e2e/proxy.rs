//! A fault-injecting HTTP proxy on 127.0.0.1, between wascan and the emulator.
//!
//! Every request is identified as `service:Operation` in a region, the way AWS routes it: the
//! service and region from the SigV4 credential scope (`Credential=AKID/DATE/REGION/SERVICE/...`),
//! the operation from `Action=` in a query-protocol form body, from `X-Amz-Target` for the JSON
//! protocol, or for S3 from the method and sub-resource (`GET /bucket?versioning` is
//! `GetBucketVersioning`). A request that matches a [`Rule`] gets the rule's [`Fault`], shaped as
//! the service's protocol sends errors; every other request is forwarded unchanged. Each
//! connection carries one request (`Connection: close`), so a fault never leaks into the next.

use std::collections::BTreeSet;
use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread;
use std::time::Duration;

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
}

impl Rule {
    pub fn new(service: &str, operation: &str, fault: Fault) -> Self {
        Rule {
            service: service.to_string(),
            operation: Some(operation.to_string()),
            region: None,
            fault,
            times: None,
        }
    }

    /// Only the first `n` matching requests get the fault; later ones go through.
    pub fn times(self, n: u32) -> Self {
        Rule {
            times: Some(Arc::new(AtomicU32::new(n))),
            ..self
        }
    }

    /// Whether `request` gets this rule's fault (counting it against `times`).
    fn applies_to(&self, request: &Identified) -> bool {
        if !self.matches(request) {
            return false;
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
    Query,
    Json,
    RestJson,
    S3,
}

struct Shared {
    upstream: String,
    rules: Vec<Rule>,
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
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let address = listener.local_addr()?.to_string();
        let shared = Arc::new(Shared {
            upstream: upstream
                .trim_start_matches("http://")
                .trim_end_matches('/')
                .to_string(),
            rules,
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
    shared
        .seen
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .push(request.clone());
    let protocol = protocol_of(&request, &head);
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
    }
}

fn protocol_of(request: &Identified, head: &str) -> Protocol {
    if request.service == "s3" {
        Protocol::S3
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
    let service = scope.get(3).copied().unwrap_or("unknown").to_string();
    let mut request_line = head.lines().next().unwrap_or_default().split(' ');
    let method = request_line.next().unwrap_or_default();
    let target = request_line.next().unwrap_or_default();
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
