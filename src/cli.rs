//! The command line. Each flag's doc comment is its help: the first paragraph for `-h`, all of it
//! for `--help`.

use std::path::PathBuf;

use clap::builder::{PossibleValue, TypedValueParser};
use clap::{Args, CommandFactory, Parser, Subcommand};
use wascan_checks::catalog::Pillar;
use wascan_checks::finding::Severity;
use wascan_checks::model::Service;

use crate::logging::LogFormat;
use crate::report::output::Format;

/// Assess a live AWS account against the AWS Well-Architected Framework.
///
/// wascan only reads: it never changes the account it scans.
#[derive(Debug, Parser)]
#[command(name = "wascan", version, propagate_version = true)]
pub struct Cli {
    /// More logging on stderr (-v info, -vv debug).
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,

    /// Only errors on stderr, and no report on stdout (the result still goes to stdout with --json).
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,

    /// How stderr is written: `text` for people, `json` for one JSON object per line.
    #[arg(long, global = true, value_enum, default_value_t = LogFormat::Text, value_name = "FORMAT")]
    pub log_format: LogFormat,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Collect and evaluate: print the report and write the scan result as JSON.
    Scan(ScanArgs),
    /// Collect a snapshot of the account into a file, for `wascan evaluate` later.
    Collect(CollectArgs),
    /// Evaluate a saved snapshot, with no AWS access at all.
    Evaluate(EvaluateArgs),
    /// Compare two scan results: new, resolved and persisting failures, score and coverage changes.
    ///
    /// Findings are matched by their stable `finding_id`. With `--fail-on`, exits 1 when a NEW
    /// failure at or above the severity is not suppressed: a gate on regressions.
    Diff(DiffArgs),
    /// Combine the results of the shards of one scan (`scan --shard K/N`) into one result.
    ///
    /// Shards written as scan directories (--org, --accounts) merge into a scan directory:
    /// their account files are linked (or copied) into it and the summaries added up, with no
    /// findings loaded. Result files merge into one result file, scores recomputed. Refuses
    /// (exit 2) shards of different check selections or wascan versions, and shards that share
    /// an account.
    Merge(MergeArgs),
    /// Print the least-privilege, read-only IAM policy a scan of the selected checks needs.
    ///
    /// The exact actions the collectors call for the services the selected checks read
    /// (plus sts:GetCallerIdentity and ec2:DescribeRegions, which every scan calls).
    Policy(PolicyArgs),
    /// The checks wascan runs.
    #[command(subcommand)]
    Checks(ChecksCommand),
    /// Scan a local emulated account with realistic misconfigurations: no AWS account needed.
    ///
    /// Starts a moto server on a free loopback port (installing it into the project's `.venv` on
    /// first use), seeds the demo account, scans it through the real collectors, prints the
    /// report and stops the server.
    Demo(DemoArgs),
    /// Feed the findings into a Well-Architected Tool review: plan, apply, status.
    #[command(subcommand)]
    Review(crate::review::cli::ReviewCommand),
    /// Print the shell completion script for SHELL on stdout.
    ///
    /// bash: `wascan completions bash > ~/.local/share/bash-completion/completions/wascan`;
    /// zsh: `wascan completions zsh > "${fpath[1]}/_wascan"`; fish: `wascan completions fish >
    /// ~/.config/fish/completions/wascan.fish`; PowerShell: `wascan completions powershell |
    /// Out-String | Invoke-Expression` in your profile.
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff) on stdout, or write one page per command into DIR.
    ///
    /// `wascan man | man -l -` reads it; the pages are also in the release archives.
    Man {
        /// Write wascan.1 and a page per subcommand (wascan-scan.1, ...) into DIR.
        #[arg(long, value_name = "DIR")]
        out_dir: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum ChecksCommand {
    /// List every check, built-in and custom: id, pillar, severity, best practices, title.
    List {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
        /// Show the checks wascan maps to this lens's questions and choices instead (a lens
        /// wascan ships a mapping for: `serverless`; `wellarchitected` is the default list).
        #[arg(long, value_name = "ALIAS")]
        lens: Option<String>,
        #[command(flatten)]
        custom: CustomArgs,
    },
    /// Show a check's documentation: what it checks, why it matters, how to fix it.
    Explain {
        /// The check id, e.g. `s3_bucket_versioning` or `custom.approved_regions`.
        id: String,
        #[command(flatten)]
        custom: CustomArgs,
    },
    /// Test custom checks: run each `.rego` of DIR against the cases of its fixture
    /// `<name>.test.json` beside it, and compare the findings with those the cases expect.
    ///
    /// Exit 1 when a case does not get the findings it expects (or a check has no fixture),
    /// 2 when a policy or a fixture cannot be read.
    Test {
        /// Directories of custom checks, each `.rego` file with its `.test.json`.
        #[arg(required = true, value_name = "DIR")]
        dirs: Vec<PathBuf>,
    },
}

/// Where custom checks come from, for the commands that only list them.
#[derive(Debug, Clone, Args)]
pub struct CustomArgs {
    /// Also list the custom checks (Rego policies) of DIR; repeatable.
    #[arg(long = "custom-checks", value_name = "DIR")]
    pub custom_checks: Vec<PathBuf>,
    /// The config file whose `custom_checks` and `[[overrides]]` apply. Default: ./wascan.toml
    /// when it exists.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

/// How to reach the account.
#[derive(Debug, Clone, Args)]
pub struct AwsArgs {
    /// A named profile from the AWS config files (SSO and assume-role profiles work).
    #[arg(long, env = "AWS_PROFILE", value_name = "NAME")]
    pub profile: Option<String>,

    /// The home region, for global calls and the default scan region.
    #[arg(long, value_name = "REGION")]
    pub region: Option<String>,

    /// Regions to scan: a comma-separated list, or `all` for every region enabled in the account.
    ///
    /// Default: the home region (from --region, the profile or AWS_REGION).
    #[arg(long, value_delimiter = ',', value_name = "REGIONS")]
    pub regions: Vec<String>,

    /// The most API calls in flight at once, across all services and regions.
    #[arg(long, default_value_t = crate::collect::DEFAULT_CONCURRENCY, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=256))]
    pub concurrency: u16,

    /// The longest one API call may take, retries included, in seconds.
    #[arg(long, default_value_t = 30, value_name = "SECONDS", value_parser = clap::value_parser!(u64).range(1..=600))]
    pub call_timeout: u64,

    /// At most N API calls per second for the whole scan (e.g. 5, or 0.5).
    ///
    /// Every call already waits for a token from its service and region's budget, sized below
    /// the request rates AWS publishes; this lowers all of them to N at most and adds a global
    /// ceiling of N calls per second.
    #[arg(long, value_name = "N", value_parser = parse_max_rps)]
    pub max_rps: Option<f64>,
}

/// `--max-rps`: a positive, finite number of calls per second, at most 10,000.
fn parse_max_rps(text: &str) -> Result<f64, String> {
    let rps: f64 = text
        .trim()
        .parse()
        .map_err(|_| format!("`{text}` is not a number"))?;
    // NaN and the infinities are outside the range too.
    if (0.01..=10_000.0).contains(&rps) {
        Ok(rps)
    } else {
        Err(format!(
            "`{text}` is out of range (a number of calls per second from 0.01 to 10000)"
        ))
    }
}

/// Which checks to run.
#[derive(Debug, Clone, Args)]
pub struct SelectionArgs {
    /// Only these pillars (comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "PILLARS", value_parser = listed::<Pillar>(pillar_values))]
    pub pillars: Vec<Pillar>,

    /// Only checks of these services (comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "SERVICES", value_parser = listed::<Service>(service_values))]
    pub services: Vec<Service>,

    /// Only these checks (comma-separated ids, see `wascan checks list`).
    #[arg(long, value_delimiter = ',', value_name = "IDS")]
    pub checks: Vec<String>,

    /// Also run the custom checks (Rego policies) of DIR; repeatable.
    ///
    /// Each `.rego` file of DIR is one check, `custom.<name>`, evaluated over the snapshot with
    /// the built-in checks (see the README's "Custom checks"). Added to those of the config
    /// file's `custom_checks`. A policy that cannot be loaded stops the command (exit 2).
    #[arg(long = "custom-checks", value_name = "DIR")]
    pub custom_checks: Vec<PathBuf>,
}

/// What to do with the result.
#[derive(Debug, Clone, Args)]
pub struct OutputArgs {
    /// Where to write the scan result (`wascan-<account>-<time>.json`, never overwriting one).
    ///
    /// An --org or --accounts scan writes a scan directory there instead
    /// (`wascan-org-<time>/`): one result file per account, written as soon as the account is
    /// evaluated, then `summary.json` (see the README).
    #[arg(long, default_value = "wascan-out", value_name = "DIR")]
    pub output_dir: PathBuf,

    /// Do not write the scan result file.
    #[arg(long)]
    pub no_output: bool,

    /// The files to write into --output-dir (comma-separated).
    ///
    /// All share the scan's timestamped base name, each with its own extension.
    #[arg(
        long,
        value_delimiter = ',',
        default_value = "json",
        value_name = "FORMATS"
    )]
    pub format: Vec<Format>,

    /// Print the scan result as JSON on stdout instead of the report.
    #[arg(long)]
    pub json: bool,

    /// Exit 1 when a finding at or above SEVERITY fails.
    ///
    /// Without it, wascan exits 0 whatever it finds; in CI, `--fail-on high` gates on high and
    /// critical failures.
    #[arg(long, value_name = "SEVERITY", value_parser = listed::<Severity>(severity_values))]
    pub fail_on: Option<Severity>,

    /// Exit 3 when any API call failed during collection (findings are still reported).
    #[arg(long)]
    pub strict: bool,

    /// Thresholds for the checks and suppressions (TOML). Default: ./wascan.toml when it exists.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Read `[[suppressions]]` from FILE instead of from the config file.
    ///
    /// A suppressed failure stays in the output, marked with its reason, but counts in neither
    /// the scores nor the exit code.
    #[arg(long, value_name = "FILE")]
    pub suppressions: Option<PathBuf>,

    /// Compare with an earlier scan result: new, resolved and persisting failures, score changes.
    ///
    /// The comparison is printed after the report and stored in the result's `diff`. The
    /// baseline of an --org scan is best its scan directory: each account is compared with its
    /// own earlier file, one at a time (each account's file holds its diff, the summary the
    /// counts).
    #[arg(long, value_name = "RESULT.json|DIR")]
    pub baseline: Option<PathBuf>,

    /// With --baseline and --fail-on: the exit code counts only NEW failures (regressions).
    #[arg(long, requires_all = ["baseline", "fail_on"])]
    pub new_only: bool,
}

/// Which accounts to scan (default: the one the credentials belong to).
#[derive(Debug, Clone, Args)]
pub struct AccountsArgs {
    /// Scan every ACTIVE account of the organisation (AWS Organizations ListAccounts; run it from
    /// the management account or a delegated administrator account).
    ///
    /// The caller's own account is scanned with its own credentials; every other account through
    /// the role --role-name, assumed with sts:AssumeRole. Accounts are scanned concurrently, all
    /// under the one --concurrency limit. An account whose role cannot be assumed is reported
    /// with every check not_evaluated and the reason; the rest of the scan goes on.
    #[arg(long, conflicts_with = "accounts")]
    pub org: bool,

    /// Scan these accounts: comma-separated 12-digit ids, or @FILE with one id per line (`#`
    /// starts a comment). Same roles and limits as --org.
    #[arg(long, value_name = "IDS|@FILE")]
    pub accounts: Option<String>,

    /// The role to assume in each account (--org, --accounts).
    #[arg(long, default_value = crate::org::DEFAULT_ROLE_NAME, value_name = "NAME")]
    pub role_name: String,

    /// The external id the role's trust policy requires (--org, --accounts).
    #[arg(long, value_name = "ID")]
    pub external_id: Option<String>,

    /// At most N accounts collected at once (--org, --accounts). Default: --concurrency.
    ///
    /// Each account being collected holds its snapshot in memory until it is evaluated; a lower
    /// N bounds memory for fleets of very large accounts. Calls in flight stay under the one
    /// --concurrency limit either way, but each account's calls wait on one another (pages,
    /// then details), so fewer accounts at once can leave that limit unused.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=1024))]
    pub accounts_at_once: Option<u16>,

    /// Scan only shard K of N of the accounts (K from 0, e.g. 0/4 .. 3/4), for running one scan
    /// on several machines; combine the shards' results with `wascan merge`.
    ///
    /// An account's shard depends on its id alone (a hash), so it is the same in every run.
    /// `auto` reads K from the scheduler: JOB_COMPLETION_INDEX (Kubernetes Indexed Jobs),
    /// AWS_BATCH_JOB_ARRAY_INDEX (AWS Batch array jobs) or WASCAN_SHARD_INDEX, and N from
    /// --shard-count, WASCAN_SHARD_COUNT or AWS_BATCH_JOB_ARRAY_SIZE.
    #[arg(long, value_name = "K/N|auto", env = "WASCAN_SHARD")]
    pub shard: Option<crate::org::ShardArg>,

    /// The number of shards, for --shard auto (a Kubernetes Indexed Job's completions, an AWS
    /// Batch array's size).
    #[arg(long, value_name = "N", env = "WASCAN_SHARD_COUNT", value_parser = clap::value_parser!(u32).range(1..))]
    pub shard_count: Option<u32>,
}

impl AccountsArgs {
    /// Whether a multi-account scan was asked for.
    pub fn multi_account(&self) -> bool {
        self.org || self.accounts.is_some()
    }
}

#[derive(Debug, Clone, Args)]
pub struct ScanArgs {
    #[command(flatten)]
    pub aws: AwsArgs,
    #[command(flatten)]
    pub accounts: AccountsArgs,
    #[command(flatten)]
    pub selection: SelectionArgs,
    #[command(flatten)]
    pub output: OutputArgs,
    /// Also save the collected snapshot to FILE (re-evaluate it later with `wascan evaluate`).
    #[arg(long, value_name = "FILE")]
    pub snapshot_out: Option<PathBuf>,

    /// Continue an interrupted --org or --accounts scan in its scan directory DIR: scan only the
    /// accounts of its plan (scan.json) that have no result yet, then write the summary.
    ///
    /// The accounts, the shard and the check selection are the plan's; selection flags, if
    /// given, must match it. The summary is the one an uninterrupted scan would have written.
    #[arg(long, value_name = "DIR", conflicts_with_all = ["org", "accounts", "shard", "snapshot_out"])]
    pub resume: Option<PathBuf>,
}

#[derive(Debug, Clone, Args)]
pub struct CollectArgs {
    #[command(flatten)]
    pub aws: AwsArgs,
    /// Collect only what these checks need (same flags as `scan`).
    #[command(flatten)]
    pub selection: SelectionArgs,
    /// The snapshot file to write.
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
}

#[derive(Debug, Clone, Args)]
pub struct EvaluateArgs {
    /// A snapshot written by `wascan collect` (or `scan --snapshot-out`).
    pub snapshot: PathBuf,
    #[command(flatten)]
    pub selection: SelectionArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Clone, Args)]
pub struct DiffArgs {
    /// The earlier scan result (the baseline): a result file or a scan directory.
    pub old: PathBuf,
    /// The newer scan result: a result file or a scan directory. Two scan directories are
    /// compared account by account, one account's findings at a time.
    pub new: PathBuf,
    /// Print the diff as JSON.
    #[arg(long)]
    pub json: bool,
    /// Exit 1 when a new, unsuppressed failure is at or above SEVERITY.
    #[arg(long, value_name = "SEVERITY", value_parser = listed::<Severity>(severity_values))]
    pub fail_on: Option<Severity>,
}

#[derive(Debug, Clone, Args)]
pub struct MergeArgs {
    /// The shard results: scan directories, or result files (not both).
    #[arg(required = true, value_name = "DIR|RESULT.json")]
    pub results: Vec<PathBuf>,
    /// The merged scan directory (from scan directories) or result file (from result files).
    #[arg(short, long, value_name = "DIR|FILE")]
    pub output: PathBuf,
}

#[derive(Debug, Clone, Args)]
pub struct PolicyArgs {
    /// The policy for only these checks (same flags as `scan`).
    #[command(flatten)]
    pub selection: SelectionArgs,
    /// Print instead the policy of the identity that runs `scan --org` or `--accounts`:
    /// organizations:ListAccounts and sts:AssumeRole on --role-name in every account (the
    /// read-only policy goes on that role).
    #[arg(long)]
    pub org: bool,
    /// The role `scan --org` assumes (with --org).
    #[arg(long, default_value = crate::org::DEFAULT_ROLE_NAME, value_name = "NAME")]
    pub role_name: String,
}

#[derive(Debug, Clone, Args)]
pub struct DemoArgs {
    #[command(flatten)]
    pub selection: SelectionArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// The command line, with the version line that names the catalog's lens version and how many
/// checks over how many services this build runs (`wascan --version`).
pub fn command() -> clap::Command {
    let version = version_line();
    Cli::command()
        .version(version.clone())
        .long_version(version)
}

/// `0.1.0 (Well-Architected Framework lens 2024-06-27; 239 checks over 46 services)` (the counts
/// of this build).
pub fn version_line() -> String {
    let checks = wascan_checks::registry::all_checks();
    let services: std::collections::BTreeSet<Service> =
        checks.iter().map(|check| check.service).collect();
    format!(
        "{} (Well-Architected Framework lens {}; {} checks over {} services)",
        env!("CARGO_PKG_VERSION"),
        wascan_checks::catalog::LENS_VERSION,
        checks.len(),
        services.len()
    )
}

/// The shell completion script for `shell`.
pub fn completions(shell: clap_complete::Shell) -> Vec<u8> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command(), "wascan", &mut script);
    script
}

/// The man pages: `wascan.1`, then one per subcommand (`wascan-scan.1`, `wascan-checks-list.1`),
/// as (file name, roff). Their version is the package's alone, so that a new check does not
/// change every page.
pub fn man_pages() -> std::io::Result<Vec<(String, Vec<u8>)>> {
    let mut root = Cli::command().version(env!("CARGO_PKG_VERSION"));
    root.build();
    let mut pages = Vec::new();
    man_pages_of(&root, "wascan", &mut pages)?;
    Ok(pages)
}

fn man_pages_of(
    command: &clap::Command,
    name: &str,
    pages: &mut Vec<(String, Vec<u8>)>,
) -> std::io::Result<()> {
    let page = command
        .clone()
        .name(name.to_string())
        .bin_name(name.replace('-', " "));
    let mut roff = Vec::new();
    clap_mangen::Man::new(page)
        .title(name.to_uppercase())
        .source(format!("wascan {}", env!("CARGO_PKG_VERSION")))
        .manual("wascan manual")
        .render(&mut roff)?;
    pages.push((format!("{name}.1"), roff));
    for sub in command.get_subcommands().filter(|sub| !sub.is_hide_set()) {
        if sub.get_name() == "help" {
            continue;
        }
        man_pages_of(sub, &format!("{name}-{}", sub.get_name()), pages)?;
    }
    Ok(())
}

/// A value parser that parses with `T`'s `FromStr` (its error message and its aliases) and
/// lists `values()` in the help, the man page and the completions: the lists are generated
/// from the data they describe, never written by hand.
fn listed<T>(values: fn() -> Vec<PossibleValue>) -> Listed<T> {
    Listed {
        values,
        parsed: std::marker::PhantomData,
    }
}

struct Listed<T> {
    values: fn() -> Vec<PossibleValue>,
    parsed: std::marker::PhantomData<fn() -> T>,
}

impl<T> Clone for Listed<T> {
    fn clone(&self) -> Self {
        listed(self.values)
    }
}

impl<T> TypedValueParser for Listed<T>
where
    T: std::str::FromStr<Err = String> + Clone + Send + Sync + 'static,
{
    type Value = T;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<T, clap::Error> {
        let parse = |text: &str| text.parse::<T>();
        parse.parse_ref(cmd, arg, value)
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new((self.values)().into_iter()))
    }
}

fn pillar_values() -> Vec<PossibleValue> {
    Pillar::ALL
        .iter()
        .map(|pillar| {
            let code = pillar.code().to_lowercase();
            PossibleValue::new(pillar.as_str())
                .alias(code.clone())
                .help(format!("{} (or `{code}`)", pillar.title()))
        })
        .collect()
}

fn service_values() -> Vec<PossibleValue> {
    Service::ALL
        .iter()
        .map(|service| PossibleValue::new(service.as_str()))
        .collect()
}

fn severity_values() -> Vec<PossibleValue> {
    Severity::ALL
        .iter()
        .map(|severity| PossibleValue::new(severity.as_str()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn list_flags_take_commas() {
        let cli = Cli::try_parse_from([
            "wascan",
            "scan",
            "--regions",
            "us-east-1,eu-west-1",
            "--pillars",
            "sec,rel",
        ])
        .expect("valid flags");
        let Command::Scan(scan) = cli.command else {
            panic!("not a scan")
        };
        assert_eq!(scan.aws.regions, ["us-east-1", "eu-west-1"]);
        assert_eq!(
            scan.selection.pillars,
            [Pillar::Security, Pillar::Reliability]
        );
    }

    #[test]
    fn new_only_needs_a_baseline_and_a_gate() {
        let err =
            Cli::try_parse_from(["wascan", "scan", "--new-only", "--fail-on", "high"]).unwrap_err();
        assert!(err.to_string().contains("--baseline"), "{err}");
        let ok = Cli::try_parse_from([
            "wascan",
            "scan",
            "--baseline",
            "b.json",
            "--new-only",
            "--fail-on",
            "high",
        ]);
        assert!(ok.is_ok());
    }

    #[test]
    fn org_and_accounts_exclude_each_other_and_shards_are_validated() {
        let err = Cli::try_parse_from(["wascan", "scan", "--org", "--accounts", "111111111111"])
            .unwrap_err();
        assert!(err.to_string().contains("--accounts"), "{err}");
        let err = Cli::try_parse_from(["wascan", "scan", "--org", "--shard", "4/4"]).unwrap_err();
        assert!(err.to_string().contains("invalid shard"), "{err}");
        let cli = Cli::try_parse_from(["wascan", "scan", "--org", "--shard", "1/4"])
            .expect("valid flags");
        let Command::Scan(scan) = cli.command else {
            panic!("not a scan")
        };
        assert_eq!(scan.accounts.role_name, "OrganizationAccountAccessRole");
        assert_eq!(
            scan.accounts.shard,
            Some(crate::org::ShardArg::Fixed(crate::org::Shard {
                index: 1,
                count: 4
            }))
        );
    }

    #[test]
    fn unknown_pillar_is_a_usage_error() {
        let err = Cli::try_parse_from(["wascan", "scan", "--pillars", "speed"]).unwrap_err();
        assert!(err.to_string().contains("unknown pillar `speed`"), "{err}");
    }

    #[test]
    fn max_rps_takes_a_positive_rate_and_refuses_the_rest() {
        let cli = Cli::try_parse_from(["wascan", "scan", "--max-rps", "2.5"]).expect("valid rate");
        let Command::Scan(scan) = cli.command else {
            panic!("not a scan")
        };
        assert_eq!(scan.aws.max_rps, Some(2.5));
        for bad in ["0", "-1", "abc", "inf", "NaN", "20000"] {
            let err = Cli::try_parse_from(["wascan", "scan", "--max-rps", bad]).unwrap_err();
            assert_eq!(err.exit_code(), 2, "{bad}: {err}");
        }
    }

    fn long_help(args: &[&str]) -> String {
        let err = command().try_get_matches_from(args).unwrap_err();
        assert_eq!(err.kind(), clap::error::ErrorKind::DisplayHelp);
        err.to_string()
    }

    #[test]
    fn every_list_in_the_help_comes_from_its_data() {
        let help = long_help(&["wascan", "scan", "--help"]);
        for service in Service::ALL {
            assert!(
                help.contains(service.as_str()),
                "{service} missing:\n{help}"
            );
        }
        for pillar in Pillar::ALL {
            assert!(help.contains(pillar.as_str()), "{pillar:?} missing");
        }
        for format in <crate::report::output::Format as clap::ValueEnum>::value_variants() {
            let name = clap::ValueEnum::to_possible_value(format).unwrap();
            assert!(
                help.contains(&format!("- {}:", name.get_name())),
                "{format:?} missing"
            );
        }
        for severity in Severity::ALL {
            assert!(help.contains(severity.as_str()), "{severity:?} missing");
        }
        let short = command()
            .try_get_matches_from(["wascan", "scan", "-h"])
            .unwrap_err()
            .to_string();
        assert!(short.contains("html"), "{short}");
    }

    #[test]
    fn aliases_still_parse_and_errors_still_name_the_known_values() {
        let cli = Cli::try_parse_from([
            "wascan",
            "scan",
            "--pillars",
            "OPS,cost-optimization,performance",
            "--services",
            "EC2,fis",
            "--fail-on",
            "High",
        ])
        .expect("valid flags");
        let Command::Scan(scan) = cli.command else {
            panic!("not a scan")
        };
        assert_eq!(
            scan.selection.pillars,
            [
                Pillar::OperationalExcellence,
                Pillar::CostOptimization,
                Pillar::PerformanceEfficiency
            ]
        );
        assert_eq!(scan.selection.services, [Service::Ec2, Service::Fis]);
        assert_eq!(scan.output.fail_on, Some(Severity::High));
        let err = Cli::try_parse_from(["wascan", "scan", "--services", "ec3"]).unwrap_err();
        assert!(err.to_string().contains("unknown service `ec3`"), "{err}");
        assert_eq!(err.exit_code(), 2);
    }

    #[test]
    fn version_names_the_lens_and_counts_checks_and_services() {
        let err = command()
            .try_get_matches_from(["wascan", "--version"])
            .unwrap_err();
        let text = err.to_string();
        let checks = wascan_checks::registry::all_checks().len();
        assert!(
            text.starts_with(&format!("wascan {}", env!("CARGO_PKG_VERSION"))),
            "{text}"
        );
        assert!(text.contains("lens 2024-06-27"), "{text}");
        assert!(text.contains(&format!("{checks} checks over ")), "{text}");
        assert!(text.trim_end().ends_with(" services)"), "{text}");
    }

    #[test]
    fn completions_for_every_shell_name_the_subcommands() {
        for shell in <clap_complete::Shell as clap::ValueEnum>::value_variants() {
            let script = String::from_utf8(completions(*shell)).unwrap();
            for word in ["scan", "fail-on", "completions"] {
                assert!(script.contains(word), "{shell}: no {word}");
            }
        }
        // The bash script is valid bash and offers the services.
        let script = completions(clap_complete::Shell::Bash);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("wascan.bash");
        std::fs::write(&path, &script).unwrap();
        let status = std::process::Command::new("bash")
            .arg("-n")
            .arg(&path)
            .status()
            .unwrap();
        assert!(status.success(), "bash -n failed on the completion script");
        assert!(String::from_utf8(script)
            .unwrap()
            .contains("computeoptimizer"));
    }

    /// docs/man/ holds the generated pages; `WASCAN_BLESS=1 cargo test --lib man_pages` rewrites them.
    #[test]
    fn man_pages_are_in_sync() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/man");
        let pages = man_pages().unwrap();
        assert!(pages.iter().any(|(name, _)| name == "wascan-scan.1"));
        if std::env::var_os("WASCAN_BLESS").is_some() {
            std::fs::create_dir_all(&dir).unwrap();
            for entry in std::fs::read_dir(&dir).unwrap() {
                std::fs::remove_file(entry.unwrap().path()).unwrap();
            }
            for (name, roff) in &pages {
                std::fs::write(dir.join(name), roff).unwrap();
            }
        }
        let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        on_disk.sort();
        let mut expected: Vec<String> = pages.iter().map(|(name, _)| name.clone()).collect();
        expected.sort();
        assert_eq!(
            on_disk, expected,
            "docs/man is stale: run WASCAN_BLESS=1 cargo test --lib man_pages"
        );
        for (name, roff) in &pages {
            let committed = std::fs::read(dir.join(name)).unwrap();
            assert!(
                committed == *roff,
                "docs/man/{name} is stale: run WASCAN_BLESS=1 cargo test --lib man_pages"
            );
        }
    }
}
