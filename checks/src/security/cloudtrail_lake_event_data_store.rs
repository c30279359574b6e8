use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::cloudtrail::EventDataStore;
use crate::model::{Gap, Service};
use crate::presence::{across_regions, Looked};

declare_check! {
    /// ## What it does
    /// Looks for investigation tooling deployed before it is needed: CloudTrail Lake event data
    /// stores that are enabled (ingesting or holding events) in the scanned regions. One
    /// finding for the account.
    ///
    /// ## Why is this bad?
    /// During an incident, responders must answer "what else did this key do?" across months
    /// of events in minutes. CloudTrail Lake keeps events queryable with SQL for up to ten
    /// years, without building an S3 and Athena pipeline under pressure. Teams may query their
    /// trail's logs with Athena, Security Lake or a SIEM instead, so finding none here is "no
    /// evidence found", not a failure.
    ///
    /// ## Example
    /// `aws cloudtrail list-event-data-stores --region R` lists nothing in any region. Fix: `aws
    /// cloudtrail create-event-data-store --name investigations --retention-period 365`.
    ///
    /// ## Not evaluated when
    /// No event data store was found and the stores of some region could not be listed.
    pub CLOUDTRAIL_LAKE_EVENT_DATA_STORE = "cloudtrail_lake_event_data_store",
    pillar: Pillar::Security,
    service: Service::Cloudtrail,
    severity: Severity::Low,
    best_practices: &[direct("SEC10-BP06")],
    since: "0.5.0",
    title: "CloudTrail Lake keeps events queryable for investigations",
    remediation: "aws cloudtrail create-event-data-store --name investigations --retention-period 365 --region REGION",
    evaluate: evaluate,
}

/// A store that holds events: not being created or deleted. A store whose status the answer
/// lacked counts (the listing named it; `Status` is deprecated in `ListEventDataStores`).
fn holds_events(store: &EventDataStore) -> bool {
    !matches!(
        store.status.as_deref(),
        Some("PENDING_DELETION" | "CREATED")
    )
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &CLOUDTRAIL_LAKE_EVENT_DATA_STORE;
    let stores = &ctx.snapshot.cloudtrail.event_data_stores;
    if stores.is_empty() {
        // A snapshot taken before wascan listed event data stores.
        let why = Gap::not_collected(Service::Cloudtrail, "ListEventDataStores");
        return vec![check.not_evaluated(&ctx.snapshot.account_resource("global"), &why)];
    }
    vec![across_regions(
        check,
        ctx.snapshot,
        stores,
        |stores| stores,
        holds_events,
        |store| {
            store.name.clone().unwrap_or_else(|| {
                store
                    .arn
                    .rsplit('/')
                    .next()
                    .unwrap_or(&store.arn)
                    .to_string()
            })
        },
        Looked {
            what: "CloudTrail Lake event data store(s)",
            none: "no CloudTrail Lake event data store in any scanned region",
        },
    )]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::Fetched;
    use crate::testing::*;

    fn store(name: &str, status: Option<&str>) -> EventDataStore {
        EventDataStore {
            arn: format!("arn:aws:cloudtrail:{REGION}:{ACCOUNT}:eventdatastore/{name}-id"),
            name: Some(name.into()),
            status: status.map(str::to_string),
        }
    }

    #[test]
    fn a_snapshot_without_the_listing_is_not_evaluated() {
        let findings = run(&CLOUDTRAIL_LAKE_EVENT_DATA_STORE, &snapshot());
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, NotEvaluated)]));
    }

    #[test]
    fn an_enabled_store_passes_none_is_no_evidence_unlisted_is_not_evaluated() {
        let mut snap = snapshot();
        let stores = &mut snap.cloudtrail.event_data_stores;
        stores.insert(
            REGION.into(),
            Fetched::Ok(vec![
                store("investigations", Some("ENABLED")),
                store("leaving", Some("PENDING_DELETION")),
            ]),
        );
        let findings = run(&CLOUDTRAIL_LAKE_EVENT_DATA_STORE, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, Pass)]));
        assert_eq!(
            findings[0].message,
            "1 CloudTrail Lake event data store(s): investigations (us-east-1)"
        );

        let stores = &mut snap.cloudtrail.event_data_stores;
        stores.insert(
            REGION.into(),
            Fetched::Ok(vec![store("leaving", Some("PENDING_DELETION"))]),
        );
        let findings = run(&CLOUDTRAIL_LAKE_EVENT_DATA_STORE, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, NoEvidence)]));

        snap.cloudtrail.event_data_stores.insert(
            "eu-west-1".into(),
            Fetched::Failed(denied("ListEventDataStores")),
        );
        let findings = run(&CLOUDTRAIL_LAKE_EVENT_DATA_STORE, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, NotEvaluated)]));
    }
}
