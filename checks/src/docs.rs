//! `docs/checks.md`, generated from the registry and the catalog (a test keeps the file in sync).

use std::fmt::Write;

use crate::catalog::{self, Pillar};
use crate::check::{Check, Strength};
use crate::registry::all_checks;

/// Collectors moto does not serve, and what tests them instead.
const RECORDED_RESPONSES: &[(&str, &str)] = &[
    ("accessanalyzer", "moto answers HTTP 500; recorded responses in `src/collect/accessanalyzer.rs`"),
    ("computeoptimizer", "not implemented by moto; recorded responses in `src/collect/computeoptimizer.rs` (EC2 recommendations over two pages, ECS service and RDS recommendations, a refused kind) and tests of its finding and name parsing"),
    ("costexplorer", "anomaly monitors and subscriptions, cost allocation tags, cost category listings, Savings Plans coverage, utilisation and purchase recommendation and Reserved Instance utilisation are not implemented by moto; recorded responses in `src/collect/costexplorer.rs` (monitors over two pages, subscriptions, active tags over two pages, a cost category, coverage summed over months, utilisation, `DataUnavailableException` read as no commitments, an amount that is not a number, a refused listing)"),
    ("dataexports", "Billing and Cost Management Data Exports is not implemented by moto; recorded responses in `src/collect/dataexports.rs` (exports over two pages, each export's table and its properties read from `GetExport`, a refused definition kept as that export's gap)"),
    ("backup", "`ListProtectedResources`, `ListRestoreTestingPlans` and `ListRestoreJobs` are not implemented by moto (plans, their rules and vaults are); recorded responses in `src/collect/backup.rs` (protected resources over two pages, a refused listing) and `src/collect/backup_evidence.rs` (copy actions, a restore testing plan, a recent restore job, a refused listing)"),
    ("ec2 (VPN tunnels)", "moto's `DescribeVpnConnections` has no `VgwTelemetry`, so `ec2_vpn_connection_tunnels_up` would be `not_evaluated`: the demo seeds no VPN, and the check is unit-tested"),
    ("cloudformation", "moto's `DescribeStacks` sends no `DriftInformation` (so `cloudformation_stack_drift` is `not_evaluated` against it) and no `RollbackConfiguration`; recorded responses in `src/collect/cloudformation.rs` (drift, rollback triggers, a refused StackSet listing)"),
    ("organizations", "moto does not accept `securityhub.amazonaws.com` as a delegated-administrator service principal; the other calls run against moto"),
    ("ssm", "`DescribeInstanceInformation`, `ListResourceComplianceSummaries` and `DescribeAutomationExecutions` are not implemented by moto (documents are; the emulator answers the three with the empty lists AWS sends when no agent has registered and no runbook has run); recorded responses in `src/collect/ssm.rs` (managed nodes, patch compliance, a recent Automation run, a run that lacks its runbook, a refused listing)"),
    ("synthetics", "moto serves `DescribeCanaries` (the emulator sends its timestamps as epoch seconds, as AWS does) but never starts a canary (each stays `READY`), so against it `synthetics_canary_running` finds no evidence; recorded responses in `src/collect/synthetics.rs` (a running and a stopped canary over two pages, a refused listing)"),
    ("securityhub (standards)", "`GetEnabledStandards` is not implemented by moto; recorded responses in `src/collect/securityhub.rs` (standards over two pages, a hub not subscribed, a refused listing)"),
    ("config (conformance packs, remediation)", "`DescribeConformancePacks` and `DescribeRemediationConfigurations` are not implemented by moto (the demo seeds no Config rule, so the second is not called); recorded responses in `src/collect/config.rs` (packs over two pages, a refused listing, remediations asked 25 rules at a time)"),
    ("ec2 (platform)", "moto's `DescribeInstances` sends no `PlatformDetails`, so `ec2_instance_license_included` is `not_evaluated` against it; the check is unit-tested"),
    ("cloudtrail (Lake)", "`ListEventDataStores` is not implemented by moto; `cloudtrail_lake_event_data_store` is unit-tested and `not_evaluated` against the emulator"),
    ("lambda (code signing)", "moto serves `GetFunctionCodeSigningConfig` but not `GetCodeSigningConfig`; recorded responses in `src/collect/lambda.rs` (a signed, an unsigned and an image function)"),
    ("macie2", "moto serves `GetMacieSession` only; recorded responses in `src/collect/macie2.rs` (automated discovery, jobs, \"Macie is not enabled\", a refusal)"),
    ("detective", "not implemented by moto; recorded responses in `src/collect/detective.rs` (graphs over two pages, a refused listing)"),
    ("ssmincidents", "Incident Manager is not implemented by moto; recorded responses in `src/collect/ssmincidents.rs` (response plans over two pages read in full with engagements, chat channel and runbook, a resolved incident and its linked analysis, a refused listing)"),
    ("codepipeline", "moto serves `ListPipelines`, `GetPipeline` and `ListPipelineExecutions` (the emulator sends their timestamps as epoch seconds, as AWS does; moto runs no action, so every execution it starts has succeeded); recorded responses in `src/collect/codepipeline.rs` (stages with run orders and the documented default, the newest executions, a refused listing)"),
    ("servicequotas", "moto serves `GetServiceQuota` for the VPC quotas (their defaults) but not `GetAWSDefaultServiceQuota`, the fallback for a quota never changed; recorded responses in `src/collect/servicequotas.rs` (an applied value, a default read after `NoSuchResourceException`, a refused quota)"),
    ("ecs (services)", "moto keeps no `deploymentConfiguration` (no circuit breaker, no deployment alarms), so the demo seeds no ECS service; recorded responses in `src/collect/ecs.rs` (services described ten at a time with their rollback settings)"),
    ("autoscaling (static stability)", "the demo's groups run no instance (moto would launch them), so `autoscaling_group_static_stability` has nothing to judge against the emulator and is unit-tested"),
    ("wellarchitected", "the Well-Architected Tool is not implemented by moto; recorded responses in `src/collect/wellarchitected.rs` (workloads over two pages read newest first, milestones over two pages, the framework lens's pillar risks, a workload on another lens, a refused milestone listing and a refused workload listing)"),
    ("support", "moto serves Support cases and Trusted Advisor but not `DescribeSeverityLevels`; recorded responses in `src/collect/support.rs` (a Business plan's severity levels, `SubscriptionRequiredException` read as Basic or Developer, a refusal)"),
    ("ecr (pull-through cache rules)", "`DescribePullThroughCacheRules` is not implemented by moto; `ecr_pull_through_cache` is unit-tested, the conversion of a rule (and of one without its prefix) is tested in `src/collect/ecr.rs`, and the check is `not_evaluated` against the emulator"),
    ("account", "moto serves `GetAlternateContact` (the demo sets a security contact only); recorded responses in `src/collect/account.rs` also cover an answer without `AlternateContact` and a refusal"),
    ("shield", "moto serves `DescribeSubscription` and `ListProtections`, but writes subscription timestamps as `dd/mm/YYYY` strings, not as the API's timestamps: the demo does not subscribe, and recorded responses in `src/collect/shield.rs` cover a subscription with protections over two pages, no subscription and a refusal"),
];

/// The whole of `docs/checks.md`.
pub fn checks_markdown() -> String {
    let mut out = String::new();
    let checks = all_checks();
    let _ = writeln!(out, "# wascan checks\n");
    let _ = writeln!(
        out,
        "Generated from the code by `WASCAN_BLESS=1 cargo test -p wascan-checks --test docs`; do not edit by hand.\n"
    );
    let totals = Totals::of(checks, None);
    let _ = writeln!(
        out,
        "{} checks evidence {} of the {} best practices of the Well-Architected Framework (lens `wellarchitected`, 2024-06-27 ids): {} with direct evidence, {} with indirect evidence only. {} of the {} questions have evidence, {} of them direct.\n",
        checks.len(),
        totals.direct + totals.indirect_only,
        totals.best_practices,
        totals.direct,
        totals.indirect_only,
        totals.questions_with_evidence,
        totals.questions,
        totals.questions_with_direct,
    );
    evidence_section(&mut out, checks);

    let _ = writeln!(out, "## How the collectors are tested\n");
    let _ = writeln!(
        out,
        "Every collector runs end to end against the moto 5.2.5 emulator seeded with the demo account, except where moto does not serve the API; those collectors are unit-tested with recorded SDK responses (aws-smithy-mocks), and against the emulator their checks are `not_evaluated` with the collection error:\n"
    );
    for (service, why) in RECORDED_RESPONSES {
        let _ = writeln!(out, "- `{service}`: {why}");
    }
    let _ = writeln!(out);

    let _ = writeln!(out, "## Coverage by pillar and question\n");
    let _ = writeln!(
        out,
        "A best practice with no check is left to people: no API shows whether it is in place. A check marked *(indirect)* brings a precondition or proxy of the practice, not the practice itself.\n"
    );
    for pillar in Pillar::ALL {
        let pillar_checks = checks.iter().filter(|c| c.pillar == pillar).count();
        let _ = writeln!(out, "### {} ({pillar_checks} checks)\n", pillar.title());
        let _ = writeln!(
            out,
            "| Question | Direct evidence | Indirect evidence only | Left to people |"
        );
        let _ = writeln!(out, "|---|---|---|---|");
        let mut questions: Vec<&str> = Vec::new();
        for bp in catalog::best_practices()
            .iter()
            .filter(|bp| bp.pillar == pillar)
        {
            if !questions.contains(&bp.question_id.as_str()) {
                questions.push(&bp.question_id);
            }
        }
        for question in questions {
            let bps: Vec<_> = catalog::best_practices()
                .iter()
                .filter(|bp| bp.question_id == question && !bp.retired)
                .collect();
            let Some(first) = bps.first() else { continue };
            let mut direct = Vec::new();
            let mut indirect_only = Vec::new();
            let mut without = 0;
            for bp in &bps {
                let with: Vec<(&Check, Strength)> = checks
                    .iter()
                    .filter_map(|c| c.strength(&bp.code).map(|s| (*c, s)))
                    .collect();
                let ids: Vec<String> = with
                    .iter()
                    .map(|(c, s)| match s {
                        Strength::Direct => format!("`{}`", c.id),
                        Strength::Indirect => format!("`{}` *(indirect)*", c.id),
                    })
                    .collect();
                let line = format!("{} {} ({})", bp.code, bp.title, ids.join(", "));
                if with.iter().any(|(_, s)| *s == Strength::Direct) {
                    direct.push(line);
                } else if !with.is_empty() {
                    indirect_only.push(line);
                } else {
                    without += 1;
                }
            }
            let cell = |lines: Vec<String>| {
                if lines.is_empty() {
                    "—".to_string()
                } else {
                    lines.join("<br>")
                }
            };
            let _ = writeln!(
                out,
                "| {} {} | {} | {} | {without} of {} |",
                first.question_code,
                first.question_title,
                cell(direct),
                cell(indirect_only),
                bps.len()
            );
        }
        let _ = writeln!(out);
    }

    let _ = writeln!(out, "## Checks\n");
    for check in checks {
        let _ = writeln!(out, "### `{}`\n", check.id);
        let _ = writeln!(out, "**{}**\n", check.title);
        let _ = writeln!(
            out,
            "Pillar: {} · Service: {} · Severity: {} · Since: {}\n",
            check.pillar.title(),
            check.service,
            check.severity,
            check.since
        );
        for evidence in check.best_practices {
            let code = evidence.code;
            if let Some(bp) = catalog::best_practice(code) {
                let _ = writeln!(
                    out,
                    "- {code} {} ({} evidence; WA Tool: question `{}`, choice `{}`, risk {:?})",
                    bp.title, evidence.strength, bp.question_id, bp.choice_id, bp.risk
                );
            }
        }
        let _ = writeln!(out);
        for line in check.doc.lines() {
            let line = line.strip_prefix(' ').unwrap_or(line);
            let line = line
                .strip_prefix("## ")
                .map(|h| format!("#### {h}"))
                .unwrap_or(line.to_string());
            let _ = writeln!(out, "{line}");
        }
        let _ = writeln!(out, "**Remediation:** {}\n", check.remediation);
    }
    out
}

/// How many best practices and questions the checks evidence, directly or only indirectly.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Totals {
    /// Best practices of the catalog (not retired).
    pub best_practices: usize,
    /// Best practices with at least one direct check.
    pub direct: usize,
    /// Best practices with indirect checks only.
    pub indirect_only: usize,
    pub questions: usize,
    /// Questions with at least one evidenced best practice, direct or indirect.
    pub questions_with_evidence: usize,
    /// Questions with at least one directly evidenced best practice.
    pub questions_with_direct: usize,
}

impl Totals {
    /// The totals of `checks` over the catalog, or over one pillar's part of it (a check of
    /// another pillar counts where its best practice is).
    pub fn of(checks: &[&Check], pillar: Option<Pillar>) -> Totals {
        let mut totals = Totals::default();
        let mut questions: Vec<(&str, bool, bool)> = Vec::new();
        for bp in catalog::best_practices()
            .iter()
            .filter(|bp| !bp.retired && pillar.is_none_or(|p| bp.pillar == p))
        {
            totals.best_practices += 1;
            let strengths: Vec<Strength> =
                checks.iter().filter_map(|c| c.strength(&bp.code)).collect();
            let direct = strengths.contains(&Strength::Direct);
            let any = !strengths.is_empty();
            if direct {
                totals.direct += 1;
            } else if any {
                totals.indirect_only += 1;
            }
            match questions.iter_mut().find(|(q, _, _)| *q == bp.question_id) {
                Some(question) => {
                    question.1 |= any;
                    question.2 |= direct;
                }
                None => questions.push((&bp.question_id, any, direct)),
            }
        }
        totals.questions = questions.len();
        totals.questions_with_evidence = questions.iter().filter(|q| q.1).count();
        totals.questions_with_direct = questions.iter().filter(|q| q.2).count();
        totals
    }
}

/// What direct, indirect and "no evidence found" mean, and the totals per pillar.
fn evidence_section(out: &mut String, checks: &[&Check]) {
    let _ = writeln!(out, "## Evidence\n");
    let _ = writeln!(
        out,
        "Each check says, for each best practice it speaks for, how strong its evidence is:\n\n\
         - **direct**: the signal is a named part of the practice (\"backups are taken automatically\" for REL09-BP03). `wascan review` selects a choice in the Well-Architected Tool only on direct evidence: at least one evaluated direct finding, and every evaluated direct finding passed.\n\
         - **indirect**: a precondition or proxy (\"detailed monitoring is on\" for OPS08-BP01 \"Analyze workload metrics\"). It is scored with the practice and goes into the review's notes, but never selects a choice, and a failed indirect finding makes no high- or medium-risk question (only failed direct evidence shows a practice is not followed).\n\n\
         A check that looks for a practice or tool teams may also meet outside AWS (an experiment that ran, a plan, a dashboard) answers **no evidence found** (`no_evidence` in the JSON) when the account shows none: not a failure. It lowers no score, never trips `--fail-on`, and never unselects anything in a review. It counts as evaluated in the **coverage** (the data was read; coverage measures what could be read), and is left out of the **score** (only passes and failures are weighed). Configuration facts (a quota at 95%, one NAT gateway for three zones) stay pass or fail.\n"
    );
    let _ = writeln!(
        out,
        "| Pillar | Best practices | Direct evidence | Indirect evidence only | Questions | With evidence | With direct evidence |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|---|---|");
    let row = |out: &mut String, name: &str, t: Totals| {
        let _ = writeln!(
            out,
            "| {name} | {} | {} | {} | {} | {} | {} |",
            t.best_practices,
            t.direct,
            t.indirect_only,
            t.questions,
            t.questions_with_evidence,
            t.questions_with_direct
        );
    };
    for pillar in Pillar::ALL {
        row(out, pillar.title(), Totals::of(checks, Some(pillar)));
    }
    row(out, "**All pillars**", Totals::of(checks, None));
    let _ = writeln!(out);
}
