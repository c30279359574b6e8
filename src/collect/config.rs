//! AWS Config, per region: the configuration recorders and their status, both calls concurrent.

use std::collections::BTreeMap;

use aws_sdk_config::Client;
use futures::future::join_all;
use wascan_checks::model::config::*;
use wascan_checks::model::{ConfigRegion, Gap};

use super::calls::{every, Call, Ctx};

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
        recorders: every(recorders.map(|out| {
            out.configuration_recorders()
                .iter()
                .map(|r| recorder(ctx, region, r))
                .collect()
        }))
        .into(),
        statuses: every(statuses.map(|out| {
            out.configuration_recorders_status()
                .iter()
                .map(|s| recorder_status(ctx, region, s))
                .collect()
        }))
        .into(),
    }
}

/// A recorder without its name cannot be matched to its status (it was ""), and one without
/// its recording group (always sent) read as recording nothing: the list fails with the gap.
fn recorder(
    ctx: &Ctx,
    region: &str,
    r: &aws_sdk_config::types::ConfigurationRecorder,
) -> Result<ConfigRecorder, Gap> {
    let at = Call::new(CONFIG, "DescribeConfigurationRecorders").region(region);
    let name = ctx.required_str(at, "name", r.name())?;
    let group = ctx.required(at.resource(&name), "recordingGroup", r.recording_group())?;
    Ok(ConfigRecorder {
        name,
        all_supported: group.all_supported(),
        include_global_resource_types: group.include_global_resource_types(),
        resource_types: group
            .resource_types()
            .iter()
            .map(|t| t.as_str().to_string())
            .collect(),
        service_linked: r.service_principal().is_some_and(|p| !p.is_empty()),
    })
}

/// A status without its recorder's name cannot be matched to it (it was "").
fn recorder_status(
    ctx: &Ctx,
    region: &str,
    s: &aws_sdk_config::types::ConfigurationRecorderStatus,
) -> Result<RecorderStatus, Gap> {
    let at = Call::new(CONFIG, "DescribeConfigurationRecorderStatus").region(region);
    Ok(RecorderStatus {
        name: ctx.required_str(at, "name", s.name())?,
        recording: s.recording(),
        last_status: s.last_status().map(|l| l.as_str().to_string()),
        last_error_code: s
            .last_error_code()
            .filter(|c| !c.is_empty())
            .map(str::to_string),
    })
}

#[cfg(test)]
mod tests {
    use aws_sdk_config::types::{
        ConfigurationRecorder, ConfigurationRecorderStatus, RecordingGroup,
    };

    use super::*;
    use crate::collect::tests::test_ctx;

    /// Issue #14: a recorder or status without its name was named "" (and matched nothing), a
    /// recorder without its recording group read as recording nothing.
    #[test]
    fn recorders_and_statuses_without_their_name_or_group_are_gaps() {
        let ctx = test_ctx();
        let full = ConfigurationRecorder::builder()
            .name("default")
            .recording_group(RecordingGroup::builder().all_supported(true).build())
            .build();
        assert!(
            recorder(&ctx, "eu-west-1", &full)
                .expect("complete")
                .all_supported
        );
        let no_group = ConfigurationRecorder::builder().name("default").build();
        let gap = recorder(&ctx, "eu-west-1", &no_group).expect_err("gap");
        assert_eq!(gap.message, "the answer has no recordingGroup");
        let nameless = ConfigurationRecorderStatus::builder()
            .recording(true)
            .build();
        let gap = recorder_status(&ctx, "eu-west-1", &nameless).expect_err("gap");
        assert_eq!(gap.message, "the answer has no name");
        assert_eq!(ctx.take_errors().len(), 2);
    }
}
