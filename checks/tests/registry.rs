//! Guard tests over the whole registry: ids, files, docs and best-practice codes.

use std::collections::BTreeSet;
use std::path::Path;

use wascan_checks::catalog::{self, Pillar};
use wascan_checks::registry::all_checks;

#[test]
fn check_ids_are_unique_snake_case_and_prefixed_by_their_service() {
    let mut seen = BTreeSet::new();
    for check in all_checks() {
        assert!(seen.insert(check.id), "duplicate check id {}", check.id);
        assert!(
            check
                .id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
            "{} is not snake_case",
            check.id
        );
        assert!(
            check.id.starts_with(&format!("{}_", check.service)),
            "{} does not start with its service `{}`",
            check.id,
            check.service
        );
    }
}

#[test]
fn each_check_lives_in_its_own_file_in_its_pillar_folder() {
    for check in all_checks() {
        let expected = format!("src/{}/{}.rs", check.pillar.as_str(), check.id);
        assert!(
            check.source.contains(&expected),
            "{} is defined at {}, expected in {expected}",
            check.id,
            check.source
        );
        assert!(Path::new(env!("CARGO_MANIFEST_DIR"))
            .join(&expected)
            .is_file());
    }
}

/// A check file that exists but is not registered is never compiled, so nothing else would
/// notice it: every file under `src/` that declares a check must be in its pillar's
/// `register_checks!` list (one line, `module::CONSTANT,`), and every other file in a pillar
/// folder must be a helper module its `mod.rs` declares.
#[test]
fn every_check_file_is_registered() {
    let registered: BTreeSet<&str> = all_checks().iter().map(|check| check.id).collect();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut unregistered = Vec::new();
    for pillar in Pillar::ALL {
        let folder = src.join(pillar.as_str());
        let module = std::fs::read_to_string(folder.join("mod.rs")).unwrap();
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
            if stem == "mod" || path.extension().is_none_or(|ext| ext != "rs") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            if text.contains("declare_check! {") {
                if !registered.contains(stem.as_str()) {
                    unregistered.push(format!(
                        "{}: add `{stem}::{},` to register_checks! in src/{}/mod.rs",
                        path.display(),
                        stem.to_uppercase(),
                        pillar.as_str()
                    ));
                }
            } else if !module.contains(&format!("mod {stem};")) {
                unregistered.push(format!(
                    "{}: neither a check nor a helper module of src/{}/mod.rs (shared helpers go in src/, e.g. src/tags.rs)",
                    path.display(),
                    pillar.as_str()
                ));
            }
        }
    }
    assert!(unregistered.is_empty(), "{}", unregistered.join("\n"));
}

/// `scripts/new-check` writes a scaffold that fails every resource and marks what is left to
/// write with `TODO(new-check)`: none may stay in a check that ships.
#[test]
fn no_check_keeps_the_generators_placeholders() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut left = Vec::new();
    for pillar in Pillar::ALL {
        for entry in std::fs::read_dir(src.join(pillar.as_str())).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            if text.contains(&["TODO", "(new-check)"].concat()) {
                left.push(path.display().to_string());
            }
        }
    }
    assert!(left.is_empty(), "scaffolds not finished: {left:?}");
}

#[test]
fn each_check_documents_what_why_and_how() {
    for check in all_checks() {
        for heading in [
            "## What it does",
            "## Why is this bad?",
            "## Example",
            "## Not evaluated when",
        ] {
            assert!(
                check.doc.contains(heading),
                "{} lacks `{heading}` in its doc",
                check.id
            );
        }
        assert!(
            !check.title.is_empty() && !check.remediation.is_empty(),
            "{}",
            check.id
        );
    }
}

/// A check's first best practice is of its own pillar; the others may be of any pillar (a
/// scaling policy evidences reliability, cost and sustainability practices too). No code twice.
#[test]
fn best_practices_exist_in_the_catalog_and_the_first_is_of_the_checks_pillar() {
    for check in all_checks() {
        assert!(
            !check.best_practices.is_empty(),
            "{} maps to no best practice",
            check.id
        );
        for (index, code) in check.codes().enumerate() {
            let bp = catalog::best_practice(code).unwrap_or_else(|| {
                panic!("{} maps to {code}, which the lens does not have", check.id)
            });
            if index == 0 {
                assert_eq!(
                    bp.pillar, check.pillar,
                    "{} is in {} but its first best practice is {code}",
                    check.id, check.pillar
                );
            }
            assert_eq!(
                check.codes().filter(|c| *c == code).count(),
                1,
                "{} names {code} twice",
                check.id
            );
        }
    }
}

#[test]
fn every_pillar_has_at_least_two_checks() {
    for pillar in Pillar::ALL {
        let count = all_checks().iter().filter(|c| c.pillar == pillar).count();
        assert!(count >= 2, "{pillar} has only {count} checks");
    }
}
