//! AWS Account Management (global, collected once): whether the account's security, operations
//! and billing alternate contacts are set (`GetAlternateContact`, one call each). Only that is
//! kept: names, addresses and numbers are personal data.

use aws_sdk_account::types::AlternateContactType;
use aws_sdk_account::Client;
use wascan_checks::model::{Account, Fetched};

use super::calls::{Call, Ctx};

const ACCOUNT: &str = "account";
/// Account Management's endpoint is global, signed for us-east-1.
const HOME_REGION: &str = "us-east-1";

fn client(ctx: &Ctx) -> Client {
    let config = aws_sdk_account::config::Builder::from(&ctx.config_for(HOME_REGION))
        .interceptor(ctx.calls.clone())
        .build();
    Client::from_conf(config)
}

pub async fn collect(ctx: &Ctx) -> Account {
    collect_with(ctx, &client(ctx)).await
}

async fn collect_with(ctx: &Ctx, account: &Client) -> Account {
    let (security_contact, operations_contact, billing_contact) = futures::join!(
        contact(ctx, account, AlternateContactType::Security),
        contact(ctx, account, AlternateContactType::Operations),
        contact(ctx, account, AlternateContactType::Billing),
    );
    Account {
        security_contact,
        operations_contact,
        billing_contact,
    }
}

/// Whether a contact of `kind` is set. `ResourceNotFoundException` is the documented answer
/// when none is (AWS Account Management API reference, `GetAlternateContact`: "We can't find
/// the resource that you specified"); an answer without `AlternateContact` is one cut short,
/// a gap, never "not set".
async fn contact(ctx: &Ctx, account: &Client, kind: AlternateContactType) -> Fetched<bool> {
    let at = Call::new(ACCOUNT, "GetAlternateContact").resource(kind.as_str());
    ctx.call_or_absent(
        at,
        &["ResourceNotFoundException"],
        account
            .get_alternate_contact()
            .alternate_contact_type(kind.clone())
            .send(),
    )
    .await
    .and_then(|out| match out {
        None => Ok(false),
        Some(out) => ctx
            .required(at, "AlternateContact", out.alternate_contact())
            .map(|_| true),
    })
    .into()
}

#[cfg(test)]
mod tests {
    use aws_sdk_account::operation::get_alternate_contact::{
        GetAlternateContactError, GetAlternateContactOutput,
    };
    use aws_sdk_account::types::AlternateContact;
    use aws_smithy_mocks::{mock, mock_client, RuleMode};
    use wascan_checks::model::ErrorKind;

    use super::*;
    use crate::collect::tests::test_ctx;

    fn error(code: &'static str) -> GetAlternateContactError {
        GetAlternateContactError::generic(
            aws_smithy_types::error::ErrorMetadata::builder()
                .code(code)
                .message("recorded")
                .build(),
        )
    }

    #[tokio::test]
    async fn set_unset_cut_and_refused_contacts() {
        let security = mock!(Client::get_alternate_contact)
            .match_requests(|r| r.alternate_contact_type() == Some(&AlternateContactType::Security))
            .then_output(|| {
                GetAlternateContactOutput::builder()
                    .alternate_contact(
                        AlternateContact::builder()
                            .alternate_contact_type(AlternateContactType::Security)
                            .email_address("security@example.com")
                            .build(),
                    )
                    .build()
            });
        let operations = mock!(Client::get_alternate_contact)
            .match_requests(|r| {
                r.alternate_contact_type() == Some(&AlternateContactType::Operations)
            })
            .then_error(|| error("ResourceNotFoundException"));
        let billing = mock!(Client::get_alternate_contact)
            .match_requests(|r| r.alternate_contact_type() == Some(&AlternateContactType::Billing))
            .then_error(|| error("AccessDeniedException"));
        let client = mock_client!(
            aws_sdk_account,
            RuleMode::MatchAny,
            &[&security, &operations, &billing]
        );
        let ctx = test_ctx();

        let account = collect_with(&ctx, &client).await;

        assert_eq!(account.security_contact, Fetched::Ok(true));
        assert_eq!(account.operations_contact, Fetched::Ok(false));
        let Fetched::Failed(gap) = &account.billing_contact else {
            panic!("a gap: {:?}", account.billing_contact)
        };
        assert_eq!(gap.kind, ErrorKind::AccessDenied);
        assert_eq!(gap.resource.as_deref(), Some("BILLING"));

        let cut = mock!(Client::get_alternate_contact)
            .then_output(|| GetAlternateContactOutput::builder().build());
        let client = mock_client!(aws_sdk_account, RuleMode::MatchAny, &[&cut]);
        let account = collect_with(&ctx, &client).await;
        assert!(matches!(account.security_contact, Fetched::Failed(_)));
    }
}
