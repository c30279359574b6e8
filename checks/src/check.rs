//! The shape of a check: metadata plus one pure function from a snapshot to findings.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::catalog::Pillar;
use crate::finding::{Finding, Severity, Status};
use crate::model::s3::Bucket;
use crate::model::{Ec2Region, Fetched, Gap, Resource, Service, Snapshot};
use crate::settings::Settings;

/// What a check's `evaluate` gets: the snapshot and the user's thresholds.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    pub snapshot: &'a Snapshot,
    pub settings: &'a Settings,
}

impl Context<'_> {
    /// Applies `verdict` to every item of a per-region EC2 list (`None` skips the item). A region
    /// whose list could not be read gives one `not_evaluated` finding for the account there.
    pub fn each_in_ec2_regions<T>(
        &self,
        check: &Check,
        list: impl Fn(&Ec2Region) -> &Fetched<Vec<T>>,
        mut verdict: impl FnMut(&T) -> Option<Finding>,
    ) -> Vec<Finding> {
        self.snapshot
            .ec2
            .iter()
            .flat_map(|(region, ec2)| match list(ec2) {
                Fetched::Ok(items) => items.iter().filter_map(&mut verdict).collect(),
                Fetched::Failed(gap) => {
                    vec![check.not_evaluated(&self.snapshot.account_resource(region), gap)]
                }
            })
            .collect()
    }

    /// Like [`Context::each_in_ec2_regions`], for any per-region part of the snapshot (`regions`
    /// is keyed by region name).
    pub fn each_in_regions<R, T>(
        &self,
        check: &Check,
        regions: &BTreeMap<String, R>,
        list: impl Fn(&R) -> &Fetched<Vec<T>>,
        mut verdict: impl FnMut(&T) -> Option<Finding>,
    ) -> Vec<Finding> {
        regions
            .iter()
            .flat_map(|(region, data)| match list(data) {
                Fetched::Ok(items) => items.iter().filter_map(&mut verdict).collect(),
                Fetched::Failed(gap) => {
                    vec![check.not_evaluated(&self.snapshot.account_resource(region), gap)]
                }
            })
            .collect()
    }
}

impl Context<'_> {
    /// Applies `verdict` to every bucket (`None` skips it). An unreadable bucket list gives one
    /// `not_evaluated` finding for the account; a bucket whose region could not be read, one
    /// `not_evaluated` finding with the reason.
    pub fn each_bucket(
        &self,
        check: &Check,
        verdict: impl FnMut(&Bucket) -> Option<Finding>,
    ) -> Vec<Finding> {
        let s3 = &self.snapshot.s3;
        match &s3.buckets {
            Fetched::Ok(buckets) => buckets
                .iter()
                .filter_map(verdict)
                .chain(
                    s3.unlocated_buckets
                        .iter()
                        .map(|bucket| check.not_evaluated(bucket, &bucket.why)),
                )
                .collect(),
            Fetched::Failed(gap) => {
                vec![check.not_evaluated(&self.snapshot.account_resource("global"), gap)]
            }
        }
    }
}

/// How strongly a check's finding speaks for a best practice.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Strength {
    /// The signal is a named part of the practice ("backups are taken automatically" for
    /// REL09-BP03): a passed finding shows the practice is followed.
    Direct,
    /// The signal is a precondition or a proxy ("detailed monitoring is on" for OPS08-BP01
    /// "Analyze workload metrics"): it makes the practice possible, it does not show it.
    Indirect,
}

impl Strength {
    pub fn as_str(self) -> &'static str {
        match self {
            Strength::Direct => "direct",
            Strength::Indirect => "indirect",
        }
    }
}

impl std::fmt::Display for Strength {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One best practice a check brings evidence to, and how strong that evidence is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Evidence {
    /// A best-practice code of the Well-Architected catalog, e.g. `SEC08-BP02`.
    pub code: &'static str,
    pub strength: Strength,
}

/// Direct evidence for the best practice `code`: the check's signal is a named part of it.
pub const fn direct(code: &'static str) -> Evidence {
    Evidence {
        code,
        strength: Strength::Direct,
    }
}

/// Indirect evidence for the best practice `code`: the check's signal is a precondition or proxy.
pub const fn indirect(code: &'static str) -> Evidence {
    Evidence {
        code,
        strength: Strength::Indirect,
    }
}

/// A check: stable id, metadata, documentation and the function that evaluates it.
#[derive(Debug)]
pub struct Check {
    /// `<service>_<what>`, snake_case. Never renamed: baselines and suppressions refer to it.
    pub id: &'static str,
    pub pillar: Pillar,
    /// The service whose data the check reads.
    pub service: Service,
    pub severity: Severity,
    /// The best practices of the Well-Architected catalog the check brings evidence to, each
    /// with its strength: `&[direct("REL09-BP03"), indirect("OPS08-BP01")]`.
    pub best_practices: &'static [Evidence],
    /// The wascan version that introduced the check.
    pub since: &'static str,
    pub title: &'static str,
    /// What to do, with the CLI or console step.
    pub remediation: &'static str,
    pub evaluate: fn(&Context) -> Vec<Finding>,
    /// The doc comment: What it does / Why is this bad / Example / Not evaluated when.
    pub doc: &'static str,
    /// `file:line` of the definition.
    pub source: &'static str,
    /// A custom check's policy (`None` for a built-in check): the engine evaluates it instead
    /// of `evaluate` (see [`crate::custom`]).
    pub custom: Option<&'static crate::custom::Policy>,
}

impl Check {
    pub fn pass(&self, resource: &impl Resource, message: impl Into<String>) -> Finding {
        self.finding(resource, Status::Pass, message.into(), None)
    }

    pub fn fail(&self, resource: &impl Resource, message: impl Into<String>) -> Finding {
        self.finding(resource, Status::Fail, message.into(), None)
    }

    /// The check looked for a practice or tool that teams may also meet outside AWS (an
    /// experiment that ran, a plan, a dashboard) and found none in the account: "no evidence
    /// found", not a failed configuration. It lowers no score and trips no `--fail-on`.
    /// The message reads "no evidence found: {message}" in every report.
    pub fn no_evidence(&self, resource: &impl Resource, message: impl Into<String>) -> Finding {
        let message = message.into();
        self.finding(
            resource,
            Status::NoEvidence,
            format!("no evidence found: {message}"),
            None,
        )
    }

    /// The codes of the best practices the check evidences, in declaration order.
    pub fn codes(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.best_practices.iter().map(|e| e.code)
    }

    /// How strongly the check evidences `code`, if it does.
    pub fn strength(&self, code: &str) -> Option<Strength> {
        self.best_practices
            .iter()
            .find(|e| e.code == code)
            .map(|e| e.strength)
    }

    /// The data this check needed about `resource` could not be read: `why` says what failed.
    pub fn not_evaluated(&self, resource: &impl Resource, why: &Gap) -> Finding {
        let reason = why.to_string();
        self.finding(
            resource,
            Status::NotEvaluated,
            format!("could not evaluate: {reason}"),
            Some(reason),
        )
    }

    fn finding(
        &self,
        resource: &impl Resource,
        status: Status,
        message: String,
        reason: Option<String>,
    ) -> Finding {
        let resource = resource.resource();
        Finding {
            finding_id: String::new(),
            check_id: self.id.to_string(),
            title: self.title.to_string(),
            pillar: self.pillar,
            best_practices: self.codes().map(str::to_string).collect(),
            indirect_best_practices: self
                .best_practices
                .iter()
                .filter(|e| e.strength == Strength::Indirect)
                .map(|e| e.code.to_string())
                .collect(),
            severity: self.severity,
            status,
            account_id: String::new(),
            region: resource.region.clone(),
            resource,
            message,
            remediation: self.remediation.to_string(),
            reason,
            suppressed: None,
            overridden: None,
        }
    }

    /// Whether the check is a team's own, loaded from a Rego policy.
    pub fn is_custom(&self) -> bool {
        self.custom.is_some()
    }

    /// Every service whose data the check reads: its `service`, and for a custom check the
    /// others its policy declares.
    pub fn services(&self) -> Vec<Service> {
        match self.custom {
            Some(policy) => policy.services.clone(),
            None => vec![self.service],
        }
    }

    /// The first paragraph of "What it does": a one-line summary for listings.
    pub fn summary(&self) -> &'static str {
        self.doc
            .split("\n\n")
            .find(|para| !para.trim_start().starts_with('#') && !para.trim().is_empty())
            .map(str::trim)
            .unwrap_or(self.title)
    }
}

/// Declares a check as a `static`, keeping its doc comment and location as data.
/// Registers a pillar's checks, one line each (`module::CONSTANT,`, the file's name and the
/// constant its `declare_check!` defines), in the order the pillar lists them: declares each
/// check's module, re-exports its constant and builds the pillar's `CHECKS`. A check file not
/// listed here is not compiled, and the `registry` test fails naming it.
#[macro_export]
macro_rules! register_checks {
    ($($module:ident :: $check:ident),* $(,)?) => {
        $(mod $module;)*
        $(pub use $module::$check;)*
        /// Every check of the pillar, in the order it lists them.
        pub static CHECKS: &[&$crate::check::Check] = &[$(&$check),*];
    };
}

#[macro_export]
macro_rules! declare_check {
    (
        $(#[doc = $doc:literal])*
        pub $name:ident = $id:literal,
        $($field:ident: $value:expr,)*
    ) => {
        $(#[doc = $doc])*
        pub static $name: $crate::check::Check = $crate::check::Check {
            id: $id,
            $($field: $value,)*
            doc: concat!($($doc, "\n"),*),
            source: concat!(file!(), ":", line!()),
            custom: None,
        };
    };
}

/// A value a check needs from a resource's `Option` field, or, when AWS did not send it,
/// `return Some(check.not_evaluated(..))` from the verdict closure with the gap naming the field
/// ([`crate::model::Known`]): never a default that passes.
///
/// `known!(check, db, db.publicly_accessible, "PubliclyAccessible")`
#[macro_export]
macro_rules! known {
    ($check:expr, $resource:expr, $value:expr, $field:literal) => {
        match $value {
            Some(value) => value,
            None => {
                let why = $crate::model::Known::missing($resource, $field);
                return Some($check.not_evaluated($resource, &why));
            }
        }
    };
}
