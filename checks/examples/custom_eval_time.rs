//! How long the custom checks of a directory take over a saved snapshot, beside the built-in
//! checks (bench/RESULTS.md, "Custom checks"):
//!
//! ```sh
//! cargo run --release -p wascan-checks --example custom_eval_time -- SNAPSHOT.json examples/custom-checks
//! ```

use std::time::Instant;

use wascan_checks::{custom, engine, registry, settings::Settings};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [snapshot, dir] = args.as_slice() else {
        return Err("usage: custom_eval_time SNAPSHOT.json DIR".into());
    };
    let text = std::fs::read_to_string(snapshot)?;
    let snapshot = wascan_checks::files::snapshot_from_json(snapshot.as_ref(), &text)?;
    let mut files = Vec::new();
    let mut paths: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "rego"))
        .collect();
    paths.sort();
    for path in paths {
        files.push((path.display().to_string(), std::fs::read_to_string(&path)?));
    }
    let started = Instant::now();
    let checks = custom::load_all(&files).map_err(|errors| format!("{errors:?}"))?;
    let load = started.elapsed();
    let settings = Settings::default();
    let runs = 5;
    let mut best_custom = f64::MAX;
    let mut best_builtin = f64::MAX;
    let mut custom_findings = 0;
    let mut builtin_findings = 0;
    for _ in 0..runs {
        let started = Instant::now();
        custom_findings = engine::evaluate(&snapshot, &settings, &checks).len();
        best_custom = best_custom.min(started.elapsed().as_secs_f64());
        let started = Instant::now();
        builtin_findings = engine::evaluate(&snapshot, &settings, registry::all_checks()).len();
        best_builtin = best_builtin.min(started.elapsed().as_secs_f64());
    }
    for finding in engine::evaluate(&snapshot, &settings, &checks) {
        if finding.status == wascan_checks::Status::NotEvaluated {
            println!("not evaluated: {} {}", finding.check_id, finding.message);
        }
    }
    println!(
        "{} custom checks loaded in {:.1} ms; evaluated over the snapshot (best of {runs}): custom {:.0} ms ({custom_findings} findings), built-in {:.0} ms ({} checks, {builtin_findings} findings)",
        checks.len(),
        load.as_secs_f64() * 1000.0,
        best_custom * 1000.0,
        best_builtin * 1000.0,
        registry::all_checks().len(),
    );
    Ok(())
}
