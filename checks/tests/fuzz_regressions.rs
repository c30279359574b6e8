//! Every input the fuzzers (scripts/fuzz) were seeded with or ever crashed on, read again by the
//! reader it was for: no panic, and an error names the file.

use std::path::{Path, PathBuf};

use wascan_checks::config::Config;
use wascan_checks::files::{result_from_json, snapshot_from_json, FileError};
use wascan_checks::suppress;

fn inputs(target: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in [
        root.join("tests/fuzz_regressions").join(target),
        root.join("../fuzz/seeds").join(target),
    ] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries {
            files.push(entry.expect("a directory entry").path());
        }
    }
    files.sort();
    files
}

fn read_all(target: &str, read: impl Fn(&Path, &str) -> Option<FileError>) -> usize {
    let files = inputs(target);
    for path in &files {
        let bytes = std::fs::read(path).expect("readable input");
        // The fuzz targets skip input that is not UTF-8, as the file readers reject it first.
        let Ok(text) = std::str::from_utf8(&bytes) else {
            continue;
        };
        if let Some(err) = read(path, text) {
            assert!(
                err.to_string()
                    .starts_with(&format!("{}: ", path.display())),
                "{err}"
            );
        }
    }
    files.len()
}

#[test]
fn snapshot_inputs() {
    assert!(read_all("snapshot", |p, t| snapshot_from_json(p, t).err()) > 0);
}

#[test]
fn result_inputs() {
    assert!(read_all("result", |p, t| result_from_json(p, t).err()) > 0);
}

#[test]
fn suppression_inputs() {
    assert!(read_all("suppressions", |p, t| suppress::parse_file(p, t).err()) > 0);
}

#[test]
fn config_inputs() {
    assert!(read_all("config", |p, t| Config::parse_file(p, t).err()) > 0);
}

#[test]
fn the_seeds_are_valid() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../fuzz/seeds");
    let read = |target: &str, file: &str| {
        let path = seeds.join(target).join(file);
        (std::fs::read_to_string(&path).expect("seed"), path)
    };
    let (text, path) = read("snapshot", "demo.json");
    snapshot_from_json(&path, &text).expect("the snapshot seed parses");
    let (text, path) = read("result", "demo.json");
    result_from_json(&path, &text).expect("the result seed parses");
    let (text, path) = read("suppressions", "basic.toml");
    suppress::parse_file(&path, &text).expect("the suppressions seed parses");
    let (text, path) = read("config", "basic.toml");
    Config::parse_file(&path, &text).expect("the config seed parses");
}
