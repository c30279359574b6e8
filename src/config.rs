//! The configuration file (`wascan.toml`, or `--config FILE`): parsed by
//! [`wascan_checks::config`] (pure, fuzzed); this module reads it from disk.

use std::path::{Path, PathBuf};

pub use wascan_checks::config::{Config, DEFAULT_CONFIG_FILE};

use crate::error::Error;

/// Reads `path`, or `wascan.toml` when `path` is `None` and that file exists, else defaults.
pub fn load(path: Option<&Path>) -> Result<Config, Error> {
    let path: PathBuf = match path {
        Some(path) => path.to_path_buf(),
        None if Path::new(DEFAULT_CONFIG_FILE).is_file() => DEFAULT_CONFIG_FILE.into(),
        None => return Ok(Config::default()),
    };
    let text = std::fs::read_to_string(&path).map_err(|err| Error::File {
        path: path.clone(),
        message: err.to_string(),
    })?;
    Ok(Config::parse_file(&path, &text)?)
}
