//! The command line. Each flag's doc comment is its help: the first paragraph for `-h`, all of it
//! for `--help`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use wascan_checks::catalog::Pillar;
use wascan_checks::finding::Severity;
use wascan_checks::model::Service;

/// Assess a live AWS account against the AWS Well-Architected Framework.
///
/// wascan only reads: it never changes the account it scans.
#[derive(Debug, Parser)]
#[command(name = "wascan", version, propagate_version = true)]
pub struct Cli {
    /// More logging on stderr (-v info, -vv debug).
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,

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
    /// The checks wascan runs.
    #[command(subcommand)]
    Checks(ChecksCommand),
    /// Scan a local emulated account with realistic misconfigurations: no AWS account needed.
    ///
    /// Starts a moto server on a free loopback port (installing it into the project's `.venv` on
    /// first use), seeds the demo account, scans it through the real collectors, prints the
    /// report and stops the server.
    Demo(DemoArgs),
}

#[derive(Debug, Subcommand)]
pub enum ChecksCommand {
    /// List every check: id, pillar, severity, best practices, title.
    List {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Show a check's documentation: what it checks, why it matters, how to fix it.
    Explain {
        /// The check id, e.g. `s3_bucket_versioning`.
        id: String,
    },
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
    #[arg(long, default_value_t = 16, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=256))]
    pub concurrency: u16,

    /// The longest one API call may take, retries included, in seconds.
    #[arg(long, default_value_t = 30, value_name = "SECONDS", value_parser = clap::value_parser!(u64).range(1..=600))]
    pub call_timeout: u64,
}

/// Which checks to run.
#[derive(Debug, Clone, Args)]
pub struct SelectionArgs {
    /// Only these pillars (comma-separated): operational_excellence, security, reliability,
    /// performance_efficiency, cost_optimization, sustainability (or ops, sec, rel, perf, cost, sus).
    #[arg(long, value_delimiter = ',', value_name = "PILLARS")]
    pub pillars: Vec<Pillar>,

    /// Only checks of these services (comma-separated): ec2, iam, s3, cloudtrail, config, rds,
    /// dynamodb, kms, logs, lambda, elbv2, guardduty, securityhub.
    #[arg(long, value_delimiter = ',', value_name = "SERVICES")]
    pub services: Vec<Service>,

    /// Only these checks (comma-separated ids, see `wascan checks list`).
    #[arg(long, value_delimiter = ',', value_name = "IDS")]
    pub checks: Vec<String>,
}

/// What to do with the result.
#[derive(Debug, Clone, Args)]
pub struct OutputArgs {
    /// Where to write the scan result (`wascan-<account>-<time>.json`, never overwriting one).
    #[arg(long, default_value = "wascan-out", value_name = "DIR")]
    pub output_dir: PathBuf,

    /// Do not write the scan result file.
    #[arg(long)]
    pub no_output: bool,

    /// Print the scan result as JSON on stdout instead of the report.
    #[arg(long)]
    pub json: bool,

    /// Exit 1 when a finding at or above SEVERITY fails.
    ///
    /// Without it, wascan exits 0 whatever it finds; in CI, `--fail-on high` gates on high and
    /// critical failures.
    #[arg(long, value_name = "SEVERITY")]
    pub fail_on: Option<Severity>,

    /// Exit 3 when any API call failed during collection (findings are still reported).
    #[arg(long)]
    pub strict: bool,

    /// Thresholds for the checks (TOML). Default: ./wascan.toml when it exists.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

#[derive(Debug, Clone, Args)]
pub struct ScanArgs {
    #[command(flatten)]
    pub aws: AwsArgs,
    #[command(flatten)]
    pub selection: SelectionArgs,
    #[command(flatten)]
    pub output: OutputArgs,
    /// Also save the collected snapshot to FILE (re-evaluate it later with `wascan evaluate`).
    #[arg(long, value_name = "FILE")]
    pub snapshot_out: Option<PathBuf>,
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
pub struct DemoArgs {
    #[command(flatten)]
    pub selection: SelectionArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

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
    fn unknown_pillar_is_a_usage_error() {
        let err = Cli::try_parse_from(["wascan", "scan", "--pillars", "speed"]).unwrap_err();
        assert!(err.to_string().contains("unknown pillar `speed`"), "{err}");
    }
}
