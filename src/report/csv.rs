//! One CSV row per finding, for spreadsheets. Cells that a spreadsheet would run as a formula
//! (starting with `=`, `+`, `-`, `@`, a tab or a carriage return) are prefixed with `'`: account
//! data (tag values, names) can hold anything.

use wascan_checks::result::ScanResult;

const HEADER: [&str; 18] = [
    "finding_id",
    "check_id",
    "title",
    "pillar",
    "best_practices",
    "severity",
    "status",
    "account_id",
    "region",
    "resource_arn",
    "resource_type",
    "resource_id",
    "resource_name",
    "message",
    "remediation",
    "reason",
    "suppressed_reason",
    "suppressed_expires",
];

pub fn render(result: &ScanResult) -> Result<Vec<u8>, String> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(HEADER).map_err(|err| err.to_string())?;
    for f in &result.findings {
        let suppressed = f.suppressed.as_ref();
        let row = [
            f.finding_id.clone(),
            f.check_id.clone(),
            f.title.clone(),
            f.pillar.to_string(),
            f.best_practices.join(";"),
            f.severity.to_string(),
            f.status.to_string(),
            f.account_id.clone(),
            f.region.clone(),
            f.resource.arn.clone(),
            f.resource.kind.clone(),
            f.resource.id.clone(),
            f.resource.name.clone().unwrap_or_default(),
            f.message.clone(),
            f.remediation.clone(),
            f.reason.clone().unwrap_or_default(),
            suppressed.map(|s| s.reason.clone()).unwrap_or_default(),
            suppressed
                .and_then(|s| s.expires.clone())
                .unwrap_or_default(),
        ];
        writer
            .write_record(row.iter().map(|cell| neutralise(cell)))
            .map_err(|err| err.to_string())?;
    }
    writer.into_inner().map_err(|err| err.to_string())
}

/// Prefixes a cell a spreadsheet would evaluate as a formula with `'`.
pub fn neutralise(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised() {
        for (cell, expected) in [
            ("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"),
            ("+1", "'+1"),
            ("-1", "'-1"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("a=b", "a=b"),
            ("", ""),
        ] {
            assert_eq!(neutralise(cell), expected);
        }
    }
}
