//! `docs/checks.md` is generated from the code; a stale file fails here.
//! `WASCAN_BLESS=1 cargo test -p wascan-checks --test docs` rewrites it.

use std::path::PathBuf;

#[test]
fn docs_checks_md_is_up_to_date() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../docs/checks.md");
    let generated = wascan_checks::docs::checks_markdown();
    if std::env::var_os("WASCAN_BLESS").is_some() {
        std::fs::write(&path, &generated).expect("write docs/checks.md");
        return;
    }
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        current == generated,
        "docs/checks.md is stale: run `WASCAN_BLESS=1 cargo test -p wascan-checks --test docs`"
    );
}
