//! The custom checks shipped in `examples/custom-checks/` load and pass their own fixtures: what
//! `wascan checks test examples/custom-checks` runs, without the binary.

use std::path::PathBuf;

#[test]
fn the_example_custom_checks_pass_their_fixtures() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../examples/custom-checks");
    let mut policies: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("examples/custom-checks")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "rego"))
        .collect();
    policies.sort();
    assert!(policies.len() >= 4, "{policies:?}");
    for path in policies {
        let text = std::fs::read_to_string(&path).expect("policy");
        let name = path.display().to_string();
        let check = wascan_checks::custom::load(&name, &text).unwrap_or_else(|err| panic!("{err}"));
        let fixture = path.with_extension("test.json");
        let fixture_text = std::fs::read_to_string(&fixture).expect("every example has a fixture");
        let outcomes = wascan_checks::custom::run_fixture(
            check,
            &fixture.display().to_string(),
            &fixture_text,
        )
        .unwrap_or_else(|err| panic!("{err}"));
        assert!(!outcomes.is_empty(), "{name}: no case");
        for outcome in outcomes {
            assert!(outcome.passed(), "{name}: {outcome:#?}");
        }
    }
}
