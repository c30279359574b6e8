//! The terminal report: scores per pillar with coverage, the top risks (critical and high
//! failures), the failed findings grouped by pillar and severity (most severe first), what could
//! not be evaluated and why, and the scan's cost.
//!
//! [`render`] is plain text; [`render_styled`] adds colours (severities, pass/fail, scores), which
//! [`render_for_stdout`] uses only when stdout is a terminal and `NO_COLOR` is not set. Control
//! characters from the account are stripped either way, so only wascan's own styles reach the
//! terminal.

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::fmt::Write;
use std::io::IsTerminal;

use anstyle::{AnsiColor, Effects, Style};
use comfy_table::presets::UTF8_BORDERS_ONLY;
use comfy_table::{CellAlignment, Table};
use wascan_checks::catalog::Pillar;
use wascan_checks::engine::Score;
use wascan_checks::finding::{Finding, Severity, Status};
use wascan_checks::result::ScanResult;

/// How many critical and high failures "Top risks" lists before it says how many more there are.
const TOP_RISKS: usize = 10;

/// Renders the report as plain text.
pub fn render(result: &ScanResult) -> String {
    render_styled(result, false)
}

/// Renders the report, with ANSI colours when `colour` is true.
pub fn render_styled(result: &ScanResult, colour: bool) -> String {
    let paint = Paint { colour };
    let mut out = String::new();
    header(&mut out, result, paint);
    accounts(&mut out, result, paint);
    pillars(&mut out, result);
    top_risks(&mut out, result, paint);
    failures(&mut out, result, paint);
    no_evidence(&mut out, result, paint);
    not_evaluated(&mut out, result, paint);
    footer(&mut out, result, paint);
    out
}

/// Renders the report for stdout: coloured when stdout is a terminal and `NO_COLOR` is unset.
pub fn render_for_stdout(result: &ScanResult) -> String {
    render_styled(
        result,
        colour_wanted(
            std::io::stdout().is_terminal(),
            std::env::var_os("NO_COLOR").as_deref(),
            std::env::var_os("TERM").as_deref(),
        ),
    )
}

/// The report of a streamed multi-account scan, from its summary alone: the organisation's scores
/// per pillar, the accounts worst first (and why any was not scanned), the scan's cost, and where
/// the accounts' findings are. Coloured when stdout is a terminal and `NO_COLOR` is unset.
pub fn render_summary_for_stdout(
    summary: &wascan_checks::summary::ScanSummary,
    dir: Option<&std::path::Path>,
) -> String {
    let colour = colour_wanted(
        std::io::stdout().is_terminal(),
        std::env::var_os("NO_COLOR").as_deref(),
        std::env::var_os("TERM").as_deref(),
    );
    render_summary(summary, dir, colour)
}

/// See [`render_summary_for_stdout`].
pub fn render_summary(
    summary: &wascan_checks::summary::ScanSummary,
    dir: Option<&std::path::Path>,
    colour: bool,
) -> String {
    let paint = Paint { colour };
    let mut out = String::new();
    let unreachable = summary
        .accounts
        .iter()
        .filter(|a| a.access_error.is_some())
        .count();
    let _ = writeln!(
        out,
        "wascan {} · {} accounts{} · {} findings",
        sanitize(&summary.tool_version),
        summary.accounts.len(),
        if unreachable > 0 {
            format!(" ({unreachable} not scanned)")
        } else {
            String::new()
        },
        summary.findings,
    );
    let overall = &summary.scores.overall;
    let failed = overall.failed.to_string();
    let _ = writeln!(
        out,
        "{} {} · coverage {} · {} passed, {} failed, {} not evaluated · {} high-risk and {} medium-risk questions\n",
        paint.bold("Overall score"),
        paint.score(overall),
        percent_text(overall.coverage),
        paint.good(&overall.passed.to_string()),
        if overall.failed > 0 { paint.bad(&failed) } else { failed },
        overall.not_evaluated,
        summary.scores.high_risk_questions(),
        summary.scores.medium_risk_questions(),
    );
    let mut table = Table::new();
    table.load_preset(UTF8_BORDERS_ONLY).set_header(vec![
        "Account",
        "Name",
        "Score",
        "HRI",
        "Pass",
        "Fail",
        "Not eval.",
        "Coverage",
        "Regions",
        "Errors",
    ]);
    for account in crate::report::html::ranked(&summary.accounts) {
        let s = &account.score;
        table.add_row(vec![
            account.account_id.clone(),
            sanitize(account.name.as_deref().unwrap_or("")),
            score_text(s),
            account.high_risk_questions().to_string(),
            s.passed.to_string(),
            s.failed.to_string(),
            s.not_evaluated.to_string(),
            percent_text(s.coverage),
            account.regions.len().to_string(),
            account.errors.total.to_string(),
        ]);
    }
    for index in 2..10 {
        if let Some(column) = table.column_mut(index) {
            column.set_cell_alignment(CellAlignment::Right);
        }
    }
    let _ = writeln!(out, "{} (worst first)\n{table}", paint.bold("Accounts"));
    for account in &summary.accounts {
        if let Some(error) = &account.access_error {
            let _ = writeln!(
                out,
                "{} {}: not scanned: {}",
                paint.warn("!"),
                account.account_id,
                sanitize(error)
            );
        }
    }
    out.push('\n');
    let mut pillars = Table::new();
    pillars.load_preset(UTF8_BORDERS_ONLY).set_header(vec![
        "Pillar",
        "Score",
        "Pass",
        "Fail",
        "Not eval.",
        "Coverage",
        "HRI",
        "MRI",
    ]);
    for (pillar, score) in &summary.scores.pillars {
        let s = &score.score;
        pillars.add_row(vec![
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
        if let Some(column) = pillars.column_mut(index) {
            column.set_cell_alignment(CellAlignment::Right);
        }
    }
    let _ = writeln!(out, "{pillars}\n");
    if let Some(diff) = &summary.diff {
        let _ = writeln!(
            out,
            "Compared with the baseline: {} new, {} resolved, {} persisting, {} unverified\n",
            diff.new, diff.resolved, diff.persisting, diff.unverified
        );
    }
    let seconds = summary.duration_ms as f64 / 1000.0;
    let errors = format!("{} collection errors", summary.errors.total);
    let _ = writeln!(
        out,
        "{} API calls in {seconds:.1} s · {}",
        summary.api_calls.total,
        if summary.errors.total == 0 {
            errors
        } else {
            paint.bad(&errors)
        }
    );
    if let Some(dir) = dir {
        let _ = writeln!(
            out,
            "Each account's findings: {}",
            sanitize(&dir.join("accounts").display().to_string())
        );
    }
    out
}

/// Colour only on a terminal that is not `dumb`, and never with `NO_COLOR` set to anything but
/// the empty string (<https://no-color.org>).
fn colour_wanted(is_terminal: bool, no_color: Option<&OsStr>, term: Option<&OsStr>) -> bool {
    is_terminal && no_color.is_none_or(OsStr::is_empty) && term.is_none_or(|term| term != "dumb")
}

/// Applies styles, or nothing when colour is off.
#[derive(Debug, Clone, Copy)]
struct Paint {
    colour: bool,
}

impl Paint {
    fn paint(self, style: Style, text: &str) -> String {
        if self.colour {
            format!("{style}{text}{style:#}")
        } else {
            text.to_string()
        }
    }

    fn bold(self, text: &str) -> String {
        self.paint(Style::new().effects(Effects::BOLD), text)
    }

    fn severity(self, severity: Severity, text: &str) -> String {
        let style = match severity {
            Severity::Critical => AnsiColor::BrightRed.on_default().effects(Effects::BOLD),
            Severity::High => AnsiColor::Red.on_default(),
            Severity::Medium => AnsiColor::Yellow.on_default(),
            Severity::Low => AnsiColor::Blue.on_default(),
            Severity::Informational => Style::new().effects(Effects::DIMMED),
        };
        self.paint(style, text)
    }

    fn good(self, text: &str) -> String {
        self.paint(AnsiColor::Green.on_default(), text)
    }

    fn bad(self, text: &str) -> String {
        self.paint(AnsiColor::Red.on_default().effects(Effects::BOLD), text)
    }

    fn warn(self, text: &str) -> String {
        self.paint(AnsiColor::Yellow.on_default(), text)
    }

    /// A score: green from 80, yellow from 50, red below.
    fn score(self, score: &Score) -> String {
        let text = score_text(score);
        match score.score {
            Some(value) if value >= 80.0 => self.good(&text),
            Some(value) if value >= 50.0 => self.warn(&text),
            Some(_) => self.bad(&text),
            None => text,
        }
    }
}

fn header(out: &mut String, result: &ScanResult, paint: Paint) {
    let accounts: Vec<String> = if result.accounts.len() > 1 {
        let unreachable = result
            .accounts
            .iter()
            .filter(|a| a.access_error.is_some())
            .count();
        vec![format!(
            "{} accounts{}",
            result.accounts.len(),
            if unreachable > 0 {
                format!(" ({unreachable} not scanned)")
            } else {
                String::new()
            }
        )]
    } else {
        result
            .accounts
            .iter()
            .map(|a| format!("account {} ({})", a.account_id, a.regions.join(", ")))
            .collect()
    };
    let checks: std::collections::BTreeSet<&str> = result
        .findings
        .iter()
        .map(|f| f.check_id.as_str())
        .collect();
    let _ = writeln!(
        out,
        "wascan {} · {} · {} checks",
        sanitize(&result.tool_version),
        sanitize(&accounts.join("; ")),
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
    let failed = overall.failed.to_string();
    let no_evidence = if overall.no_evidence > 0 {
        format!(", {} no evidence found", overall.no_evidence)
    } else {
        String::new()
    };
    let _ = writeln!(
        out,
        "{} {} · coverage {} · {} passed, {} failed, {} not evaluated{no_evidence} · {hri} high-risk and {mri} medium-risk questions\n",
        paint.bold("Overall score"),
        paint.score(overall),
        percent_text(overall.coverage),
        paint.good(&overall.passed.to_string()),
        if overall.failed > 0 { paint.bad(&failed) } else { failed },
        overall.not_evaluated,
    );
}

/// One row per account of a multi-account result: its own scores, or why it was not scanned.
fn accounts(out: &mut String, result: &ScanResult, paint: Paint) {
    if !result.accounts.iter().any(|a| a.scores.is_some()) {
        return;
    }
    let mut table = Table::new();
    table.load_preset(UTF8_BORDERS_ONLY).set_header(vec![
        "Account",
        "Name",
        "Score",
        "Pass",
        "Fail",
        "Not eval.",
        "Coverage",
        "Regions",
        "Errors",
    ]);
    for account in &result.accounts {
        let Some(scores) = &account.scores else {
            continue;
        };
        let s = &scores.overall;
        table.add_row(vec![
            account.account_id.clone(),
            sanitize(account.name.as_deref().unwrap_or("")),
            score_text(s),
            s.passed.to_string(),
            s.failed.to_string(),
            s.not_evaluated.to_string(),
            percent_text(s.coverage),
            account.regions.len().to_string(),
            account.errors.len().to_string(),
        ]);
    }
    for index in 2..9 {
        if let Some(column) = table.column_mut(index) {
            column.set_cell_alignment(CellAlignment::Right);
        }
    }
    let _ = writeln!(out, "{}\n{table}", paint.bold("Accounts"));
    for account in &result.accounts {
        if let Some(error) = &account.access_error {
            let _ = writeln!(
                out,
                "{} {}: not scanned: {}",
                paint.warn("!"),
                account.account_id,
                sanitize(error)
            );
        }
    }
    out.push('\n');
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

/// Where a finding is: its region, prefixed with its account in a multi-account result.
fn location(result: &ScanResult, finding: &Finding) -> String {
    if result.accounts.len() > 1 {
        format!("{} {}", finding.account_id, finding.region)
    } else {
        finding.region.clone()
    }
}

/// The critical and high failures across all pillars, most severe first, before the details.
fn top_risks(out: &mut String, result: &ScanResult, paint: Paint) {
    let mut risks: Vec<&Finding> = result.failures_at_or_above(Severity::High).collect();
    if risks.is_empty() {
        return;
    }
    // Stable: within a severity, the result's own (pillar, check, region, resource) order.
    risks.sort_by_key(|f| std::cmp::Reverse(f.severity));
    let count = |severity| risks.iter().filter(|f| f.severity == severity).count();
    let _ = writeln!(
        out,
        "{} ({} critical, {} high)",
        paint.bold("Top risks"),
        count(Severity::Critical),
        count(Severity::High)
    );
    for f in risks.iter().take(TOP_RISKS) {
        let _ = writeln!(
            out,
            "  {} {:<38} {:<10} {}",
            paint.severity(f.severity, &format!("{:<8}", f.severity.as_str())),
            sanitize(&f.check_id),
            sanitize(&location(result, f)),
            sanitize(&f.message),
        );
    }
    if risks.len() > TOP_RISKS {
        let _ = writeln!(out, "  … and {} more below", risks.len() - TOP_RISKS);
    }
    let _ = writeln!(out);
}

fn failures(out: &mut String, result: &ScanResult, paint: Paint) {
    let mut by_pillar: BTreeMap<Pillar, Vec<&Finding>> = BTreeMap::new();
    // A suppressed failure is accepted: listed apart (`suppress::render`), not among these.
    for finding in result
        .findings
        .iter()
        .filter(|f| f.status == Status::Fail && f.suppressed.is_none())
    {
        by_pillar.entry(finding.pillar).or_default().push(finding);
    }
    if by_pillar.is_empty() {
        let _ = writeln!(out, "{}\n", paint.good("No failed findings."));
        return;
    }
    let _ = writeln!(out, "{}", paint.bold("Failed findings"));
    for (pillar, mut findings) in by_pillar {
        findings.sort_by_key(|f| std::cmp::Reverse(f.severity));
        let _ = writeln!(
            out,
            "\n{} ({})",
            paint.bold(&pillar.title().to_uppercase()),
            findings.len()
        );
        for severity in Severity::ALL {
            let group: Vec<_> = findings.iter().filter(|f| f.severity == severity).collect();
            if group.is_empty() {
                continue;
            }
            let _ = writeln!(out, "  {}", paint.severity(severity, severity.as_str()));
            for f in group {
                let _ = writeln!(
                    out,
                    "    {:<38} {:<10} {}  [{}]",
                    sanitize(&f.check_id),
                    sanitize(&location(result, f)),
                    sanitize(&f.message),
                    sanitize(&f.best_practices.join(", "))
                );
            }
        }
    }
    let _ = writeln!(out);
}

/// Practice-presence checks that found no trace of the practice: not failures (teams may meet
/// the practice outside AWS), listed so that someone answers them.
fn no_evidence(out: &mut String, result: &ScanResult, paint: Paint) {
    let findings: Vec<&Finding> = result
        .findings
        .iter()
        .filter(|f| f.status == Status::NoEvidence)
        .collect();
    if findings.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "{} ({}: not failures; show the practice another way or adopt it)",
        paint.warn("No evidence found"),
        findings.len()
    );
    for f in findings {
        let _ = writeln!(
            out,
            "  {:<38} {:<10} {}  [{}]",
            sanitize(&f.check_id),
            sanitize(&location(result, f)),
            sanitize(&f.message),
            sanitize(&f.best_practices.join(", "))
        );
    }
    let _ = writeln!(out);
}

fn not_evaluated(out: &mut String, result: &ScanResult, paint: Paint) {
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
    let _ = writeln!(out, "{}", paint.warn("Not evaluated"));
    for (reason, checks) in by_reason {
        let _ = writeln!(
            out,
            "  {}\n    checks: {}",
            sanitize(reason),
            sanitize(&checks.join(", "))
        );
    }
    let _ = writeln!(out);
}

fn footer(out: &mut String, result: &ScanResult, paint: Paint) {
    let seconds = result.duration_ms as f64 / 1000.0;
    let errors = format!("{} collection errors", result.errors.len());
    let calls = &result.api_calls;
    let retries = if calls.retries == 0 && calls.throttled == 0 {
        String::new()
    } else {
        format!(
            " ({} retries, {} throttled)",
            calls.retries, calls.throttled
        )
    };
    let _ = writeln!(
        out,
        "{} API calls{retries} in {seconds:.1} s · {}",
        calls.total,
        if result.errors.is_empty() {
            errors
        } else {
            paint.bad(&errors)
        }
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
/// Account data without control characters (ANSI escape sequences lose their ESC and cannot
/// repaint the terminal) and without bidi overrides, which would make text read in another order
/// than it is stored.
fn sanitize(text: &str) -> String {
    text.chars()
        .filter(|c| {
            !c.is_control()
                && !('\u{202a}'..='\u{202e}').contains(c)
                && !('\u{2066}'..='\u{2069}').contains(c)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::OffsetDateTime;

    #[test]
    fn sanitize_drops_escapes_and_bidi_overrides() {
        assert_eq!(
            sanitize("a\u{1b}[31mb\u{7}c\u{202e}d\u{2066}e\nf"),
            "a[31mbcdef"
        );
    }
    use wascan_checks::engine::Selection;
    use wascan_checks::model::{ResourceRef, Snapshot};

    fn finding(check_id: &str, severity: Severity, status: Status, message: &str) -> Finding {
        let mut finding = Finding {
            finding_id: String::new(),
            check_id: check_id.to_string(),
            title: format!("title of {check_id}"),
            pillar: Pillar::Security,
            best_practices: vec!["SEC08-BP02".to_string()],
            indirect_best_practices: vec![],
            severity,
            status,
            account_id: String::new(),
            region: "eu-west-1".to_string(),
            resource: ResourceRef {
                arn: format!("arn:aws:s3:::{message}"),
                kind: "AWS::S3::Bucket".to_string(),
                id: message.to_string(),
                name: None,
                region: "eu-west-1".to_string(),
                tags: Default::default(),
            },
            message: message.to_string(),
            remediation: "fix it".to_string(),
            reason: None,
            suppressed: None,
            overridden: None,
        };
        finding.assign_account("123456789012");
        finding
    }

    fn result(findings: Vec<Finding>) -> ScanResult {
        let mut snapshot = Snapshot::new("123456789012", OffsetDateTime::UNIX_EPOCH);
        snapshot.regions = vec!["eu-west-1".into()];
        let mut findings = findings;
        wascan_checks::engine::sort_findings(&mut findings);
        ScanResult::new(
            &snapshot,
            Selection::default(),
            findings,
            OffsetDateTime::UNIX_EPOCH,
            OffsetDateTime::UNIX_EPOCH,
        )
    }

    fn sample() -> ScanResult {
        result(vec![
            finding("a_high", Severity::High, Status::Fail, "high one"),
            finding("b_medium", Severity::Medium, Status::Fail, "medium one"),
            finding(
                "c_critical",
                Severity::Critical,
                Status::Fail,
                "critical one",
            ),
            finding("d_pass", Severity::Critical, Status::Pass, "fine"),
            finding(
                "e_hostile",
                Severity::Low,
                Status::Fail,
                "bucket \u{1b}[31mred\u{1b}[0m\u{1b}]0;title\u{7}",
            ),
        ])
    }

    /// "No evidence found" is listed apart, counted in the header, and neither a failure nor a
    /// risk.
    #[test]
    fn no_evidence_is_listed_apart_and_is_not_a_failure() {
        let text = render(&result(vec![
            finding("d_pass", Severity::High, Status::Pass, "fine"),
            finding(
                "f_practice",
                Severity::High,
                Status::NoEvidence,
                "no evidence found: no experiment ran",
            ),
        ]));
        assert!(
            text.contains("1 passed, 0 failed, 0 not evaluated, 1 no evidence found"),
            "{text}"
        );
        assert!(text.contains("No failed findings."), "{text}");
        assert!(!text.contains("Top risks"), "{text}");
        assert!(
            text.contains("No evidence found (1: not failures; show the practice another way or adopt it)\n  f_practice"),
            "{text}"
        );
        assert!(
            text.contains("no evidence found: no experiment ran"),
            "{text}"
        );
    }

    /// Removes the SGR sequences (`ESC [ ... m`) wascan's styles write.
    fn strip_styles(text: &str) -> String {
        let mut out = String::new();
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '\u{1b}' && chars.peek() == Some(&'[') {
                for c in chars.by_ref() {
                    if c == 'm' {
                        break;
                    }
                }
            } else {
                out.push(c);
            }
        }
        out
    }

    #[test]
    fn plain_has_no_escape_and_styled_is_plain_plus_styles_only() {
        let result = sample();
        let plain = render(&result);
        let styled = render_styled(&result, true);
        assert!(!plain.contains('\u{1b}'), "{plain}");
        assert!(styled.contains("\u{1b}["), "{styled}");
        assert_eq!(strip_styles(&styled), plain);
        // The account's own escape sequences are gone from both.
        assert!(plain.contains("bucket [31mred[0m]0;title"));
        assert!(!styled.contains("\u{1b}]0;"));
        assert!(!styled.contains("\u{7}"));
    }

    #[test]
    fn top_risks_come_first_most_severe_first() {
        let report = render(&sample());
        let top = report.find("Top risks (1 critical, 1 high)");
        let details = report.find("Failed findings");
        assert!(top.is_some() && top < details, "{report}");
        let section = &report[top.unwrap_or(0)..details.unwrap_or(0)];
        let critical = section.find("c_critical");
        let high = section.find("a_high");
        assert!(critical.is_some() && critical < high, "{section}");
        assert!(!section.contains("b_medium") && !section.contains("d_pass"));
    }

    #[test]
    fn top_risks_is_short_and_says_how_many_more() {
        let many = (0..13)
            .map(|i| finding(&format!("check_{i:02}"), Severity::High, Status::Fail, "x"))
            .collect();
        let report = render(&result(many));
        assert!(report.contains("Top risks (0 critical, 13 high)"));
        assert!(report.contains("check_09") && report.contains("… and 3 more below"));
        let top = &report[..report.find("Failed findings").unwrap_or(0)];
        assert!(!top.contains("check_10"));
        assert!(!render(&result(Vec::new())).contains("Top risks"));
    }

    #[test]
    fn colour_only_on_a_terminal_without_no_color() {
        let set = Some(OsStr::new("1"));
        let xterm = Some(OsStr::new("xterm-256color"));
        assert!(colour_wanted(true, None, xterm));
        assert!(colour_wanted(true, None, None));
        assert!(colour_wanted(true, Some(OsStr::new("")), xterm));
        assert!(!colour_wanted(false, None, xterm));
        assert!(!colour_wanted(true, set, xterm));
        assert!(!colour_wanted(true, None, Some(OsStr::new("dumb"))));
    }

    #[test]
    fn control_sequences_from_the_account_never_reach_the_terminal() {
        assert_eq!(
            sanitize("bucket \u{1b}[31mred\u{1b}[0m\r\n"),
            "bucket [31mred[0m"
        );
    }
}
