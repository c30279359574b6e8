//! GuardDuty, per region: the detectors (paginated), then each detector's status.

use std::collections::BTreeMap;

use aws_sdk_guardduty::Client;
use futures::future::join_all;
use wascan_checks::model::guardduty::*;
use wascan_checks::model::{Fetched, GuardDutyRegion};

use super::calls::{Call, Ctx};

const GUARDDUTY: &str = "guardduty";

fn client(ctx: &Ctx, region: &str) -> Client {
    let config = aws_sdk_guardduty::config::Builder::from(&ctx.config_for(region))
        .interceptor(ctx.calls.clone())
        .build();
    Client::from_conf(config)
}

pub async fn collect(ctx: &Ctx, regions: &[String]) -> BTreeMap<String, GuardDutyRegion> {
    let per_region = join_all(regions.iter().map(|region| collect_region(ctx, region))).await;
    regions.iter().cloned().zip(per_region).collect()
}

async fn collect_region(ctx: &Ctx, region: &str) -> GuardDutyRegion {
    let guardduty = client(ctx, region);
    let ids = ctx
        .pages(
            Call::new(GUARDDUTY, "ListDetectors").region(region),
            guardduty.list_detectors().into_paginator().send(),
            |page| page.detector_ids().to_vec(),
        )
        .await;
    let detectors = match ids {
        Ok(ids) => Fetched::Ok(
            ctx.per_resource(ids.into_iter().map(|id| {
                let guardduty = &guardduty;
                async move {
                    let detector = ctx
                        .call(
                            Call::new(GUARDDUTY, "GetDetector")
                                .region(region)
                                .resource(&id),
                            guardduty.get_detector().detector_id(&id).send(),
                        )
                        .await;
                    // Always sent: without it the detector read as status "", neither
                    // enabled nor disabled.
                    let status = detector
                        .as_ref()
                        .map_err(Clone::clone)
                        .and_then(|out| {
                            ctx.required_str(
                                Call::new(GUARDDUTY, "GetDetector")
                                    .region(region)
                                    .resource(&id),
                                "status",
                                out.status().map(|s| s.as_str()),
                            )
                        })
                        .into();
                    // An absent Features list is empty (the SDK reads it so): no plan enabled.
                    let features = detector
                        .map(|out| {
                            out.features()
                                .iter()
                                .filter_map(|feature| {
                                    Some((
                                        feature.name()?.as_str().to_string(),
                                        feature.status()?.as_str().to_string(),
                                    ))
                                })
                                .collect()
                        })
                        .into();
                    Detector {
                        id,
                        status,
                        features,
                    }
                }
            }))
            .await,
        ),
        Err(gap) => Fetched::Failed(gap),
    };
    GuardDutyRegion { detectors }
}
