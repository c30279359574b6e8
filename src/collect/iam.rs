//! IAM through its bulk APIs, so the call count stays flat however many users and roles there are:
//! `GetAccountAuthorizationDetails` (paginated), the credential report, the password policy and
//! the account summary.

use std::time::Duration;

use aws_sdk_iam::types::{ReportStateType, SummaryKeyType};
use aws_sdk_iam::Client;
use percent_encoding::percent_decode_str;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;
use wascan_checks::model::iam::*;
use wascan_checks::model::{ErrorKind, Gap, Iam};

use super::calls::{Call, Ctx};
use crate::convert::to_offset;

const IAM: &str = "iam";

/// While IAM builds the credential report, GenerateCredentialReport is asked again after a quarter
/// of a second, then twice as long each time up to 2 s, for at most 20 s in all: a report that is
/// ready at once (a small or emulated account) does not cost a fixed 2 s wait.
const REPORT_POLL_FIRST: Duration = Duration::from_millis(250);
const REPORT_POLL_MAX: Duration = Duration::from_secs(2);
const REPORT_WAIT_LIMIT: Duration = Duration::from_secs(20);

pub async fn collect(ctx: &Ctx) -> Iam {
    // IAM is global; its endpoint lives in the partition's home region.
    let home = super::ec2::home_region(ctx);
    let config = aws_sdk_iam::config::Builder::from(&ctx.config_for(&home))
        .interceptor(ctx.calls.clone())
        .build();
    let iam = Client::from_conf(config);
    let (authorization, credential_report, password_policy, account_summary, saml, oidc) = futures::join!(
        authorization_details(ctx, &iam),
        credential_report(ctx, &iam),
        password_policy(ctx, &iam),
        account_summary(ctx, &iam),
        ctx.call(
            Call::new(IAM, "ListSAMLProviders"),
            iam.list_saml_providers().send()
        ),
        ctx.call(
            Call::new(IAM, "ListOpenIDConnectProviders"),
            iam.list_open_id_connect_providers().send()
        ),
    );
    Iam {
        authorization: authorization.into(),
        credential_report: credential_report.into(),
        password_policy: password_policy.into(),
        account_summary: account_summary.into(),
        // Neither listing paginates (IAM API reference); a provider without its ARN cannot be
        // named, so the list fails with the gap.
        saml_providers: saml
            .and_then(|out| {
                out.saml_provider_list()
                    .iter()
                    .map(|p| ctx.required_str(Call::new(IAM, "ListSAMLProviders"), "Arn", p.arn()))
                    .collect()
            })
            .into(),
        oidc_providers: oidc
            .and_then(|out| {
                out.open_id_connect_provider_list()
                    .iter()
                    .map(|p| {
                        ctx.required_str(
                            Call::new(IAM, "ListOpenIDConnectProviders"),
                            "Arn",
                            p.arn(),
                        )
                    })
                    .collect()
            })
            .into(),
    }
}

async fn authorization_details(ctx: &Ctx, iam: &Client) -> Result<AuthorizationDetails, Gap> {
    let pages = ctx
        .pages(
            Call::new(IAM, "GetAccountAuthorizationDetails"),
            iam.get_account_authorization_details()
                .into_paginator()
                .send(),
            |page| vec![page],
        )
        .await?;
    // A user, group, role or policy without its name or ARN (or an attached policy without its
    // ARN) cannot be judged or named: the whole answer fails with the recorded gap, since one
    // left out could be the administrator the checks look for.
    let at = Call::new(IAM, "GetAccountAuthorizationDetails");
    let need = |member: &str, value: Option<&str>| ctx.required_str(at, member, value);
    let mut details = AuthorizationDetails::default();
    for page in pages {
        for u in page.user_detail_list() {
            details.users.push(User {
                name: need("UserDetailList.UserName", u.user_name())?,
                arn: need("UserDetailList.Arn", u.arn())?,
                id: need("UserDetailList.UserId", u.user_id())?,
                attached_policies: attached(ctx, at, u.attached_managed_policies())?,
                inline_policies: inline(ctx, at, u.user_policy_list())?,
                // An absent list is an empty one (the user is in no group).
                groups: u.group_list().to_vec(),
                tags: u
                    .tags()
                    .iter()
                    .map(|t| (t.key().to_string(), t.value().to_string()))
                    .collect(),
            });
        }
        for g in page.group_detail_list() {
            details.groups.push(Group {
                name: need("GroupDetailList.GroupName", g.group_name())?,
                arn: need("GroupDetailList.Arn", g.arn())?,
                attached_policies: attached(ctx, at, g.attached_managed_policies())?,
                inline_policies: inline(ctx, at, g.group_policy_list())?,
            });
        }
        for r in page.role_detail_list() {
            details.roles.push(Role {
                name: need("RoleDetailList.RoleName", r.role_name())?,
                arn: need("RoleDetailList.Arn", r.arn())?,
                attached_policies: attached(ctx, at, r.attached_managed_policies())?,
                inline_policies: inline(ctx, at, r.role_policy_list())?,
                assume_role_policy: r.assume_role_policy_document().map(decode_policy),
                // "/" is the documented default path (IAM API reference, RoleDetail).
                path: r.path().unwrap_or("/").to_string(),
                tags: r
                    .tags()
                    .iter()
                    .map(|t| (t.key().to_string(), t.value().to_string()))
                    .collect(),
                created: r.create_date().and_then(to_offset),
                last_used: r
                    .role_last_used()
                    .and_then(|u| u.last_used_date())
                    .and_then(to_offset),
            });
        }
        for p in page.policies() {
            let arn = need("Policies.Arn", p.arn())?;
            details.policies.push(ManagedPolicy {
                name: policy_name(p.policy_name(), &arn),
                document: p
                    .policy_version_list()
                    .iter()
                    .find(|version| version.is_default_version())
                    .and_then(|version| version.document())
                    .map(decode_policy),
                arn,
            });
        }
    }
    Ok(details)
}

/// A managed policy's name: the answer's `PolicyName`, or else the last part of its ARN
/// (`arn:aws:iam::123456789012:policy/path/NAME`), so no report names a policy with nothing.
/// AWS always sends the name; moto leaves it out of GetAccountAuthorizationDetails.
fn policy_name(name: Option<&str>, arn: &str) -> String {
    match name {
        Some(name) if !name.is_empty() => name.to_string(),
        _ => arn.rsplit('/').next().unwrap_or_default().to_string(),
    }
}

fn attached(
    ctx: &Ctx,
    at: Call<'_>,
    policies: &[aws_sdk_iam::types::AttachedPolicy],
) -> Result<Vec<String>, Gap> {
    policies
        .iter()
        .map(|p| ctx.required_str(at, "AttachedManagedPolicies.PolicyArn", p.policy_arn()))
        .collect()
}

fn inline(
    ctx: &Ctx,
    at: Call<'_>,
    policies: &[aws_sdk_iam::types::PolicyDetail],
) -> Result<Vec<InlinePolicy>, Gap> {
    policies
        .iter()
        .map(|p| {
            Ok(InlinePolicy {
                name: ctx.required_str(at, "PolicyName", p.policy_name())?,
                document: decode_policy(
                    ctx.required_str(at, "PolicyDocument", p.policy_document())?
                        .as_str(),
                ),
            })
        })
        .collect()
}

/// IAM returns policy documents URL-encoded (RFC 3986); a document that is already JSON is kept.
fn decode_policy(document: &str) -> String {
    if document.trim_start().starts_with('{') {
        return document.to_string();
    }
    percent_decode_str(document)
        .decode_utf8_lossy()
        .into_owned()
}

async fn credential_report(ctx: &Ctx, iam: &Client) -> Result<Vec<CredentialReportRow>, Gap> {
    let mut waited = Duration::ZERO;
    let mut delay = REPORT_POLL_FIRST;
    loop {
        let state = ctx
            .call(
                Call::new(IAM, "GenerateCredentialReport"),
                iam.generate_credential_report().send(),
            )
            .await?;
        if state.state() == Some(&ReportStateType::Complete) {
            break;
        }
        if waited >= REPORT_WAIT_LIMIT {
            return Err(ctx.record(report_gap(format!(
                "the report was not ready after {} s",
                waited.as_secs()
            ))));
        }
        tokio::time::sleep(delay).await;
        waited += delay;
        delay = (delay * 2).min(REPORT_POLL_MAX);
    }
    let report = ctx
        .call(
            Call::new(IAM, "GetCredentialReport"),
            iam.get_credential_report().send(),
        )
        .await?;
    // Always sent: without it the report would read as one without users (the root user's
    // row and every finding from it lost).
    let content = ctx.required(
        Call::new(IAM, "GetCredentialReport"),
        "Content",
        report.content().map(|blob| blob.as_ref()),
    )?;
    parse_credential_report(content).map_err(|message| ctx.record(report_gap(message)))
}

fn report_gap(message: String) -> Gap {
    Gap {
        service: IAM.into(),
        region: None,
        operation: "GetCredentialReport".into(),
        resource: None,
        kind: ErrorKind::Other,
        message,
    }
}

/// Parses the credential report CSV. Unknown columns are ignored; a missing one is an error.
pub fn parse_credential_report(csv: &[u8]) -> Result<Vec<CredentialReportRow>, String> {
    let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(csv);
    let headers = reader
        .headers()
        .map_err(|e| format!("malformed credential report: {e}"))?
        .clone();
    let column = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| format!("the credential report has no `{name}` column"))
    };
    let user = column("user")?;
    let arn = column("arn")?;
    let created = column("user_creation_time")?;
    let password_enabled = column("password_enabled")?;
    let password_last_used = column("password_last_used")?;
    let mfa_active = column("mfa_active")?;
    let keys = [
        (
            column("access_key_1_active")?,
            column("access_key_1_last_rotated")?,
            column("access_key_1_last_used_date")?,
        ),
        (
            column("access_key_2_active")?,
            column("access_key_2_last_rotated")?,
            column("access_key_2_last_used_date")?,
        ),
    ];
    reader
        .records()
        .map(|record| {
            let record = record.map_err(|e| format!("malformed credential report: {e}"))?;
            // `flexible(false)`: every record has the header's columns, so `get` always finds one.
            let field = |index: usize| record.get(index).unwrap_or_default();
            Ok(CredentialReportRow {
                user: field(user).to_string(),
                arn: field(arn).to_string(),
                password_enabled: field(password_enabled) == "true",
                password_last_used: timestamp(field(password_last_used)),
                mfa_active: field(mfa_active) == "true",
                access_keys: keys
                    .iter()
                    .zip(1u8..)
                    .map(|(&(active, rotated, used), slot)| AccessKeyReport {
                        slot,
                        active: field(active) == "true",
                        last_rotated: timestamp(field(rotated)),
                        last_used: timestamp(field(used)),
                    })
                    .collect(),
                user_creation_time: timestamp(field(created)),
            })
        })
        .collect()
}

/// A report timestamp; `N/A`, `no_information` and `not_supported` are `None`.
fn timestamp(value: &str) -> Option<OffsetDateTime> {
    OffsetDateTime::parse(value, &Rfc3339).ok()
}

async fn password_policy(ctx: &Ctx, iam: &Client) -> Result<Option<PasswordPolicy>, Gap> {
    let out = ctx
        .call_or_absent(
            Call::new(IAM, "GetAccountPasswordPolicy"),
            &["NoSuchEntity"],
            iam.get_account_password_policy().send(),
        )
        .await?;
    Ok(out
        .and_then(|out| out.password_policy().cloned())
        .map(|p| PasswordPolicy {
            minimum_length: p.minimum_password_length(),
            require_symbols: p.require_symbols(),
            require_numbers: p.require_numbers(),
            require_uppercase: p.require_uppercase_characters(),
            require_lowercase: p.require_lowercase_characters(),
            max_age_days: p.max_password_age(),
            reuse_prevention: p.password_reuse_prevention(),
        }))
}

async fn account_summary(ctx: &Ctx, iam: &Client) -> Result<AccountSummary, Gap> {
    let out = ctx
        .call(
            Call::new(IAM, "GetAccountSummary"),
            iam.get_account_summary().send(),
        )
        .await?;
    // Both are always in the SummaryMap; one missing is an answer cut or altered on its way,
    // and reading it as 0 would pass "the root user has no access keys".
    let at = Call::new(IAM, "GetAccountSummary");
    let value = |key: SummaryKeyType| {
        let value = out.summary_map().and_then(|map| map.get(&key)).copied();
        ctx.required(at, &format!("SummaryMap.{}", key.as_str()), value)
    };
    Ok(AccountSummary {
        root_mfa_enabled: value(SummaryKeyType::AccountMfaEnabled)? == 1,
        root_access_keys_present: value(SummaryKeyType::AccountAccessKeysPresent)? > 0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const REPORT: &str = "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated
<root_account>,arn:aws:iam::123456789012:root,2020-01-01T00:00:00+00:00,not_supported,2026-01-02T03:04:05+00:00,not_supported,not_supported,false,false,N/A,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A
bob,arn:aws:iam::123456789012:user/bob,2025-05-01T10:00:00+00:00,true,no_information,2025-05-01T10:00:00+00:00,N/A,false,true,2025-05-01T10:00:00+00:00,N/A,N/A,N/A,false,N/A,N/A,N/A,N/A,false,N/A,false,N/A
";

    #[test]
    fn parses_root_and_user_rows() -> Result<(), String> {
        let rows = parse_credential_report(REPORT.as_bytes())?;
        assert_eq!(rows.len(), 2);
        assert!(rows[0].is_root());
        assert!(!rows[0].password_enabled);
        assert_eq!(rows[1].user, "bob");
        assert!(rows[1].password_enabled && !rows[1].mfa_active);
        assert_eq!(rows[1].password_last_used, None);
        assert!(rows[1].access_keys[0].active && rows[1].access_keys[0].last_rotated.is_some());
        assert_eq!(rows[1].access_keys[0].last_used, None);
        assert!(!rows[1].access_keys[1].active);
        Ok(())
    }

    #[test]
    fn a_policy_without_a_name_is_named_from_its_arn() {
        let arn = "arn:aws:iam::123456789012:policy/team/ops/Everything";
        assert_eq!(policy_name(Some("Everything"), arn), "Everything");
        assert_eq!(policy_name(None, arn), "Everything");
        assert_eq!(policy_name(Some(""), arn), "Everything");
        assert_eq!(policy_name(None, ""), "");
    }

    #[test]
    fn a_report_missing_a_column_is_an_error_not_a_panic() {
        let err = parse_credential_report(b"user,arn\nbob,arn:aws:iam::1:user/bob\n").unwrap_err();
        assert!(err.contains("user_creation_time"), "{err}");
        assert!(parse_credential_report(b"").is_err());
    }

    #[test]
    fn policy_documents_are_url_decoded_once() {
        assert_eq!(
            decode_policy("%7B%22Version%22%3A%222012-10-17%22%7D"),
            r#"{"Version":"2012-10-17"}"#
        );
        assert_eq!(decode_policy(r#"{"a":"100%"}"#), r#"{"a":"100%"}"#);
    }
}
