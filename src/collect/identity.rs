//! Who the credentials belong to: `sts:GetCallerIdentity`, with a short deadline so that a machine
//! with no credentials fails in seconds instead of waiting on the instance metadata endpoint.

use std::time::Duration;

use aws_types::SdkConfig;

use super::CallCounter;
use crate::convert::error_chain;
use crate::error::Error;

/// How long identifying the caller may take, credential resolution included.
const IDENTITY_DEADLINE: Duration = Duration::from_secs(10);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallerIdentity {
    pub account_id: String,
    pub arn: String,
    pub partition: String,
}

pub async fn caller_identity(
    sdk_config: &SdkConfig,
    counter: &CallCounter,
) -> Result<CallerIdentity, Error> {
    if sdk_config.credentials_provider().is_none() {
        return Err(Error::Credentials(
            "no credential provider is configured".into(),
        ));
    }
    let config = aws_sdk_sts::config::Builder::from(sdk_config)
        .interceptor(counter.clone())
        .build();
    let sts = aws_sdk_sts::Client::from_conf(config);
    let answer = tokio::time::timeout(IDENTITY_DEADLINE, sts.get_caller_identity().send()).await;
    let output = match answer {
        Ok(Ok(output)) => output,
        Ok(Err(err)) => return Err(Error::Credentials(error_chain(&err))),
        Err(_) => {
            return Err(Error::Credentials(format!(
                "no credentials resolved and verified within {} s",
                IDENTITY_DEADLINE.as_secs()
            )))
        }
    };
    let account_id = output
        .account()
        .ok_or_else(|| Error::Credentials("GetCallerIdentity returned no account id".into()))?
        .to_string();
    let arn = output.arn().unwrap_or_default().to_string();
    let partition = arn
        .split(':')
        .nth(1)
        .filter(|p| !p.is_empty())
        .unwrap_or("aws")
        .to_string();
    Ok(CallerIdentity {
        account_id,
        arn,
        partition,
    })
}
