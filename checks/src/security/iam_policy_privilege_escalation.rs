use serde_json::Value;

use crate::catalog::Pillar;
use crate::check::{direct, Context};
use crate::declare_check;
use crate::finding::{Finding, Severity};
use crate::model::{ErrorKind, Fetched, Gap, Resource, Service};

declare_check! {
    /// ## What it does
    /// Checks that no customer-managed or inline IAM policy grants a well-known privilege
    /// escalation path (after Rhino Security Labs', Bishop Fox's and Prowler's lists): rewriting
    /// policies (`iam:CreatePolicyVersion`, `iam:SetDefaultPolicyVersion`, `iam:Attach*Policy`,
    /// `iam:Put*Policy`, `iam:AddUserToGroup`, `iam:UpdateAssumeRolePolicy`), taking over other
    /// users (`iam:CreateAccessKey`, `iam:CreateLoginProfile`, `iam:UpdateLoginProfile`), or
    /// `iam:PassRole` with an action that runs code under the passed role (`ec2:RunInstances`,
    /// `lambda:CreateFunction` with `InvokeFunction`/`CreateEventSourceMapping`/`AddPermission`,
    /// `cloudformation:CreateStack`, `glue:CreateDevEndpoint`, `glue:CreateJob` with a way to run
    /// it, `codebuild:CreateProject` with `StartBuild`, `ecs:RegisterTaskDefinition` with
    /// `RunTask`/`StartTask`/`CreateService`, SageMaker notebooks and jobs, Data Pipeline, Auto
    /// Scaling, App Runner, CodeStar). Actions are matched with their wildcards (`iam:*`,
    /// `iam:Put*`, `*`) and `NotAction`; only statements whose `Resource` has a wildcard, names
    /// the caller (`${aws:username}`) or is a `NotResource` count, and actions denied on `*`
    /// without a condition are taken away. Conditions on an `Allow` are not evaluated (they
    /// rarely stop these paths, e.g. `iam:PassedToService`): the finding names the statements'
    /// actions so a reviewer can judge. AWS managed policies are skipped.
    ///
    /// ## Why is this bad?
    /// A principal with one of these paths can make itself (or a role it controls) an
    /// administrator: its real permissions are the account's, whatever the policy looks like.
    ///
    /// ## Example
    /// A policy allowing `iam:PassRole` and `lambda:CreateFunction` and `lambda:InvokeFunction` on
    /// `*`: create a function with an admin role, invoke it. Fix: scope `iam:PassRole` to the
    /// roles meant to be passed (with `iam:PassedToService`), scope IAM write actions to named
    /// resources, or set a permissions boundary.
    ///
    /// ## Not evaluated when
    /// The authorization details could not be read, or a policy's document is missing or is not
    /// a JSON policy.
    pub IAM_POLICY_PRIVILEGE_ESCALATION = "iam_policy_privilege_escalation",
    pillar: Pillar::Security,
    service: Service::Iam,
    severity: Severity::High,
    best_practices: &[direct("SEC03-BP02")],
    since: "0.3.0",
    title: "IAM policies grant no privilege escalation path",
    remediation: "Scope iam:PassRole and IAM write actions to named resources (with iam:PassedToService conditions), split the actions across principals, or add a permissions boundary; then aws iam create-policy-version --set-as-default.",
    evaluate: evaluate,
}

/// The escalation paths: each a name and the actions it needs, all of them.
const PATHS: &[(&str, &[&str])] = &[
    ("CreatePolicyVersion", &["iam:CreatePolicyVersion"]),
    ("SetDefaultPolicyVersion", &["iam:SetDefaultPolicyVersion"]),
    ("AttachUserPolicy", &["iam:AttachUserPolicy"]),
    ("AttachGroupPolicy", &["iam:AttachGroupPolicy"]),
    ("AttachRolePolicy", &["iam:AttachRolePolicy"]),
    ("PutUserPolicy", &["iam:PutUserPolicy"]),
    ("PutGroupPolicy", &["iam:PutGroupPolicy"]),
    ("PutRolePolicy", &["iam:PutRolePolicy"]),
    ("AddUserToGroup", &["iam:AddUserToGroup"]),
    ("UpdateAssumeRolePolicy", &["iam:UpdateAssumeRolePolicy"]),
    ("CreateAccessKey", &["iam:CreateAccessKey"]),
    ("CreateLoginProfile", &["iam:CreateLoginProfile"]),
    ("UpdateLoginProfile", &["iam:UpdateLoginProfile"]),
    ("PassRole+EC2", &["iam:PassRole", "ec2:RunInstances"]),
    (
        "PassRole+EC2Spot",
        &["iam:PassRole", "ec2:RequestSpotInstances"],
    ),
    (
        "PassRole+Lambda+Invoke",
        &[
            "iam:PassRole",
            "lambda:CreateFunction",
            "lambda:InvokeFunction",
        ],
    ),
    (
        "PassRole+Lambda+EventSourceMapping",
        &[
            "iam:PassRole",
            "lambda:CreateFunction",
            "lambda:CreateEventSourceMapping",
        ],
    ),
    (
        "PassRole+Lambda+AddPermission",
        &[
            "iam:PassRole",
            "lambda:CreateFunction",
            "lambda:AddPermission",
        ],
    ),
    (
        "PassRole+GlueDevEndpoint",
        &["iam:PassRole", "glue:CreateDevEndpoint"],
    ),
    (
        "PassRole+GlueJob",
        &["iam:PassRole", "glue:CreateJob", "glue:StartJobRun"],
    ),
    (
        "PassRole+GlueJobTrigger",
        &["iam:PassRole", "glue:CreateJob", "glue:CreateTrigger"],
    ),
    (
        "PassRole+CloudFormation",
        &["iam:PassRole", "cloudformation:CreateStack"],
    ),
    (
        "PassRole+CloudFormationStackSet",
        &[
            "iam:PassRole",
            "cloudformation:CreateStackSet",
            "cloudformation:CreateStackInstances",
        ],
    ),
    (
        "PassRole+DataPipeline",
        &[
            "iam:PassRole",
            "datapipeline:CreatePipeline",
            "datapipeline:PutPipelineDefinition",
            "datapipeline:ActivatePipeline",
        ],
    ),
    (
        "PassRole+CodeBuild",
        &[
            "iam:PassRole",
            "codebuild:CreateProject",
            "codebuild:StartBuild",
        ],
    ),
    (
        "PassRole+CodeBuildBatch",
        &[
            "iam:PassRole",
            "codebuild:CreateProject",
            "codebuild:StartBuildBatch",
        ],
    ),
    (
        "PassRole+AutoScaling",
        &[
            "iam:PassRole",
            "autoscaling:CreateAutoScalingGroup",
            "autoscaling:CreateLaunchConfiguration",
        ],
    ),
    (
        "PassRole+ECS+RunTask",
        &["iam:PassRole", "ecs:RegisterTaskDefinition", "ecs:RunTask"],
    ),
    (
        "PassRole+ECS+StartTask",
        &[
            "iam:PassRole",
            "ecs:RegisterTaskDefinition",
            "ecs:StartTask",
        ],
    ),
    (
        "PassRole+ECS+CreateService",
        &[
            "iam:PassRole",
            "ecs:RegisterTaskDefinition",
            "ecs:CreateService",
        ],
    ),
    (
        "PassRole+SageMakerNotebook",
        &["iam:PassRole", "sagemaker:CreateNotebookInstance"],
    ),
    (
        "PassRole+SageMakerTraining",
        &["iam:PassRole", "sagemaker:CreateTrainingJob"],
    ),
    (
        "PassRole+SageMakerProcessing",
        &["iam:PassRole", "sagemaker:CreateProcessingJob"],
    ),
    (
        "PassRole+AppRunner",
        &["iam:PassRole", "apprunner:CreateService"],
    ),
    (
        "PassRole+CodeStar",
        &["iam:PassRole", "codestar:CreateProject"],
    ),
];

fn evaluate(ctx: &Context) -> Vec<Finding> {
    let check = &IAM_POLICY_PRIVILEGE_ESCALATION;
    let details = match &ctx.snapshot.iam.authorization {
        Fetched::Ok(details) => details,
        Fetched::Failed(gap) => {
            return vec![check.not_evaluated(&ctx.snapshot.account_resource("global"), gap)]
        }
    };
    let mut findings = Vec::new();
    for policy in details.policies.iter().filter(|p| !p.is_aws_managed()) {
        let what = format!("policy {}", policy.name);
        findings.push(match &policy.document {
            Some(document) => verdict(check, policy, &what, &policy.name, document),
            None => check.not_evaluated(
                policy,
                &gap(
                    &policy.name,
                    "the answer has no default policy version document".into(),
                ),
            ),
        });
    }
    let inline = details
        .users
        .iter()
        .map(|u| (u as &dyn Resource, "user", &u.name, &u.inline_policies))
        .chain(
            details
                .groups
                .iter()
                .map(|g| (g as &dyn Resource, "group", &g.name, &g.inline_policies)),
        )
        .chain(
            details
                .roles
                .iter()
                .map(|r| (r as &dyn Resource, "role", &r.name, &r.inline_policies)),
        );
    for (principal, kind, name, policies) in inline {
        if policies.is_empty() {
            continue;
        }
        let mut granted = Vec::new();
        let mut unknown = None;
        for policy in policies {
            match escalation_paths(&policy.document) {
                Ok(paths) if paths.is_empty() => {}
                Ok(paths) => granted.push(format!("{} {}", policy.name, describe(&paths))),
                Err(reason) => unknown = Some(gap(&format!("{name}/{}", policy.name), reason)),
            }
        }
        let principal = Inline(principal);
        findings.push(match (granted.is_empty(), unknown) {
            (false, _) => check.fail(
                &principal,
                format!(
                    "{kind} {name}'s inline policies grant privilege escalation: {}",
                    granted.join("; ")
                ),
            ),
            (true, Some(gap)) => check.not_evaluated(&principal, &gap),
            (true, None) => check.pass(
                &principal,
                format!("{kind} {name}'s inline policies grant no privilege escalation path"),
            ),
        });
    }
    findings
}

/// A principal (user, group, role) whose inline policies are judged together: one finding.
struct Inline<'a>(&'a dyn Resource);

impl Resource for Inline<'_> {
    fn resource(&self) -> crate::model::ResourceRef {
        self.0.resource()
    }
}

/// `PassRole+EC2 (iam:PassRole, ec2:RunInstances); ...`
fn describe(paths: &[(&str, &[&str])]) -> String {
    paths
        .iter()
        .map(|(name, actions)| format!("{name} ({})", actions.join(", ")))
        .collect::<Vec<_>>()
        .join("; ")
}

fn gap(resource: &str, message: String) -> Gap {
    Gap {
        service: "iam".into(),
        region: None,
        operation: "GetAccountAuthorizationDetails".into(),
        resource: Some(resource.to_string()),
        kind: ErrorKind::Incomplete,
        message,
    }
}

fn verdict(
    check: &crate::check::Check,
    resource: &impl Resource,
    what: &str,
    id: &str,
    document: &str,
) -> Finding {
    match escalation_paths(document) {
        Ok(paths) if paths.is_empty() => check.pass(
            resource,
            format!("{what} grants no privilege escalation path"),
        ),
        Ok(paths) => check.fail(
            resource,
            format!("{what} grants privilege escalation: {}", describe(&paths)),
        ),
        Err(reason) => check.not_evaluated(resource, &gap(id, reason)),
    }
}

/// The paths a policy document grants, each with its actions.
fn escalation_paths(
    document: &str,
) -> Result<Vec<(&'static str, &'static [&'static str])>, String> {
    let policy: Value = serde_json::from_str(document)
        .map_err(|error| format!("the policy is not valid JSON ({error})"))?;
    let statements: Vec<&Value> = match policy.get("Statement") {
        Some(Value::Array(items)) => items.iter().collect(),
        Some(item @ Value::Object(_)) => vec![item],
        _ => return Err("the policy has no Statement".into()),
    };
    let mut allowed: Vec<Grant> = Vec::new();
    let mut denied: Vec<Grant> = Vec::new();
    for statement in statements {
        let effect = statement.get("Effect").and_then(Value::as_str);
        let grant = Grant::of(statement);
        match effect {
            Some("Allow") if grant.broad_resource => allowed.push(grant),
            Some("Allow") => {}
            Some("Deny") if grant.broad_resource && statement.get("Condition").is_none() => {
                denied.push(grant)
            }
            Some("Deny") => {}
            _ => return Err("a statement has no Effect (Allow or Deny)".into()),
        }
    }
    let granted = |action: &str| {
        allowed.iter().any(|g| g.covers(action)) && !denied.iter().any(|g| g.covers(action))
    };
    Ok(PATHS
        .iter()
        .filter(|(_, actions)| actions.iter().all(|a| granted(a)))
        .map(|(name, actions)| (*name, *actions))
        .collect())
}

/// The actions of one statement and whether its resource is broad.
struct Grant {
    patterns: Vec<String>,
    /// `NotAction`: the statement covers every action but these.
    negated: bool,
    broad_resource: bool,
}

impl Grant {
    fn of(statement: &Value) -> Grant {
        let strings = |field: Option<&Value>| -> Vec<String> {
            match field {
                Some(Value::String(s)) => vec![s.to_ascii_lowercase()],
                Some(Value::Array(items)) => items
                    .iter()
                    .filter_map(Value::as_str)
                    .map(str::to_ascii_lowercase)
                    .collect(),
                _ => vec![],
            }
        };
        let (patterns, negated) = match statement.get("NotAction") {
            Some(not) => (strings(Some(not)), true),
            None => (strings(statement.get("Action")), false),
        };
        let broad_resource = statement.get("NotResource").is_some()
            || strings(statement.get("Resource"))
                .iter()
                .any(|r| r.contains('*') || r.contains("${aws:username}"));
        Grant {
            patterns,
            negated,
            broad_resource,
        }
    }

    fn covers(&self, action: &str) -> bool {
        let action = action.to_ascii_lowercase();
        let matched = self.patterns.iter().any(|p| glob(p, &action));
        matched != self.negated
    }
}

/// `*` matches any run of characters, `?` one; the rest literally.
fn glob(pattern: &str, text: &str) -> bool {
    fn go(p: &[u8], t: &[u8]) -> bool {
        match (p.first(), t.first()) {
            (None, None) => true,
            (Some(b'*'), _) => go(&p[1..], t) || (!t.is_empty() && go(p, &t[1..])),
            (Some(b'?'), Some(_)) => go(&p[1..], &t[1..]),
            (Some(a), Some(b)) if a == b => go(&p[1..], &t[1..]),
            _ => false,
        }
    }
    go(pattern.as_bytes(), text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Status::*;
    use crate::model::iam::{AuthorizationDetails, InlinePolicy, ManagedPolicy};
    use crate::testing::*;

    fn managed(name: &str, document: Option<&str>) -> ManagedPolicy {
        ManagedPolicy {
            arn: format!("arn:aws:iam::{ACCOUNT}:policy/{name}"),
            name: name.into(),
            document: document.map(str::to_string),
        }
    }

    #[test]
    fn paths_are_found_through_wildcards_not_action_and_denies() {
        let paths = |doc: &str| {
            escalation_paths(doc)
                .expect("valid")
                .into_iter()
                .map(|(name, _)| name)
                .collect::<Vec<_>>()
        };
        let lambda = r#"{"Statement":[{"Effect":"Allow","Action":["iam:PassRole","lambda:Create*","lambda:InvokeFunction"],"Resource":"*"}]}"#;
        assert_eq!(
            paths(lambda),
            [
                "PassRole+Lambda+Invoke",
                "PassRole+Lambda+EventSourceMapping"
            ]
        );
        let scoped = r#"{"Statement":[{"Effect":"Allow","Action":["iam:PassRole","lambda:CreateFunction","lambda:InvokeFunction"],"Resource":"arn:aws:iam::1:role/app"}]}"#;
        assert!(paths(scoped).is_empty());
        let self_service = r#"{"Statement":{"Effect":"Allow","Action":"iam:CreateAccessKey","Resource":"arn:aws:iam::1:user/${aws:username}"}}"#;
        assert_eq!(paths(self_service), ["CreateAccessKey"]);
        let put = r#"{"Statement":{"Effect":"Allow","Action":"iam:put*","Resource":"*"}}"#;
        assert_eq!(
            paths(put),
            ["PutUserPolicy", "PutGroupPolicy", "PutRolePolicy"]
        );
        let not_action = r#"{"Statement":{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}}"#;
        assert!(paths(not_action).is_empty());
        let denied = r#"{"Statement":[{"Effect":"Allow","Action":"iam:*","Resource":"*"},{"Effect":"Deny","Action":"iam:*","Resource":"*"}]}"#;
        assert!(paths(denied).is_empty());
        let read_only = r#"{"Statement":{"Effect":"Allow","Action":["iam:Get*","iam:List*","ec2:RunInstances"],"Resource":"*"}}"#;
        assert!(paths(read_only).is_empty());
        assert!(escalation_paths(r#"{"Statement":[{"Action":"*"}]}"#).is_err());
        assert!(escalation_paths("nope").is_err());
    }

    #[test]
    fn customer_managed_and_inline_policies_are_judged_aws_managed_skipped() {
        let mut snap = snapshot();
        let pass_ec2 = r#"{"Statement":{"Effect":"Allow","Action":["iam:PassRole","ec2:RunInstances"],"Resource":"*"}}"#;
        let read = r#"{"Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}}"#;
        let mut dev = role("dev");
        dev.inline_policies = vec![InlinePolicy {
            name: "launch".into(),
            document: pass_ec2.into(),
        }];
        let mut admin = managed(
            "AdministratorAccess",
            Some(r#"{"Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}"#),
        );
        admin.arn = "arn:aws:iam::aws:policy/AdministratorAccess".into();
        snap.iam.authorization = Fetched::Ok(AuthorizationDetails {
            roles: vec![dev],
            policies: vec![
                managed("reader", Some(read)),
                managed("launcher", Some(pass_ec2)),
                managed("unknown", None),
                admin,
            ],
            ..AuthorizationDetails::default()
        });

        let findings = run(&IAM_POLICY_PRIVILEGE_ESCALATION, &snap);

        assert_eq!(
            statuses(&findings),
            expect(&[
                ("reader", Pass),
                ("launcher", Fail),
                ("unknown", NotEvaluated),
                ("dev", Fail),
            ])
        );
        assert_eq!(
            findings[3].message,
            "role dev's inline policies grant privilege escalation: launch PassRole+EC2 (iam:PassRole, ec2:RunInstances)"
        );

        snap.iam.authorization = Fetched::Failed(denied("GetAccountAuthorizationDetails"));
        assert_eq!(
            statuses(&run(&IAM_POLICY_PRIVILEGE_ESCALATION, &snap)),
            expect(&[(ACCOUNT, NotEvaluated)])
        );
    }
}
