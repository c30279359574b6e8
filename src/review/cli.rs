//! `wascan review ...`: the flags. Each flag's doc comment is its help.

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};

use crate::cli::{AwsArgs, SelectionArgs};

/// Feed a scan's findings into a Well-Architected Tool review, for each lens the team reviews
/// with (default `wellarchitected`; `--lens serverless`, a custom lens's ARN with `--mapping`).
#[derive(Debug, Subcommand)]
pub enum ReviewCommand {
    /// Show, question by question, what `apply` would change in the workload's answers, and why.
    ///
    /// Nothing is written. Choices whose every evaluated finding passed would be selected;
    /// choices with failed findings are left unselected (a person's selection is kept, and the
    /// notes name the failing resources); questions without evidence are left untouched.
    Plan(PlanArgs),
    /// Write the plan into the workload's answers (UpdateAnswer), then optionally a milestone.
    ///
    /// The whole plan is made before the first write. wascan never unselects a choice, keeps a
    /// person's notes byte for byte (it writes only its marked section), never selects "None of
    /// these", and leaves choices and questions a person marked not applicable alone (choices:
    /// unless --overwrite). Applying the same scan twice changes nothing the second time.
    Apply(ApplyArgs),
    /// Per lens: the workload's risk counts per pillar as the Tool reports them, beside wascan's,
    /// and the questions wascan can answer and those left to people.
    Status(StatusArgs),
}

/// Which workload, and which scan.
#[derive(Debug, Clone, Args)]
pub struct TargetArgs {
    /// The workload: its id (32 hex digits) or its name (matched ignoring case and spaces, as
    /// the Tool compares names; 3 to 100 characters, leading and trailing spaces dropped).
    #[arg(long, value_name = "ID|NAME")]
    pub workload: String,

    /// A lens of the workload to review: its alias (`wellarchitected`, `serverless`) or ARN.
    /// Repeatable; default `wellarchitected`. Lenses other than `wellarchitected` and
    /// `serverless` need a --mapping.
    #[arg(long = "lens", value_name = "ALIAS|ARN")]
    pub lenses: Vec<String>,

    /// A mapping file (TOML, or JSON when it ends in .json): check ids or best practices to the
    /// question and choice ids of one lens (its `lens` field). Repeatable; replaces the mapping
    /// wascan ships for that lens. Every id is validated against the lens the Tool returns.
    #[arg(long = "mapping", value_name = "FILE")]
    pub mappings: Vec<PathBuf>,

    /// A scan result written by `wascan scan` (JSON), or the directory an organisation scan
    /// (`scan --org`) writes, with --account. Without it, wascan scans now, with the scan flags
    /// below.
    #[arg(long, value_name = "FILE|DIR")]
    pub scan: Option<PathBuf>,

    /// With --scan DIR: the account whose findings are this workload's evidence. Repeat it for a
    /// workload that spans a group of accounts (their findings are reviewed together); only these
    /// accounts' results are read. May be left out when the directory holds one account.
    #[arg(long = "account", value_name = "ID", requires = "scan")]
    pub accounts: Vec<String>,

    /// Thresholds for the checks when scanning now (TOML). Default: ./wascan.toml when it exists.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// How to reach AWS. The Well-Architected Tool is called in the home region (--region);
    /// `AWS_ENDPOINT_URL_WELLARCHITECTED` points it elsewhere.
    #[command(flatten)]
    pub aws: AwsArgs,

    #[command(flatten)]
    pub selection: SelectionArgs,
}

/// How a plan treats what a person set.
#[derive(Debug, Clone, Args)]
pub struct ChangeArgs {
    /// Create the workload when no workload has this name (environment from --environment,
    /// regions and account id from the scan, the review owner from --review-owner, the lenses
    /// from --lens). `plan` only says it would.
    #[arg(long)]
    pub create_workload: bool,

    /// Who owns the review of a workload --create-workload creates (an email or a team name,
    /// 3 to 255 characters): the Tool requires one.
    #[arg(long, value_name = "OWNER")]
    pub review_owner: Option<String>,

    /// Upgrade a lens review that is on an older lens version (UpgradeLensReview), after showing
    /// which questions change; the Tool saves a milestone of the review before. `plan` only
    /// shows what would change. Without it, wascan plans against the version the workload has.
    #[arg(long)]
    pub upgrade_lens: bool,

    /// The environment of a workload --create-workload creates.
    #[arg(long, value_enum, default_value_t = Environment::Production)]
    pub environment: Environment,

    /// Select a passing choice even when a person marked it not applicable.
    #[arg(long)]
    pub overwrite: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Environment {
    Production,
    Preproduction,
}

#[derive(Debug, Clone, Args)]
pub struct PlanArgs {
    #[command(flatten)]
    pub target: TargetArgs,
    #[command(flatten)]
    pub change: ChangeArgs,
}

#[derive(Debug, Clone, Args)]
pub struct ApplyArgs {
    #[command(flatten)]
    pub target: TargetArgs,
    #[command(flatten)]
    pub change: ChangeArgs,
    /// After applying, save a milestone of the workload with this name (CreateMilestone).
    #[arg(long, value_name = "NAME")]
    pub milestone: Option<String>,
}

#[derive(Debug, Clone, Args)]
pub struct StatusArgs {
    #[command(flatten)]
    pub target: TargetArgs,
}
