//! wascan's pure core: the snapshot model, the Well-Architected catalog, the checks, and the engine
//! that evaluates and scores them, and the readers of wascan's own files (from their text). No AWS
//! SDK, no async, no I/O: everything here can be tested on
//! hand-built snapshots and rebuilds in seconds.
//!
//! ```
//! use wascan_checks::{engine, model::Snapshot, registry::all_checks, settings::Settings};
//!
//! let snapshot: Snapshot = Snapshot::new("123456789012", time::OffsetDateTime::UNIX_EPOCH);
//! let findings = engine::evaluate(&snapshot, &Settings::default(), all_checks());
//! assert!(findings.iter().all(|f| f.status == wascan_checks::finding::Status::NotEvaluated));
//! ```

// Nothing here unwraps: a value a snapshot or a file lacks is `not_evaluated` or an error (issue
// #14). Tests may (clippy.toml allows it in `#[cfg(test)]` code).
#![deny(clippy::unwrap_used, clippy::expect_used)]

mod alternate_contacts;
mod api_stages;
pub mod catalog;
pub mod check;
mod commitment_utilization;
pub mod config;
pub mod custom;
pub mod diff;
pub mod docs;
pub mod engine;
pub mod files;
pub mod finding;
pub mod hardware;
pub mod model;
mod opensearch_settings;
pub mod overrides;
mod pipeline_stages;
pub mod presence;
mod recommendations;
pub mod registry;
pub mod result;
pub mod secrets;
pub mod settings;
pub mod summary;
pub mod suppress;
mod tags;

pub mod cost_optimization;
pub mod operational_excellence;
pub mod performance_efficiency;
pub mod reliability;
pub mod security;
pub mod sustainability;

#[cfg(test)]
pub(crate) mod testing;

pub use check::{Check, Context};
pub use finding::{Finding, Severity, Status};
pub use model::{Fetched, Gap, Snapshot};
