//! wascan: assess a live AWS account against the AWS Well-Architected Framework.
//!
//! The pipeline: [`collect`] reads the account through the AWS SDK into a
//! [`Snapshot`](wascan_checks::Snapshot); the pure engine in [`wascan_checks`] evaluates the
//! checks and scores them; [`report`] renders the result. [`scan`] runs the whole pipeline.

// Data from the network or a file is never unwrapped: a missing value is a recorded gap or an
// error (issue #14). Tests may unwrap (clippy.toml allows it in `#[cfg(test)]` code).
#![deny(clippy::unwrap_used, clippy::expect_used)]

pub mod app;
pub mod aws;
pub mod baseline;
pub mod cli;
pub mod collect;
pub mod config;
pub mod convert;
pub mod custom;
pub mod emulator;
pub mod error;
pub mod logging;
pub mod org;
pub mod permissions;
pub mod progress;
pub mod report;
pub mod review;
pub mod scan;
pub mod scandir;
pub mod suppress;

pub use error::Error;
pub use wascan_checks as checks;
