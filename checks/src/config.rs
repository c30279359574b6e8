//! The configuration file (`wascan.toml`, or `--config FILE`): thresholds for the checks.
//!
//! ```toml
//! [checks]
//! access_key_max_age_days = 90
//! required_tags = ["owner", "cost-center"]
//! ```
//! Unknown keys are rejected with their line, so a typo never silently falls back to a default.
//! `[[suppressions]]` tables beside `[checks]` accept failed findings: see [`crate::suppress`].

use std::path::Path;

use crate::settings::Settings;
use serde::Deserialize;

use crate::files::FileError;
use crate::suppress::{self, RawSuppression, Suppression};

/// The file read when `--config` is not given, if it exists in the working directory.
pub const DEFAULT_CONFIG_FILE: &str = "wascan.toml";

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Directories of custom checks (Rego policies, see [`crate::custom`]), relative to the
    /// config file: `custom_checks = ["policies"]`.
    #[serde(default)]
    pub custom_checks: Vec<std::path::PathBuf>,
    #[serde(default)]
    pub checks: Settings,
    /// Validated by [`Config::load`] into `overrides`.
    #[serde(default, rename = "overrides")]
    raw_overrides: Vec<toml::Spanned<crate::overrides::RawOverride>>,
    #[serde(skip)]
    pub overrides: Vec<crate::overrides::Override>,
    /// Validated by [`Config::load`] into `suppressions`.
    #[serde(default, rename = "suppressions")]
    raw_suppressions: Vec<RawSuppression>,
    #[serde(skip)]
    pub suppressions: Vec<Suppression>,
}

impl Config {
    /// Parses the text of the config file `path` (read by the caller; `path` names it in
    /// errors), suppressions validated.
    pub fn parse_file(path: &Path, text: &str) -> Result<Config, FileError> {
        let mut config = Config::parse(text).map_err(|message| FileError {
            path: path.to_path_buf(),
            message,
        })?;
        config.suppressions = suppress::validate(path, text, &config.raw_suppressions)?;
        config.overrides = crate::overrides::validate(path, text, &config.raw_overrides, |id| {
            crate::registry::find_check(id).is_some()
        })?;
        // Relative to the config file, not to wherever wascan runs.
        if let Some(dir) = path.parent() {
            for custom in &mut config.custom_checks {
                if custom.is_relative() {
                    *custom = dir.join(&*custom);
                }
            }
        }
        Ok(config)
    }

    pub fn parse(text: &str) -> Result<Config, String> {
        toml::from_str(text).map_err(|err| err.to_string().trim_end().to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_thresholds_and_keeps_other_defaults() {
        let config = Config::parse("[checks]\naccess_key_max_age_days = 30\n").expect("valid");
        assert_eq!(config.checks.access_key_max_age_days, 30);
        assert_eq!(
            config.checks.required_tags,
            Settings::default().required_tags
        );
    }

    #[test]
    fn unknown_keys_are_errors_with_their_line() {
        let err = Config::parse("[checks]\n\naccess_key_max_age = 30\n").unwrap_err();
        assert!(err.contains("line 3"), "{err}");
        assert!(err.contains("access_key_max_age"), "{err}");
        let err = Config::parse("[thresholds]\n").unwrap_err();
        assert!(err.contains("thresholds"), "{err}");
    }
}
