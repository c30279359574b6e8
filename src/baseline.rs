//! Baselines: reading an earlier scan result, and rendering its [`Diff`] with a newer one as a
//! table (`wascan diff`, `scan --baseline`).

use std::fmt::Write;
use std::path::Path;

use comfy_table::presets::UTF8_BORDERS_ONLY;
use comfy_table::{CellAlignment, Table};
use wascan_checks::diff::{Diff, DiffEntry};
use wascan_checks::result::ScanResult;

use crate::error::Error;

/// Reads a scan result written by `wascan scan` (or `--json`): the file must be a result of this
/// `schema_version`, else the error names the file and what is wrong.
pub fn read_result(path: &Path) -> Result<ScanResult, Error> {
    let text = std::fs::read_to_string(path).map_err(|err| Error::File {
        path: path.to_path_buf(),
        message: err.to_string(),
    })?;
    Ok(wascan_checks::files::result_from_json(path, &text)?)
}

/// The diff as text: counts, the score and coverage changes, then the new, resolved and
/// unverified failures (persisting ones are only counted).
pub fn render(diff: &Diff) -> String {
    let mut out = String::new();
    let when = diff
        .baseline_started_at
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default();
    let suppressed = diff.new.iter().filter(|e| e.suppressed).count();
    let _ = writeln!(
        out,
        "Compared with the baseline of {when}: {} new{}, {} resolved, {} persisting, {} unverified\n",
        diff.new.len(),
        if suppressed > 0 {
            format!(" ({suppressed} suppressed)")
        } else {
            String::new()
        },
        diff.resolved.len(),
        diff.persisting.len(),
        diff.unverified.len(),
    );

    let mut table = Table::new();
    table.load_preset(UTF8_BORDERS_ONLY).set_header(vec![
        "Scope", "Score", "Was", "Change", "Coverage", "Was", "Change",
    ]);
    for change in &diff.scores {
        table.add_row(vec![
            change.scope.clone(),
            number(change.score_after, ""),
            number(change.score_before, ""),
            signed(change.score_change, ""),
            number(change.coverage_after, "%"),
            number(change.coverage_before, "%"),
            signed(change.coverage_change, "%"),
        ]);
    }
    for index in 1..7 {
        if let Some(column) = table.column_mut(index) {
            column.set_cell_alignment(CellAlignment::Right);
        }
    }
    let _ = writeln!(out, "{table}\n");

    section(&mut out, "New failures", &diff.new);
    section(&mut out, "Resolved", &diff.resolved);
    section(
        &mut out,
        "Unverified (failing in the baseline; not evaluated or no evidence found now, or outside this scan)",
        &diff.unverified,
    );
    out
}

fn section(out: &mut String, title: &str, entries: &[DiffEntry]) {
    if entries.is_empty() {
        return;
    }
    let _ = writeln!(out, "{title} ({})", entries.len());
    for entry in entries {
        let mark = if entry.suppressed {
            "  (suppressed)"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "  {:<8} {:<38} {:<10} {}{mark}",
            entry.severity.as_str(),
            entry.check_id,
            entry.region,
            sanitize(&entry.message),
        );
    }
    let _ = writeln!(out);
}

fn number(value: Option<f64>, unit: &str) -> String {
    value.map_or_else(|| "-".to_string(), |v| format!("{v:.1}{unit}"))
}

fn signed(value: Option<f64>, unit: &str) -> String {
    value.map_or_else(|| "-".to_string(), |v| format!("{v:+.1}{unit}"))
}

/// Account data can hold anything: drop control characters before they reach a terminal.
pub(crate) fn sanitize(text: &str) -> String {
    text.chars().filter(|c| !c.is_control()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn baselines_of_another_kind_or_version_are_rejected_with_the_path() {
        let dir = tempfile::tempdir().expect("tempdir");
        let cases = [
            ("missing.json", None, "missing.json: "),
            (
                "broken.json",
                Some("{\"schema_version\": 1,"),
                "not valid JSON",
            ),
            ("other.json", Some("{\"a\": 1}"), "no schema_version"),
            (
                "future.json",
                Some("{\"schema_version\": 7}"),
                "schema_version 7",
            ),
            (
                "snapshot.json",
                Some("{\"schema_version\": 1, \"account_id\": \"1\"}"),
                "is it a snapshot?",
            ),
            (
                "bad.json",
                Some("{\"schema_version\": 1, \"findings\": 3}"),
                "not a valid scan result",
            ),
        ];
        for (name, content, expected) in cases {
            let path = dir.path().join(name);
            if let Some(content) = content {
                std::fs::write(&path, content).expect("write");
            }
            let err = read_result(&path).unwrap_err().to_string();
            assert!(err.contains(name), "{err}");
            assert!(err.contains(expected), "{name}: {err}");
        }
    }
}
