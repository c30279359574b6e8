//! AWS Config, per region: the configuration recorders and their status, both calls concurrent.

use std::collections::BTreeMap;

use aws_sdk_config::Client;
use futures::future::join_all;
use wascan_checks::model::config::*;
use wascan_checks::model::ConfigRegion;

use super::calls::{Call, Ctx};

const CONFIG: &str = "config";

fn client(ctx: &Ctx, region: &str) -> Client {
    let config = aws_sdk_config::config::Builder::from(&ctx.config_for(region))
        .interceptor(ctx.calls.clone())
        .build();
    Client::from_conf(config)
}

pub async fn collect(ctx: &Ctx, regions: &[String]) -> BTreeMap<String, ConfigRegion> {
    let per_region = join_all(regions.iter().map(|region| collect_region(ctx, region))).await;
    regions.iter().cloned().zip(per_region).collect()
}

async fn collect_region(ctx: &Ctx, region: &str) -> ConfigRegion {
    let config = client(ctx, region);
    let at = |operation| Call::new(CONFIG, operation).region(region);
    let (recorders, statuses) = futures::join!(
        ctx.call(
            at("DescribeConfigurationRecorders"),
            config.describe_configuration_recorders().send()
        ),
        ctx.call(
            at("DescribeConfigurationRecorderStatus"),
            config.describe_configuration_recorder_status().send()
        ),
    );
    ConfigRegion {
        recorders: recorders
            .map(|out| {
                out.configuration_recorders()
                    .iter()
                    .map(|r| {
                        let group = r.recording_group();
                        ConfigRecorder {
                            name: r.name().unwrap_or_default().to_string(),
                            all_supported: group.is_some_and(|g| g.all_supported()),
                            include_global_resource_types: group
                                .is_some_and(|g| g.include_global_resource_types()),
                            resource_types: group
                                .map(|g| {
                                    g.resource_types()
                                        .iter()
                                        .map(|t| t.as_str().to_string())
                                        .collect()
                                })
                                .unwrap_or_default(),
                            service_linked: r.service_principal().is_some_and(|p| !p.is_empty()),
                        }
                    })
                    .collect()
            })
            .into(),
        statuses: statuses
            .map(|out| {
                out.configuration_recorders_status()
                    .iter()
                    .map(|s| RecorderStatus {
                        name: s.name().unwrap_or_default().to_string(),
                        recording: s.recording(),
                        last_status: s.last_status().map(|l| l.as_str().to_string()),
                        last_error_code: s
                            .last_error_code()
                            .filter(|c| !c.is_empty())
                            .map(str::to_string),
                    })
                    .collect()
            })
            .into(),
    }
}
