//! `docs/scan-result.schema.json` is generated from the result types; a stale file fails here.
//! `WASCAN_BLESS=1 cargo test -p wascan-checks --test schema` rewrites it.

use std::path::PathBuf;

#[test]
fn docs_scan_result_schema_is_up_to_date() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../docs/scan-result.schema.json");
    let schema = wascan_checks::result::scan_result_schema();
    let generated = serde_json::to_string_pretty(&schema).expect("serialisable") + "\n";
    if std::env::var_os("WASCAN_BLESS").is_some() {
        std::fs::write(&path, &generated).expect("write docs/scan-result.schema.json");
        return;
    }
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        current == generated,
        "docs/scan-result.schema.json is stale: run `WASCAN_BLESS=1 cargo test -p wascan-checks --test schema`"
    );
}

#[test]
fn docs_scan_summary_schema_is_up_to_date() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../docs/scan-summary.schema.json");
    let schema = wascan_checks::summary::scan_summary_schema();
    let generated = serde_json::to_string_pretty(&schema).expect("serialisable") + "\n";
    if std::env::var_os("WASCAN_BLESS").is_some() {
        std::fs::write(&path, &generated).expect("write docs/scan-summary.schema.json");
        return;
    }
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        current == generated,
        "docs/scan-summary.schema.json is stale: run `WASCAN_BLESS=1 cargo test -p wascan-checks --test schema`"
    );
}
