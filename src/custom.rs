//! Custom checks on disk: reads the `.rego` files of `--custom-checks DIR` and of the config's
//! `custom_checks`, loads them ([`wascan_checks::custom`], pure), applies the config's overrides,
//! and runs `wascan checks test DIR`.

use std::path::{Path, PathBuf};

use wascan_checks::check::Check;
use wascan_checks::custom::{self, CaseOutcome, LoadError};
use wascan_checks::engine::Selection;
use wascan_checks::overrides::Override;
use wascan_checks::registry::all_checks;
use wascan_checks::suppress::Suppression;

use crate::error::Error;

/// Every check a command can run: the built-in ones, then the custom ones loaded, and the
/// config's overrides.
#[derive(Debug, Clone)]
pub struct Catalog {
    pub checks: Vec<&'static Check>,
    pub overrides: Vec<Override>,
}

impl Default for Catalog {
    fn default() -> Self {
        Catalog {
            checks: all_checks().to_vec(),
            overrides: Vec::new(),
        }
    }
}

/// The `.rego` files of `dir`, sorted by name (a policy is one file; fixtures are `.test.json`).
fn rego_files(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let entries = std::fs::read_dir(dir).map_err(|err| Error::File {
        path: dir.to_path_buf(),
        message: format!("cannot read the custom checks directory: {err}"),
    })?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "rego") && path.is_file())
        .collect();
    files.sort();
    Ok(files)
}

fn read(path: &Path) -> Result<String, Error> {
    std::fs::read_to_string(path).map_err(|err| Error::File {
        path: path.to_path_buf(),
        message: err.to_string(),
    })
}

fn load_errors(errors: Vec<LoadError>) -> Error {
    let count = errors.len();
    let list: Vec<String> = errors.iter().map(|e| format!("  {e}")).collect();
    Error::Usage(format!(
        "{count} custom check{} cannot be loaded:\n{}",
        if count == 1 { "" } else { "s" },
        list.join("\n")
    ))
}

/// Loads the custom checks of `dirs` (each problem of each file reported at once, exit 2).
pub fn load_dirs(dirs: &[PathBuf]) -> Result<Vec<&'static Check>, Error> {
    let mut files = Vec::new();
    for dir in dirs {
        for path in rego_files(dir)? {
            let text = read(&path)?;
            files.push((path.display().to_string(), text));
        }
    }
    custom::load_all(&files).map_err(load_errors)
}

impl Catalog {
    /// The built-in checks and the custom ones of `dirs` (`--custom-checks`, then the config's
    /// `custom_checks`), with `overrides`. A suppression or override that names a custom check
    /// none of them defines is an error naming its `file:line`.
    pub fn load(
        dirs: &[PathBuf],
        overrides: &[Override],
        suppressions: &[Suppression],
    ) -> Result<Catalog, Error> {
        let mut checks = all_checks().to_vec();
        checks.extend(load_dirs(dirs)?);
        let known = |id: &str| checks.iter().any(|check| check.id == id);
        let mut problems: Vec<String> = Vec::new();
        for (id, source) in overrides
            .iter()
            .map(|o| (&o.check, &o.source))
            .chain(suppressions.iter().map(|s| (&s.check, &s.source)))
        {
            if id != "*" && !known(id) {
                problems.push(format!(
                    "{source}: unknown check id `{id}` (no custom check directory defines it: see `wascan checks list --custom-checks DIR`)"
                ));
            }
        }
        if !problems.is_empty() {
            return Err(Error::Usage(problems.join("\n")));
        }
        Ok(Catalog {
            checks,
            overrides: overrides.to_vec(),
        })
    }

    /// The checks `selection` picks, but those an override turns off.
    pub fn select(&self, selection: &Selection) -> Result<Vec<&'static Check>, Error> {
        let selected = selection
            .checks_among(&self.checks)
            .map_err(|err| Error::Usage(err.to_string()))?;
        let enabled: Vec<&'static Check> = selected
            .iter()
            .copied()
            .filter(|check| !self.disabled(check.id))
            .collect();
        if enabled.is_empty() {
            let why: Vec<String> = selected
                .iter()
                .filter_map(|check| self.overrides.iter().find(|o| o.check == check.id))
                .map(|o| format!("`{}` is disabled by {} ({})", o.check, o.source, o.reason))
                .collect();
            return Err(Error::Usage(format!(
                "the selection matches no enabled check: {}",
                why.join("; ")
            )));
        }
        Ok(enabled)
    }

    /// The services the selected, enabled checks read.
    pub fn services_needed(
        &self,
        selection: &Selection,
    ) -> Result<std::collections::BTreeSet<wascan_checks::model::Service>, Error> {
        Ok(self
            .select(selection)?
            .iter()
            .flat_map(|check| check.services())
            .collect())
    }

    /// Whether an override turns the check off.
    pub fn disabled(&self, id: &str) -> bool {
        self.overrides.iter().any(|o| o.check == id && o.disabled)
    }

    /// The override of a check, if any.
    pub fn override_of(&self, id: &str) -> Option<&Override> {
        self.overrides.iter().find(|o| o.check == id)
    }

    /// The check with this id, built-in or custom.
    pub fn find(&self, id: &str) -> Option<&'static Check> {
        self.checks.iter().copied().find(|check| check.id == id)
    }
}

/// The outcome of `wascan checks test`: the report, and whether every case passed.
pub struct TestRun {
    pub report: String,
    pub passed: bool,
}

/// `wascan checks test DIR...`: each custom check of each directory against the cases of its
/// fixture `<name>.test.json`, beside it. A check without a fixture fails the run: an untested
/// custom check is what this command exists to prevent.
pub fn test_dirs(dirs: &[PathBuf]) -> Result<TestRun, Error> {
    let mut report = String::new();
    let (mut cases, mut failed_cases, mut checks, mut failed_checks) = (0, 0, 0, 0);
    for dir in dirs {
        for path in rego_files(dir)? {
            let text = read(&path)?;
            let shown = path.display().to_string();
            let check = custom::load(&shown, &text).map_err(|err| load_errors(vec![err]))?;
            checks += 1;
            let fixture = path.with_extension("test.json");
            report.push_str(&format!("{} ({shown})\n", check.id));
            if !fixture.is_file() {
                failed_checks += 1;
                report.push_str(&format!(
                    "  FAIL  no fixture: write {} (see the README)\n",
                    fixture.display()
                ));
                continue;
            }
            let fixture_text = read(&fixture)?;
            let outcomes: Vec<CaseOutcome> =
                custom::run_fixture(check, &fixture.display().to_string(), &fixture_text)
                    .map_err(|err| load_errors(vec![err]))?;
            let mut check_failed = false;
            for outcome in outcomes {
                cases += 1;
                if outcome.passed() {
                    report.push_str(&format!("  PASS  {}\n", outcome.name));
                    continue;
                }
                failed_cases += 1;
                check_failed = true;
                report.push_str(&format!("  FAIL  {}\n", outcome.name));
                for missing in &outcome.missing {
                    report.push_str(&format!("        expected, not found: {missing}\n"));
                }
                for unexpected in &outcome.unexpected {
                    report.push_str(&format!("        found, not expected: {unexpected}\n"));
                }
            }
            if check_failed {
                failed_checks += 1;
            }
        }
    }
    if checks == 0 {
        return Err(Error::Usage(format!(
            "no custom check (`.rego` file) in {}",
            dirs.iter()
                .map(|d| d.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    report.push_str(&format!(
        "\n{checks} custom check{}, {cases} case{}: {} passed, {failed_cases} failed{}\n",
        if checks == 1 { "" } else { "s" },
        if cases == 1 { "" } else { "s" },
        cases - failed_cases,
        if failed_checks > 0 {
            format!(
                " ({failed_checks} check{} not as expected)",
                if failed_checks == 1 { "" } else { "s" }
            )
        } else {
            String::new()
        }
    ));
    Ok(TestRun {
        report,
        passed: failed_checks == 0,
    })
}
