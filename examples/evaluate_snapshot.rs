//! Evaluate a saved snapshot from Rust code, with no AWS access: the pure engine of
//! `wascan-checks` on a file written by `wascan collect -o snapshot.json`.
//!
//! ```sh
//! cargo run -- demo   # or: wascan collect -o snapshot.json against an account
//! cargo run --example evaluate_snapshot -- snapshot.json
//! ```

use wascan_checks::finding::Status;
use wascan_checks::registry::all_checks;
use wascan_checks::settings::Settings;
use wascan_checks::{engine, Snapshot};

fn main() -> anyhow::Result<()> {
    let path = std::env::args()
        .nth(1)
        .ok_or_else(|| anyhow::anyhow!("usage: evaluate_snapshot SNAPSHOT.json"))?;
    let snapshot: Snapshot = serde_json::from_str(&std::fs::read_to_string(&path)?)?;

    // Thresholds are plain data: tighten the key-age limit for this run.
    let settings = Settings {
        access_key_max_age_days: 30,
        ..Settings::default()
    };
    let findings = engine::evaluate(&snapshot, &settings, all_checks());
    let scores = engine::score(&findings);

    println!(
        "account {} collected {}",
        snapshot.account_id, snapshot.collected_at
    );
    for (pillar, score) in &scores.pillars {
        let value = score
            .score
            .score
            .map_or("-".to_string(), |s| format!("{s:.1}"));
        println!(
            "{:<24} {value:>6}  ({} failed)",
            pillar.title(),
            score.score.failed
        );
    }
    for finding in findings.iter().filter(|f| f.status == Status::Fail) {
        println!(
            "{:<9} {:<38} {}",
            finding.severity, finding.check_id, finding.message
        );
    }
    Ok(())
}
