//! Secrets planted in the demo account (`SEEDED_SECRETS` in scripts/seed_demo.py) are found and
//! never echoed: every output format, the snapshot file, the terminal report and the logs are
//! grepped for each value.

use std::path::Path;

use crate::harness::*;

/// The values `scripts/seed_demo.py` plants (`SEEDED_SECRETS`), split so that no scanner flags
/// this file.
fn seeded_secrets() -> Vec<String> {
    vec![
        format!("Wascan-Demo-{}", "Pa55word-7f3kQ"),
        format!("AKIA{}", "WASCANDEMO7F3KQ2"),
        format!("ghp_{}", "WascanDemoToken7f3kQ2x9Lm4Np8Rt6Vw1Yz3"),
        format!("Legacy-Db-{}", "S3cret-9xQ2"),
    ]
}

/// Every file under `dir`, recursively.
fn files_under(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(next) = pending.pop() {
        for entry in std::fs::read_dir(&next)
            .expect("readable directory")
            .flatten()
        {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files
}

#[test]
fn seeded_secrets_are_found_masked_and_never_echoed_in_any_output() {
    let dir = workdir();
    let output = wascan_command(
        Some(demo_account()),
        dir.path(),
        &[
            "-vv",
            "scan",
            "--regions",
            "us-east-1,eu-west-1",
            "--format",
            "json,csv,sarif,ocsf,asff,html",
            "--output-dir",
            "out",
            "--snapshot-out",
            "snapshot.json",
        ],
    )
    .env_remove("WASCAN_LOG")
    .output()
    .expect("wascan runs");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));

    let files = files_under(dir.path());
    let extensions = [
        ".json",
        ".csv",
        ".sarif",
        ".ocsf.json",
        ".asff.json",
        ".html",
    ];
    for extension in extensions {
        assert!(
            files
                .iter()
                .any(|f| f.to_string_lossy().ends_with(extension)),
            "no {extension} written: {files:?}"
        );
    }
    assert!(dir.path().join("snapshot.json").exists());

    let mut outputs: Vec<(String, String)> = files
        .iter()
        .map(|f| {
            let text = String::from_utf8_lossy(&std::fs::read(f).expect("readable")).into_owned();
            (f.display().to_string(), text)
        })
        .collect();
    outputs.push(("terminal report (stdout)".into(), stdout(&output)));
    outputs.push(("logs (stderr, -vv)".into(), stderr(&output)));
    for secret in seeded_secrets() {
        for (name, text) in &outputs {
            assert!(!text.contains(&secret), "{name} echoes a seeded secret");
            // Nor its body past a public prefix (AKIA, ghp_).
            assert!(
                !text.contains(&secret[4..]),
                "{name} echoes a seeded secret's body"
            );
        }
    }

    // Each was found, and shown masked: its kind and where.
    let result_file = files
        .iter()
        .find(|f| {
            let name = f.to_string_lossy();
            name.ends_with(".json")
                && !name.ends_with(".ocsf.json")
                && !name.ends_with(".asff.json")
                && !name.ends_with("snapshot.json")
        })
        .expect("the result file");
    let result: serde_json::Value =
        serde_json::from_slice(&std::fs::read(result_file).expect("readable")).expect("JSON");
    let message = |check: &str, resource: &str| -> String {
        result["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .find(|f| {
                f["check_id"] == check
                    && (f["resource"]["id"] == resource || f["resource"]["name"] == resource)
            })
            .and_then(|f| f["message"].as_str())
            .unwrap_or_else(|| panic!("no {check} finding for {resource}"))
            .to_string()
    };
    assert_eq!(
        message("lambda_function_no_plaintext_secrets", "thumbnailer"),
        "function thumbnailer holds a secret in plain text: AWS access key ID in environment variable AWS_KEY_ID: AKIA… (20 characters)"
    );
    assert_eq!(
        message("ecs_task_definition_no_plaintext_secrets", "legacy-worker:1"),
        "task definition legacy-worker:1 holds a secret in plain text: GitHub token in container worker, variable GITHUB_TOKEN: ghp_… (42 characters)"
    );
    assert!(message("ec2_instance_user_data_no_secrets", "worker-1")
        .ends_with("holds a secret in plain text: password-like value in user data line 2: … (26 characters)"));
    assert_eq!(
        message("cloudformation_stack_no_plaintext_secrets", "legacy-db"),
        "stack legacy-db holds a secret in plain text: password-like value in parameter DbPassword: … (21 characters)"
    );
    assert_eq!(
        message("ssm_parameter_no_plaintext_secrets", "/legacy/db/password"),
        "parameter /legacy/db/password holds a secret in plain text: password-like value in parameter /legacy/db/password: … (21 characters)"
    );
}
