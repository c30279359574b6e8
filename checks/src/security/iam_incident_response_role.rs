use crate::catalog::Pillar;
use crate::check::{indirect, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{Fetched, Service};
use crate::presence::{from_found, Looked};

use super::incident_response::marked;

declare_check! {
    /// ## What it does
    /// Looks for access kept ready for security incidents: IAM roles whose name, path or tags mark
    /// them for incident response, forensics or emergency ("break-glass") access (`incident`,
    /// `forensic`, `breakglass`, `quarantine`, `isolate`, `containment`, `security-response`).
    /// One finding for the account.
    ///
    /// ## Why is this bad?
    /// Responders who must ask for access during an incident lose the first hours to it, or use
    /// the root user or a shared administrator. Roles created beforehand (read-only
    /// investigation, containment, break-glass), with their trust and alarms on their use, let
    /// them start at once. Teams may pre-provision access elsewhere (IAM Identity Center
    /// permission sets, a separate security account), so finding none here is "no evidence
    /// found", not a failure. A proxy: a role's name shows intent, not that responders can use it.
    ///
    /// ## Example
    /// No role is named or tagged for incident response. Fix: create the roles your response
    /// plan needs, e.g. `aws iam create-role --role-name IncidentResponse-ReadOnly
    /// --assume-role-policy-document file://trust-security-account.json --tags
    /// Key=Purpose,Value=incident-response` and attach `arn:aws:iam::aws:policy/SecurityAudit`.
    ///
    /// ## Not evaluated when
    /// The account authorization details could not be read.
    pub IAM_INCIDENT_RESPONSE_ROLE = "iam_incident_response_role",
    pillar: Pillar::Security,
    service: Service::Iam,
    severity: Severity::Low,
    best_practices: &[indirect("SEC10-BP05"), indirect("SEC03-BP03")],
    since: "0.5.0",
    title: "Roles for incident response or emergency access exist before they are needed",
    remediation: "Create the incident-response and break-glass roles the response plan needs (trusted by the security account, tagged Purpose=incident-response), e.g. aws iam create-role --role-name IncidentResponse-ReadOnly ... && aws iam attach-role-policy --policy-arn arn:aws:iam::aws:policy/SecurityAudit",
    evaluate: evaluate,
}

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &IAM_INCIDENT_RESPONSE_ROLE;
    let looked = Looked {
        what: "role(s) kept for incident response or emergency access",
        none: "no IAM role is named or tagged for incident response, forensics or emergency access",
    };
    let details = match &ctx.snapshot.iam.authorization {
        Fetched::Ok(details) => details,
        Fetched::Failed(why) => {
            return vec![from_found(check, ctx.snapshot, vec![], Some(why), looked)]
        }
    };
    let found = details
        .roles
        .iter()
        .filter_map(|role| {
            let text = format!("{}{}", role.path, role.name);
            marked(&text, &role.tags).map(|why| format!("{} ({why})", role.name))
        })
        .collect();
    vec![from_found(check, ctx.snapshot, found, None, looked)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::testing::*;

    fn with_roles(roles: Vec<crate::model::iam::Role>) -> crate::model::Snapshot {
        let mut snap = snapshot();
        if let Fetched::Ok(details) = &mut snap.iam.authorization {
            details.roles = roles;
        }
        snap
    }

    #[test]
    fn a_named_or_tagged_role_passes() {
        let mut tagged = role("ops-readonly");
        tagged.tags = tags(&[("Purpose", "incident-response")]);
        let snap = with_roles(vec![role("web"), role("BreakGlassAdmin"), tagged]);

        let findings = run(&IAM_INCIDENT_RESPONSE_ROLE, &snap);

        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, Pass)]));
        assert_eq!(
            findings[0].message,
            "2 role(s) kept for incident response or emergency access: BreakGlassAdmin (named \"breakglass\"), ops-readonly (tagged Purpose=incident-response)"
        );
    }

    #[test]
    fn none_is_no_evidence_and_unreadable_is_not_evaluated() {
        let findings = run(&IAM_INCIDENT_RESPONSE_ROLE, &with_roles(vec![role("web")]));
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, NoEvidence)]));

        let mut snap = snapshot();
        snap.iam.authorization = Fetched::Failed(denied("GetAccountAuthorizationDetails"));
        let findings = run(&IAM_INCIDENT_RESPONSE_ROLE, &snap);
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, NotEvaluated)]));
    }

    #[test]
    fn a_role_under_an_incident_path_passes() {
        let mut pathed = role("reader");
        pathed.path = "/incident-response/".into();
        let findings = run(&IAM_INCIDENT_RESPONSE_ROLE, &with_roles(vec![pathed]));
        assert_eq!(statuses(&findings), expect(&[(ACCOUNT, Pass)]));
    }
}
