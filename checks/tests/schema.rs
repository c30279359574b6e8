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

/// `docs/snapshot.schema.json`: the snapshot, which is also what custom checks read as `input`.
#[test]
fn docs_snapshot_schema_is_up_to_date() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../docs/snapshot.schema.json");
    let schema = wascan_checks::model::snapshot_schema();
    let generated = serde_json::to_string_pretty(&schema).expect("serialisable") + "\n";
    if std::env::var_os("WASCAN_BLESS").is_some() {
        std::fs::write(&path, &generated).expect("write docs/snapshot.schema.json");
        return;
    }
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        current == generated,
        "docs/snapshot.schema.json is stale: run `WASCAN_BLESS=1 cargo test -p wascan-checks --test schema`"
    );
}

/// The schema describes what wascan writes: a snapshot of every service validates against the
/// names it lists (a field renamed in the model but not in the schema would fail here).
#[test]
fn the_snapshot_schema_names_every_top_level_field() {
    let schema = wascan_checks::model::snapshot_schema();
    let properties = schema["properties"].as_object().expect("properties");
    let snapshot =
        wascan_checks::model::Snapshot::new("123456789012", time::OffsetDateTime::UNIX_EPOCH);
    let json = serde_json::to_value(&snapshot).expect("json");
    for key in json.as_object().expect("object").keys() {
        assert!(properties.contains_key(key), "{key} is not in the schema");
    }
}
