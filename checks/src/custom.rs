//! Custom checks: a team's own rules, written in Rego (the policy language of Open Policy Agent)
//! and evaluated over the snapshot's JSON by `regorus`, in the same pipeline as the built-in
//! checks: same findings, scores, suppressions, diffs, formats and review.
//!
//! A custom check is one `.rego` file:
//!
//! ```rego
//! package custom.approved_regions          # the check id: custom.approved_regions
//!
//! metadata := {
//!     "title": "Resources run only in approved regions",
//!     "pillar": "security",
//!     "severity": "high",
//!     "services": ["ec2"],                  # what the collection must read
//!     "best_practices": [{"code": "SEC01-BP06", "strength": "indirect"}],
//!     "remediation": "Move the workload to an approved region.",
//!     "doc": "What it does, why it matters, how to fix it (shown by `wascan checks explain`).",
//! }
//!
//! approved := {"eu-west-1", "eu-central-1"}
//!
//! findings contains f if {
//!     some region, ec2 in input.ec2
//!     some instance in ec2.instances.ok
//!     f := {
//!         "resource": {"arn": instance.arn, "type": "AWS::EC2::Instance",
//!                      "id": instance.id, "region": region},
//!         "status": verdict(region),
//!         "message": sprintf("instance %s runs in %s", [instance.id, region]),
//!     }
//! }
//!
//! verdict(region) := "pass" if region in approved
//! verdict(region) := "fail" if not region in approved
//! ```
//!
//! The input is the snapshot as `wascan collect` writes it (`docs/snapshot.schema.json`): every
//! list is `{"ok": [...]}` or `{"failed": {gap}}`, so a rule can say `not_evaluated` with the gap
//! when its data could not be read (`{"status": "not_evaluated", "region": r, "gap": gap}`).
//!
//! Each finding is an object: `status` (`pass`, `fail`, `not_evaluated`, `no_evidence`),
//! `message`, `resource` (`arn`, `type`, `id`, `region`, optional `name` and `tags`; leave it
//! out for the account itself, then `region` says where, default `global`), and for
//! `not_evaluated` a `reason` or the `gap` it comes from.
//!
//! A policy runs in its own interpreter with no builtin that reaches outside: no `http.send`,
//! no `opa.runtime` (the environment), no clock, no random numbers, no file. Each evaluation has
//! a time limit ([`TIME_LIMIT`]); a policy that overruns it, fails, or returns a malformed finding
//! gives one `not_evaluated` finding naming its file and line, and the other checks go on.

use std::collections::BTreeSet;
use std::fmt;
use std::num::NonZeroU32;
use std::sync::Mutex;
use std::time::Duration;

use serde::Deserialize;

use crate::catalog::{self, Pillar};
use crate::check::{Check, Context, Evidence, Strength};
use crate::finding::{Finding, Severity, Status};
use crate::model::{ErrorKind, Gap, ResourceRef, Service, Snapshot, Tags};

/// The longest one custom check may take over one snapshot.
pub const TIME_LIMIT: Duration = Duration::from_secs(5);

/// The prefix of every custom check id: built-in ids have no dot, so the two never collide.
pub const NAMESPACE: &str = "custom.";

/// What `since` says for a custom check.
pub const SINCE: &str = "custom";

/// A policy that cannot be used, with its file and line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}:{line}: {message}")]
pub struct LoadError {
    pub path: String,
    pub line: usize,
    pub message: String,
}

/// A loaded policy: its interpreter, ready to evaluate (what a custom [`Check`] runs).
pub struct Policy {
    engine: Mutex<regorus::Engine>,
    /// The file, as given.
    pub path: String,
    /// `data.custom.<name>.findings`.
    rule: String,
    /// The line of the `findings` rule, for errors in what it returns.
    findings_line: usize,
    /// Every service the policy reads (the check's `service` is the first).
    pub services: Vec<Service>,
    time_limit: Duration,
}

impl fmt::Debug for Policy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Policy")
            .field("path", &self.path)
            .field("rule", &self.rule)
            .field("services", &self.services)
            .finish_non_exhaustive()
    }
}

/// The metadata a policy declares in its `metadata` rule.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Metadata {
    /// Optional: when given, it must be the id the package gives.
    #[serde(default)]
    id: Option<String>,
    title: String,
    pillar: String,
    severity: String,
    services: Vec<String>,
    best_practices: Vec<RawEvidence>,
    remediation: String,
    #[serde(default)]
    doc: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEvidence {
    code: String,
    strength: String,
}

fn leak(text: String) -> &'static str {
    Box::leak(text.into_boxed_str())
}

/// The 1-based line of the first line of `text` that starts (after spaces) with `start`, else
/// of the first line that contains `needle`, else 1.
fn line_of(text: &str, start: &str, needle: Option<&str>) -> usize {
    let position = |pred: &dyn Fn(&str) -> bool| text.lines().position(pred).map(|at| at + 1);
    position(&|line: &str| line.trim_start().starts_with(start))
        .or_else(|| needle.and_then(|needle| position(&|line: &str| line.contains(needle))))
        .unwrap_or(1)
}

/// regorus errors read `--> path:LINE:COL`, the source excerpt, then `error: message`: the
/// line, and the message.
fn located(path: &str, err: &dyn fmt::Display) -> (Option<usize>, String) {
    let text = err.to_string();
    let marker = format!("--> {path}:");
    let line = text.lines().find_map(|line| {
        line.trim()
            .strip_prefix(&marker)
            .and_then(|rest| rest.split(':').next())
            .and_then(|n| n.trim().parse::<usize>().ok())
    });
    let message = text
        .lines()
        .find_map(|line| line.trim().strip_prefix("error:"))
        .map(str::trim)
        .or_else(|| text.lines().map(str::trim).find(|line| !line.is_empty()))
        .unwrap_or("unknown error")
        .to_string();
    (line, message)
}

/// Builtins a custom check may not call, though the interpreter has them: a check gives the same
/// findings for the same snapshot, so nothing random (those that would reach outside, `http.send`,
/// `opa.runtime`, `time.*`, `uuid.*`, are not compiled in at all).
const DENIED_BUILTINS: [&str; 1] = ["rand.intn"];

fn is_snake_case(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// Loads the policy at `path` (its text read by the caller) as a custom check. Every problem is
/// a [`LoadError`] naming the file and the line.
pub fn load(path: &str, text: &str) -> Result<&'static Check, LoadError> {
    load_with_limit(path, text, TIME_LIMIT)
}

/// [`load`], with its own time limit (tests).
pub fn load_with_limit(
    path: &str,
    text: &str,
    time_limit: Duration,
) -> Result<&'static Check, LoadError> {
    let error = |line: usize, message: String| LoadError {
        path: path.to_string(),
        line,
        message,
    };
    let mut engine = regorus::Engine::new();
    engine.set_execution_timer_config(regorus::utils::limits::ExecutionTimerConfig {
        limit: time_limit,
        // The clock is read every so many units of work: often enough to stop a runaway rule
        // within milliseconds of its limit, rarely enough to cost nothing measurable.
        check_interval: NonZeroU32::new(64).unwrap_or(NonZeroU32::MIN),
    });
    let package = engine
        .add_policy(path.to_string(), text.to_string())
        .map_err(|err| {
            let (line, message) = located(path, &err);
            error(line.unwrap_or(1), format!("does not parse: {message}"))
        })?;
    for (at, line) in text.lines().enumerate() {
        let code = line.split('#').next().unwrap_or_default();
        if let Some(denied) = DENIED_BUILTINS.iter().find(|b| code.contains(*b)) {
            return Err(error(
                at + 1,
                format!("`{denied}` is not available to custom checks: a check gives the same findings for the same snapshot"),
            ));
        }
    }
    let package_line = line_of(text, "package ", None);
    let name = package
        .strip_prefix("data.")
        .and_then(|p| p.strip_prefix(NAMESPACE))
        .filter(|name| is_snake_case(name))
        .ok_or_else(|| {
            error(
                package_line,
                format!(
                    "the package must be `custom.<name>` with a snake_case name (it gives the check id), not `{}`",
                    package.strip_prefix("data.").unwrap_or(&package)
                ),
            )
        })?;
    let id = format!("{NAMESPACE}{name}");
    let metadata_line = line_of(text, "metadata", None);
    let findings_line = line_of(text, "findings", None);

    let declares = |rule: &str| {
        text.lines().any(|line| {
            line.strip_prefix(rule)
                .is_some_and(|rest| rest.starts_with([' ', ':', '=', '\t']))
        })
    };
    if !declares("metadata") {
        return Err(error(
            package_line,
            "no `metadata` rule: declare `metadata := {\"title\": ..., \"pillar\": ..., \"severity\": ..., \"services\": [...], \"best_practices\": [...], \"remediation\": ...}`".into(),
        ));
    }
    if !declares("findings") {
        return Err(error(
            package_line,
            "no `findings` rule: declare `findings contains f if { ... }` giving one finding per resource".into(),
        ));
    }
    // Evaluating the metadata also prepares the policy: unknown functions and unsafe variables
    // are found here, at load time.
    engine.set_input(regorus::Value::new_object());
    let raw = engine
        .eval_rule(format!("data.{id}.metadata"))
        .map_err(|err| {
            let (line, message) = located(path, &err);
            error(
                line.unwrap_or(metadata_line),
                format!("cannot evaluate `metadata`: {message}"),
            )
        })?;
    if raw == regorus::Value::Undefined {
        return Err(error(
            package_line,
            "no `metadata` rule: declare `metadata := {\"title\": ..., \"pillar\": ..., \"severity\": ..., \"services\": [...], \"best_practices\": [...], \"remediation\": ...}`".into(),
        ));
    }
    let json = serde_json::to_value(&raw)
        .map_err(|err| error(metadata_line, format!("`metadata` is not data: {err}")))?;
    let metadata: Metadata = serde_json::from_value(json)
        .map_err(|err| error(metadata_line, format!("`metadata` is malformed: {err}")))?;

    if let Some(declared) = &metadata.id {
        if declared != &id {
            return Err(error(
                line_of(text, "\"id\"", Some(declared)),
                format!("`metadata.id` is `{declared}` but the package makes the id `{id}`"),
            ));
        }
    }
    let pillar: Pillar = metadata
        .pillar
        .parse()
        .map_err(|err: String| error(line_of(text, "\"pillar\"", None), err))?;
    let severity: Severity = metadata
        .severity
        .parse()
        .map_err(|err: String| error(line_of(text, "\"severity\"", None), err))?;
    if metadata.services.is_empty() {
        return Err(error(
            line_of(text, "\"services\"", None),
            "`services` is empty: name the services whose data the rule reads (e.g. [\"ec2\"])"
                .into(),
        ));
    }
    let mut services = Vec::new();
    for service in &metadata.services {
        let parsed: Service = service.parse().map_err(|err: String| {
            error(
                line_of(text, "\"services\"", Some(&format!("\"{service}\""))),
                err,
            )
        })?;
        if !services.contains(&parsed) {
            services.push(parsed);
        }
    }
    if metadata.best_practices.is_empty() {
        return Err(error(
            line_of(text, "\"best_practices\"", None),
            "`best_practices` is empty: name at least one best practice the check evidences".into(),
        ));
    }
    let mut evidence = Vec::new();
    for bp in &metadata.best_practices {
        let line = line_of(text, "\u{0}", Some(&format!("\"{}\"", bp.code)));
        let known = catalog::best_practice(&bp.code).ok_or_else(|| {
            error(
                line,
                format!(
                    "unknown best practice `{}` (see `wascan checks list` or docs/checks.md for the codes, e.g. SEC08-BP02)",
                    bp.code
                ),
            )
        })?;
        if known.retired {
            return Err(error(
                line,
                format!("best practice `{}` is retired from the framework", bp.code),
            ));
        }
        let strength = match bp.strength.as_str() {
            "direct" => Strength::Direct,
            "indirect" => Strength::Indirect,
            other => {
                return Err(error(
                    line,
                    format!(
                        "strength `{other}` of `{}` is neither `direct` (the signal is a named part of the practice) nor `indirect` (a precondition or proxy)",
                        bp.code
                    ),
                ))
            }
        };
        evidence.push(Evidence {
            code: leak(known.code.clone()),
            strength,
        });
    }
    for (field, value) in [
        ("title", &metadata.title),
        ("remediation", &metadata.remediation),
    ] {
        if value.trim().is_empty() {
            return Err(error(
                line_of(text, &format!("\"{field}\""), None),
                format!("`{field}` is empty"),
            ));
        }
    }

    let title = metadata.title.trim().to_string();
    let doc = metadata
        .doc
        .filter(|doc| !doc.trim().is_empty())
        .unwrap_or_else(|| title.clone());
    let policy: &'static Policy = Box::leak(Box::new(Policy {
        engine: Mutex::new(engine),
        path: path.to_string(),
        rule: format!("data.{id}.findings"),
        findings_line,
        services: services.clone(),
        time_limit,
    }));
    let check: &'static Check = Box::leak(Box::new(Check {
        id: leak(id),
        pillar,
        service: services[0],
        severity,
        best_practices: Box::leak(evidence.into_boxed_slice()),
        since: SINCE,
        title: leak(title),
        remediation: leak(metadata.remediation.trim().to_string()),
        evaluate: no_builtin_evaluate,
        doc: leak(format!("{}\n", doc.trim_end())),
        source: leak(format!("{path}:{package_line}")),
        custom: Some(policy),
    }));
    Ok(check)
}

/// A custom check's `evaluate`: never called, the engine runs its policy instead.
fn no_builtin_evaluate(_: &Context) -> Vec<Finding> {
    Vec::new()
}

/// Loads several policies; every file's problem is reported, and two files that give the same
/// id are an error too.
pub fn load_all(files: &[(String, String)]) -> Result<Vec<&'static Check>, Vec<LoadError>> {
    let mut checks: Vec<&'static Check> = Vec::new();
    let mut errors = Vec::new();
    for (path, text) in files {
        match load(path, text) {
            Ok(check) => match checks.iter().find(|other| other.id == check.id) {
                Some(other) => errors.push(LoadError {
                    path: path.clone(),
                    line: line_of(text, "package ", None),
                    message: format!("`{}` is already defined by {}", check.id, other.source),
                }),
                None => checks.push(check),
            },
            Err(err) => errors.push(err),
        }
    }
    if errors.is_empty() {
        Ok(checks)
    } else {
        Err(errors)
    }
}

/// The snapshot as the policies read it (`input`): built once per evaluation.
pub struct Input(Result<regorus::Value, String>);

impl Input {
    pub fn of(snapshot: &Snapshot) -> Input {
        Input(
            serde_json::to_value(snapshot)
                .map(regorus::Value::from)
                .map_err(|err| format!("the snapshot cannot be given to custom checks: {err}")),
        )
    }
}

impl Policy {
    /// Runs the policy over `input` and turns what it returns into findings of `check`. Never
    /// fails: an error is one `not_evaluated` finding on the account with the reason.
    pub fn evaluate(&self, check: &Check, context: &Context, input: &Input) -> Vec<Finding> {
        let account = context.snapshot.account_resource("global");
        let failed = |message: String| {
            let gap = Gap {
                service: "wascan".into(),
                region: None,
                operation: "custom check".into(),
                resource: Some(check.id.to_string()),
                kind: ErrorKind::Other,
                message,
            };
            vec![check.not_evaluated(&account, &gap)]
        };
        let input = match &input.0 {
            Ok(input) => input.clone(),
            Err(err) => return failed(err.clone()),
        };
        let mut engine = match self.engine.lock() {
            Ok(engine) => engine.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        };
        engine.set_input(input);
        let rule = self.rule.clone();
        // regorus returns errors rather than panicking, but a panic in it must not stop the
        // built-in checks either.
        let outcome =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(move || engine.eval_rule(rule)));
        let value = match outcome {
            Ok(Ok(value)) => value,
            Ok(Err(err)) => {
                let text = err.to_string();
                if text.contains("time limit") || text.contains("TimeLimitExceeded") {
                    return failed(format!(
                        "{}:{}: stopped after the time limit of {} ms (the rule does too much work: narrow its iterations)",
                        self.path,
                        self.findings_line,
                        self.time_limit.as_millis()
                    ));
                }
                let (line, message) = located(&self.path, &err);
                return failed(format!(
                    "{}:{}: evaluation failed: {message}",
                    self.path,
                    line.unwrap_or(self.findings_line)
                ));
            }
            Err(_) => {
                return failed(format!(
                    "{}:{}: the Rego interpreter panicked",
                    self.path, self.findings_line
                ))
            }
        };
        let items: Vec<regorus::Value> = match &value {
            regorus::Value::Undefined => Vec::new(),
            regorus::Value::Set(set) => set.iter().cloned().collect(),
            regorus::Value::Array(items) => items.iter().cloned().collect(),
            _ => {
                return failed(format!(
                    "{}:{}: `findings` must be a set of objects, not {}",
                    self.path,
                    self.findings_line,
                    kind_of(&value)
                ))
            }
        };
        let mut findings = Vec::with_capacity(items.len());
        let mut problems = Vec::new();
        for (index, item) in items.iter().enumerate() {
            match finding_of(check, context.snapshot, item) {
                Ok(finding) => findings.push(finding),
                Err(problem) => problems.push(format!("finding {}: {problem}", index + 1)),
            }
        }
        if !problems.is_empty() {
            // A malformed finding is not dropped silently: the whole answer is suspect.
            let more = match problems.len() {
                1 => String::new(),
                n => format!(" (and {} more)", n - 1),
            };
            return failed(format!(
                "{}:{}: malformed finding: {}{more}",
                self.path, self.findings_line, problems[0]
            ));
        }
        findings
    }
}

fn kind_of(value: &regorus::Value) -> &'static str {
    match value {
        regorus::Value::Null => "null",
        regorus::Value::Bool(_) => "a boolean",
        regorus::Value::Number(_) => "a number",
        regorus::Value::String(_) => "a string",
        regorus::Value::Array(_) => "an array",
        regorus::Value::Set(_) => "a set",
        regorus::Value::Object(_) => "an object",
        regorus::Value::Undefined => "undefined",
    }
}

/// One finding as a policy writes it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFinding {
    status: String,
    #[serde(default)]
    message: Option<String>,
    #[serde(default)]
    resource: Option<RawResource>,
    #[serde(default)]
    region: Option<String>,
    #[serde(default)]
    reason: Option<String>,
    #[serde(default)]
    gap: Option<Gap>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawResource {
    arn: String,
    #[serde(rename = "type")]
    kind: String,
    id: String,
    region: String,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    tags: Tags,
}

fn finding_of(
    check: &Check,
    snapshot: &Snapshot,
    item: &regorus::Value,
) -> Result<Finding, String> {
    let json = serde_json::to_value(item).map_err(|err| err.to_string())?;
    let raw: RawFinding = serde_json::from_value(json).map_err(|err| {
        format!("{err} (a finding is {{\"status\", \"message\", \"resource\": {{\"arn\", \"type\", \"id\", \"region\"}}, \"reason\" or \"gap\" when not_evaluated}})")
    })?;
    let resource = match raw.resource {
        Some(resource) => {
            for (field, value) in [
                ("arn", &resource.arn),
                ("type", &resource.kind),
                ("id", &resource.id),
                ("region", &resource.region),
            ] {
                if value.trim().is_empty() {
                    return Err(format!("`resource.{field}` is empty"));
                }
            }
            if raw.region.as_ref().is_some_and(|r| r != &resource.region) {
                return Err("`region` differs from `resource.region`: give one".into());
            }
            ResourceRef {
                arn: resource.arn,
                kind: resource.kind,
                id: resource.id,
                name: resource.name.filter(|n| !n.is_empty()),
                region: resource.region,
                tags: resource.tags,
            }
        }
        None => snapshot.account_resource(raw.region.as_deref().unwrap_or("global")),
    };
    let message = raw.message.filter(|m| !m.trim().is_empty());
    let needs_message = |status: &str| {
        message.clone().ok_or_else(|| {
            format!("a `{status}` finding needs a `message` naming the resource and the fact")
        })
    };
    match raw.status.as_str() {
        "pass" => Ok(check.pass(&resource, needs_message("pass")?)),
        "fail" => Ok(check.fail(&resource, needs_message("fail")?)),
        "no_evidence" => Ok(check.no_evidence(&resource, needs_message("no_evidence")?)),
        "not_evaluated" => {
            let gap = match (
                raw.gap,
                raw.reason.filter(|r| !r.trim().is_empty()),
                message,
            ) {
                (Some(gap), _, _) => gap,
                (None, Some(reason), _) | (None, None, Some(reason)) => Gap {
                    service: check.service.to_string(),
                    region: Some(resource.region.clone()),
                    operation: "custom check".into(),
                    resource: Some(resource.id.clone()),
                    kind: ErrorKind::Incomplete,
                    message: reason,
                },
                (None, None, None) => {
                    return Err(
                        "a `not_evaluated` finding needs a `reason` or the `gap` it comes from"
                            .into(),
                    )
                }
            };
            Ok(check.not_evaluated(&resource, &gap))
        }
        other => Err(format!(
            "status `{other}` is not one of pass, fail, not_evaluated, no_evidence"
        )),
    }
}

/// The ids of `checks` that are custom.
pub fn ids<'a>(checks: impl IntoIterator<Item = &'a &'static Check>) -> BTreeSet<&'static str> {
    checks
        .into_iter()
        .filter(|c| c.custom.is_some())
        .map(|c| c.id)
        .collect()
}

/// The default of one region of each per-region part of the snapshot (everything "not
/// collected"): what a fixture's region starts from, so that it gives only what it tests.
fn region_defaults(part: &str) -> Option<serde_json::Value> {
    use crate::model::*;
    macro_rules! parts {
        ($($name:literal => $kind:ty,)*) => {
            match part {
                $($name => serde_json::to_value(<$kind>::default()).ok(),)*
                _ => None,
            }
        };
    }
    parts! {
        "ec2" => Ec2Region,
        "config" => ConfigRegion,
        "rds" => RdsRegion,
        "dynamodb" => DynamoDbRegion,
        "kms" => KmsRegion,
        "logs" => LogsRegion,
        "lambda" => LambdaRegion,
        "elbv2" => Elbv2Region,
        "guardduty" => GuardDutyRegion,
        "securityhub" => SecurityHubRegion,
        "sqs" => SqsRegion,
        "sns" => SnsRegion,
        "secretsmanager" => SecretsManagerRegion,
        "efs" => EfsRegion,
        "ecr" => EcrRegion,
        "ecs" => EcsRegion,
        "eks" => EksRegion,
        "autoscaling" => AutoScalingRegion,
        "acm" => AcmRegion,
        "ssm" => SsmRegion,
        "backup" => BackupRegion,
        "cloudwatch" => CloudWatchRegion,
        "accessanalyzer" => AccessAnalyzerRegion,
        "apigateway" => ApiGatewayRegion,
        "fis" => FisRegion,
        "cloudformation" => CloudFormationRegion,
    }
}

/// Lays `over` onto `base`: objects key by key, anything else (a list, a value, a `{"ok": ..}`
/// or `{"failed": ..}` slot) replaced whole.
fn merge_json(base: &mut serde_json::Value, over: serde_json::Value) {
    use serde_json::Value;
    match (base, over) {
        (Value::Object(base), Value::Object(over))
            if !over.contains_key("ok") && !over.contains_key("failed") =>
        {
            for (key, value) in over {
                match base.get_mut(&key) {
                    Some(slot) => merge_json(slot, value),
                    None => {
                        base.insert(key, value);
                    }
                }
            }
        }
        (base, over) => *base = over,
    }
}

/// A fixture file of a custom check (`<name>.test.json` beside `<name>.rego`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Fixture {
    cases: Vec<Case>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    /// Only what the case is about: laid onto an empty snapshot of account 123456789012 in which
    /// the check's services were collected and every region part defaults to "not collected".
    #[serde(default)]
    snapshot: serde_json::Value,
    expect: Vec<Expected>,
}

/// One finding a case expects.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expected {
    /// The resource's id (the account id for a finding on the account).
    pub resource: String,
    pub status: Status,
    /// When given, the finding's region must be this one.
    #[serde(default)]
    pub region: Option<String>,
    /// When given, the finding's message (for `not_evaluated`: its reason) must contain this.
    #[serde(default)]
    pub message: Option<String>,
}

impl fmt::Display for Expected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} on {}", self.status, self.resource)?;
        if let Some(region) = &self.region {
            write!(f, " in {region}")?;
        }
        if let Some(message) = &self.message {
            write!(f, " with \"{message}\"")?;
        }
        Ok(())
    }
}

/// The outcome of one case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseOutcome {
    pub name: String,
    /// Expected findings that did not come.
    pub missing: Vec<Expected>,
    /// Findings that came unexpected: `status on resource in region: message`.
    pub unexpected: Vec<String>,
}

impl CaseOutcome {
    pub fn passed(&self) -> bool {
        self.missing.is_empty() && self.unexpected.is_empty()
    }
}

/// The account fixtures are about.
pub const FIXTURE_ACCOUNT: &str = "123456789012";

/// Runs the cases of the fixture `path` (text `text`) against `check`, through the same engine
/// as a scan. A fixture that cannot be read is a [`LoadError`] with its line.
pub fn run_fixture(check: &Check, path: &str, text: &str) -> Result<Vec<CaseOutcome>, LoadError> {
    let error = |line: usize, message: String| LoadError {
        path: path.to_string(),
        line,
        message,
    };
    let fixture: Fixture = serde_json::from_str(text)
        .map_err(|err| error(err.line(), format!("not a fixture: {err}")))?;
    let mut outcomes = Vec::new();
    for case in fixture.cases {
        let case_line = line_of(text, "\u{0}", Some(&format!("\"{}\"", case.name)));
        let mut base = Snapshot::new(FIXTURE_ACCOUNT, time::OffsetDateTime::UNIX_EPOCH);
        base.services = check.services().into_iter().collect();
        let mut json = serde_json::to_value(&base)
            .map_err(|err| error(case_line, format!("cannot build the snapshot: {err}")))?;
        if let serde_json::Value::Object(parts) = &case.snapshot {
            // Each region of a per-region part starts from that part's defaults.
            for (part, regions) in parts {
                if let (Some(default), serde_json::Value::Object(regions)) =
                    (region_defaults(part), regions)
                {
                    for region in regions.keys() {
                        json[part.as_str()][region.as_str()] = default.clone();
                    }
                }
            }
        } else if !case.snapshot.is_null() {
            return Err(error(
                case_line,
                format!("case `{}`: `snapshot` must be an object", case.name),
            ));
        }
        merge_json(&mut json, case.snapshot);
        let snapshot: Snapshot = serde_json::from_value(json).map_err(|err| {
            error(
                case_line,
                format!(
                    "case `{}`: the snapshot does not match the snapshot's schema (docs/snapshot.schema.json): {err}",
                    case.name
                ),
            )
        })?;
        let findings =
            crate::engine::evaluate(&snapshot, &crate::settings::Settings::default(), &[check]);
        let mut unmatched: Vec<&Finding> = findings.iter().collect();
        let mut missing = Vec::new();
        for expected in &case.expect {
            let at = unmatched.iter().position(|f| {
                f.resource.id == expected.resource
                    && f.status == expected.status
                    && expected.region.as_ref().is_none_or(|r| r == &f.region)
                    && expected.message.as_ref().is_none_or(|m| {
                        f.message.contains(m.as_str())
                            || f.reason.as_deref().is_some_and(|r| r.contains(m.as_str()))
                    })
            });
            match at {
                Some(at) => {
                    unmatched.remove(at);
                }
                None => missing.push(expected.clone()),
            }
        }
        outcomes.push(CaseOutcome {
            name: case.name,
            missing,
            unexpected: unmatched
                .iter()
                .map(|f| {
                    format!(
                        "{} on {} in {}: {}",
                        f.status,
                        f.resource.id,
                        f.region,
                        f.reason.as_deref().unwrap_or(&f.message)
                    )
                })
                .collect(),
        });
    }
    Ok(outcomes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine;
    use crate::model::Fetched;
    use crate::settings::Settings;
    use crate::testing::*;

    const FAMILIES: &str = r#"package custom.instance_families

metadata := {
    "title": "Instances use an approved family",
    "pillar": "cost_optimization",
    "severity": "medium",
    "services": ["ec2"],
    "best_practices": [{"code": "COST06-BP03", "strength": "indirect"}],
    "remediation": "Resize the instance to an approved family.",
    "doc": "Checks instance families against the team's list.",
}

approved := {"m7g", "c7g"}

findings contains f if {
    some region, ec2 in input.ec2
    some instance in ec2.instances.ok
    family := split(instance.instance_type, ".")[0]
    f := {
        "resource": {"arn": instance.arn, "type": "AWS::EC2::Instance", "id": instance.id,
                     "region": region, "tags": instance.tags},
        "status": status(family),
        "message": sprintf("instance %s is a %s", [instance.id, instance.instance_type]),
    }
}

findings contains f if {
    some region, ec2 in input.ec2
    gap := ec2.instances.failed
    f := {"status": "not_evaluated", "region": region, "gap": gap}
}

status(family) := "pass" if family in approved
status(family) := "fail" if not family in approved
"#;

    fn run_custom(check: &Check, snap: &Snapshot) -> Vec<Finding> {
        engine::evaluate(snap, &Settings::default(), &[check])
    }

    #[test]
    fn a_policy_gives_pass_fail_and_not_evaluated_findings_of_its_own_check() {
        let check = load("families.rego", FAMILIES).expect("loads");
        assert_eq!(check.id, "custom.instance_families");
        assert_eq!(check.pillar, Pillar::CostOptimization);
        assert_eq!(check.severity, Severity::Medium);
        assert_eq!(check.best_practices[0].strength, Strength::Indirect);
        assert_eq!(check.source, "families.rego:1");
        assert!(check.is_custom());

        let mut snap = snapshot();
        let mut old = instance("old");
        old.instance_type = "m4.large".into();
        ec2(&mut snap).instances = Fetched::Ok(vec![instance("new"), old]);
        snap.ec2.insert(
            "eu-west-1".into(),
            crate::model::Ec2Region {
                instances: Fetched::Failed(denied("DescribeInstances")),
                ..Default::default()
            },
        );
        let findings = run_custom(check, &snap);
        assert_eq!(
            statuses(&findings),
            expect(&[
                ("123456789012", Status::NotEvaluated),
                ("i-new", Status::Pass),
                ("i-old", Status::Fail),
            ])
        );
        let failed = &findings[2];
        assert_eq!(failed.check_id, "custom.instance_families");
        assert_eq!(failed.message, "instance i-old is a m4.large");
        assert_eq!(failed.account_id, ACCOUNT);
        assert_eq!(failed.indirect_best_practices, ["COST06-BP03"]);
        assert!(!failed.finding_id.is_empty());
        assert_eq!(failed.resource.name.as_deref(), None);
        assert_eq!(
            failed.resource.tags.get("owner").map(String::as_str),
            Some("team")
        );
        let reason = findings[0].reason.as_deref().unwrap_or_default();
        assert!(reason.contains("DescribeInstances"), "{reason}");
        assert!(reason.contains("access denied"), "{reason}");
        assert_eq!(findings[0].region, "eu-west-1");
    }

    #[test]
    fn a_service_not_collected_makes_the_check_not_evaluated_without_running_it() {
        let check = load("families.rego", FAMILIES).expect("loads");
        let mut snap = snapshot();
        snap.services.remove(&Service::Ec2);
        let findings = run_custom(check, &snap);
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].status, Status::NotEvaluated);
        assert!(findings[0].message.contains("ec2 was not collected"));
    }

    fn load_error(text: &str) -> LoadError {
        load("bad.rego", text).expect_err("refused")
    }

    #[test]
    fn bad_policies_are_refused_with_their_file_and_line() {
        let err = load_error("package custom.x\n\nfindings contains f if {\n  f := \n}\n");
        assert_eq!(err.path, "bad.rego");
        assert!(err.line >= 4, "{err}");
        assert!(err.message.starts_with("does not parse"), "{err}");

        let err = load_error(&FAMILIES.replace("custom.instance_families", "team.families"));
        assert_eq!(err.line, 1);
        assert!(err.message.contains("custom.<name>"), "{err}");

        let err = load_error(&FAMILIES.replace("COST06-BP03", "COST99-BP01"));
        assert_eq!(err.line, 8, "{err}");
        assert!(
            err.message.contains("unknown best practice `COST99-BP01`"),
            "{err}"
        );

        let err = load_error(&FAMILIES.replace("\"indirect\"", "\"strong\""));
        assert_eq!(err.line, 8, "{err}");
        assert!(err.message.contains("strength `strong`"), "{err}");

        let err = load_error(&FAMILIES.replace("\"medium\"", "\"urgent\""));
        assert_eq!(err.line, 6, "{err}");
        assert!(err.message.contains("unknown severity"), "{err}");

        let err = load_error(&FAMILIES.replace("[\"ec2\"]", "[\"ec3\"]"));
        assert_eq!(err.line, 7, "{err}");

        let err = load_error(&FAMILIES.replace("\"doc\":", "\"docs\":"));
        assert_eq!(err.line, 3, "{err}");
        assert!(err.message.contains("docs"), "{err}");

        let err = load_error("package custom.x\n\nfindings contains 1 if true\n");
        assert!(err.message.contains("no `metadata` rule"), "{err}");

        let err = load_error(&FAMILIES.replace("findings contains", "result contains"));
        assert!(err.message.contains("no `findings` rule"), "{err}");
    }

    #[test]
    fn two_files_with_one_id_are_refused() {
        let files = [
            ("a.rego".to_string(), FAMILIES.to_string()),
            ("b.rego".to_string(), FAMILIES.to_string()),
        ];
        let errors = load_all(&files).expect_err("duplicate");
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].path, "b.rego");
        assert!(errors[0].message.contains("already defined by a.rego:1"));
    }

    /// What the policy returns is checked: a malformed finding makes the check not_evaluated,
    /// naming the file and the line of `findings`.
    #[test]
    fn a_malformed_finding_is_not_evaluated_with_the_reason() {
        for (finding, expected) in [
            (r#"{"status": "failed", "message": "x"}"#, "status `failed`"),
            (r#"{"status": "fail"}"#, "needs a `message`"),
            (
                r#"{"status": "fail", "message": "x", "resource": {"id": "i-1"}}"#,
                "missing field",
            ),
            (r#"{"status": "not_evaluated"}"#, "needs a `reason`"),
            (
                r#"{"status": "pass", "message": "x", "colour": "red"}"#,
                "unknown field `colour`",
            ),
            (r#""just a string""#, "invalid type"),
        ] {
            let text = format!(
                "{}\nfindings contains {finding} if true\n",
                FAMILIES
                    .split("findings contains")
                    .next()
                    .unwrap_or_default()
            );
            let check = load("odd.rego", &text).expect("loads");
            let findings = run_custom(check, &snapshot());
            assert_eq!(findings.len(), 1, "{finding}");
            assert_eq!(findings[0].status, Status::NotEvaluated, "{finding}");
            let reason = findings[0].reason.as_deref().unwrap_or_default();
            assert!(
                reason.contains("odd.rego:16: malformed finding"),
                "{reason}"
            );
            assert!(reason.contains(expected), "{finding}: {reason}");
        }
    }

    #[test]
    fn a_policy_that_runs_too_long_is_stopped_and_not_evaluated() {
        let text = format!(
            "{}\nfindings contains f if {{\n  n := count([1 | some i in numbers.range(1, 100000); some j in numbers.range(1, 100000); i + j < 0])\n  f := {{\"status\": \"pass\", \"message\": sprintf(\"%d\", [n])}}\n}}\n",
            FAMILIES.split("findings contains").next().unwrap_or_default()
        );
        let check = load_with_limit("slow.rego", &text, Duration::from_millis(200)).expect("loads");
        let started = std::time::Instant::now();
        let findings = run_custom(check, &snapshot());
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "{:?}",
            started.elapsed()
        );
        assert_eq!(
            statuses(&findings),
            expect(&[("123456789012", Status::NotEvaluated)])
        );
        let reason = findings[0].reason.as_deref().unwrap_or_default();
        assert!(
            reason.contains("slow.rego:16: stopped after the time limit of 200 ms"),
            "{reason}"
        );
    }

    /// A policy cannot reach outside: the builtins that would (HTTP, the environment, the
    /// clock, random numbers) are not there, so such a policy does not load.
    #[test]
    fn a_policy_cannot_read_the_network_the_environment_or_the_clock() {
        let head = FAMILIES
            .split("findings contains")
            .next()
            .unwrap_or_default();
        for call in [
            r#"http.send({"method": "GET", "url": "http://127.0.0.1:1/"})"#,
            "opa.runtime()",
            "time.now_ns()",
            r#"uuid.rfc4122("x")"#,
            "rand.intn(\"x\", 10)",
            r#"net.lookup_ip_addr("localhost")"#,
        ] {
            let text = format!(
                "{head}\nfindings contains f if {{\n  x := {call}\n  f := {{\"status\": \"pass\", \"message\": sprintf(\"%v\", [x])}}\n}}\n"
            );
            match load("outside.rego", &text) {
                Err(err) => assert!(err.line > 0, "{call}: {err}"),
                Ok(check) => {
                    // Refused at evaluation instead: never a finding that read the outside.
                    let findings = run_custom(check, &snapshot());
                    assert!(
                        findings.iter().all(|f| f.status == Status::NotEvaluated),
                        "{call}: {findings:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn the_account_is_the_resource_when_a_finding_names_none() {
        let text = format!(
            "{}\nfindings contains {{\"status\": \"no_evidence\", \"message\": \"no runbook\", \"region\": \"us-east-1\"}} if true\n",
            FAMILIES.split("findings contains").next().unwrap_or_default()
        );
        let check = load("acct.rego", &text).expect("loads");
        let findings = run_custom(check, &snapshot());
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].status, Status::NoEvidence);
        assert_eq!(findings[0].message, "no evidence found: no runbook");
        assert_eq!(findings[0].resource.kind, "AWS::::Account");
        assert_eq!(findings[0].region, "us-east-1");
    }

    #[test]
    fn fixtures_run_their_cases_through_the_engine() {
        let check = load("families.rego", FAMILIES).expect("loads");
        let fixture = r#"{"cases": [
  {"name": "families", "snapshot": {"ec2": {"eu-west-1": {"instances": {"ok": [
      {"arn": "arn:aws:ec2:eu-west-1:123456789012:instance/i-1", "region": "eu-west-1",
       "id": "i-1", "instance_type": "m4.large", "state": "running", "tags": {}},
      {"arn": "arn:aws:ec2:eu-west-1:123456789012:instance/i-2", "region": "eu-west-1",
       "id": "i-2", "instance_type": "c7g.large", "state": "running", "tags": {}}]}}}},
   "expect": [{"resource": "i-1", "status": "fail", "message": "m4.large"},
              {"resource": "i-2", "status": "pass"}]},
  {"name": "wrong on purpose", "snapshot": {"ec2": {"eu-west-1": {}}},
   "expect": [{"resource": "i-9", "status": "pass"}]}
]}"#;
        let outcomes = run_fixture(check, "families.test.json", fixture).expect("runs");
        assert!(outcomes[0].passed(), "{:?}", outcomes[0]);
        assert!(!outcomes[1].passed());
        assert_eq!(outcomes[1].missing.len(), 1);
        // The region defaults to "not collected": the rule says so with the gap.
        assert_eq!(outcomes[1].unexpected.len(), 1, "{:?}", outcomes[1]);
        assert!(outcomes[1].unexpected[0].starts_with("not_evaluated on 123456789012 in eu-west-1"));

        let err = run_fixture(check, "f.test.json", "{\"cases\": [{\"name\": \"x\", \"snapshot\": {\"ec2\": {\"r\": {\"instances\": {\"ok\": [{}]}}}}, \"expect\": []}]}")
            .expect_err("bad snapshot");
        assert!(
            err.message.contains("does not match the snapshot's schema"),
            "{err}"
        );
    }
}
