use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::hardware;
use crate::model::opensearch::Domain;
use crate::model::Service;

/// Data node families this check does not judge: the OpenSearch-optimised families (`or1`,
/// `or2`, `om2`, `oi2`), which are chosen for their storage model, and the GPU family `g5`.
const NOT_JUDGED: &[&str] = &["or1", "or2", "om2", "oi2", "g5"];

/// A Graviton OpenSearch family for an x86 family class.
fn graviton_equivalent(class: &str) -> Option<&'static str> {
    Some(match class {
        "m" => "m7g",
        "c" => "c7g",
        "r" => "r7g",
        "t" => "t4g",
        "i" => "im4gn or r6gd",
        _ => return None,
    })
}
declare_check! {
    /// ## What it does
    /// Checks that every OpenSearch domain runs on Graviton node types
    /// (`m7g`, `r7g`, `c7g`, `t4g`, `r6gd`, `im4gn`, ...). Only the data nodes are judged; the
    /// OpenSearch-optimised families (`or1`, `or2`, `om2`, `oi2`) and the GPU family give no
    /// finding.
    ///
    /// ## Why is this bad?
    /// Graviton node types use up to 60 % less energy than comparable x86 ones for the same work
    /// and cost less; for a managed cache or search domain the move is a node type change, with
    /// no application change.
    ///
    /// ## Example
    /// A OpenSearch domain on `r5.large.search`. Fix: `aws opensearch update-domain-config --domain-name D --cluster-config InstanceType=r7g.large.search` (a blue/green deployment).
    ///
    /// ## Not evaluated when
    /// The region's domains could not be read (one finding for the region), or the answer
    /// lacked the node type.
    pub OPENSEARCH_DOMAIN_GRAVITON = "opensearch_domain_graviton",
    pillar: Pillar::Sustainability,
    service: Service::Opensearch,
    severity: Severity::Low,
    best_practices: &[direct("SUS05-BP02")],
    since: "0.5.0",
    title: "OpenSearch domains run on Graviton",
    remediation: "Move to the Graviton node type of the same size, e.g. r7g.large.search",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &OPENSEARCH_DOMAIN_GRAVITON;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.opensearch,
        |region| &region.domains,
        |item: &Domain| {
            let node_type =
                crate::known!(check, item, item.instance_type.as_deref(), "InstanceType");
            let family = hardware::family(node_type);
            let label = &item.name;
            if hardware::is_graviton(family) {
                return Some(check.pass(
                    item,
                    format!("OpenSearch domain {label} runs on Graviton ({node_type})"),
                ));
            }
            if NOT_JUDGED.contains(&family) {
                return None;
            }
            let advice = graviton_equivalent(hardware::family_class(family))
                .map(|g| format!(": consider {g}"))
                .unwrap_or_default();
            Some(check.fail(
                item,
                format!("OpenSearch domain {label} runs on {node_type}, not Graviton{advice}"),
            ))
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::Fetched;
    use crate::testing::*;

    #[test]
    fn graviton_passes_x86_fails_unknown_type_is_not_evaluated() {
        let mut snap = snapshot();
        let mut unknown = opensearch_domain_of_type("unknown", "x");
        unknown.instance_type = None;
        opensearch(&mut snap).domains = Fetched::Ok(vec![
            opensearch_domain_of_type("arm", "r7g.large.search"),
            opensearch_domain_of_type("x86", "r5.large.search"),
            unknown,
        ]);
        let findings = run(&OPENSEARCH_DOMAIN_GRAVITON, &snap);
        assert_eq!(
            statuses(&findings),
            expect(&[("arm", Pass), ("x86", Fail), ("unknown", NotEvaluated)])
        );
        opensearch(&mut snap).domains = Fetched::Failed(denied("DescribeDomains"));
        assert_eq!(
            statuses(&run(&OPENSEARCH_DOMAIN_GRAVITON, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
