use crate::catalog::Pillar;
use crate::check::{indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::hardware::{self, OPENSEARCH_PREVIOUS_GENERATION};
use crate::model::opensearch::Domain;
use crate::model::Service;

declare_check! {
    /// ## What it does
    /// Checks that no OpenSearch domain runs a previous-generation node type: `t2`, `m3`, `m4`, `c4`, `r3`, `r4`, `i2` (the
    /// families AWS lists as previous generation).
    ///
    /// ## Why is this bad?
    /// Current node types give more memory and throughput per dollar, faster networking, and are
    /// the ones new features and Graviton savings come on; previous-generation types are the
    /// first to lose capacity and support.
    ///
    /// ## Example
    /// A OpenSearch domain on `m4.large.search`. Fix: `aws opensearch update-domain-config --domain-name D --cluster-config InstanceType=m7g.large.search` (a blue/green deployment).
    ///
    /// ## Not evaluated when
    /// The region's domains could not be read (one finding for the region), or the answer
    /// lacked the domain's node type.
    pub OPENSEARCH_DOMAIN_PREVIOUS_GENERATION = "opensearch_domain_previous_generation",
    pillar: Pillar::PerformanceEfficiency,
    service: Service::Opensearch,
    severity: Severity::Low,
    best_practices: &[indirect("PERF03-BP02")],
    since: "0.5.0",
    title: "OpenSearch domains use current-generation node types",
    remediation: "Move to the current-generation (ideally Graviton) node type of the same size, e.g. m7g.large.search",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &OPENSEARCH_DOMAIN_PREVIOUS_GENERATION;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.opensearch,
        |region| &region.domains,
        |item: &Domain| {
            let node_type =
                crate::known!(check, item, item.instance_type.as_deref(), "InstanceType");
            let family = hardware::family(node_type);
            let label = &item.name;
            Some(if OPENSEARCH_PREVIOUS_GENERATION.contains(&family) {
                check.fail(
                    item,
                    format!("OpenSearch domain {label} runs previous-generation {node_type}"),
                )
            } else {
                check.pass(item, format!("OpenSearch domain {label} runs {node_type}"))
            })
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
    fn current_passes_previous_fails_unknown_type_is_not_evaluated() {
        let mut snap = snapshot();
        let mut unknown = opensearch_domain_of_type("unknown", "x");
        unknown.instance_type = None;
        opensearch(&mut snap).domains = Fetched::Ok(vec![
            opensearch_domain_of_type("current", "m7g.large.search"),
            opensearch_domain_of_type("legacy", "m4.large.search"),
            unknown,
        ]);
        let findings = run(&OPENSEARCH_DOMAIN_PREVIOUS_GENERATION, &snap);
        assert_eq!(
            statuses(&findings),
            expect(&[
                ("current", Pass),
                ("legacy", Fail),
                ("unknown", NotEvaluated)
            ])
        );
        assert_eq!(
            findings[1].message,
            "OpenSearch domain legacy runs previous-generation m4.large.search"
        );
        opensearch(&mut snap).domains = Fetched::Failed(denied("DescribeDomains"));
        assert_eq!(
            statuses(&run(&OPENSEARCH_DOMAIN_PREVIOUS_GENERATION, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
