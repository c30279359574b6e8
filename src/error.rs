//! The library's errors. Everything that goes wrong inside a scan is data in the snapshot; these are
//! the few failures that stop a command, each with the exit code it maps to.

use std::path::PathBuf;

/// An error that ends a command.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Bad flags, an unknown region, check or pillar.
    #[error("{0}")]
    Usage(String),
    /// A file (snapshot, config) that cannot be read or parsed.
    #[error("{path}: {message}")]
    File { path: PathBuf, message: String },
    /// No credentials, or credentials AWS does not accept.
    #[error("cannot identify the AWS account: {0}\nhint: set AWS_PROFILE or --profile, run `aws sso login`, or export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY")]
    Credentials(String),
    /// The organisation's accounts cannot be listed (`--org`).
    #[error("cannot list the organisation's accounts: {0}\nhint: run --org from the management account or a delegated administrator account, with organizations:ListAccounts allowed, or name the accounts with --accounts")]
    Organization(String),
    /// Writing an output failed.
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The local emulator (demo and tests) could not be started.
    #[error("emulator: {0}")]
    Emulator(String),
    /// SIGINT or SIGTERM before anything worth keeping was collected.
    #[error("interrupted")]
    Interrupted,
}

impl From<wascan_checks::files::FileError> for Error {
    fn from(err: wascan_checks::files::FileError) -> Self {
        Error::File {
            path: err.path,
            message: err.message,
        }
    }
}

impl Error {
    /// The process exit code for this error: 2, "the scan could not run as asked" (exit code 1
    /// is reserved for failed findings, 3 for collection errors under `--strict`); 130 when
    /// interrupted (128 + SIGINT, as shells report it).
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Interrupted => 130,
            _ => 2,
        }
    }
}
