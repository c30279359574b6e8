use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Service};

declare_check! {
    /// ## What it does
    /// Checks that no Systems Manager document the account owns is shared publicly
    /// (`DescribeDocumentPermission` lists `all` among the accounts it is shared with).
    ///
    /// ## Why is this bad?
    /// Command and Automation documents describe how the fleet is run and often hold internal
    /// hostnames, bucket names, script logic or even credentials. A public document can be read
    /// (and run against their own instances) by every AWS account.
    ///
    /// ## Example
    /// `aws ssm describe-document-permission --name DOC --permission-type Share` shows
    /// `"AccountIds": ["all"]`. Fix: `aws ssm modify-document-permission --name DOC
    /// --permission-type Share --account-ids-to-remove all`, and turn on the account-level block
    /// of public sharing.
    ///
    /// ## Not evaluated when
    /// The region's documents could not be listed (one finding for the region), or this
    /// document's permissions could not be read.
    pub SSM_DOCUMENT_NOT_PUBLIC = "ssm_document_not_public",
    pillar: Pillar::Security,
    service: Service::Ssm,
    severity: Severity::High,
    best_practices: &[direct("SEC03-BP07")],
    since: "0.2.0",
    title: "Systems Manager documents are not shared publicly",
    remediation: "aws ssm modify-document-permission --name DOCUMENT --permission-type Share --account-ids-to-remove all",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &SSM_DOCUMENT_NOT_PUBLIC;
    ctx.each_in_regions(
        check,
        &ctx.snapshot.ssm,
        |region| &region.documents,
        |document| {
            let name = &document.name;
            Some(match &document.shared_with {
                Fetched::Ok(accounts) if accounts.iter().any(|a| a.eq_ignore_ascii_case("all")) => {
                    check.fail(document, format!("document {name} is shared publicly"))
                }
                Fetched::Ok(accounts) if accounts.is_empty() => {
                    check.pass(document, format!("document {name} is not shared"))
                }
                Fetched::Ok(accounts) => check.pass(
                    document,
                    format!(
                        "document {name} is shared only with account(s) {}",
                        accounts.join(", ")
                    ),
                ),
                Fetched::Failed(gap) => check.not_evaluated(document, gap),
            })
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::testing::*;

    #[test]
    fn private_passes_public_fails_unreadable_is_not_evaluated() {
        let mut snap = snapshot();
        let mut public = document("Bootstrap");
        public.shared_with = Fetched::Ok(vec!["all".into()]);
        let mut partner = document("Deploy");
        partner.shared_with = Fetched::Ok(vec!["210987654321".into()]);
        let mut hidden = document("Hidden");
        hidden.shared_with = Fetched::Failed(denied("DescribeDocumentPermission"));
        ssm(&mut snap).documents = Fetched::Ok(vec![document("Patch"), public, partner, hidden]);

        let findings = run(&SSM_DOCUMENT_NOT_PUBLIC, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[
                ("Patch", Pass),
                ("Bootstrap", Fail),
                ("Deploy", Pass),
                ("Hidden", NotEvaluated)
            ])
        );
        assert_eq!(findings[1].message, "document Bootstrap is shared publicly");

        ssm(&mut snap).documents = Fetched::Failed(denied("ListDocuments"));
        assert_eq!(
            statuses(&run(&SSM_DOCUMENT_NOT_PUBLIC, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
