//! The terminal report: scores per pillar with coverage, the failed findings grouped by pillar and
//! severity (most severe first), what could not be evaluated and why, and the scan's cost.

use std::collections::BTreeMap;
use std::fmt::Write;

use comfy_table::presets::UTF8_BORDERS_ONLY;
use comfy_table::{CellAlignment, Table};
use wascan_checks::catalog::Pillar;
use wascan_checks::engine::Score;
use wascan_checks::finding::{Finding, Severity, Status};
use wascan_checks::result::ScanResult;

/// Renders the report as plain text.
pub fn render(result: &ScanResult) -> String {
    let mut out = String::new();
    header(&mut out, result);
    pillars(&mut out, result);
    failures(&mut out, result);
    not_evaluated(&mut out, result);
    footer(&mut out, result);
    out
}

fn header(out: &mut String, result: &ScanResult) {
    let accounts: Vec<String> = result
        .accounts
        .iter()
        .map(|a| format!("account {} ({})", a.account_id, a.regions.join(", ")))
        .collect();
    let checks: std::collections::BTreeSet<&str> = result
        .findings
        .iter()
        .map(|f| f.check_id.as_str())
        .collect();
    let _ = writeln!(
        out,
        "wascan {} · {} · {} checks",
        result.tool_version,
        accounts.join("; "),
        checks.len()
    );
    let overall = &result.scores.overall;
    let hri: u32 = result
        .scores
        .pillars
        .values()
        .map(|p| p.high_risk_questions)
        .sum();
    let mri: u32 = result
        .scores
        .pillars
        .values()
        .map(|p| p.medium_risk_questions)
        .sum();
    let _ = writeln!(
        out,
        "Overall score {} · coverage {} · {} passed, {} failed, {} not evaluated · {hri} high-risk and {mri} medium-risk questions\n",
        score_text(overall),
        percent_text(overall.coverage),
        overall.passed,
        overall.failed,
        overall.not_evaluated,
    );
}

fn pillars(out: &mut String, result: &ScanResult) {
    let mut table = Table::new();
    table.load_preset(UTF8_BORDERS_ONLY).set_header(vec![
        "Pillar",
        "Score",
        "Pass",
        "Fail",
        "Not eval.",
        "Coverage",
        "HRI",
        "MRI",
    ]);
    for (pillar, score) in &result.scores.pillars {
        let s = &score.score;
        table.add_row(vec![
            pillar.title().to_string(),
            score_text(s),
            s.passed.to_string(),
            s.failed.to_string(),
            s.not_evaluated.to_string(),
            percent_text(s.coverage),
            score.high_risk_questions.to_string(),
            score.medium_risk_questions.to_string(),
        ]);
    }
    for index in 1..8 {
        if let Some(column) = table.column_mut(index) {
            column.set_cell_alignment(CellAlignment::Right);
        }
    }
    let _ = writeln!(out, "{table}\n");
}

fn failures(out: &mut String, result: &ScanResult) {
    let mut by_pillar: BTreeMap<Pillar, Vec<&Finding>> = BTreeMap::new();
    for finding in result.findings.iter().filter(|f| f.status == Status::Fail) {
        by_pillar.entry(finding.pillar).or_default().push(finding);
    }
    if by_pillar.is_empty() {
        let _ = writeln!(out, "No failed findings.\n");
        return;
    }
    let _ = writeln!(out, "Failed findings");
    for (pillar, mut findings) in by_pillar {
        findings.sort_by_key(|f| std::cmp::Reverse(f.severity));
        let _ = writeln!(
            out,
            "\n{} ({})",
            pillar.title().to_uppercase(),
            findings.len()
        );
        for severity in Severity::ALL {
            let group: Vec<_> = findings.iter().filter(|f| f.severity == severity).collect();
            if group.is_empty() {
                continue;
            }
            let _ = writeln!(out, "  {severity}");
            for f in group {
                let _ = writeln!(
                    out,
                    "    {:<38} {:<10} {}  [{}]",
                    f.check_id,
                    f.region,
                    sanitize(&f.message),
                    f.best_practices.join(", ")
                );
            }
        }
    }
    let _ = writeln!(out);
}

fn not_evaluated(out: &mut String, result: &ScanResult) {
    let mut by_reason: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for f in result
        .findings
        .iter()
        .filter(|f| f.status == Status::NotEvaluated)
    {
        let reason = f.reason.as_deref().unwrap_or("unknown");
        let checks = by_reason.entry(reason).or_default();
        if !checks.contains(&f.check_id.as_str()) {
            checks.push(&f.check_id);
        }
    }
    if by_reason.is_empty() {
        return;
    }
    let _ = writeln!(out, "Not evaluated");
    for (reason, checks) in by_reason {
        let _ = writeln!(
            out,
            "  {}\n    checks: {}",
            sanitize(reason),
            checks.join(", ")
        );
    }
    let _ = writeln!(out);
}

fn footer(out: &mut String, result: &ScanResult) {
    let seconds = result.duration_ms as f64 / 1000.0;
    let _ = writeln!(
        out,
        "{} API calls in {seconds:.1} s · {} collection errors",
        result.api_calls.total,
        result.errors.len()
    );
}

fn score_text(score: &Score) -> String {
    score
        .score
        .map_or_else(|| "-".to_string(), |s| format!("{s:.1}"))
}

fn percent_text(value: Option<f64>) -> String {
    value.map_or_else(|| "-".to_string(), |v| format!("{v:.1}%"))
}

/// Account data can hold anything: drop control characters (ANSI escapes included) before they
/// reach a terminal.
fn sanitize(text: &str) -> String {
    text.chars().filter(|c| !c.is_control()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_sequences_from_the_account_never_reach_the_terminal() {
        assert_eq!(
            sanitize("bucket \u{1b}[31mred\u{1b}[0m\r\n"),
            "bucket [31mred[0m"
        );
    }
}
