//! The result files a scan writes: one per `--format`, all under one timestamped base name in
//! `--output-dir`, each written atomically (a temporary file, then a rename).

use std::path::{Path, PathBuf};

use wascan_checks::result::ScanResult;

use crate::error::Error;
use crate::report::{asff, csv, html, json, ocsf, sarif};
use crate::scan;

/// An output format: the HTML report for people, the others for machines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, clap::ValueEnum)]
pub enum Format {
    /// The scan result, wascan's own JSON (`.json`, see docs/scan-result.schema.json).
    Json,
    /// One row per finding (`.csv`).
    Csv,
    /// SARIF 2.1.0, for code-scanning dashboards (`.sarif`).
    Sarif,
    /// OCSF 1.1 Detection Findings (class 2004), one per finding (`.ocsf.json`).
    Ocsf,
    /// AWS Security Finding Format, for Security Hub's BatchImportFindings (`.asff.json`).
    Asff,
    /// One self-contained page: scores, filterable findings, the WA questions (`.html`).
    Html,
}

impl Format {
    /// The file name extension, with its dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Json => ".json",
            Format::Csv => ".csv",
            Format::Sarif => ".sarif",
            Format::Ocsf => ".ocsf.json",
            Format::Asff => ".asff.json",
            Format::Html => ".html",
        }
    }

    /// The result rendered in this format.
    pub fn render(self, result: &ScanResult) -> Result<Vec<u8>, String> {
        match self {
            Format::Json => json::render(result),
            Format::Csv => csv::render(result),
            Format::Sarif => sarif::render(result),
            Format::Ocsf => ocsf::render(result),
            Format::Asff => asff::render(result),
            Format::Html => Ok(html::render(result).into_bytes()),
        }
    }
}

/// `wascan-<account>-<UTC timestamp>`: the name every output of one scan shares.
pub fn base_name(result: &ScanResult) -> String {
    let name = scan::result_file_name(result);
    name.strip_suffix(".json").unwrap_or(&name).to_string()
}

/// `base`, or `base-2`, `base-3`, ... : the first name under which no output exists yet, so that
/// two scans started in the same second never overwrite each other's files.
fn unused_base_name(base: &str, dir: &Path, formats: &[Format]) -> String {
    (1..)
        .map(|n| {
            if n == 1 {
                base.to_string()
            } else {
                format!("{base}-{n}")
            }
        })
        .find(|candidate| {
            formats.iter().all(|format| {
                !dir.join(format!("{candidate}{}", format.extension()))
                    .exists()
            })
        })
        .unwrap_or_else(|| base.to_string())
}

/// Writes `result` in each of `formats` (each once) into `dir`; returns the paths written.
pub fn write_all(
    result: &ScanResult,
    dir: &Path,
    formats: &[Format],
) -> Result<Vec<PathBuf>, Error> {
    let mut formats = formats.to_vec();
    formats.sort();
    formats.dedup();
    let base = unused_base_name(&base_name(result), dir, &formats);
    let mut written = Vec::new();
    for format in formats {
        let path = dir.join(format!("{base}{}", format.extension()));
        let bytes = format.render(result).map_err(|message| Error::Write {
            path: path.clone(),
            source: std::io::Error::other(message),
        })?;
        scan::write_atomic(&path, &bytes)?;
        written.push(path);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;
    use wascan_checks::engine::Selection;
    use wascan_checks::finding::Suppressed;
    use wascan_checks::model::{ErrorKind, Gap, ResourceRef, Snapshot};
    use wascan_checks::registry::find_check;

    use super::*;

    const ACCOUNT: &str = "123456789012";

    fn bucket(name: &str, tags: &[(&str, &str)]) -> ResourceRef {
        ResourceRef {
            arn: format!("arn:aws:s3:::{name}"),
            kind: "AWS::S3::Bucket".into(),
            id: name.into(),
            name: None,
            region: "eu-west-1".into(),
            tags: tags
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        }
    }

    /// A small result: a pass, a failure, a suppressed failure, a not-evaluated check and a
    /// global failure, with a formula-looking tag and message.
    fn result() -> ScanResult {
        let check = |id| find_check(id).expect("a known check");
        let versioning = check("s3_bucket_versioning");
        let mut snapshot = Snapshot::new(ACCOUNT, datetime!(2026-06-01 12:00 UTC));
        snapshot.regions = vec!["eu-west-1".into()];
        let root = snapshot.account_resource("global");
        let mut accepted = check("s3_bucket_public_access").fail(
            &bucket("www", &[("env", "=cmd|' /C calc'!A0")]),
            "bucket www is public: its ACL grants READ to AllUsers",
        );
        accepted.suppressed = Some(Suppressed {
            reason: "static website".into(),
            expires: Some("2026-12-31".into()),
            source: "wascan.toml:4".into(),
        });
        let gap = Gap {
            service: "s3".into(),
            region: Some("eu-west-1".into()),
            operation: "GetBucketEncryption".into(),
            resource: Some("data".into()),
            kind: ErrorKind::AccessDenied,
            message: "Access Denied".into(),
        };
        let mut findings = vec![
            versioning.pass(&bucket("logs", &[]), "versioning is enabled"),
            versioning.fail(
                &bucket("data", &[("owner", "team-data")]),
                "-versioning is suspended",
            ),
            accepted,
            check("s3_bucket_default_encryption").not_evaluated(&bucket("data", &[]), &gap),
            check("iam_root_mfa").fail(&root, "the root user has no MFA device"),
            // A practice-presence signal that found nothing: not a failure, in every format.
            check("backup_plan_exists").no_evidence(&root, "no restore testing plan in any region"),
        ];
        for finding in &mut findings {
            finding.assign_account(ACCOUNT);
        }
        wascan_checks::engine::sort_findings(&mut findings);
        let mut result = ScanResult::new(
            &snapshot,
            Selection::default(),
            findings,
            datetime!(2026-06-01 12:00 UTC),
            datetime!(2026-06-01 12:00:03 UTC),
        );
        result.rescore();
        result
    }

    /// The output with times and the tool version redacted.
    fn rendered(format: Format) -> String {
        let text = String::from_utf8(format.render(&result()).expect("renders")).expect("UTF-8");
        text.replace("2026-06-01T12:00:00Z", "[time]")
            .replace("2026-06-01T12:00:03Z", "[time]")
            .replace("1780315203000", "\"[time]\"")
            .replace(
                &format!("\"{}\"", env!("CARGO_PKG_VERSION")),
                "\"[version]\"",
            )
    }

    #[test]
    fn csv_snapshot() {
        insta::assert_snapshot!(rendered(Format::Csv));
    }

    #[test]
    fn sarif_snapshot() {
        insta::assert_snapshot!(rendered(Format::Sarif));
    }

    #[test]
    fn ocsf_snapshot() {
        insta::assert_snapshot!(rendered(Format::Ocsf));
    }

    #[test]
    fn asff_snapshot() {
        insta::assert_snapshot!(rendered(Format::Asff));
    }

    #[test]
    fn every_format_is_written_under_one_base_name() {
        let dir = tempfile::tempdir().expect("tempdir");
        let all = [
            Format::Asff,
            Format::Json,
            Format::Csv,
            Format::Sarif,
            Format::Ocsf,
            Format::Json,
        ];
        let written = write_all(&result(), dir.path(), &all).expect("written");
        let names: Vec<String> = written
            .iter()
            .map(|p| {
                p.file_name()
                    .expect("a name")
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        let base = "wascan-123456789012-20260601T120000Z";
        assert_eq!(
            names,
            [".json", ".csv", ".sarif", ".ocsf.json", ".asff.json"]
                .map(|ext| format!("{base}{ext}"))
        );
        for path in &written {
            let bytes = std::fs::read(path).expect("readable");
            if path.extension().is_some_and(|e| e != "csv") {
                serde_json::from_slice::<serde_json::Value>(&bytes).expect("valid JSON");
            }
        }
        // No temporary file is left behind.
        assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 5);
    }
}
