//! `docs/checks.md`, generated from the registry and the catalog (a test keeps the file in sync).

use std::fmt::Write;

use crate::catalog::{self, Pillar};
use crate::registry::all_checks;

/// Collectors moto does not serve, and what tests them instead.
const RECORDED_RESPONSES: &[(&str, &str)] = &[
    ("accessanalyzer", "moto answers HTTP 500; recorded responses in `src/collect/accessanalyzer.rs`"),
    ("computeoptimizer", "not implemented by moto; recorded responses in `src/collect/computeoptimizer.rs` (EC2 recommendations over two pages, a refused kind) and tests of its finding and name parsing"),
    ("costexplorer", "anomaly monitors and subscriptions are not implemented by moto; recorded responses in `src/collect/costexplorer.rs` (monitors over two pages, subscriptions, a refused listing)"),
    ("backup", "`ListProtectedResources`, `ListRestoreTestingPlans` and `ListRestoreJobs` are not implemented by moto (plans, their rules and vaults are); recorded responses in `src/collect/backup.rs` (protected resources over two pages, a refused listing) and `src/collect/backup_evidence.rs` (copy actions, a restore testing plan, a recent restore job, a refused listing)"),
    ("ec2 (VPN tunnels)", "moto's `DescribeVpnConnections` has no `VgwTelemetry`, so `ec2_vpn_connection_tunnels_up` would be `not_evaluated`: the demo seeds no VPN, and the check is unit-tested"),
    ("cloudformation", "moto's `DescribeStacks` sends no `DriftInformation` (so `cloudformation_stack_drift` is `not_evaluated` against it) and no `RollbackConfiguration`; recorded responses in `src/collect/cloudformation.rs` (drift, rollback triggers, a refused StackSet listing)"),
    ("organizations", "moto does not accept `securityhub.amazonaws.com` as a delegated-administrator service principal; the other calls run against moto"),
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
    let evidenced: std::collections::BTreeSet<&str> = checks
        .iter()
        .flat_map(|c| c.best_practices.iter().copied())
        .collect();
    let _ = writeln!(
        out,
        "{} checks evidence {} of the {} best practices of the Well-Architected Framework (lens `wellarchitected`, 2024-06-27 ids).\n",
        checks.len(),
        evidenced.len(),
        catalog::best_practices().iter().filter(|bp| !bp.retired).count()
    );

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
        "A best practice with no check is left to people: no API shows whether it is in place.\n"
    );
    for pillar in Pillar::ALL {
        let pillar_checks = checks.iter().filter(|c| c.pillar == pillar).count();
        let _ = writeln!(out, "### {} ({pillar_checks} checks)\n", pillar.title());
        let _ = writeln!(
            out,
            "| Question | Best practices with evidence | Left to people |"
        );
        let _ = writeln!(out, "|---|---|---|");
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
            let with: Vec<String> = bps
                .iter()
                .filter(|bp| evidenced.contains(bp.code.as_str()))
                .map(|bp| {
                    let ids: Vec<String> = checks
                        .iter()
                        .filter(|c| c.best_practices.contains(&bp.code.as_str()))
                        .map(|c| format!("`{}`", c.id))
                        .collect();
                    format!("{} {} ({})", bp.code, bp.title, ids.join(", "))
                })
                .collect();
            let without = bps
                .iter()
                .filter(|bp| !evidenced.contains(bp.code.as_str()))
                .count();
            let _ = writeln!(
                out,
                "| {} {} | {} | {without} of {} |",
                first.question_code,
                first.question_title,
                if with.is_empty() {
                    "—".to_string()
                } else {
                    with.join("<br>")
                },
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
        for code in check.best_practices {
            if let Some(bp) = catalog::best_practice(code) {
                let _ = writeln!(
                    out,
                    "- {code} {} (WA Tool: question `{}`, choice `{}`, risk {:?})",
                    bp.title, bp.question_id, bp.choice_id, bp.risk
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
