use crate::catalog::Pillar;
use crate::check::{indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::dataexports::CARBON_EMISSIONS;
use crate::model::{Fetched, Service};
use crate::presence::{from_found, Looked};

declare_check! {
    /// ## What it does
    /// Looks for a Data Exports export of the customer carbon footprint (table
    /// `CARBON_EMISSIONS`). One finding for the account.
    ///
    /// ## Why is this bad?
    /// The carbon footprint export breaks the account's estimated emissions down by service and
    /// Region, month by month: the data a team needs to weigh Regions by their carbon intensity
    /// when it places workloads, and to see the effect of moving them. It is only a proxy: where
    /// workloads run, and why, is a decision the account does not record. Teams may read the
    /// footprint in the console instead, so finding none is "no evidence found".
    ///
    /// ## Example
    /// `aws bcm-data-exports create-export` with the query `SELECT * FROM CARBON_EMISSIONS`
    /// delivered to S3 (or in the Billing console's Data Exports page, "Carbon emissions").
    ///
    /// ## Not evaluated when
    /// No carbon export was found and the exports, or one export's definition, could not be
    /// read.
    pub DATAEXPORTS_CARBON_EMISSIONS_EXPORT = "dataexports_carbon_emissions_export",
    pillar: Pillar::Sustainability,
    service: Service::Dataexports,
    severity: Severity::Informational,
    best_practices: &[indirect("SUS01-BP01")],
    since: "0.5.0",
    title: "The carbon footprint is exported for Region decisions",
    remediation: "aws bcm-data-exports create-export with the query SELECT * FROM CARBON_EMISSIONS, delivered to S3",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &DATAEXPORTS_CARBON_EMISSIONS_EXPORT;
    let (found, gap) = match &ctx.snapshot.dataexports.exports {
        Fetched::Ok(exports) => (
            exports
                .iter()
                .filter(|e| e.reads(CARBON_EMISSIONS))
                .map(|e| e.name.clone())
                .collect(),
            exports.iter().find_map(|e| match &e.definition {
                Fetched::Failed(why) => Some(why),
                Fetched::Ok(_) => None,
            }),
        ),
        Fetched::Failed(why) => (Vec::new(), Some(why)),
    };
    vec![from_found(
        check,
        ctx.snapshot,
        found,
        gap,
        Looked {
            what: "carbon emissions export(s)",
            none: "no Data Exports export of the carbon footprint",
        },
    )]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::dataexports::COST_AND_USAGE_REPORT;
    use crate::testing::*;

    #[test]
    fn carbon_export_passes_none_is_no_evidence_unreadable_is_not_evaluated() {
        let mut snap = snapshot();
        snap.dataexports.exports =
            Fetched::Ok(vec![data_export("cur", Some(COST_AND_USAGE_REPORT), &[])]);
        assert_eq!(
            statuses(&run(&DATAEXPORTS_CARBON_EMISSIONS_EXPORT, &snap)),
            expect(&[(ACCOUNT, NoEvidence)])
        );
        snap.dataexports.exports =
            Fetched::Ok(vec![data_export("carbon", Some(CARBON_EMISSIONS), &[])]);
        let findings = run(&DATAEXPORTS_CARBON_EMISSIONS_EXPORT, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, Pass)]));
        assert_eq!(findings[0].message, "1 carbon emissions export(s): carbon");
        snap.dataexports.exports = Fetched::Failed(denied("ListExports"));
        assert_eq!(
            statuses(&run(&DATAEXPORTS_CARBON_EMISSIONS_EXPORT, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
