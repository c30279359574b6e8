//! Multi-account scans: which accounts (the ACTIVE accounts of an AWS Organization, or an explicit
//! list), which of them this shard scans, and credentials for each: `sts:AssumeRole` of a named
//! role in every account but the caller's own, which is scanned with the caller's credentials.

use std::path::Path;
use std::str::FromStr;
use std::sync::Mutex;
use std::time::{Duration, SystemTime};

use aws_credential_types::provider::error::CredentialsError;
use aws_credential_types::provider::{future, ProvideCredentials, SharedCredentialsProvider};
use aws_credential_types::Credentials;
use aws_sdk_sts::config::IdentityCache;
use aws_types::SdkConfig;
use sha2::{Digest, Sha256};
use wascan_checks::model::{ErrorKind, Gap};

use crate::collect::{classify, CallCounter};
use crate::error::Error;

/// The role `--org` and `--accounts` assume when `--role-name` is not given: the one AWS
/// Organizations creates in every account it creates.
pub const DEFAULT_ROLE_NAME: &str = "OrganizationAccountAccessRole";

/// How long one Organizations or STS call may take.
const CALL_DEADLINE: Duration = Duration::from_secs(30);

/// One account to scan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub account_id: String,
    /// Its name in AWS Organizations, when listed from there.
    pub name: Option<String>,
}

impl Target {
    pub fn id(account_id: &str) -> Self {
        Target {
            account_id: account_id.to_string(),
            name: None,
        }
    }
}

/// How to get into the other accounts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleOptions {
    /// The role's name (optionally with its path: `path/name`), the same in every account.
    pub role_name: String,
    /// The external id the role's trust policy requires, if any.
    pub external_id: Option<String>,
}

impl Default for RoleOptions {
    fn default() -> Self {
        RoleOptions {
            role_name: DEFAULT_ROLE_NAME.to_string(),
            external_id: None,
        }
    }
}

/// `--shard K/N`: this run scans the accounts whose hash falls in shard K of N (K from 0).
///
/// An account's shard depends on its id alone (SHA-256 of the id, modulo N), so it is the same in
/// every run and on every machine, whatever other accounts the list holds: shards listed at
/// slightly different times never scan an account twice or miss one that both saw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: u32,
    pub count: u32,
}

impl Shard {
    pub fn contains(&self, account_id: &str) -> bool {
        let digest = Sha256::digest(account_id.as_bytes());
        let mut first = [0u8; 8];
        first.copy_from_slice(&digest[..8]);
        u64::from_be_bytes(first) % u64::from(self.count) == u64::from(self.index)
    }
}

impl FromStr for Shard {
    type Err = String;

    fn from_str(value: &str) -> Result<Self, Self::Err> {
        let bad = || {
            format!(
                "invalid shard `{value}`: expected K/N with 0 <= K < N, e.g. 0/4 (K counts from 0, like JOB_COMPLETION_INDEX and AWS_BATCH_JOB_ARRAY_INDEX)"
            )
        };
        let (index, count) = value.trim().split_once('/').ok_or_else(bad)?;
        let index: u32 = index.trim().parse().map_err(|_| bad())?;
        let count: u32 = count.trim().parse().map_err(|_| bad())?;
        if count == 0 || index >= count {
            return Err(bad());
        }
        Ok(Shard { index, count })
    }
}

/// `--shard`: `K/N`, or `auto` to read them from the scheduler's environment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShardArg {
    Fixed(Shard),
    Auto,
}

impl FromStr for ShardArg {
    type Err = String;

    fn from_str(value: &str) -> Result<Self, Self::Err> {
        if value.trim().eq_ignore_ascii_case("auto") {
            Ok(ShardArg::Auto)
        } else {
            value.parse().map(ShardArg::Fixed)
        }
    }
}

/// Where `--shard auto` reads the shard's index, in this order: Kubernetes Indexed Jobs, AWS
/// Batch array jobs, then wascan's own variable (for any other scheduler).
pub const SHARD_INDEX_VARIABLES: [&str; 3] = [
    "JOB_COMPLETION_INDEX",
    "AWS_BATCH_JOB_ARRAY_INDEX",
    "WASCAN_SHARD_INDEX",
];

/// Where `--shard auto` reads the number of shards when `--shard-count` does not give it.
pub const SHARD_COUNT_VARIABLES: [&str; 2] = ["WASCAN_SHARD_COUNT", "AWS_BATCH_JOB_ARRAY_SIZE"];

/// The shard to scan: `--shard K/N` as given, or `--shard auto` resolved from `env` (the index
/// from [`SHARD_INDEX_VARIABLES`], the count from `count` or [`SHARD_COUNT_VARIABLES`]). A
/// missing or bad value is a usage error naming where it looked.
pub fn resolve_shard(
    arg: Option<ShardArg>,
    count: Option<u32>,
    env: impl Fn(&str) -> Option<String>,
) -> Result<Option<Shard>, Error> {
    match arg {
        None => return Ok(None),
        Some(ShardArg::Fixed(shard)) => {
            return match count {
                Some(count) if count != shard.count => Err(Error::Usage(format!(
                    "--shard-count {count} contradicts --shard {}/{}",
                    shard.index, shard.count
                ))),
                _ => Ok(Some(shard)),
            };
        }
        Some(ShardArg::Auto) => {}
    }
    let read = |names: &[&'static str]| -> Option<(&'static str, String)> {
        names.iter().find_map(|name| {
            env(name)
                .filter(|v| !v.trim().is_empty())
                .map(|v| (*name, v))
        })
    };
    let (index_name, index) = read(&SHARD_INDEX_VARIABLES).ok_or_else(|| {
        Error::Usage(format!(
            "--shard auto: none of {} is set (run it as a Kubernetes Indexed Job or an AWS Batch array job, or give --shard K/N)",
            SHARD_INDEX_VARIABLES.join(", ")
        ))
    })?;
    let index: u32 = index.trim().parse().map_err(|_| {
        Error::Usage(format!(
            "--shard auto: {index_name}=`{index}` is not a shard index"
        ))
    })?;
    let count = match count {
        Some(count) => count,
        None => {
            let (name, value) = read(&SHARD_COUNT_VARIABLES).ok_or_else(|| {
                Error::Usage(format!(
                    "--shard auto: the number of shards is unknown: give --shard-count N (a Kubernetes Indexed Job's completions, an AWS Batch array's size) or set {}",
                    SHARD_COUNT_VARIABLES.join(" or ")
                ))
            })?;
            value.trim().parse().map_err(|_| {
                Error::Usage(format!(
                    "--shard auto: {name}=`{value}` is not a number of shards"
                ))
            })?
        }
    };
    if count == 0 || index >= count {
        return Err(Error::Usage(format!(
            "--shard auto: index {index} (from {index_name}) is not below the shard count {count}"
        )));
    }
    Ok(Some(Shard { index, count }))
}

/// Keeps the targets of `shard` (all of them without one), sorted by account id.
pub fn select_shard(mut targets: Vec<Target>, shard: Option<Shard>) -> Vec<Target> {
    targets.sort_by(|a, b| a.account_id.cmp(&b.account_id));
    targets.dedup_by(|a, b| a.account_id == b.account_id);
    if let Some(shard) = shard {
        targets.retain(|t| shard.contains(&t.account_id));
    }
    targets
}

/// `--accounts`: comma-separated ids, or `@FILE` with one id per line (`#` starts a comment).
/// A malformed id is a usage error naming it (and its line, in a file).
pub fn parse_accounts(value: &str) -> Result<Vec<Target>, Error> {
    let mut ids = Vec::new();
    if let Some(path) = value.strip_prefix('@') {
        let path = Path::new(path);
        let text = std::fs::read_to_string(path).map_err(|err| Error::File {
            path: path.to_path_buf(),
            message: err.to_string(),
        })?;
        for (number, line) in text.lines().enumerate() {
            let id = line.split('#').next().unwrap_or_default().trim();
            if id.is_empty() {
                continue;
            }
            if !is_account_id(id) {
                return Err(Error::Usage(format!(
                    "{}:{}: `{id}` is not an AWS account id (12 digits)",
                    path.display(),
                    number + 1
                )));
            }
            ids.push(id.to_string());
        }
        if ids.is_empty() {
            return Err(Error::Usage(format!(
                "{}: no account ids (one per line)",
                path.display()
            )));
        }
    } else {
        for id in value.split(',').map(str::trim) {
            if !is_account_id(id) {
                return Err(Error::Usage(format!(
                    "--accounts: `{id}` is not an AWS account id (12 digits)"
                )));
            }
            ids.push(id.to_string());
        }
    }
    Ok(ids.iter().map(|id| Target::id(id)).collect())
}

fn is_account_id(value: &str) -> bool {
    value.len() == 12 && value.bytes().all(|b| b.is_ascii_digit())
}

/// The ACTIVE accounts of the caller's organisation (`organizations:ListAccounts`, every page).
/// Only the management account or a delegated administrator may list them.
pub async fn organization_accounts(
    sdk_config: &SdkConfig,
    counter: &CallCounter,
) -> Result<Vec<Target>, Error> {
    let config = aws_sdk_organizations::config::Builder::from(sdk_config)
        .interceptor(counter.clone())
        .build();
    let client = aws_sdk_organizations::Client::from_conf(config);
    let mut pages = client.list_accounts().into_paginator().send();
    let mut targets = Vec::new();
    loop {
        let page = match tokio::time::timeout(CALL_DEADLINE, pages.next()).await {
            Err(_) => {
                return Err(Error::Organization(format!(
                    "organizations:ListAccounts gave no answer within {} s",
                    CALL_DEADLINE.as_secs()
                )))
            }
            Ok(None) => break,
            Ok(Some(Err(err))) => {
                let (_, message) = classify(&err);
                return Err(Error::Organization(format!(
                    "organizations:ListAccounts failed: {message}"
                )));
            }
            Ok(Some(Ok(page))) => page,
        };
        for account in page.accounts() {
            let Some(id) = account.id() else { continue };
            if is_active(account) {
                targets.push(Target {
                    account_id: id.to_string(),
                    name: account.name().map(str::to_string),
                });
            } else {
                tracing::info!(account = id, "skipping an account that is not ACTIVE");
            }
        }
    }
    if targets.is_empty() {
        return Err(Error::Organization(
            "the organisation has no ACTIVE account".into(),
        ));
    }
    Ok(targets)
}

/// `State` (the current field) when the answer has it, else the older `Status`.
#[allow(deprecated)]
fn is_active(account: &aws_sdk_organizations::types::Account) -> bool {
    match (account.state(), account.status()) {
        (Some(state), _) => state.as_str() == "ACTIVE",
        (None, Some(status)) => status.as_str() == "ACTIVE",
        (None, None) => false,
    }
}

/// The ARN of the role to assume in `account_id`.
pub fn role_arn(partition: &str, account_id: &str, role: &RoleOptions) -> String {
    format!(
        "arn:{partition}:iam::{account_id}:role/{}",
        role.role_name.trim_matches('/')
    )
}

/// Credentials for `account_id`: `sts:AssumeRole` of the role, called from `base`'s credentials.
/// A refusal is a [`Gap`] (the account becomes `not_evaluated`), not an error that stops the scan.
///
/// The role is assumed once here, so that a refusal is known before the account's collection
/// starts; the returned configuration then assumes it again whenever the SDK's credential cache
/// finds the session near its end, so an account whose scan outlasts one role session (an hour
/// by default, easily passed by a large account under a low `--max-rps`) keeps being read.
pub async fn assume_role(
    base: &SdkConfig,
    counter: &CallCounter,
    partition: &str,
    account_id: &str,
    role: &RoleOptions,
) -> Result<SdkConfig, Gap> {
    let config = aws_sdk_sts::config::Builder::from(base)
        .interceptor(counter.clone())
        .build();
    let provider = AssumedRole::new(
        aws_sdk_sts::Client::from_conf(config),
        role_arn(partition, account_id, role),
        role.external_id.clone(),
    )
    .await?;
    Ok(account_config(base, provider))
}

/// `base` with the account's credentials, cached in a credential cache of the account's own.
///
/// Not in `base`'s cache, which every account's clients would otherwise share: the SDK's cache
/// holds the sessions of at most 64 credential providers and evicts an arbitrary one to make
/// room, so from the 65th account of an organisation on, accounts still being scanned lost their
/// session and assumed their role again (measured: 1,220 `sts:AssumeRole` calls instead of 99
/// for an organisation of 100 accounts). The account's cache goes with its clients.
fn account_config(base: &SdkConfig, provider: AssumedRole) -> SdkConfig {
    base.to_builder()
        .credentials_provider(SharedCredentialsProvider::new(provider))
        .identity_cache(IdentityCache::lazy().build())
        .build()
}

/// A credentials provider that assumes one role with `sts:AssumeRole`, every time the SDK asks
/// (the SDK's identity cache asks again only when the session nears its expiry). The session
/// assumed first, to learn whether the role can be assumed at all, is handed out by the first ask.
#[derive(Debug)]
struct AssumedRole {
    sts: aws_sdk_sts::Client,
    arn: String,
    external_id: Option<String>,
    first: Mutex<Option<Credentials>>,
}

impl AssumedRole {
    /// Assumes the role once: the provider, or the [`Gap`] that says why the role is out of reach.
    async fn new(
        sts: aws_sdk_sts::Client,
        arn: String,
        external_id: Option<String>,
    ) -> Result<Self, Gap> {
        let provider = AssumedRole {
            sts,
            arn,
            external_id,
            first: Mutex::new(None),
        };
        let credentials = provider.assume().await?;
        *provider.lock_first() = Some(credentials);
        Ok(provider)
    }

    async fn assume(&self) -> Result<Credentials, Gap> {
        let gap = |kind, message: String| Gap {
            service: "sts".into(),
            region: None,
            operation: "AssumeRole".into(),
            resource: Some(self.arn.clone()),
            kind,
            message,
        };
        let request = self
            .sts
            .assume_role()
            .role_arn(&self.arn)
            .role_session_name("wascan")
            .set_external_id(self.external_id.clone())
            .send();
        let output = match tokio::time::timeout(CALL_DEADLINE, request).await {
            Err(_) => {
                return Err(gap(
                    ErrorKind::Timeout,
                    format!("no answer within {} s", CALL_DEADLINE.as_secs()),
                ))
            }
            Ok(Err(err)) => {
                let (kind, message) = classify(&err);
                return Err(gap(kind, message));
            }
            Ok(Ok(output)) => output,
        };
        let Some(credentials) = output.credentials() else {
            return Err(gap(
                ErrorKind::Other,
                "the answer carried no credentials".into(),
            ));
        };
        Ok(Credentials::new(
            credentials.access_key_id(),
            credentials.secret_access_key(),
            Some(credentials.session_token().to_string()),
            SystemTime::try_from(*credentials.expiration()).ok(),
            "wascan-assume-role",
        ))
    }

    /// The first session's slot (a panic elsewhere cannot leave it unusable).
    fn lock_first(&self) -> std::sync::MutexGuard<'_, Option<Credentials>> {
        self.first
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl ProvideCredentials for AssumedRole {
    fn provide_credentials<'a>(&'a self) -> future::ProvideCredentials<'a>
    where
        Self: 'a,
    {
        future::ProvideCredentials::new(async move {
            let first = self.lock_first().take();
            if let Some(credentials) = first {
                return Ok(credentials);
            }
            tracing::info!(role = %self.arn, "assuming the role again: the session nears its end");
            self.assume().await.map_err(|gap| {
                CredentialsError::provider_error(format!(
                    "sts:AssumeRole of {}: {}",
                    self.arn, gap.message
                ))
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shard_auto_reads_kubernetes_then_batch_and_needs_a_count() {
        let env = |vars: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                vars.iter()
                    .find(|(key, _)| *key == name)
                    .map(|(_, value)| value.to_string())
            }
        };
        let auto = Some(ShardArg::Auto);
        let shard = |index, count| Ok(Some(Shard { index, count }));
        let k8s = env(&[("JOB_COMPLETION_INDEX", "2")]);
        assert_eq!(
            resolve_shard(auto, Some(4), k8s).map_err(|e| e.to_string()),
            shard(2, 4)
        );
        let batch = env(&[
            ("AWS_BATCH_JOB_ARRAY_INDEX", "1"),
            ("AWS_BATCH_JOB_ARRAY_SIZE", "3"),
        ]);
        assert_eq!(
            resolve_shard(auto, None, batch).map_err(|e| e.to_string()),
            shard(1, 3)
        );
        // Kubernetes first; the flag's count before the environment's.
        let both = env(&[
            ("JOB_COMPLETION_INDEX", "0"),
            ("AWS_BATCH_JOB_ARRAY_INDEX", "1"),
            ("WASCAN_SHARD_COUNT", "2"),
        ]);
        assert_eq!(
            resolve_shard(auto, Some(5), both).map_err(|e| e.to_string()),
            shard(0, 5)
        );
        for (vars, count, says) in [
            (env(&[]), Some(2), "JOB_COMPLETION_INDEX"),
            (env(&[("JOB_COMPLETION_INDEX", "1")]), None, "--shard-count"),
            (
                env(&[("JOB_COMPLETION_INDEX", "x")]),
                Some(2),
                "not a shard index",
            ),
            (env(&[("JOB_COMPLETION_INDEX", "2")]), Some(2), "not below"),
        ] {
            let err = resolve_shard(auto, count, vars)
                .expect_err(says)
                .to_string();
            assert!(err.contains(says), "{err}");
        }
        let fixed = Some(ShardArg::Fixed(Shard { index: 1, count: 4 }));
        assert_eq!(
            resolve_shard(fixed, None, env(&[])).map_err(|e| e.to_string()),
            shard(1, 4)
        );
        assert!(resolve_shard(fixed, Some(3), env(&[])).is_err());
        assert_eq!("auto".parse::<ShardArg>(), Ok(ShardArg::Auto));
    }

    #[test]
    fn shards_are_parsed_from_k_of_n() {
        assert_eq!("0/4".parse(), Ok(Shard { index: 0, count: 4 }));
        assert_eq!(" 3/4 ".parse(), Ok(Shard { index: 3, count: 4 }));
        for bad in ["4/4", "1/0", "1", "a/2", "-1/2", "1/2/3"] {
            assert!(bad.parse::<Shard>().is_err(), "{bad} accepted");
        }
    }

    #[test]
    fn shards_partition_the_accounts_whatever_else_is_listed() {
        let ids: Vec<String> = (0..200)
            .map(|n| format!("{:012}", 100_000 + n * 7))
            .collect();
        let targets: Vec<Target> = ids.iter().map(|id| Target::id(id)).collect();
        let count = 4;
        let mut seen = Vec::new();
        for index in 0..count {
            let shard = select_shard(targets.clone(), Some(Shard { index, count }));
            assert!(
                shard.len() > 20,
                "shard {index} holds only {} of 200",
                shard.len()
            );
            seen.extend(shard.into_iter().map(|t| t.account_id));
        }
        seen.sort();
        assert_eq!(seen, ids, "every account in exactly one shard");

        // An account's shard does not depend on the rest of the list.
        let shard = Shard { index: 1, count };
        let alone: Vec<bool> = ids.iter().map(|id| shard.contains(id)).collect();
        let half = select_shard(targets[..100].to_vec(), Some(shard));
        for target in half {
            let position = ids.iter().position(|id| *id == target.account_id);
            assert_eq!(position.map(|p| alone[p]), Some(true));
        }
    }

    #[test]
    fn account_lists_are_validated() {
        let ids = parse_accounts("111111111111, 222222222222").expect("valid");
        assert_eq!(ids.len(), 2);
        let err = parse_accounts("111111111111,12345").unwrap_err();
        assert!(err.to_string().contains("`12345`"), "{err}");
    }

    #[test]
    fn account_files_allow_comments_and_name_the_bad_line() -> Result<(), Box<dyn std::error::Error>>
    {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("accounts.txt");
        std::fs::write(
            &path,
            "# production\n111111111111  # payments\n\n222222222222\n",
        )?;
        let ids = parse_accounts(&format!("@{}", path.display()))?;
        assert_eq!(
            ids.iter()
                .map(|t| t.account_id.as_str())
                .collect::<Vec<_>>(),
            ["111111111111", "222222222222"]
        );
        std::fs::write(&path, "111111111111\n# x\n2222-2222-2222\n")?;
        let err = parse_accounts(&format!("@{}", path.display())).unwrap_err();
        assert!(
            err.to_string().contains("accounts.txt:3: `2222-2222-2222`"),
            "{err}"
        );
        Ok(())
    }

    #[test]
    fn the_role_arn_is_built_from_the_partition_account_and_name() {
        let role = RoleOptions {
            role_name: "/audit/wascan".into(),
            external_id: None,
        };
        assert_eq!(
            role_arn("aws-cn", "111111111111", &role),
            "arn:aws-cn:iam::111111111111:role/audit/wascan"
        );
    }

    const ROLE: &str = "arn:aws:iam::111111111111:role/wascan";

    /// An AssumeRole answer: a session with `access_key_id` that ends at `ends`.
    fn session(
        access_key_id: &str,
        ends: aws_smithy_types::DateTime,
    ) -> aws_sdk_sts::operation::assume_role::AssumeRoleOutput {
        aws_sdk_sts::operation::assume_role::AssumeRoleOutput::builder()
            .credentials(
                aws_sdk_sts::types::Credentials::builder()
                    .access_key_id(access_key_id)
                    .secret_access_key("secret")
                    .session_token("token")
                    .expiration(ends)
                    .build()
                    .expect("every required field is set"),
            )
            .build()
    }

    /// GetCallerIdentity, answered every time: the call a scanner's client makes with a session.
    fn caller_identity() -> aws_smithy_mocks::Rule {
        aws_smithy_mocks::mock!(aws_sdk_sts::Client::get_caller_identity).then_output(|| {
            aws_sdk_sts::operation::get_caller_identity::GetCallerIdentityOutput::builder()
                .account("111111111111")
                .build()
        })
    }

    /// An STS that hands out sessions `ASIA1`, `ASIA2`, ... for `ROLE` with the external id `x`,
    /// then refuses once `good` sessions have been given.
    fn sts_giving(good: usize) -> (aws_sdk_sts::Client, aws_smithy_mocks::Rule) {
        use aws_sdk_sts::operation::assume_role::AssumeRoleError;
        use aws_smithy_mocks::{mock, mock_client, RuleMode};

        let mut answers = mock!(aws_sdk_sts::Client::assume_role)
            .match_requests(|req| req.role_arn() == Some(ROLE) && req.external_id() == Some("x"))
            .sequence();
        for n in 1..=good {
            answers = answers.output(move || {
                session(
                    &format!("ASIA{n}"),
                    aws_smithy_types::DateTime::from_secs(4_000_000_000),
                )
            });
        }
        let rule = answers
            .error(|| {
                AssumeRoleError::generic(
                    aws_smithy_types::error::ErrorMetadata::builder()
                        .code("AccessDenied")
                        .message("the trust policy no longer allows it")
                        .build(),
                )
            })
            .build();
        let client = mock_client!(aws_sdk_sts, RuleMode::MatchAny, &[&rule]);
        (client, rule)
    }

    #[tokio::test]
    async fn the_role_is_assumed_again_whenever_the_sdk_asks_for_fresh_credentials(
    ) -> Result<(), Box<dyn std::error::Error>> {
        let (sts, calls) = sts_giving(3);
        let provider = AssumedRole::new(sts, ROLE.into(), Some("x".into()))
            .await
            .map_err(|gap| gap.to_string())?;
        assert_eq!(
            calls.num_calls(),
            1,
            "assumed once up front, to learn it can be"
        );

        let first = provider.provide_credentials().await?;
        assert_eq!(
            first.access_key_id(),
            "ASIA1",
            "the session assumed up front"
        );
        assert_eq!(calls.num_calls(), 1, "handed out without a second call");

        let renewed = provider.provide_credentials().await?;
        assert_eq!(renewed.access_key_id(), "ASIA2");
        assert_eq!(renewed.session_token(), Some("token"));
        assert!(
            renewed.expiry().is_some(),
            "the expiry tells the cache when to ask again"
        );
        assert_eq!(calls.num_calls(), 2);
        Ok(())
    }

    #[tokio::test]
    async fn a_role_refused_up_front_is_a_gap_and_later_a_credentials_error(
    ) -> Result<(), Box<dyn std::error::Error>> {
        let (sts, _) = sts_giving(0);
        let Err(gap) = AssumedRole::new(sts, ROLE.into(), Some("x".into())).await else {
            panic!("a refused role gave credentials");
        };
        assert_eq!(
            (gap.service.as_str(), gap.operation.as_str()),
            ("sts", "AssumeRole")
        );
        assert_eq!(gap.resource.as_deref(), Some(ROLE));
        assert_eq!(gap.kind, ErrorKind::AccessDenied);
        assert!(
            gap.message.contains("no longer allows it"),
            "{}",
            gap.message
        );

        // Refused when the session is renewed: the SDK gets an error naming the role (the
        // calls that needed it become not_evaluated), not a panic and not stale credentials.
        let (sts, _) = sts_giving(1);
        let provider = AssumedRole::new(sts, ROLE.into(), Some("x".into()))
            .await
            .map_err(|gap| gap.to_string())?;
        provider.provide_credentials().await?;
        let err = provider
            .provide_credentials()
            .await
            .expect_err("the renewal was refused");
        let message = aws_smithy_types::error::display::DisplayErrorContext(&err).to_string();
        assert!(
            message.contains(ROLE) && message.contains("no longer allows it"),
            "{message}"
        );
        Ok(())
    }

    /// An organisation of more accounts than the SDK's shared credential cache holds (64): each
    /// account keeps its session for all its calls, so the role is assumed once per account.
    #[tokio::test]
    async fn each_account_keeps_its_session_in_an_organisation_of_many_accounts(
    ) -> Result<(), Box<dyn std::error::Error>> {
        use aws_smithy_mocks::{mock, mock_client, RuleMode};

        const ACCOUNTS: usize = 100;
        let assume = mock!(aws_sdk_sts::Client::assume_role).then_output(|| {
            session(
                "ASIA1",
                aws_smithy_types::DateTime::from(SystemTime::now() + Duration::from_secs(3600)),
            )
        });
        let identity = caller_identity();
        let sts = mock_client!(aws_sdk_sts, RuleMode::MatchAny, &[&assume]);
        // As `aws_config::load` makes it: one credential cache for every client built from it.
        let base = SdkConfig::builder()
            .identity_cache(IdentityCache::lazy().build())
            .build();
        let mut scanners = Vec::new();
        for _ in 0..ACCOUNTS {
            let provider = AssumedRole::new(sts.clone(), ROLE.into(), None)
                .await
                .map_err(|gap| gap.to_string())?;
            let config = account_config(&base, provider);
            let (Some(credentials), Some(cache)) =
                (config.credentials_provider(), config.identity_cache())
            else {
                return Err("the account's configuration has no credentials or cache".into());
            };
            scanners.push(mock_client!(
                aws_sdk_sts,
                RuleMode::MatchAny,
                &[&identity],
                |conf| conf
                    .credentials_provider(credentials.clone())
                    .identity_cache(cache.clone())
                    .time_source(aws_smithy_async::time::SystemTimeSource::new())
            ));
        }
        // Accounts scanned side by side: each makes a call, then each makes another.
        for _ in 0..2 {
            for scanner in &scanners {
                scanner.get_caller_identity().send().await?;
            }
        }
        assert_eq!(identity.num_calls(), 2 * ACCOUNTS);
        assert_eq!(
            assume.num_calls(),
            ACCOUNTS,
            "one session per account, assumed up front"
        );
        Ok(())
    }

    /// With the SDK's credential cache (as every client of a scan has), a client keeps its
    /// session while it lasts and asks for a new one as it nears its end.
    #[tokio::test]
    async fn clients_ask_for_a_new_session_only_when_theirs_nears_its_end(
    ) -> Result<(), Box<dyn std::error::Error>> {
        use aws_smithy_mocks::{mock, mock_client, RuleMode};

        // A session of an hour, and one that ends within the cache's 10 s margin.
        for (lifetime, assumed) in [(Duration::from_secs(3600), 1), (Duration::from_secs(5), 2)] {
            let assume = mock!(aws_sdk_sts::Client::assume_role).then_output(move || {
                session(
                    "ASIA1",
                    aws_smithy_types::DateTime::from(SystemTime::now() + lifetime),
                )
            });
            let identity = caller_identity();
            let sts = mock_client!(aws_sdk_sts, RuleMode::MatchAny, &[&assume]);
            let provider = AssumedRole::new(sts, ROLE.into(), None)
                .await
                .map_err(|gap| gap.to_string())?;
            let provider = SharedCredentialsProvider::new(provider);
            let scanner = mock_client!(aws_sdk_sts, RuleMode::MatchAny, &[&identity], |conf| conf
                .credentials_provider(provider.clone())
                .identity_cache(aws_sdk_sts::config::IdentityCache::lazy().build())
                // The mock's defaults stop the clock in 2009; the cache must see today's.
                .time_source(aws_smithy_async::time::SystemTimeSource::new()));

            scanner.get_caller_identity().send().await?;
            scanner.get_caller_identity().send().await?;

            assert_eq!(identity.num_calls(), 2);
            assert_eq!(
                assume.num_calls(),
                assumed,
                "a session of {lifetime:?}: assumed up front, then {} more",
                assumed - 1
            );
        }
        Ok(())
    }
}
