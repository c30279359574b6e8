//! Runs a parsed command line: the glue between the CLI and the library, returning the exit code.

use std::io::Write;
use std::time::Duration;

use time::OffsetDateTime;
use wascan_checks::check::Strength;
use wascan_checks::engine::Selection;
use wascan_checks::finding::{Severity, Status};
use wascan_checks::registry::{all_checks, find_check};
use wascan_checks::result::ScanResult;

use crate::aws::{self, AwsOptions};
use crate::baseline;
use crate::cli::{
    AwsArgs, ChecksCommand, Cli, Command, DiffArgs, MergeArgs, OutputArgs, ScanArgs, SelectionArgs,
};
use crate::collect::{self, CollectOptions, Regions};
use crate::config::Config;
use crate::emulator::{Emulator, EmulatorOptions, DEMO_REGIONS};
use crate::error::Error;
use crate::logging;
use crate::org::{self, RoleOptions};
use crate::permissions;
use crate::report::{output, terminal};
use crate::scan;
use crate::suppress::{self, Suppression};

/// Exit codes (see the README).
pub mod exit {
    /// Completed; nothing failed at or above `--fail-on`.
    pub const OK: i32 = 0;
    /// A finding failed at or above `--fail-on`.
    pub const FINDINGS: i32 = 1;
    /// Usage, configuration or credential error.
    pub const USAGE: i32 = 2;
    /// Completed, but API calls failed during collection, under `--strict`.
    pub const COLLECTION_ERRORS: i32 = 3;
    /// Interrupted by SIGINT or SIGTERM (128 + 2, as shells report Ctrl-C).
    pub const INTERRUPTED: i32 = 130;
}

/// Completes on the first SIGINT or SIGTERM. The handlers are installed when this is called, so
/// a signal that arrives before the future is first polled is not lost; from then on the
/// signals no longer kill the process: it stops collecting and writes only complete files.
fn interrupt_signal() -> Result<impl std::future::Future<Output = ()>, Error> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        let install = |kind: SignalKind| {
            signal(kind).map_err(|err| Error::Usage(format!("cannot handle signals: {err}")))
        };
        let mut interrupt = install(SignalKind::interrupt())?;
        let mut terminate = install(SignalKind::terminate())?;
        Ok(async move {
            tokio::select! {
                _ = interrupt.recv() => {}
                _ = terminate.recv() => {}
            }
        })
    }
    #[cfg(not(unix))]
    {
        Ok(async {
            let _ = tokio::signal::ctrl_c().await;
        })
    }
}

/// After an interrupted collection: writes the partial snapshot to `snapshot_out` when given
/// (the unfinished services recorded as `interrupted` gaps; `wascan evaluate` reads it), nothing
/// else, and returns exit code 130.
fn interrupted(
    snapshot: &wascan_checks::model::Snapshot,
    snapshot_out: Option<&std::path::Path>,
) -> Result<i32, Error> {
    let unfinished = snapshot
        .errors
        .iter()
        .filter(|gap| gap.kind == wascan_checks::model::ErrorKind::Interrupted)
        .count();
    match snapshot_out {
        Some(path) => {
            scan::write_json(path, snapshot)?;
            logging::warning(&format!(
                "interrupted: wrote the partial snapshot {} ({unfinished} services unfinished); no result written",
                path.display()
            ));
        }
        None => logging::warning("interrupted: nothing written"),
    }
    Ok(exit::INTERRUPTED)
}

pub async fn run(cli: Cli) -> Result<i32, Error> {
    match cli.command {
        Command::Scan(args) => {
            let config = crate::config::load(args.output.config.as_deref())?;
            let extras = Extras::load(&config, &args.output)?;
            let selection = selection(&args.selection);
            let collect_options = collect_options(&args.aws, &selection)?;
            if args.accounts.multi_account() {
                let result =
                    scan_accounts(&args, &collect_options, &selection, &config.checks).await?;
                return finish(result, extras, &args.output);
            }
            if args.accounts.shard.is_some()
                || args.accounts.external_id.is_some()
                || args.accounts.accounts_at_once.is_some()
            {
                return Err(Error::Usage(
                    "--shard, --external-id and --accounts-at-once need --org or --accounts".into(),
                ));
            }
            let sdk_config = aws::load(&aws_options(&args.aws)).await;
            let interrupt = interrupt_signal()?;
            let started = OffsetDateTime::now_utc();
            let collected =
                collect::collect_until(&sdk_config, &collect_options, interrupt).await?;
            if collected.interrupted {
                // No result, no report: only the snapshot, when asked for, marked incomplete.
                return interrupted(&collected.snapshot, args.snapshot_out.as_deref());
            }
            let snapshot = collected.snapshot;
            let result = scan::evaluate(&snapshot, &selection, &config.checks, started)?;
            if let Some(path) = &args.snapshot_out {
                scan::write_json(path, &snapshot)?;
            }
            // The reports need only the findings: the collected data goes before they are built.
            drop(snapshot);
            finish(result, extras, &args.output)
        }
        Command::Collect(args) => {
            let selection = selection(&args.selection);
            let collect_options = collect_options(&args.aws, &selection)?;
            let sdk_config = aws::load(&aws_options(&args.aws)).await;
            let interrupt = interrupt_signal()?;
            let collected =
                collect::collect_until(&sdk_config, &collect_options, interrupt).await?;
            if collected.interrupted {
                return interrupted(&collected.snapshot, Some(&args.output));
            }
            let snapshot = collected.snapshot;
            scan::write_json(&args.output, &snapshot)?;
            logging::note(&format!(
                "wrote {} ({} API calls, {} errors)",
                args.output.display(),
                snapshot.total_api_calls(),
                snapshot.errors.len()
            ));
            Ok(exit::OK)
        }
        Command::Evaluate(args) => {
            let config = crate::config::load(args.output.config.as_deref())?;
            let extras = Extras::load(&config, &args.output)?;
            let snapshot = scan::read_snapshot(&args.snapshot)?;
            let result = scan::evaluate(
                &snapshot,
                &selection(&args.selection),
                &config.checks,
                OffsetDateTime::now_utc(),
            )?;
            finish(result, extras, &args.output)
        }
        Command::Diff(args) => diff(&args),
        Command::Merge(args) => merge(&args),
        Command::Policy(args) if args.org => {
            let policy =
                serde_json::to_string_pretty(&permissions::org_caller_policy(&args.role_name))
                    .map_err(|err| Error::Usage(format!("cannot serialise the policy: {err}")))?;
            print_stdout(&format!("{policy}\n"))?;
            Ok(exit::OK)
        }
        Command::Policy(args) => {
            let services = selection(&args.selection)
                .services_needed()
                .map_err(|err| Error::Usage(err.to_string()))?;
            let policy = serde_json::to_string_pretty(&permissions::policy(&services))
                .map_err(|err| Error::Usage(format!("cannot serialise the policy: {err}")))?;
            print_stdout(&format!("{policy}\n"))?;
            Ok(exit::OK)
        }
        Command::Checks(ChecksCommand::List { json, lens: None }) => {
            print_stdout(&if json { checks_json()? } else { checks_table() })?;
            Ok(exit::OK)
        }
        Command::Checks(ChecksCommand::List {
            json,
            lens: Some(lens),
        }) => {
            if lens == crate::review::client::LENS_ALIAS {
                print_stdout(&if json { checks_json()? } else { checks_table() })?;
                return Ok(exit::OK);
            }
            let mapping = crate::review::mapping::shipped_mapping(&lens).ok_or_else(|| {
                Error::Usage(format!(
                    "wascan ships no mapping for lens `{lens}` (it has `wellarchitected` and `serverless`)"
                ))
            })?;
            print_stdout(&crate::review::mapping::render_mapping(&mapping, json)?)?;
            Ok(exit::OK)
        }
        Command::Checks(ChecksCommand::Explain { id }) => {
            let check = find_check(&id).ok_or_else(|| {
                Error::Usage(format!(
                    "unknown check id `{id}` (see `wascan checks list`)"
                ))
            })?;
            print_stdout(&explain(check))?;
            Ok(exit::OK)
        }
        Command::Demo(args) => {
            let config = crate::config::load(args.output.config.as_deref())?;
            let extras = Extras::load(&config, &args.output)?;
            let selection = selection(&args.selection);
            let mut collect_options = CollectOptions {
                regions: Regions::List(DEMO_REGIONS.map(String::from).to_vec()),
                ..CollectOptions::default()
            };
            collect_options.services = selection
                .services_needed()
                .map_err(|err| Error::Usage(err.to_string()))?;
            logging::note("starting the emulated demo account ...");
            let emulator = Emulator::start(&EmulatorOptions::demo())?;
            logging::note(&format!(
                "scanning {} (moto on {})",
                DEMO_REGIONS.join(", "),
                emulator.endpoint()
            ));
            let sdk_config = aws::load(&emulator.aws_options()).await;
            let (_, result) =
                scan::scan(&sdk_config, &collect_options, &selection, &config.checks).await?;
            drop(emulator);
            finish(result, extras, &args.output)
        }
        Command::Review(command) => crate::review::run(command).await,
        Command::Completions { shell } => {
            print_stdout(&String::from_utf8_lossy(&crate::cli::completions(shell)))?;
            Ok(exit::OK)
        }
        Command::Man { out_dir } => man(out_dir.as_deref()),
    }
}

/// `wascan man`: wascan.1 on stdout, or every page into `out_dir`.
fn man(out_dir: Option<&std::path::Path>) -> Result<i32, Error> {
    let pages = crate::cli::man_pages().map_err(|source| Error::Write {
        path: "<man page>".into(),
        source,
    })?;
    match out_dir {
        None => {
            let root = pages
                .first()
                .map(|(_, roff)| roff.as_slice())
                .unwrap_or_default();
            print_stdout(&String::from_utf8_lossy(root))?;
        }
        Some(dir) => {
            std::fs::create_dir_all(dir).map_err(|source| Error::Write {
                path: dir.to_path_buf(),
                source,
            })?;
            for (name, roff) in &pages {
                let path = dir.join(name);
                std::fs::write(&path, roff).map_err(|source| Error::Write {
                    path: path.clone(),
                    source,
                })?;
            }
        }
    }
    Ok(exit::OK)
}

/// `scan --org` / `scan --accounts`: list the accounts, keep this shard's, scan them.
async fn scan_accounts(
    args: &ScanArgs,
    collect_options: &CollectOptions,
    selection: &Selection,
    settings: &wascan_checks::settings::Settings,
) -> Result<ScanResult, Error> {
    if args.snapshot_out.is_some() {
        return Err(Error::Usage(
            "--snapshot-out saves one account's snapshot: it cannot be used with --org or --accounts".into(),
        ));
    }
    let role = RoleOptions {
        role_name: args.accounts.role_name.clone(),
        external_id: args.accounts.external_id.clone(),
    };
    // Parse the explicit list before any AWS call: a bad id fails fast.
    let listed = args
        .accounts
        .accounts
        .as_deref()
        .map(org::parse_accounts)
        .transpose()?;
    let sdk_config = aws::load(&aws_options(&args.aws)).await;
    let org_calls = collect::CallCounter::default();
    let targets = match listed {
        Some(targets) => targets,
        None => org::organization_accounts(&sdk_config, &org_calls).await?,
    };
    let listed_count = targets.len();
    let targets = org::select_shard(targets, args.accounts.shard);
    if let Some(shard) = args.accounts.shard {
        logging::note(&format!(
            "shard {}/{}: {} of {listed_count} accounts",
            shard.index,
            shard.count,
            targets.len()
        ));
    }
    let fleet = scan::Fleet {
        targets,
        role,
        accounts_at_once: args.accounts.accounts_at_once.map(usize::from),
    };
    scan::scan_accounts(
        &sdk_config,
        fleet,
        collect_options,
        selection,
        settings,
        &org_calls,
    )
    .await
}

/// `wascan merge RESULT... -o FILE`.
fn merge(args: &MergeArgs) -> Result<i32, Error> {
    let results = args
        .results
        .iter()
        .map(|path| baseline::read_result(path))
        .collect::<Result<Vec<_>, _>>()?;
    let merged = ScanResult::merge(results).map_err(|err| Error::Usage(err.to_string()))?;
    scan::write_json(&args.output, &merged)?;
    logging::note(&format!(
        "wrote {} ({} accounts, {} findings)",
        args.output.display(),
        merged.accounts.len(),
        merged.findings.len()
    ));
    Ok(exit::OK)
}

pub(crate) fn aws_options(args: &AwsArgs) -> AwsOptions {
    AwsOptions {
        profile: args.profile.clone(),
        region: args.region.clone(),
        ..AwsOptions::default()
    }
}

pub(crate) fn selection(args: &SelectionArgs) -> Selection {
    Selection {
        pillars: args.pillars.iter().copied().collect(),
        services: args.services.iter().copied().collect(),
        checks: args.checks.iter().cloned().collect(),
    }
}

pub(crate) fn collect_options(
    args: &AwsArgs,
    selection: &Selection,
) -> Result<CollectOptions, Error> {
    let services = selection
        .services_needed()
        .map_err(|err| Error::Usage(err.to_string()))?;
    Ok(CollectOptions {
        regions: regions(&args.regions)?,
        services,
        concurrency: usize::from(args.concurrency),
        call_timeout: Duration::from_secs(args.call_timeout),
        max_rps: args.max_rps,
        ..CollectOptions::default()
    })
}

/// `--regions`: nothing (the home region), `all`, or region names that look like region names
/// (whether they exist is checked against the account's region list when collection starts).
fn regions(values: &[String]) -> Result<Regions, Error> {
    match values {
        [] => Ok(Regions::Default),
        [all] if all == "all" => Ok(Regions::All),
        names => {
            if let Some(bad) = names.iter().find(|name| !looks_like_region(name)) {
                return Err(Error::Usage(format!(
                    "unknown region `{bad}` (expected a name like us-east-1, or `all`)"
                )));
            }
            let mut names = names.to_vec();
            names.dedup();
            Ok(Regions::List(names))
        }
    }
}

fn looks_like_region(name: &str) -> bool {
    let parts: Vec<&str> = name.split('-').collect();
    parts.len() >= 3
        && parts[0].len() == 2
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
        && parts
            .last()
            .is_some_and(|p| p.chars().all(|c| c.is_ascii_digit()))
}

/// What `finish` applies to a result: the suppressions and the baseline, read before the scan
/// so that a bad file fails fast, without a wasted scan.
struct Extras {
    suppressions: Vec<Suppression>,
    baseline: Option<ScanResult>,
}

impl Extras {
    fn load(config: &Config, output: &OutputArgs) -> Result<Extras, Error> {
        let suppressions = match &output.suppressions {
            Some(path) => suppress::load_file(path)?,
            None => config.suppressions.clone(),
        };
        let baseline = output
            .baseline
            .as_deref()
            .map(baseline::read_result)
            .transpose()?;
        Ok(Extras {
            suppressions,
            baseline,
        })
    }
}

/// Applies suppressions and the baseline, prints the report (or JSON), writes the result file
/// and decides the exit code.
fn finish(mut result: ScanResult, extras: Extras, output: &OutputArgs) -> Result<i32, Error> {
    let today = result.started_at.date();
    suppress::apply(&mut result, &extras.suppressions, today);
    if let Some(baseline) = &extras.baseline {
        result.diff = Some(wascan_checks::diff::diff(baseline, &result));
    }
    for warning in &result.warnings {
        let source = warning
            .source
            .as_deref()
            .map(|s| format!("{s}: "))
            .unwrap_or_default();
        logging::warning(&format!("{source}{}", warning.message));
    }
    if output.json {
        print_json(&result)?;
    } else if !logging::quiet() {
        print_stdout(&report_text(&result))?;
    }
    if !output.no_output {
        for path in output::write_all(&result, &output.output_dir, &output.format)? {
            logging::note(&format!("wrote {}", path.display()));
        }
    }
    if output.new_only {
        let gated = match (&result.diff, output.fail_on) {
            (Some(diff), Some(severity)) => diff.new_failures_at_or_above(severity).count(),
            _ => 0,
        };
        if gated > 0 {
            return Ok(exit::FINDINGS);
        }
        return Ok(exit_code(&result, None, output.strict));
    }
    Ok(exit_code(&result, output.fail_on, output.strict))
}

/// The terminal report of the findings no suppression accepts, then the suppressed ones, then the
/// comparison with the baseline.
fn report_text(result: &ScanResult) -> String {
    let mut text = terminal::render_for_stdout(result);
    text.push_str(&suppress::render(result));
    if let Some(diff) = &result.diff {
        text.push_str(&baseline::render(diff));
    }
    text
}

/// `wascan diff OLD NEW`.
fn diff(args: &DiffArgs) -> Result<i32, Error> {
    let old = baseline::read_result(&args.old)?;
    let new = baseline::read_result(&args.new)?;
    let diff = wascan_checks::diff::diff(&old, &new);
    if args.json {
        let json = serde_json::to_string_pretty(&diff)
            .map_err(|err| Error::Usage(format!("cannot serialise the diff: {err}")))?;
        print_stdout(&format!("{json}\n"))?;
    } else if !logging::quiet() {
        print_stdout(&baseline::render(&diff))?;
    }
    let regressed = args
        .fail_on
        .is_some_and(|severity| diff.new_failures_at_or_above(severity).next().is_some());
    Ok(if regressed { exit::FINDINGS } else { exit::OK })
}

/// 1 when a finding failed at or above `fail_on`; else 3 when `strict` and a call failed; else 0.
pub fn exit_code(result: &ScanResult, fail_on: Option<Severity>, strict: bool) -> i32 {
    if fail_on.is_some_and(|severity| result.failures_at_or_above(severity).next().is_some()) {
        exit::FINDINGS
    } else if strict && (!result.errors.is_empty() || has_not_evaluated(result)) {
        exit::COLLECTION_ERRORS
    } else {
        exit::OK
    }
}

fn has_not_evaluated(result: &ScanResult) -> bool {
    result
        .findings
        .iter()
        .any(|f| f.status == Status::NotEvaluated)
}

/// Writes `value` to stdout as pretty JSON, streamed: a result with tens of thousands of findings
/// is never held a second time as one string.
fn print_json(value: &impl serde::Serialize) -> Result<(), Error> {
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    let written = serde_json::to_writer_pretty(&mut stdout, value)
        .map_err(std::io::Error::from)
        .and_then(|()| stdout.write_all(b"\n"))
        .and_then(|()| stdout.flush());
    match written {
        // A closed pipe (`wascan ... --json | head`) is not an error worth reporting.
        Err(err) if err.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::Write {
            path: "<stdout>".into(),
            source: err,
        }),
        _ => Ok(()),
    }
}

fn print_stdout(text: &str) -> Result<(), Error> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        // A closed pipe (`wascan ... | head`) is not an error worth reporting.
        Err(err) if err.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::Write {
            path: "<stdout>".into(),
            source: err,
        }),
        _ => Ok(()),
    }
}

fn checks_table() -> String {
    let mut table = comfy_table::Table::new();
    table
        .load_preset(comfy_table::presets::UTF8_BORDERS_ONLY)
        .set_header(vec!["Id", "Pillar", "Severity", "Best practices", "Title"]);
    for check in all_checks() {
        table.add_row(vec![
            check.id.to_string(),
            check.pillar.to_string(),
            check.severity.to_string(),
            best_practices_cell(check),
            check.title.to_string(),
        ]);
    }
    format!("{table}\n{} checks\n", all_checks().len())
}

/// `wascan checks explain`: the title, the best practices with the strength of the evidence,
/// then the doc comment.
fn explain(check: &wascan_checks::Check) -> String {
    let mut out = format!("{} — {}\n\nBest practices:\n", check.id, check.title);
    for evidence in check.best_practices {
        let title =
            wascan_checks::catalog::best_practice(evidence.code).map_or("", |bp| bp.title.as_str());
        let meaning = match evidence.strength {
            Strength::Direct => "direct: the signal is part of the practice",
            Strength::Indirect => "indirect: a precondition or proxy, not the practice itself",
        };
        out.push_str(&format!("- {} {title} ({meaning})\n", evidence.code));
    }
    out.push('\n');
    out.push_str(check.doc);
    out
}

/// A check's best practices for a table: `REL09-BP03, OPS08-BP01 (indirect)`.
fn best_practices_cell(check: &wascan_checks::Check) -> String {
    check
        .best_practices
        .iter()
        .map(|e| match e.strength {
            Strength::Direct => e.code.to_string(),
            Strength::Indirect => format!("{} (indirect)", e.code),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn checks_json() -> Result<String, Error> {
    let checks: Vec<serde_json::Value> = all_checks()
        .iter()
        .map(|check| {
            let best_practices: Vec<serde_json::Value> = check
                .best_practices
                .iter()
                .map(|evidence| {
                    let code = evidence.code;
                    let bp = wascan_checks::catalog::best_practice(code);
                    serde_json::json!({
                        "code": code,
                        "strength": evidence.strength,
                        "title": bp.map(|bp| bp.title.as_str()),
                        "question_id": bp.map(|bp| bp.question_id.as_str()),
                        "choice_id": bp.map(|bp| bp.choice_id.as_str()),
                        "risk": bp.map(|bp| bp.risk),
                    })
                })
                .collect();
            serde_json::json!({
                "id": check.id,
                "pillar": check.pillar,
                "service": check.service,
                "severity": check.severity,
                "best_practices": best_practices,
                "title": check.title,
                "remediation": check.remediation,
                "since": check.since,
            })
        })
        .collect();
    serde_json::to_string_pretty(&checks)
        .map(|json| json + "\n")
        .map_err(|err| Error::Usage(format!("cannot serialise the catalog: {err}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn region_names_are_validated_by_shape() {
        assert_eq!(regions(&[]).ok(), Some(Regions::Default));
        assert_eq!(regions(&["all".into()]).ok(), Some(Regions::All));
        assert!(regions(&["us-east-1".into(), "us-gov-west-1".into()]).is_ok());
        for bad in ["useast1", "us-east", "US-EAST-1", "mars-north-1x"] {
            assert!(regions(&[bad.into()]).is_err(), "{bad} accepted");
        }
    }
}
