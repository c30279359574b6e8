//! What an installed binary offers besides scanning (issue #19): the version line, the shell
//! completions and the man pages, run through the binary itself (`src/main.rs`'s wiring), not
//! only through the library's `cli` tests.

use crate::harness::*;

#[test]
fn version_names_the_lens_and_counts_checks_and_services() {
    let dir = workdir();
    let output = wascan(None, dir.path(), &["--version"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let line = stdout(&output);
    let checks = wascan_checks::registry::all_checks().len();
    assert!(
        line.starts_with(&format!("wascan {} (", env!("CARGO_PKG_VERSION"))),
        "{line}"
    );
    assert!(
        line.contains(&format!(
            "Well-Architected Framework lens {}; {checks} checks over ",
            wascan_checks::catalog::LENS_VERSION
        )),
        "{line}"
    );
}

#[test]
fn bash_completions_parse_and_offer_the_newer_flags() {
    let dir = workdir();
    let output = wascan(None, dir.path(), &["completions", "bash"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let script = dir.path().join("wascan.bash");
    std::fs::write(&script, &output.stdout).expect("write");
    let parsed = std::process::Command::new("bash")
        .arg("-n")
        .arg(&script)
        .status()
        .expect("bash runs");
    assert!(parsed.success(), "bash -n failed on the completion script");
    let text = stdout(&output);
    for word in ["--custom-checks", "completions", "man", "html", "wafv2"] {
        assert!(text.contains(word), "the bash completions lack {word}");
    }
}

#[test]
fn man_writes_the_pages_docs_man_holds() {
    let dir = workdir();
    let output = wascan(None, dir.path(), &["man"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stdout(&output).contains(".TH WASCAN 1"),
        "{}",
        stdout(&output)
    );

    let out = dir.path().join("man1");
    let output = wascan(
        None,
        dir.path(),
        &["man", "--out-dir", out.to_str().expect("utf-8 path")],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let committed = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/man");
    for page in ["wascan.1", "wascan-scan.1", "wascan-checks-test.1"] {
        let written = std::fs::read(out.join(page)).expect("the page is written");
        let expected = std::fs::read(committed.join(page)).expect("docs/man holds the page");
        assert!(written == expected, "{page} differs from docs/man/{page}");
    }
}
