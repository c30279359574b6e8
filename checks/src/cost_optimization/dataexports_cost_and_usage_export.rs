use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::dataexports::{DataExport, COST_AND_USAGE_REPORT};
use crate::model::{Fetched, Service};

declare_check! {
    /// ## What it does
    /// Looks for a Data Exports export of the Cost and Usage Report (CUR 2.0, table
    /// `COST_AND_USAGE_REPORT`) with hourly granularity and resource IDs
    /// (`TIME_GRANULARITY=HOURLY`, `INCLUDE_RESOURCES=TRUE`). One finding for the account: pass
    /// when one exists; fail when CUR 2.0 is exported only without that detail; "no evidence
    /// found" when there is no CUR 2.0 export (a legacy CUR report, which wascan does not read,
    /// or an export in the organization's management account may serve instead).
    ///
    /// ## Why is this bad?
    /// Cost Explorer keeps 14 months at daily granularity and no resource detail. The Cost and
    /// Usage Report is the most detailed source of cost and usage: line items per resource and
    /// hour, with tags and cost categories, which cost allocation, unit cost metrics and usage
    /// analysis are built on.
    ///
    /// ## Example
    /// `aws bcm-data-exports list-exports` is empty. Fix: `aws bcm-data-exports create-export`
    /// with a query on `COST_AND_USAGE_REPORT` and `TableConfigurations`
    /// `{"COST_AND_USAGE_REPORT": {"TIME_GRANULARITY": "HOURLY", "INCLUDE_RESOURCES": "TRUE"}}`,
    /// delivered to an S3 bucket (or create it in the Billing console's Data Exports page).
    ///
    /// ## Not evaluated when
    /// The exports could not be listed, or an export's query could not be read and no detailed
    /// CUR 2.0 export was found.
    pub DATAEXPORTS_COST_AND_USAGE_EXPORT = "dataexports_cost_and_usage_export",
    pillar: Pillar::CostOptimization,
    service: Service::Dataexports,
    severity: Severity::Medium,
    best_practices: &[direct("COST03-BP01")],
    since: "0.5.0",
    title: "A detailed Cost and Usage Report is exported",
    remediation: "aws bcm-data-exports create-export with a query on COST_AND_USAGE_REPORT, TIME_GRANULARITY=HOURLY and INCLUDE_RESOURCES=TRUE, delivered to S3",
    evaluate: evaluate,
}

fn detailed(export: &DataExport) -> bool {
    export.property("TIME_GRANULARITY") == Some("HOURLY")
        && export.property("INCLUDE_RESOURCES") == Some("TRUE")
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &DATAEXPORTS_COST_AND_USAGE_EXPORT;
    let account = ctx.snapshot.account_resource("global");
    let exports = match &ctx.snapshot.dataexports.exports {
        Fetched::Ok(exports) => exports,
        Fetched::Failed(why) => return vec![check.not_evaluated(&account, why)],
    };
    let cur: Vec<&DataExport> = exports
        .iter()
        .filter(|e| e.reads(COST_AND_USAGE_REPORT))
        .collect();
    if let Some(good) = cur.iter().find(|e| detailed(e)) {
        return vec![check.pass(
            &account,
            format!(
                "Data Exports export {} delivers CUR 2.0 hourly with resource IDs",
                good.name
            ),
        )];
    }
    // An export whose definition could not be read may be the detailed CUR.
    if let Some(why) = exports.iter().find_map(|e| match &e.definition {
        Fetched::Failed(why) => Some(why),
        Fetched::Ok(_) => None,
    }) {
        return vec![check.not_evaluated(&account, why)];
    }
    vec![if cur.is_empty() {
        check.no_evidence(
            &account,
            "no Data Exports export of the Cost and Usage Report (CUR 2.0)",
        )
    } else {
        let names: Vec<String> = cur
            .iter()
            .map(|e| {
                format!(
                    "{} (TIME_GRANULARITY {}, INCLUDE_RESOURCES {})",
                    e.name,
                    e.property("TIME_GRANULARITY").unwrap_or("unset"),
                    e.property("INCLUDE_RESOURCES").unwrap_or("unset")
                )
            })
            .collect();
        check.fail(
            &account,
            format!(
                "CUR 2.0 is exported without hourly granularity and resource IDs: {}",
                names.join(", ")
            ),
        )
    }]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::testing::*;

    fn export(name: &str, table: Option<&str>, properties: &[(&str, &str)]) -> DataExport {
        data_export(name, table, properties)
    }

    #[test]
    fn detailed_cur_passes_daily_fails_none_is_no_evidence_unreadable_not_evaluated() {
        let mut snap = snapshot();
        assert_eq!(
            statuses(&run(&DATAEXPORTS_COST_AND_USAGE_EXPORT, &snap)),
            expect(&[(ACCOUNT, NoEvidence)])
        );
        let daily = export(
            "daily",
            Some(COST_AND_USAGE_REPORT),
            &[
                ("TIME_GRANULARITY", "DAILY"),
                ("INCLUDE_RESOURCES", "FALSE"),
            ],
        );
        let focus = export("focus", Some("FOCUS_1_0_AWS"), &[]);
        snap.dataexports.exports = Fetched::Ok(vec![daily.clone(), focus]);
        let findings = run(&DATAEXPORTS_COST_AND_USAGE_EXPORT, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, Fail)]));
        assert_eq!(
            findings[0].message,
            "CUR 2.0 is exported without hourly granularity and resource IDs: daily (TIME_GRANULARITY DAILY, INCLUDE_RESOURCES FALSE)"
        );

        let hourly = export(
            "cur2",
            Some(COST_AND_USAGE_REPORT),
            &[
                ("TIME_GRANULARITY", "HOURLY"),
                ("INCLUDE_RESOURCES", "TRUE"),
            ],
        );
        snap.dataexports.exports = Fetched::Ok(vec![daily.clone(), hourly]);
        assert_eq!(
            statuses(&run(&DATAEXPORTS_COST_AND_USAGE_EXPORT, &snap)),
            expect(&[(ACCOUNT, Pass)])
        );

        let mut unread = export("unread", None, &[]);
        unread.definition = Fetched::Failed(denied("GetExport"));
        snap.dataexports.exports = Fetched::Ok(vec![daily, unread]);
        assert_eq!(
            statuses(&run(&DATAEXPORTS_COST_AND_USAGE_EXPORT, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
        snap.dataexports.exports = Fetched::Failed(denied("ListExports"));
        assert_eq!(
            statuses(&run(&DATAEXPORTS_COST_AND_USAGE_EXPORT, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
