//! Scan directories: where a multi-account scan streams its results, one file per account as
//! soon as the account is evaluated, then a small `summary.json` (the layout is documented in
//! [`wascan_checks::summary`] and the README). Every file is written atomically, so an account's
//! result file exists only when it is complete: `--resume` scans the accounts without one.

use std::path::{Path, PathBuf};

use serde_json::Value;
use wascan_checks::result::ScanResult;
use wascan_checks::summary::{
    account_file, ScanPlan, ScanSummary, ACCOUNTS_DIR, PLAN_FILE, SUMMARY_FILE,
    SUMMARY_SCHEMA_VERSION,
};

use crate::error::Error;
use crate::report::output::Format;
use crate::report::{asff, html};
use crate::scan;

/// Security Hub's `BatchImportFindings` takes at most 100 findings per call: each ASFF file of an
/// account holds at most this many.
pub const ASFF_BATCH: usize = 100;

/// An open scan directory.
#[derive(Debug, Clone)]
pub struct ScanDir {
    pub path: PathBuf,
    /// The formats each account is written in besides its JSON result (always written).
    formats: Vec<Format>,
}

impl ScanDir {
    /// Creates `output_dir/<stem>-<time>` (or `-2`, `-3`, ... when taken) and writes the plan.
    pub fn create(
        output_dir: &Path,
        stem: &str,
        plan: &ScanPlan,
        formats: &[Format],
    ) -> Result<ScanDir, Error> {
        let format =
            time::macros::format_description!("[year][month][day]T[hour][minute][second]Z");
        let stamp = plan.started_at.format(&format).unwrap_or_default();
        let base = format!("{stem}-{stamp}");
        let path = (1..)
            .map(|n| {
                output_dir.join(if n == 1 {
                    base.clone()
                } else {
                    format!("{base}-{n}")
                })
            })
            .find(|candidate| !candidate.exists())
            .unwrap_or_else(|| output_dir.join(&base));
        let dir = ScanDir::at(&path, formats);
        scan::write_json(&path.join(PLAN_FILE), plan)?;
        Ok(dir)
    }

    /// The scan directory at `path`, to write into (`--resume`).
    pub fn at(path: &Path, formats: &[Format]) -> ScanDir {
        let mut formats: Vec<Format> = formats
            .iter()
            .copied()
            .filter(|f| *f != Format::Json)
            .collect();
        formats.sort();
        formats.dedup();
        ScanDir {
            path: path.to_path_buf(),
            formats,
        }
    }

    /// The path of `account_id`'s result file.
    pub fn account_path(&self, account_id: &str) -> PathBuf {
        self.path.join(account_file(account_id))
    }

    /// Whether `account_id` has a complete result (files are only ever renamed into place
    /// whole).
    pub fn has_account(&self, account_id: &str) -> bool {
        self.account_path(account_id).is_file()
    }

    /// Writes one account's result, then its other formats. The JSON result goes last: its
    /// presence marks the account complete.
    pub fn write_account(&self, result: &ScanResult, account_id: &str) -> Result<(), Error> {
        let accounts = self.path.join(ACCOUNTS_DIR);
        for format in &self.formats {
            match format {
                Format::Json => {}
                Format::Asff => {
                    let findings = asff::findings(result);
                    for (index, batch) in findings.chunks(ASFF_BATCH).enumerate() {
                        let path = accounts.join(format!("{account_id}.asff-{}.json", index + 1));
                        write_value(&path, &Value::Array(batch.to_vec()))?;
                    }
                }
                Format::Html => {
                    let path = accounts.join(format!("{account_id}.html"));
                    scan::write_atomic(&path, html::render(result).as_bytes())?;
                }
                other => {
                    let path = accounts.join(format!("{account_id}{}", other.extension()));
                    let bytes = other.render(result).map_err(|message| Error::Write {
                        path: path.clone(),
                        source: std::io::Error::other(message),
                    })?;
                    scan::write_atomic(&path, &bytes)?;
                }
            }
        }
        scan::write_json(&self.account_path(account_id), result)
    }

    /// Writes `summary.json` (and `index.html` with `--format html`).
    pub fn write_summary(&self, summary: &ScanSummary) -> Result<(), Error> {
        if self.formats.contains(&Format::Html) {
            scan::write_atomic(
                &self.path.join("index.html"),
                html::render_summary(summary).as_bytes(),
            )?;
        }
        scan::write_json(&self.path.join(SUMMARY_FILE), summary)
    }
}

fn write_value(path: &Path, value: &Value) -> Result<(), Error> {
    scan::write_json(path, value)
}

/// Whether `path` is a scan directory (it holds a plan or a summary).
pub fn is_scan_dir(path: &Path) -> bool {
    path.is_dir() && (path.join(SUMMARY_FILE).is_file() || path.join(PLAN_FILE).is_file())
}

fn read_text(path: &Path) -> Result<String, Error> {
    std::fs::read_to_string(path).map_err(|err| Error::File {
        path: path.to_path_buf(),
        message: err.to_string(),
    })
}

/// Reads the plan of the scan directory `dir` (`--resume`).
pub fn read_plan(dir: &Path) -> Result<ScanPlan, Error> {
    let path = dir.join(PLAN_FILE);
    let text = read_text(&path).map_err(|_| Error::File {
        path: dir.to_path_buf(),
        message: format!("not a wascan scan directory: it has no {PLAN_FILE}"),
    })?;
    let plan: ScanPlan = serde_json::from_str(&text).map_err(|err| Error::File {
        path: path.clone(),
        message: format!("not a valid scan plan: {err}"),
    })?;
    if plan.schema_version != SUMMARY_SCHEMA_VERSION {
        return Err(Error::File {
            path,
            message: format!(
                "scan plan schema_version {} is not supported (this wascan reads {SUMMARY_SCHEMA_VERSION})",
                plan.schema_version
            ),
        });
    }
    Ok(plan)
}

/// Reads the summary of the scan directory `dir`.
pub fn read_summary(dir: &Path) -> Result<ScanSummary, Error> {
    let path = dir.join(SUMMARY_FILE);
    if !path.is_file() {
        let hint = if dir.join(PLAN_FILE).is_file() {
            format!(
                "the scan did not finish (no {SUMMARY_FILE}): complete it with `wascan scan --resume {}`",
                dir.display()
            )
        } else {
            format!("not a wascan scan directory: it has no {SUMMARY_FILE}")
        };
        return Err(Error::File {
            path: dir.to_path_buf(),
            message: hint,
        });
    }
    let text = read_text(&path)?;
    let value: Value = serde_json::from_str(&text).map_err(|err| Error::File {
        path: path.clone(),
        message: format!("not valid JSON: {err}"),
    })?;
    match value.get("schema_version").and_then(Value::as_u64) {
        Some(v) if v == u64::from(SUMMARY_SCHEMA_VERSION) => {}
        Some(v) => {
            return Err(Error::File {
                path,
                message: format!(
                    "scan summary schema_version {v} is not supported (this wascan reads {SUMMARY_SCHEMA_VERSION})"
                ),
            })
        }
        None => {
            return Err(Error::File {
                path,
                message: "not a wascan scan summary: no schema_version".into(),
            })
        }
    }
    serde_json::from_value(value).map_err(|err| Error::File {
        path,
        message: format!("not a valid scan summary: {err}"),
    })
}

/// Reads one account's result from the scan directory `dir` (one account's findings at a time).
pub fn read_account(dir: &Path, account_id: &str) -> Result<ScanResult, Error> {
    crate::baseline::read_result(&dir.join(account_file(account_id)))
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;
    use wascan_checks::engine::Selection;
    use wascan_checks::model::{ErrorKind, Gap};
    use wascan_checks::registry::all_checks;
    use wascan_checks::result::{AccountPart, ApiCalls};
    use wascan_checks::summary::{PlannedAccount, Summarizer};

    use super::*;

    const ACCOUNT: &str = "123456789012";

    /// An account nobody could read: one not_evaluated finding per check (more than 100).
    fn unreachable() -> ScanResult {
        let gap = Gap {
            service: "sts".into(),
            region: None,
            operation: "AssumeRole".into(),
            resource: None,
            kind: ErrorKind::AccessDenied,
            message: "denied".into(),
        };
        let part = AccountPart::unreachable(ACCOUNT, "aws", None, all_checks(), &gap);
        let at = datetime!(2026-06-01 12:00 UTC);
        ScanResult::for_accounts(vec![part], Selection::default(), at, at)
    }

    #[test]
    fn accounts_and_the_summary_are_written_whole_and_read_back() {
        let out = tempfile::tempdir().expect("tempdir");
        let plan = ScanPlan {
            schema_version: SUMMARY_SCHEMA_VERSION,
            tool_version: env!("CARGO_PKG_VERSION").into(),
            started_at: datetime!(2026-06-01 12:00 UTC),
            selection: Selection::default(),
            shard: None,
            accounts: vec![PlannedAccount {
                account_id: ACCOUNT.into(),
                name: None,
            }],
            api_calls: ApiCalls::default(),
        };
        let formats = [Format::Json, Format::Asff, Format::Csv, Format::Html];
        let dir = ScanDir::create(out.path(), "wascan-org", &plan, &formats).expect("created");
        assert!(dir.path.ends_with("wascan-org-20260601T120000Z"));
        assert_eq!(read_plan(&dir.path).expect("plan"), plan);
        assert!(!dir.has_account(ACCOUNT));
        let err = read_summary(&dir.path)
            .expect_err("no summary yet")
            .to_string();
        assert!(err.contains("--resume"), "{err}");

        let result = unreachable();
        dir.write_account(&result, ACCOUNT).expect("written");
        assert!(dir.has_account(ACCOUNT));
        assert_eq!(read_account(&dir.path, ACCOUNT).expect("read"), result);
        // ASFF in batches BatchImportFindings takes: at most 100 findings a file.
        let findings = result.findings.len();
        assert!(findings > 100);
        let mut batches = 0;
        let mut total = 0;
        while let Ok(text) = std::fs::read_to_string(
            dir.path
                .join(format!("accounts/{ACCOUNT}.asff-{}.json", batches + 1)),
        ) {
            let batch: Vec<Value> = serde_json::from_str(&text).expect("JSON");
            assert!(batch.len() <= ASFF_BATCH);
            total += batch.len();
            batches += 1;
        }
        assert_eq!((batches, total), (findings.div_ceil(ASFF_BATCH), findings));
        assert!(dir.path.join(format!("accounts/{ACCOUNT}.csv")).is_file());

        let mut summarizer = Summarizer::new(&plan);
        summarizer.add(&result);
        let summary = summarizer.finish(plan.started_at, Vec::new(), None);
        dir.write_summary(&summary).expect("written");
        assert_eq!(read_summary(&dir.path).expect("summary"), summary);
        assert!(dir.path.join("index.html").is_file());
        assert!(is_scan_dir(&dir.path));
        // A second scan in the same second gets a directory of its own.
        let again = ScanDir::create(out.path(), "wascan-org", &plan, &formats).expect("created");
        assert_ne!(again.path, dir.path);
        // Nothing temporary is left behind.
        let leftovers: Vec<_> = std::fs::read_dir(dir.path.join("accounts"))
            .expect("dir")
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty());
    }
}
