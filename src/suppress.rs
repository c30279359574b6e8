//! Suppressions: parsed and applied by [`wascan_checks::suppress`] (pure, fuzzed); this module
//! reads `--suppressions FILE` from disk.

use std::path::Path;

use wascan_checks::finding::Finding;
use wascan_checks::result::ScanResult;
pub use wascan_checks::suppress::*;

use crate::error::Error;

/// Reads `--suppressions FILE`: a TOML file with only `[[suppressions]]` tables.
pub fn load_file(path: &Path) -> Result<Vec<Suppression>, Error> {
    let text = std::fs::read_to_string(path).map_err(|err| Error::File {
        path: path.to_path_buf(),
        message: err.to_string(),
    })?;
    Ok(parse_file(path, &text)?)
}

/// The suppressed failures for the terminal report: each with its reason, expiry and source.
pub fn render(result: &ScanResult) -> String {
    let suppressed: Vec<&Finding> = result
        .findings
        .iter()
        .filter(|f| f.suppressed.is_some())
        .collect();
    if suppressed.is_empty() {
        return String::new();
    }
    let mut out = format!(
        "Suppressed findings ({}): not in the scores or the exit code\n",
        suppressed.len()
    );
    for finding in suppressed {
        let Some(why) = &finding.suppressed else {
            continue;
        };
        let expires = why
            .expires
            .as_deref()
            .map(|date| format!(", until {date}"))
            .unwrap_or_default();
        out.push_str(&format!(
            "  {:<8} {:<38} {:<10} {}\n           suppressed: {} ({}{expires})\n",
            finding.severity.as_str(),
            finding.check_id,
            finding.region,
            crate::baseline::sanitize(&finding.message),
            crate::baseline::sanitize(&why.reason),
            why.source,
        ));
    }
    out.push('\n');
    out
}
