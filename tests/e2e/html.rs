//! The HTML report in a real browser: a scan of the demo account, rendered with one hostile
//! finding added, opened from disk in headless Chromium (Debian's, driven over the DevTools
//! protocol). Loads with no console error, filters, sorts, runs none of the hostile markup, and
//! leaves a screenshot in `target/html-report.png`.
//!
//! Chromium must be installed (`scripts/setup-chromium`): without it this test fails.

mod cdp;

use std::path::{Path, PathBuf};

use serde_json::{json, Value};
use wascan::checks::finding::{Severity, Status};
use wascan::checks::model::{ErrorKind, Gap};
use wascan::checks::result::ScanResult;
use wascan::report::html;

use crate::harness::*;

/// A resource name and message that would run code if the report did not escape them.
const HOSTILE_NAME: &str = "\"><img src=x onerror=\"window.__pwned=1;alert(1)\">";
const HOSTILE_MESSAGE: &str = "</script><script>window.__pwned=1;alert(2)</script> pwned-marker";

fn demo_result() -> ScanResult {
    let dir = workdir();
    let output = wascan(
        Some(demo_account()),
        dir.path(),
        &[
            "scan",
            "--regions",
            "us-east-1,eu-west-1",
            "--json",
            "--no-output",
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    // stderr is a pipe here: no progress line, no terminal escapes.
    let log = stderr(&output);
    assert!(
        !log.contains("API calls ·") && !log.contains('\u{1b}') && !log.contains('\r'),
        "{log:?}"
    );
    serde_json::from_slice(&output.stdout).expect("the scan result deserialises")
}

/// The demo result plus one failed finding and one collection error carrying hostile values.
fn result_with_hostile_values() -> ScanResult {
    let mut result = demo_result();
    let mut hostile = result
        .findings
        .iter()
        .find(|f| f.status == Status::Fail && f.severity == Severity::Medium)
        .expect("the demo has a failed medium finding")
        .clone();
    hostile.resource.name = Some(HOSTILE_NAME.to_string());
    hostile.resource.arn = format!("arn:aws:s3:::{HOSTILE_NAME}");
    hostile.message = HOSTILE_MESSAGE.to_string();
    hostile.finding_id = "hostile".to_string();
    result.findings.push(hostile);
    result.errors.push(Gap {
        service: "s3".into(),
        region: Some("eu-west-1".into()),
        operation: "GetBucketPolicy".into(),
        resource: Some(HOSTILE_NAME.into()),
        kind: ErrorKind::Other,
        message: HOSTILE_MESSAGE.into(),
    });
    result
}

fn target_dir() -> PathBuf {
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    tmp.parent().unwrap_or(tmp).to_path_buf()
}

fn visible_rows(browser: &mut cdp::Browser) -> u64 {
    browser
        .eval("document.querySelectorAll('#findings tbody tr:not([hidden])').length")
        .expect("count rows")
        .as_u64()
        .expect("a number")
}

fn shown_count(browser: &mut cdp::Browser) -> u64 {
    browser
        .eval("Number(document.getElementById('shown-count').textContent)")
        .expect("read the count")
        .as_u64()
        .expect("a number")
}

fn set_select(browser: &mut cdp::Browser, id: &str, value: &str) {
    // What choosing an option does: the value changes and a `change` event bubbles.
    let script = format!(
        "(() => {{ const s = document.getElementById({id}); s.value = {value}; \
         s.dispatchEvent(new Event('change', {{bubbles: true}})); return s.value; }})()",
        id = json!(id),
        value = json!(value),
    );
    assert_eq!(
        browser.eval(&script).expect("select"),
        json!(value),
        "{id} has no option {value}"
    );
}

fn column(browser: &mut cdp::Browser, index: usize, attribute: Option<&str>) -> Vec<String> {
    let read = match attribute {
        Some(name) => format!("r.cells[{index}].getAttribute({})", json!(name)),
        None => format!("r.cells[{index}].textContent.trim().toLowerCase()"),
    };
    let values = browser
        .eval(&format!(
            "Array.from(document.querySelectorAll('#findings tbody tr:not([hidden])')).map(r => {read})"
        ))
        .expect("read a column");
    values
        .as_array()
        .expect("an array")
        .iter()
        .map(|v| v.as_str().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn the_html_report_filters_sorts_and_runs_no_account_data_in_chromium() {
    let result = result_with_hostile_values();
    let total = result.findings.len() as u64;
    let count = |keep: &dyn Fn(&wascan::checks::finding::Finding) -> bool| {
        result.findings.iter().filter(|f| keep(f)).count() as u64
    };

    let out = target_dir();
    let path = html::write_html(&result, &out, "html-report").expect("write the report");

    let mut browser = cdp::Browser::launch(1400, 1000).expect("headless Chromium starts");
    browser.open(&path).expect("the report loads");

    // Loaded cleanly: the script ran (the count is live), nothing complained, nothing executed.
    assert_eq!(
        browser.eval("document.title").expect("title"),
        json!(format!(
            "wascan report · account 123456789012 (us-east-1, eu-west-1)"
        ))
    );
    assert_eq!(visible_rows(&mut browser), total);
    assert_eq!(shown_count(&mut browser), total);
    assert_eq!(
        browser.eval("typeof window.__pwned").expect("eval"),
        json!("undefined")
    );
    assert_eq!(
        browser
            .eval("document.querySelectorAll('img').length + document.scripts.length")
            .expect("eval"),
        json!(1),
        "the page's own script is its only script, and it has no image"
    );
    // The hostile values are shown as text.
    let hostile_row = browser
        .eval("document.querySelector('tr[data-finding-id=\"hostile\"]').textContent")
        .expect("the hostile finding is in the table");
    let hostile_row = hostile_row.as_str().unwrap_or_default();
    assert!(hostile_row.contains(HOSTILE_NAME), "{hostile_row}");
    assert!(hostile_row.contains(HOSTILE_MESSAGE), "{hostile_row}");

    // Free text: the hostile marker matches the one hostile finding.
    browser
        .type_into("#filter-text", "pwned-marker")
        .expect("type");
    assert_eq!(visible_rows(&mut browser), 1);
    assert_eq!(shown_count(&mut browser), 1);
    browser.click("#filter-reset").expect("reset");
    assert_eq!(visible_rows(&mut browser), total);

    // A check id as free text.
    browser
        .type_into("#filter-text", "s3_bucket_versioning")
        .expect("type");
    let versioning = count(&|f| f.check_id.contains("s3_bucket_versioning"));
    assert!(versioning > 0);
    assert_eq!(visible_rows(&mut browser), versioning);
    browser.click("#filter-reset").expect("reset");

    // Severity, then severity and status, then pillar on top.
    set_select(&mut browser, "filter-severity", "critical");
    let critical = count(&|f| f.severity == Severity::Critical);
    assert!(critical > 0 && critical < total);
    assert_eq!(visible_rows(&mut browser), critical);
    set_select(&mut browser, "filter-severity", "high");
    set_select(&mut browser, "filter-status", "fail");
    let high_failed = count(&|f| f.severity == Severity::High && f.status == Status::Fail);
    assert!(high_failed > 0);
    assert_eq!(visible_rows(&mut browser), high_failed);
    assert_eq!(shown_count(&mut browser), high_failed);
    set_select(&mut browser, "filter-pillar", "security");
    let high_failed_security = count(&|f| {
        f.severity == Severity::High
            && f.status == Status::Fail
            && f.pillar == wascan::checks::catalog::Pillar::Security
    });
    assert_eq!(visible_rows(&mut browser), high_failed_security);
    browser.click("#filter-reset").expect("reset");
    assert_eq!(visible_rows(&mut browser), total);

    // Sorting: Region ascending, then descending, by clicking its header.
    let region_header = "#findings thead th:nth-child(5) button";
    browser.click(region_header).expect("click Region");
    let regions = column(&mut browser, 4, None);
    let mut sorted = regions.clone();
    sorted.sort();
    assert_eq!(regions, sorted);
    assert_ne!(regions.first(), regions.last(), "more than one region");
    assert_eq!(
        browser
            .eval("document.querySelector('#findings thead th:nth-child(5)').getAttribute('aria-sort')")
            .expect("eval"),
        json!("ascending")
    );
    browser.click(region_header).expect("click Region again");
    let regions = column(&mut browser, 4, None);
    sorted.reverse();
    assert_eq!(regions, sorted);

    // Severity: most severe first when ascending (critical has rank 0), least severe last.
    browser
        .click("#findings thead th:nth-child(1) button")
        .expect("click Severity");
    let ranks: Vec<u32> = column(&mut browser, 0, Some("data-sort"))
        .iter()
        .map(|rank| rank.parse().expect("a numeric rank"))
        .collect();
    assert!(ranks.windows(2).all(|pair| pair[0] <= pair[1]), "{ranks:?}");
    assert_eq!(
        browser
            .eval("document.querySelector('#findings tbody tr').getAttribute('data-severity')")
            .expect("eval"),
        json!("critical")
    );
    // Filtering still works on the sorted table.
    set_select(&mut browser, "filter-status", "pass");
    assert_eq!(
        visible_rows(&mut browser),
        count(&|f| f.status == Status::Pass)
    );
    browser.click("#filter-reset").expect("reset");

    // The per-question view is there, in the framework's order.
    let questions = browser
        .eval("Array.from(document.querySelectorAll('#questions details.question')).map(q => q.dataset.question)")
        .expect("questions");
    let expected: Vec<Value> = result
        .scores
        .questions
        .iter()
        .map(|q| json!(q.question_code))
        .collect();
    assert_eq!(questions, Value::Array(expected));

    // Nothing ran from the account's data, and the page logged no error or warning.
    assert_eq!(
        browser.eval("typeof window.__pwned").expect("eval"),
        json!("undefined")
    );
    assert_eq!(browser.dialogs(), Vec::<String>::new(), "a dialog opened");
    assert_eq!(
        browser.problems(),
        Vec::<String>::new(),
        "console errors; Chromium's log:\n{}",
        browser.log()
    );

    // A screenshot of the top of the report, failures first.
    set_select(&mut browser, "filter-status", "fail");
    browser.eval("window.scrollTo(0, 0)").expect("scroll");
    let png = browser.screenshot(1400, 1500).expect("screenshot");
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n") && png.len() > 20_000);
    let shot = out.join("html-report.png");
    std::fs::write(&shot, png).expect("save the screenshot");
    eprintln!("html report: {} and {}", path.display(), shot.display());
}
