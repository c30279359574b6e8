//! Scan results written before the evidence model (`schema_version` 1) still read: baselines,
//! `wascan diff` and `wascan review` take them.

use std::path::Path;

use wascan_checks::catalog::Pillar;
use wascan_checks::check::Strength;
use wascan_checks::files::result_from_json;
use wascan_checks::finding::Status;
use wascan_checks::result::RESULT_SCHEMA_VERSION;

const V1: &str = include_str!("fixtures/result-v1.json");

#[test]
fn a_version_1_result_reads_with_todays_mappings_and_strengths() {
    let result = result_from_json(Path::new("result-v1.json"), V1).expect("a v1 result reads");
    assert_eq!(result.schema_version, RESULT_SCHEMA_VERSION);

    // A check wascan still has: its corrected mapping, pillar and strength.
    let support = &result.findings[0];
    assert_eq!(support.check_id, "iam_support_role");
    assert_eq!(support.best_practices, ["SEC10-BP01"]);
    assert_eq!(support.indirect_best_practices, ["SEC10-BP01"]);
    assert_eq!(support.pillar, Pillar::Security);
    assert_eq!(support.strength("SEC10-BP01"), Some(Strength::Indirect));
    assert_eq!(support.status, Status::Fail);

    // A check wascan no longer has keeps its best practices, read as direct evidence.
    let retired = &result.findings[2];
    assert_eq!(retired.best_practices, ["SEC99-BP01"]);
    assert_eq!(retired.strength("SEC99-BP01"), Some(Strength::Direct));

    // The scores are recomputed: the old mapping is gone, the strengths are there.
    let scores = &result.scores;
    assert!(!scores.best_practices.contains_key("OPS10-BP01"));
    assert_eq!(
        scores.best_practices["SEC10-BP01"].strength,
        Strength::Indirect
    );
    assert_eq!(scores.best_practices["SEC10-BP01"].indirect.failed, 1);
    assert_eq!(
        scores.best_practices["REL09-BP01"].strength,
        Strength::Indirect
    );
    assert_eq!(scores.overall.no_evidence, 0);
    assert_eq!(scores.overall.passed, 2);
}

#[test]
fn a_result_of_a_future_version_is_refused() {
    let future = V1.replacen("\"schema_version\": 1", "\"schema_version\": 3", 1);
    let err = result_from_json(Path::new("r.json"), &future).unwrap_err();
    assert!(
        err.to_string()
            .contains("schema_version 3 is not supported"),
        "{err}"
    );
}

#[test]
fn a_current_result_round_trips_unchanged() {
    let old = result_from_json(Path::new("result-v1.json"), V1).expect("reads");
    let text = serde_json::to_string(&old).expect("serialises");
    let again = result_from_json(Path::new("result-v2.json"), &text).expect("reads");
    // As JSON: a score's weights are not serialised, so read scores compare by what they say.
    assert_eq!(
        serde_json::to_value(&again).expect("json"),
        serde_json::to_value(&old).expect("json")
    );
}
