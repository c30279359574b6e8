//! CloudTrail: `DescribeTrails` in every scanned region (shadow trails included, so a multi-region
//! trail is seen wherever it logs), then `GetTrailStatus` and `GetEventSelectors` once per trail,
//! asked in its home region when that region is scanned, else where it was seen.

use std::collections::BTreeMap;

use aws_sdk_cloudtrail::types::{AdvancedEventSelector, EventSelector, ReadWriteType};
use aws_sdk_cloudtrail::Client;
use futures::future::join_all;
use wascan_checks::model::cloudtrail::*;
use wascan_checks::model::{CloudTrail, Fetched, Gap};

use super::calls::{Call, Ctx};
use crate::convert::non_empty;

const CLOUDTRAIL: &str = "cloudtrail";

fn client(ctx: &Ctx, region: &str) -> Client {
    let config = aws_sdk_cloudtrail::config::Builder::from(&ctx.config_for(region))
        .interceptor(ctx.calls.clone())
        .build();
    Client::from_conf(config)
}

pub async fn collect(ctx: &Ctx, regions: &[String]) -> CloudTrail {
    let (listings, stores) = futures::join!(
        join_all(regions.iter().map(|region| list_trails(ctx, region))),
        join_all(regions.iter().map(|region| event_data_stores(ctx, region))),
    );

    // Each trail once, by ARN, with the region to ask about it.
    let mut unique: BTreeMap<String, (aws_sdk_cloudtrail::types::Trail, String)> = BTreeMap::new();
    let mut by_region = BTreeMap::new();
    for (region, listing) in regions.iter().zip(listings) {
        // A trail without TrailARN cannot be asked about or named: the region's listing fails
        // with the recorded gap (its checks are not evaluated there), rather than lose it.
        let at = Call::new(CLOUDTRAIL, "DescribeTrails").region(region);
        let arns = listing.and_then(|trails| {
            trails
                .into_iter()
                .map(|trail| {
                    let arn = match non_empty(trail.trail_arn()) {
                        Some(arn) => arn,
                        None => {
                            let mut gap = at.missing("TrailARN");
                            if let Some(name) = non_empty(trail.name()) {
                                gap.message = format!("{} (trail {name})", gap.message);
                            }
                            return Err(ctx.record(gap));
                        }
                    };
                    // A shadow trail's HomeRegion is where it was made; without it, the
                    // region that listed it answers for it.
                    let home = trail.home_region().unwrap_or(region);
                    let ask_in = if regions.iter().any(|r| r == home) {
                        home.to_string()
                    } else {
                        region.clone()
                    };
                    unique.entry(arn.clone()).or_insert((trail, ask_in));
                    Ok(arn)
                })
                .collect()
        });
        by_region.insert(region.clone(), Fetched::from(arns));
    }

    let trails = ctx
        .per_resource(
            unique
                .into_iter()
                .map(|(arn, (trail, ask_in))| describe_trail(ctx, arn, trail, ask_in)),
        )
        .await;
    CloudTrail {
        regions: by_region,
        trails,
        event_data_stores: regions.iter().cloned().zip(stores).collect(),
    }
}

/// The region's CloudTrail Lake event data stores (paginated by token; the SDK has no paginator
/// for `ListEventDataStores`).
async fn event_data_stores(ctx: &Ctx, region: &str) -> Fetched<Vec<EventDataStore>> {
    let cloudtrail = client(ctx, region);
    let at = Call::new(CLOUDTRAIL, "ListEventDataStores").region(region);
    ctx.token_pages(
        at,
        |token| cloudtrail.list_event_data_stores().set_next_token(token).send(),
        |page: &aws_sdk_cloudtrail::operation::list_event_data_stores::ListEventDataStoresOutput| {
            page.event_data_stores()
                .iter()
                .map(|store| {
                    // A store cannot be named without its ARN: the listing fails, rather than
                    // hold a store called "".
                    let arn = ctx.required_str(at, "EventDataStoreArn", store.event_data_store_arn())?;
                    Ok(EventDataStore {
                        arn,
                        name: non_empty(store.name()),
                        #[allow(deprecated)]
                        status: store.status().map(|s| s.as_str().to_string()),
                    })
                })
                .collect::<Vec<Result<EventDataStore, Gap>>>()
        },
        |page| page.next_token(),
    )
    .await
    .and_then(|stores| stores.into_iter().collect())
    .into()
}

async fn list_trails(
    ctx: &Ctx,
    region: &str,
) -> Result<Vec<aws_sdk_cloudtrail::types::Trail>, Gap> {
    let cloudtrail = client(ctx, region);
    let out = ctx
        .call(
            Call::new(CLOUDTRAIL, "DescribeTrails").region(region),
            cloudtrail
                .describe_trails()
                .include_shadow_trails(true)
                .send(),
        )
        .await?;
    Ok(out.trail_list().to_vec())
}

async fn describe_trail(
    ctx: &Ctx,
    arn: String,
    trail: aws_sdk_cloudtrail::types::Trail,
    ask_in: String,
) -> Trail {
    let cloudtrail = client(ctx, &ask_in);
    // A trail's name is the last part of its ARN (`trail/NAME`) when the answer lacks Name.
    let name = non_empty(trail.name())
        .unwrap_or_else(|| arn.rsplit('/').next().unwrap_or(&arn).to_string());
    let at = |operation| {
        Call::new(CLOUDTRAIL, operation)
            .region(&ask_in)
            .resource(&name)
    };
    let (status, selectors) = futures::join!(
        ctx.call(
            at("GetTrailStatus"),
            cloudtrail.get_trail_status().name(&arn).send()
        ),
        ctx.call(
            at("GetEventSelectors"),
            cloudtrail.get_event_selectors().trail_name(&arn).send()
        ),
    );
    Trail {
        home_region: trail.home_region().unwrap_or(&ask_in).to_string(),
        multi_region: trail.is_multi_region_trail(),
        organization_trail: trail.is_organization_trail(),
        include_global_service_events: trail.include_global_service_events(),
        log_file_validation: trail.log_file_validation_enabled(),
        s3_bucket: non_empty(trail.s3_bucket_name()),
        cloudwatch_logs_log_group_arn: non_empty(trail.cloud_watch_logs_log_group_arn()),
        kms_key_id: non_empty(trail.kms_key_id()),
        status: status
            .and_then(|out| {
                Ok(TrailStatus {
                    // Always in the answer: without it, whether the trail logs is unknown.
                    is_logging: ctx.required(
                        at("GetTrailStatus"),
                        "IsLogging",
                        out.is_logging(),
                    )?,
                    latest_delivery_error: non_empty(out.latest_delivery_error()),
                    latest_cloudwatch_logs_delivery_error: non_empty(
                        out.latest_cloud_watch_logs_delivery_error(),
                    ),
                })
            })
            .into(),
        data_events: selectors
            .as_ref()
            .map(|out| data_events(out.event_selectors(), out.advanced_event_selectors()))
            .map_err(Clone::clone)
            .into(),
        management_events: selectors
            .map(|out| management_events(out.event_selectors(), out.advanced_event_selectors()))
            .into(),
        name,
        arn,
    }
}

/// Which management events the selectors record. A trail with no selectors at all has the
/// default one (all management events): AWS always reports it, some emulators send nothing.
fn management_events(
    basic: &[EventSelector],
    advanced: &[AdvancedEventSelector],
) -> ManagementEvents {
    if basic.is_empty() && advanced.is_empty() {
        return ManagementEvents::ALL;
    }
    let mut events = ManagementEvents::default();
    for selector in basic {
        // "By default, the value is true" (CloudTrail API reference, EventSelector).
        if !selector.include_management_events().unwrap_or(true) {
            continue;
        }
        match selector.read_write_type() {
            Some(ReadWriteType::ReadOnly) => events.read = true,
            Some(ReadWriteType::WriteOnly) => events.write = true,
            // ReadWriteType "All" is also its documented default (EventSelector).
            _ => events = ManagementEvents::ALL,
        }
    }
    for selector in advanced {
        let fields = selector.field_selectors();
        let equals = |name: &str, value: &str| {
            fields
                .iter()
                .any(|f| f.field() == name && f.equals().iter().any(|v| v == value))
        };
        if !equals("eventCategory", "Management") {
            continue;
        }
        if equals("readOnly", "true") {
            events.read = true;
        } else if equals("readOnly", "false") {
            events.write = true;
        } else {
            events = ManagementEvents::ALL;
        }
    }
    events
}

/// Which data events the selectors record for every bucket or function. Basic selectors name
/// all of them with the bare service ARN prefix (`arn:aws:s3`, `arn:aws:lambda`: CloudTrail API
/// reference, DataResource); an advanced selector does when it has no `resources.ARN` field.
fn data_events(basic: &[EventSelector], advanced: &[AdvancedEventSelector]) -> DataEvents {
    let mut events = DataEvents::default();
    let every = |value: &str, service: &str| {
        let mut parts = value.trim_end_matches(':').split(':');
        parts.next() == Some("arn")
            && parts.next().is_some()
            && parts.next() == Some(service)
            && parts.all(str::is_empty)
    };
    for selector in basic {
        // ReadWriteType "All" is the documented default (EventSelector).
        let (read, write) = match selector.read_write_type() {
            Some(ReadWriteType::ReadOnly) => (true, false),
            Some(ReadWriteType::WriteOnly) => (false, true),
            _ => (true, true),
        };
        for resource in selector.data_resources() {
            let values = resource.values();
            match resource.r#type() {
                Some("AWS::S3::Object") if values.iter().any(|v| every(v, "s3")) => {
                    events.s3_read |= read;
                    events.s3_write |= write;
                }
                Some("AWS::Lambda::Function") if values.iter().any(|v| every(v, "lambda")) => {
                    events.lambda_invoke = true;
                }
                _ => {}
            }
        }
    }
    for selector in advanced {
        let fields = selector.field_selectors();
        let equals = |name: &str, value: &str| {
            fields
                .iter()
                .any(|f| f.field() == name && f.equals().iter().any(|v| v == value))
        };
        let narrowed = fields.iter().any(|f| f.field() == "resources.ARN");
        if !equals("eventCategory", "Data") || narrowed {
            continue;
        }
        let (read, write) = if equals("readOnly", "true") {
            (true, false)
        } else if equals("readOnly", "false") {
            (false, true)
        } else {
            (true, true)
        };
        if equals("resources.type", "AWS::S3::Object") {
            events.s3_read |= read;
            events.s3_write |= write;
        }
        if equals("resources.type", "AWS::Lambda::Function") {
            events.lambda_invoke = true;
        }
    }
    events
}
