//! Starting emulators and running the binary against them.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use serde_json::Value;
use wascan::emulator::{Emulator, EmulatorOptions};

use crate::proxy::Proxy;

/// How many calls of a demo scan moto 5.2.5 does not serve (each a collection error and a
/// warning; listed in `demo_account.rs`).
pub const DEMO_UNSERVED_CALLS: usize = 35;

/// The demo account, started once and shared by every test that only reads it.
pub fn demo_account() -> &'static Emulator {
    static DEMO: OnceLock<Emulator> = OnceLock::new();
    DEMO.get_or_init(|| {
        Emulator::start(&EmulatorOptions::demo()).expect("the demo emulator starts")
    })
}

/// A temporary working directory for one run.
pub fn workdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temporary directory")
}

/// `wascan ARGS` in `dir`, pointed at `emulator` (or at nothing: no credentials, no endpoint).
pub fn wascan(emulator: Option<&Emulator>, dir: &Path, args: &[&str]) -> Output {
    wascan_command(emulator, dir, args)
        .output()
        .expect("the wascan binary runs")
}

/// `wascan ARGS` in `dir` against `emulator` through `proxy`.
pub fn wascan_via(proxy: &Proxy, emulator: &Emulator, dir: &Path, args: &[&str]) -> Output {
    wascan_command(Some(emulator), dir, args)
        .env("AWS_ENDPOINT_URL", proxy.endpoint())
        .output()
        .expect("the wascan binary runs")
}

/// The binary under test: `$WASCAN_BIN` when set (`.ci/release-check binary` runs the demo's
/// tests on the release binary that way; CI does not), else the one cargo built for these tests.
pub fn wascan_bin() -> std::path::PathBuf {
    std::env::var_os("WASCAN_BIN")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| env!("CARGO_BIN_EXE_wascan").into())
}

/// The command [`wascan`] runs, to adjust before running.
pub fn wascan_command(emulator: Option<&Emulator>, dir: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(wascan_bin());
    command.args(args).current_dir(dir);
    // Nothing from the developer's own AWS setup may leak in.
    for (key, _) in std::env::vars() {
        if key.starts_with("AWS_") {
            command.env_remove(key);
        }
    }
    command.env("HOME", dir).env("WASCAN_LOG", "wascan=warn");
    if let Some(emulator) = emulator {
        command.envs(emulator.env());
    }
    command
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Parses the JSON a `--json` run printed.
pub fn json(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|err| panic!("stdout is not JSON ({err}); stderr:\n{}", stderr(output)))
}

/// One line per finding: `check_id status region resource`, sorted; the resource is its name
/// when it has one (moto's ids are random), else its id.
pub fn finding_lines(result: &Value) -> Vec<String> {
    let mut lines: Vec<String> = result["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            let resource = &f["resource"];
            let label = resource["name"]
                .as_str()
                .or(resource["id"].as_str())
                .unwrap_or("?");
            format!(
                "{} {} {} {}",
                f["check_id"].as_str().unwrap_or("?"),
                f["status"].as_str().unwrap_or("?"),
                f["region"].as_str().unwrap_or("?"),
                label
            )
        })
        .collect();
    lines.sort();
    lines
}

/// Compares `actual` with the lines in `tests/e2e/<name>`; `WASCAN_BLESS=1` rewrites the file.
pub fn assert_lines_match(name: &str, actual: &[String]) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/e2e")
        .join(name);
    let text = actual.join("\n") + "\n";
    if std::env::var_os("WASCAN_BLESS").is_some() {
        std::fs::write(&path, &text).expect("write the expected file");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    let expected: Vec<&str> = expected.lines().collect();
    let actual: Vec<&str> = text.lines().collect();
    let missing: Vec<_> = expected.iter().filter(|l| !actual.contains(l)).collect();
    let unexpected: Vec<_> = actual.iter().filter(|l| !expected.contains(l)).collect();
    assert!(
        missing.is_empty() && unexpected.is_empty() && expected.len() == actual.len(),
        "findings differ from {}\nmissing: {missing:#?}\nunexpected: {unexpected:#?}\n(WASCAN_BLESS=1 rewrites the file after review)",
        path.display()
    );
}
