//! Loading the AWS SDK configuration: the default credential chain (environment, `--profile`,
//! SSO, assume-role from the profile, web identity, container and instance credentials), standard
//! retry and timeouts on every call. `AWS_ENDPOINT_URL` is honoured by the SDK itself.

use std::time::Duration;

use aws_config::retry::RetryConfig;
use aws_config::timeout::TimeoutConfig;
use aws_config::BehaviorVersion;
use aws_credential_types::Credentials;
use aws_smithy_http_client::proxy::ProxyConfig;
use aws_smithy_http_client::tls::{self, rustls_provider::CryptoMode};
use aws_smithy_http_client::{Builder, ConnectorBuilder};
use aws_smithy_runtime_api::client::http::SharedHttpClient;
use aws_types::region::Region;
use aws_types::SdkConfig;

/// How to reach AWS.
#[derive(Debug, Clone, Default)]
pub struct AwsOptions {
    /// A named profile from `~/.aws/config`; `None` for the default chain.
    pub profile: Option<String>,
    /// The home region (for global calls and the default scan region).
    pub region: Option<String>,
    /// Send every call here instead of AWS (the local emulator, a proxy). `AWS_ENDPOINT_URL` in the
    /// environment does the same without code.
    pub endpoint_url: Option<String>,
    /// Use these credentials instead of the default chain.
    pub credentials: Option<Credentials>,
}

/// Attempts per call, throttling retries included. Standard mode: a retry waits a random back-off
/// of at most 1 s, then 2 s, so a failing call ends within 3 attempt timeouts + 3 s.
///
/// Not the SDK's adaptive mode: after the first throttling answer its client-side limiter drops
/// to 0.5 requests/s and charges a retry 5 tokens, so each retry waits ~10 s and every other call
/// of that service and region queues behind it. Measured with the fault-injecting proxy
/// (tests/e2e/faults.rs): one throttled IAM call took 24 s instead of 2 s, and throttled EC2 and
/// DynamoDB calls overran the 30 s call timeout and were reported "timed out", not "throttled".
pub const MAX_ATTEMPTS: u32 = 3;

pub async fn load(options: &AwsOptions) -> SdkConfig {
    let mut loader = aws_config::defaults(BehaviorVersion::latest())
        .http_client(shared_http_client())
        .retry_config(RetryConfig::standard().with_max_attempts(MAX_ATTEMPTS))
        .timeout_config(
            TimeoutConfig::builder()
                .connect_timeout(Duration::from_secs(3))
                .read_timeout(Duration::from_secs(20))
                .operation_attempt_timeout(Duration::from_secs(20))
                .build(),
        );
    if let Some(profile) = &options.profile {
        loader = loader.profile_name(profile);
    }
    if let Some(region) = &options.region {
        loader = loader.region(Region::new(region.clone()));
    }
    if let Some(endpoint) = &options.endpoint_url {
        loader = loader.endpoint_url(endpoint);
    }
    if let Some(credentials) = &options.credentials {
        loader = loader.credentials_provider(credentials.clone());
    }
    loader.load().await
}

/// The HTTPS client every service client of a scan shares: the SDK's default (rustls with
/// aws-lc, the proxy of `HTTPS_PROXY`/`HTTP_PROXY`/`NO_PROXY`), built once. Without it each
/// service client builds its own, and with it its own root certificate store and connection
/// pool: about 0.6 MiB for each of the hundred-odd (service, region) clients of a full scan
/// (measured: 98 MiB peak for a full scan of an empty account in two regions, 36 MiB for one
/// service).
fn shared_http_client() -> SharedHttpClient {
    Builder::new().build_with_connector_fn(|settings, components| {
        let mut connector =
            ConnectorBuilder::default().tls_provider(tls::Provider::Rustls(CryptoMode::AwsLc));
        connector.set_connector_settings(settings.cloned());
        if let Some(components) = components {
            connector.set_sleep_impl(components.sleep_impl());
        }
        connector.set_proxy_config(Some(ProxyConfig::from_env()));
        connector.build()
    })
}
