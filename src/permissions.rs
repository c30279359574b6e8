//! The IAM permissions a scan needs: for every API operation the collectors call, the IAM action
//! that authorises it, per service. `wascan policy` prints the least-privilege read-only policy
//! for a selection of checks from this table.
//!
//! Keep it in step with `src/collect/`: a test runs the demo scan and fails when an operation it
//! counted (`api_calls.by_operation`) has no action here. The IAM action names differ from the
//! API names for S3 (`GetBucketEncryption` is authorised by `s3:GetEncryptionConfiguration`).

use std::collections::BTreeSet;

use wascan_checks::model::Service;

/// An API operation as the call counter names it (`service:Operation`) and the IAM action that
/// authorises it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Permission {
    pub operation: &'static str,
    pub action: &'static str,
}

const fn p(operation: &'static str, action: &'static str) -> Permission {
    Permission { operation, action }
}

/// Called by every scan: identify the account and resolve the regions.
pub const ALWAYS: &[Permission] = &[
    p("sts:GetCallerIdentity", "sts:GetCallerIdentity"),
    p("ec2:DescribeRegions", "ec2:DescribeRegions"),
];

/// Called by the identity that runs a multi-account scan (`--org`, `--accounts`), in its own
/// account: list the organisation's accounts (`--org` only) and assume the role in each.
pub const ORG: &[Permission] = &[
    p("organizations:ListAccounts", "organizations:ListAccounts"),
    p("sts:AssumeRole", "sts:AssumeRole"),
];

/// Tags, in bulk, of the resources whose service's own answers carry none (src/collect/tagging.rs):
/// part of the policy of every service that needs it.
const TAGS: Permission = p("resourcegroupstaggingapi:GetResources", "tag:GetResources");

pub const EC2: &[Permission] = &[
    p("ec2:DescribeInstances", "ec2:DescribeInstances"),
    p("ec2:DescribeVolumes", "ec2:DescribeVolumes"),
    p(
        "ec2:GetEbsEncryptionByDefault",
        "ec2:GetEbsEncryptionByDefault",
    ),
    p("ec2:DescribeSecurityGroups", "ec2:DescribeSecurityGroups"),
    p("ec2:DescribeVpcs", "ec2:DescribeVpcs"),
    p("ec2:DescribeFlowLogs", "ec2:DescribeFlowLogs"),
    p("ec2:DescribeAddresses", "ec2:DescribeAddresses"),
    p("ec2:DescribeSnapshots", "ec2:DescribeSnapshots"),
    p("ec2:DescribeVpcEndpoints", "ec2:DescribeVpcEndpoints"),
    // The network topology (src/collect/ec2_network.rs).
    p("ec2:DescribeSubnets", "ec2:DescribeSubnets"),
    p("ec2:DescribeNatGateways", "ec2:DescribeNatGateways"),
    p("ec2:DescribeRouteTables", "ec2:DescribeRouteTables"),
    p("ec2:DescribeVpnConnections", "ec2:DescribeVpnConnections"),
    p(
        "ec2:DescribeVpcPeeringConnections",
        "ec2:DescribeVpcPeeringConnections",
    ),
    p(
        "ec2:DescribeTransitGatewayVpcAttachments",
        "ec2:DescribeTransitGatewayVpcAttachments",
    ),
    p("ec2:DescribeTransitGateways", "ec2:DescribeTransitGateways"),
    // What the groups are used by, network ACLs and user data (src/collect/ec2_exposure.rs).
    p(
        "ec2:DescribeNetworkInterfaces",
        "ec2:DescribeNetworkInterfaces",
    ),
    p("ec2:DescribeNetworkAcls", "ec2:DescribeNetworkAcls"),
    p(
        "ec2:DescribeInstanceAttribute",
        "ec2:DescribeInstanceAttribute",
    ),
];

pub const S3: &[Permission] = &[
    p("s3:ListBuckets", "s3:ListAllMyBuckets"),
    p("s3:GetBucketLocation", "s3:GetBucketLocation"),
    // Only when GetBucketLocation fails: its x-amz-bucket-region header names the region.
    p("s3:HeadBucket", "s3:ListBucket"),
    p("s3:GetBucketEncryption", "s3:GetEncryptionConfiguration"),
    p("s3:GetBucketVersioning", "s3:GetBucketVersioning"),
    p("s3:GetPublicAccessBlock", "s3:GetBucketPublicAccessBlock"),
    p("s3:GetBucketPolicy", "s3:GetBucketPolicy"),
    p("s3:GetBucketAcl", "s3:GetBucketAcl"),
    p("s3:GetBucketLogging", "s3:GetBucketLogging"),
    p(
        "s3:GetBucketLifecycleConfiguration",
        "s3:GetLifecycleConfiguration",
    ),
    p("s3:GetBucketTagging", "s3:GetBucketTagging"),
    p(
        "s3control:GetPublicAccessBlock",
        "s3:GetAccountPublicAccessBlock",
    ),
];

pub const IAM: &[Permission] = &[
    p("iam:ListSAMLProviders", "iam:ListSAMLProviders"),
    p(
        "iam:ListOpenIDConnectProviders",
        "iam:ListOpenIDConnectProviders",
    ),
    p(
        "iam:GetAccountAuthorizationDetails",
        "iam:GetAccountAuthorizationDetails",
    ),
    // Builds the credential report; changes nothing in the account.
    p(
        "iam:GenerateCredentialReport",
        "iam:GenerateCredentialReport",
    ),
    p("iam:GetCredentialReport", "iam:GetCredentialReport"),
    p(
        "iam:GetAccountPasswordPolicy",
        "iam:GetAccountPasswordPolicy",
    ),
    p("iam:GetAccountSummary", "iam:GetAccountSummary"),
];

pub const CLOUDTRAIL: &[Permission] = &[
    TAGS,
    p("cloudtrail:DescribeTrails", "cloudtrail:DescribeTrails"),
    p("cloudtrail:GetTrailStatus", "cloudtrail:GetTrailStatus"),
    p(
        "cloudtrail:GetEventSelectors",
        "cloudtrail:GetEventSelectors",
    ),
    p(
        "cloudtrail:ListEventDataStores",
        "cloudtrail:ListEventDataStores",
    ),
];

pub const CONFIG: &[Permission] = &[
    p(
        "configservice:DescribeConfigurationRecorders",
        "config:DescribeConfigurationRecorders",
    ),
    p(
        "configservice:DescribeConfigurationRecorderStatus",
        "config:DescribeConfigurationRecorderStatus",
    ),
    p(
        "configservice:DescribeConformancePacks",
        "config:DescribeConformancePacks",
    ),
    p(
        "configservice:DescribeConfigRules",
        "config:DescribeConfigRules",
    ),
    p(
        "configservice:DescribeRemediationConfigurations",
        "config:DescribeRemediationConfigurations",
    ),
];

pub const RDS: &[Permission] = &[
    p("rds:DescribeDBInstances", "rds:DescribeDBInstances"),
    p("rds:DescribeDBClusters", "rds:DescribeDBClusters"),
];

pub const DYNAMODB: &[Permission] = &[
    TAGS,
    p("dynamodb:ListTables", "dynamodb:ListTables"),
    p("dynamodb:DescribeTable", "dynamodb:DescribeTable"),
    p(
        "dynamodb:DescribeContinuousBackups",
        "dynamodb:DescribeContinuousBackups",
    ),
];

pub const KMS: &[Permission] = &[
    p("kms:GetKeyPolicy", "kms:GetKeyPolicy"),
    TAGS,
    p("kms:ListKeys", "kms:ListKeys"),
    p("kms:ListAliases", "kms:ListAliases"),
    p("kms:DescribeKey", "kms:DescribeKey"),
    p("kms:GetKeyRotationStatus", "kms:GetKeyRotationStatus"),
];

pub const LOGS: &[Permission] = &[
    TAGS,
    p("cloudwatchlogs:DescribeLogGroups", "logs:DescribeLogGroups"),
];

pub const LAMBDA: &[Permission] = &[
    p("lambda:GetPolicy", "lambda:GetPolicy"),
    TAGS,
    p("lambda:ListFunctions", "lambda:ListFunctions"),
    p(
        "lambda:ListEventSourceMappings",
        "lambda:ListEventSourceMappings",
    ),
    p(
        "lambda:GetFunctionCodeSigningConfig",
        "lambda:GetFunctionCodeSigningConfig",
    ),
    p("lambda:GetCodeSigningConfig", "lambda:GetCodeSigningConfig"),
];

pub const ELBV2: &[Permission] = &[
    TAGS,
    p(
        "elasticloadbalancingv2:DescribeLoadBalancers",
        "elasticloadbalancing:DescribeLoadBalancers",
    ),
    p(
        "elasticloadbalancingv2:DescribeListeners",
        "elasticloadbalancing:DescribeListeners",
    ),
    p(
        "elasticloadbalancingv2:DescribeLoadBalancerAttributes",
        "elasticloadbalancing:DescribeLoadBalancerAttributes",
    ),
    p(
        "elasticloadbalancingv2:DescribeTargetGroups",
        "elasticloadbalancing:DescribeTargetGroups",
    ),
    p("wafv2:GetWebACLForResource", "wafv2:GetWebACLForResource"),
    p(
        "elasticloadbalancingv2:DescribeTargetGroupAttributes",
        "elasticloadbalancing:DescribeTargetGroupAttributes",
    ),
];

pub const GUARDDUTY: &[Permission] = &[
    p("guardduty:ListDetectors", "guardduty:ListDetectors"),
    p("guardduty:GetDetector", "guardduty:GetDetector"),
];

pub const SECURITYHUB: &[Permission] = &[
    p("securityhub:DescribeHub", "securityhub:DescribeHub"),
    p(
        "securityhub:GetEnabledStandards",
        "securityhub:GetEnabledStandards",
    ),
];

pub const SQS: &[Permission] = &[
    TAGS,
    p("sqs:ListQueues", "sqs:ListQueues"),
    p("sqs:GetQueueAttributes", "sqs:GetQueueAttributes"),
];

pub const SNS: &[Permission] = &[
    TAGS,
    p("sns:ListTopics", "sns:ListTopics"),
    p("sns:GetTopicAttributes", "sns:GetTopicAttributes"),
];

pub const SECRETSMANAGER: &[Permission] = &[
    p(
        "secretsmanager:GetResourcePolicy",
        "secretsmanager:GetResourcePolicy",
    ),
    p("secretsmanager:ListSecrets", "secretsmanager:ListSecrets"),
];

pub const EFS: &[Permission] = &[
    p(
        "efs:DescribeFileSystems",
        "elasticfilesystem:DescribeFileSystems",
    ),
    p(
        "efs:DescribeBackupPolicy",
        "elasticfilesystem:DescribeBackupPolicy",
    ),
    p(
        "efs:DescribeLifecycleConfiguration",
        "elasticfilesystem:DescribeLifecycleConfiguration",
    ),
];

pub const ECR: &[Permission] = &[
    p("ecr:DescribeRepositories", "ecr:DescribeRepositories"),
    p(
        "ecr:GetRegistryScanningConfiguration",
        "ecr:GetRegistryScanningConfiguration",
    ),
    p("ecr:GetLifecyclePolicy", "ecr:GetLifecyclePolicy"),
    p("ecr:GetRepositoryPolicy", "ecr:GetRepositoryPolicy"),
    p(
        "ecr:DescribePullThroughCacheRules",
        "ecr:DescribePullThroughCacheRules",
    ),
];

pub const ECS: &[Permission] = &[
    p("ecs:ListClusters", "ecs:ListClusters"),
    p("ecs:DescribeClusters", "ecs:DescribeClusters"),
    p(
        "ecs:ListTaskDefinitionFamilies",
        "ecs:ListTaskDefinitionFamilies",
    ),
    p("ecs:DescribeTaskDefinition", "ecs:DescribeTaskDefinition"),
    p("ecs:ListServices", "ecs:ListServices"),
    p("ecs:DescribeServices", "ecs:DescribeServices"),
];

pub const EKS: &[Permission] = &[
    p("eks:ListClusters", "eks:ListClusters"),
    p("eks:DescribeCluster", "eks:DescribeCluster"),
    p("eks:ListNodegroups", "eks:ListNodegroups"),
    p("eks:ListFargateProfiles", "eks:ListFargateProfiles"),
];

pub const AUTOSCALING: &[Permission] = &[
    p(
        "autoscaling:DescribeAutoScalingGroups",
        "autoscaling:DescribeAutoScalingGroups",
    ),
    p(
        "autoscaling:DescribePolicies",
        "autoscaling:DescribePolicies",
    ),
    p(
        "autoscaling:DescribeScheduledActions",
        "autoscaling:DescribeScheduledActions",
    ),
    p(
        "autoscaling:DescribeLaunchConfigurations",
        "autoscaling:DescribeLaunchConfigurations",
    ),
    p(
        "ec2:DescribeLaunchTemplateVersions",
        "ec2:DescribeLaunchTemplateVersions",
    ),
];

pub const ACM: &[Permission] = &[TAGS, p("acm:ListCertificates", "acm:ListCertificates")];

pub const SSM: &[Permission] = &[
    p("ssm:DescribeParameters", "ssm:DescribeParameters"),
    // Values of String parameters, without decryption, scanned for secrets and dropped.
    p("ssm:GetParameters", "ssm:GetParameters"),
    p(
        "ssm:DescribeInstanceInformation",
        "ssm:DescribeInstanceInformation",
    ),
    p(
        "ssm:ListResourceComplianceSummaries",
        "ssm:ListResourceComplianceSummaries",
    ),
    p("ssm:ListDocuments", "ssm:ListDocuments"),
    p(
        "ssm:DescribeDocumentPermission",
        "ssm:DescribeDocumentPermission",
    ),
    p(
        "ssm:DescribeAutomationExecutions",
        "ssm:DescribeAutomationExecutions",
    ),
];

pub const BACKUP: &[Permission] = &[
    TAGS,
    p("backup:ListBackupPlans", "backup:ListBackupPlans"),
    p("backup:ListBackupVaults", "backup:ListBackupVaults"),
    p(
        "backup:ListProtectedResources",
        "backup:ListProtectedResources",
    ),
    p("backup:GetBackupPlan", "backup:GetBackupPlan"),
    p(
        "backup:ListRestoreTestingPlans",
        "backup:ListRestoreTestingPlans",
    ),
    p("backup:ListRestoreJobs", "backup:ListRestoreJobs"),
];

pub const ORGANIZATIONS: &[Permission] = &[
    p(
        "organizations:DescribeOrganization",
        "organizations:DescribeOrganization",
    ),
    p("organizations:ListPolicies", "organizations:ListPolicies"),
    p(
        "organizations:ListTargetsForPolicy",
        "organizations:ListTargetsForPolicy",
    ),
    p(
        "organizations:ListDelegatedAdministrators",
        "organizations:ListDelegatedAdministrators",
    ),
    // Which accounts are the organization's own (role trust policies that trust others).
    p("organizations:ListAccounts", "organizations:ListAccounts"),
];

pub const BUDGETS: &[Permission] = &[
    p("budgets:DescribeBudgets", "budgets:ViewBudget"),
    p(
        "budgets:DescribeNotificationsForBudget",
        "budgets:ViewBudget",
    ),
];

pub const COSTEXPLORER: &[Permission] = &[
    p("costexplorer:GetAnomalyMonitors", "ce:GetAnomalyMonitors"),
    p(
        "costexplorer:GetAnomalySubscriptions",
        "ce:GetAnomalySubscriptions",
    ),
    p(
        "costexplorer:ListCostAllocationTags",
        "ce:ListCostAllocationTags",
    ),
    p(
        "costexplorer:ListCostCategoryDefinitions",
        "ce:ListCostCategoryDefinitions",
    ),
    p(
        "costexplorer:GetSavingsPlansCoverage",
        "ce:GetSavingsPlansCoverage",
    ),
    p(
        "costexplorer:GetSavingsPlansUtilization",
        "ce:GetSavingsPlansUtilization",
    ),
    p(
        "costexplorer:GetReservationUtilization",
        "ce:GetReservationUtilization",
    ),
    p(
        "costexplorer:GetSavingsPlansPurchaseRecommendation",
        "ce:GetSavingsPlansPurchaseRecommendation",
    ),
];

pub const COMPUTEOPTIMIZER: &[Permission] = &[
    p(
        "computeoptimizer:GetEnrollmentStatus",
        "compute-optimizer:GetEnrollmentStatus",
    ),
    p(
        "computeoptimizer:GetEC2InstanceRecommendations",
        "compute-optimizer:GetEC2InstanceRecommendations",
    ),
    p(
        "computeoptimizer:GetAutoScalingGroupRecommendations",
        "compute-optimizer:GetAutoScalingGroupRecommendations",
    ),
    p(
        "computeoptimizer:GetEBSVolumeRecommendations",
        "compute-optimizer:GetEBSVolumeRecommendations",
    ),
    p(
        "computeoptimizer:GetLambdaFunctionRecommendations",
        "compute-optimizer:GetLambdaFunctionRecommendations",
    ),
    p(
        "computeoptimizer:GetECSServiceRecommendations",
        "compute-optimizer:GetECSServiceRecommendations",
    ),
    p(
        "computeoptimizer:GetRDSDatabaseRecommendations",
        "compute-optimizer:GetRDSDatabaseRecommendations",
    ),
];

pub const CLOUDFRONT: &[Permission] = &[
    TAGS,
    p(
        "cloudfront:ListDistributions",
        "cloudfront:ListDistributions",
    ),
    p(
        "cloudfront:GetDistributionConfig",
        "cloudfront:GetDistributionConfig",
    ),
];

pub const ROUTE53: &[Permission] = &[
    p("route53:ListHostedZones", "route53:ListHostedZones"),
    p(
        "route53:ListResourceRecordSets",
        "route53:ListResourceRecordSets",
    ),
    p(
        "route53:ListQueryLoggingConfigs",
        "route53:ListQueryLoggingConfigs",
    ),
    p(
        "route53:ListTagsForResources",
        "route53:ListTagsForResources",
    ),
];

pub const CLOUDWATCH: &[Permission] = &[
    TAGS,
    p("cloudwatch:DescribeAlarms", "cloudwatch:DescribeAlarms"),
    p(
        "cloudwatchlogs:DescribeMetricFilters",
        "logs:DescribeMetricFilters",
    ),
    p("cloudwatch:ListDashboards", "cloudwatch:ListDashboards"),
];

pub const ACCESSANALYZER: &[Permission] = &[
    p(
        "accessanalyzer:ListAnalyzers",
        "access-analyzer:ListAnalyzers",
    ),
    p(
        "accessanalyzer:ListFindingsV2",
        "access-analyzer:ListFindingsV2",
    ),
];

pub const CLOUDFORMATION: &[Permission] = &[
    p(
        "cloudformation:DescribeStacks",
        "cloudformation:DescribeStacks",
    ),
    p(
        "cloudformation:ListStackSets",
        "cloudformation:ListStackSets",
    ),
];

/// API Gateway authorises reads by resource path, all with the one action `apigateway:GET`.
pub const APIGATEWAY: &[Permission] = &[
    p("apigateway:GetRestApis", "apigateway:GET"),
    p("apigateway:GetUsagePlans", "apigateway:GET"),
    p("apigateway:GetStages", "apigateway:GET"),
    p("apigateway:GetRequestValidators", "apigateway:GET"),
];

pub const INSPECTOR2: &[Permission] = &[
    p(
        "inspector2:BatchGetAccountStatus",
        "inspector2:BatchGetAccountStatus",
    ),
    p("inspector2:ListFindings", "inspector2:ListFindings"),
];

pub const MACIE2: &[Permission] = &[
    p("macie2:GetMacieSession", "macie2:GetMacieSession"),
    p(
        "macie2:GetAutomatedDiscoveryConfiguration",
        "macie2:GetAutomatedDiscoveryConfiguration",
    ),
    p(
        "macie2:ListClassificationJobs",
        "macie2:ListClassificationJobs",
    ),
];

pub const WAFV2: &[Permission] = &[
    p("wafv2:ListWebACLs", "wafv2:ListWebACLs"),
    p("wafv2:GetWebACL", "wafv2:GetWebACL"),
];

pub const DETECTIVE: &[Permission] = &[p("detective:ListGraphs", "detective:ListGraphs")];
pub const RAM: &[Permission] = &[
    p("ram:GetResourceShares", "ram:GetResourceShares"),
    p(
        "ram:GetResourceShareAssociations",
        "ram:GetResourceShareAssociations",
    ),
];

pub const OPENSEARCH: &[Permission] = &[
    p("opensearch:ListDomainNames", "es:ListDomainNames"),
    p("opensearch:DescribeDomains", "es:DescribeDomains"),
];

pub const FIS: &[Permission] = &[
    p("fis:ListExperimentTemplates", "fis:ListExperimentTemplates"),
    p("fis:ListExperiments", "fis:ListExperiments"),
];

pub const CODEDEPLOY: &[Permission] = &[
    p("codedeploy:ListApplications", "codedeploy:ListApplications"),
    p(
        "codedeploy:ListDeploymentGroups",
        "codedeploy:ListDeploymentGroups",
    ),
    p(
        "codedeploy:GetDeploymentGroup",
        "codedeploy:GetDeploymentGroup",
    ),
];

pub const RESILIENCEHUB: &[Permission] = &[
    p("resiliencehub:ListApps", "resiliencehub:ListApps"),
    p("resiliencehub:DescribeApp", "resiliencehub:DescribeApp"),
    p(
        "resiliencehub:ListResiliencyPolicies",
        "resiliencehub:ListResiliencyPolicies",
    ),
];

pub const SYNTHETICS: &[Permission] = &[p(
    "synthetics:DescribeCanaries",
    "synthetics:DescribeCanaries",
)];
pub const ELASTICACHE: &[Permission] = &[p(
    "elasticache:DescribeCacheClusters",
    "elasticache:DescribeCacheClusters",
)];

pub const DATAEXPORTS: &[Permission] = &[
    p("bcmdataexports:ListExports", "bcm-data-exports:ListExports"),
    p("bcmdataexports:GetExport", "bcm-data-exports:GetExport"),
];

pub const SSMINCIDENTS: &[Permission] = &[
    p(
        "ssmincidents:ListResponsePlans",
        "ssm-incidents:ListResponsePlans",
    ),
    p(
        "ssmincidents:GetResponsePlan",
        "ssm-incidents:GetResponsePlan",
    ),
    p(
        "ssmincidents:ListIncidentRecords",
        "ssm-incidents:ListIncidentRecords",
    ),
    p(
        "ssmincidents:ListRelatedItems",
        "ssm-incidents:ListRelatedItems",
    ),
];

pub const CODEPIPELINE: &[Permission] = &[
    p("codepipeline:ListPipelines", "codepipeline:ListPipelines"),
    p("codepipeline:GetPipeline", "codepipeline:GetPipeline"),
    p(
        "codepipeline:ListPipelineExecutions",
        "codepipeline:ListPipelineExecutions",
    ),
];

pub const SERVICEQUOTAS: &[Permission] = &[
    p(
        "servicequotas:GetServiceQuota",
        "servicequotas:GetServiceQuota",
    ),
    p(
        "servicequotas:GetAWSDefaultServiceQuota",
        "servicequotas:GetAWSDefaultServiceQuota",
    ),
];
pub const WELLARCHITECTED: &[Permission] = &[
    p(
        "wellarchitected:ListWorkloads",
        "wellarchitected:ListWorkloads",
    ),
    p(
        "wellarchitected:ListMilestones",
        "wellarchitected:ListMilestones",
    ),
    p(
        "wellarchitected:GetLensReview",
        "wellarchitected:GetLensReview",
    ),
];

pub const SUPPORT: &[Permission] = &[p(
    "support:DescribeSeverityLevels",
    "support:DescribeSeverityLevels",
)];
pub const ACCOUNT: &[Permission] = &[p(
    "account:GetAlternateContact",
    "account:GetAlternateContact",
)];

pub const SHIELD: &[Permission] = &[
    p("shield:DescribeSubscription", "shield:DescribeSubscription"),
    p("shield:ListProtections", "shield:ListProtections"),
];

pub const NETWORKFIREWALL: &[Permission] = &[
    p(
        "networkfirewall:ListFirewalls",
        "network-firewall:ListFirewalls",
    ),
    p(
        "networkfirewall:DescribeFirewall",
        "network-firewall:DescribeFirewall",
    ),
    p(
        "networkfirewall:DescribeLoggingConfiguration",
        "network-firewall:DescribeLoggingConfiguration",
    ),
];

/// The operations one service's collector calls.
pub fn for_service(service: Service) -> &'static [Permission] {
    match service {
        Service::Ec2 => EC2,
        Service::Iam => IAM,
        Service::S3 => S3,
        Service::Cloudtrail => CLOUDTRAIL,
        Service::Config => CONFIG,
        Service::Rds => RDS,
        Service::Dynamodb => DYNAMODB,
        Service::Kms => KMS,
        Service::Logs => LOGS,
        Service::Lambda => LAMBDA,
        Service::Elbv2 => ELBV2,
        Service::Guardduty => GUARDDUTY,
        Service::Securityhub => SECURITYHUB,
        Service::Sqs => SQS,
        Service::Sns => SNS,
        Service::Secretsmanager => SECRETSMANAGER,
        Service::Efs => EFS,
        Service::Ecr => ECR,
        Service::Ecs => ECS,
        Service::Eks => EKS,
        Service::Autoscaling => AUTOSCALING,
        Service::Acm => ACM,
        Service::Ssm => SSM,
        Service::Backup => BACKUP,
        Service::Organizations => ORGANIZATIONS,
        Service::Budgets => BUDGETS,
        Service::CostExplorer => COSTEXPLORER,
        Service::ComputeOptimizer => COMPUTEOPTIMIZER,
        Service::Cloudfront => CLOUDFRONT,
        Service::Route53 => ROUTE53,
        Service::Cloudwatch => CLOUDWATCH,
        Service::AccessAnalyzer => ACCESSANALYZER,
        Service::Cloudformation => CLOUDFORMATION,
        Service::Apigateway => APIGATEWAY,
        Service::Fis => FIS,
        Service::Codedeploy => CODEDEPLOY,
        Service::Resiliencehub => RESILIENCEHUB,
        Service::Synthetics => SYNTHETICS,
        Service::Inspector2 => INSPECTOR2,
        Service::Macie2 => MACIE2,
        Service::Wafv2 => WAFV2,
        Service::Detective => DETECTIVE,
        Service::Ram => RAM,
        Service::Opensearch => OPENSEARCH,
        Service::Elasticache => ELASTICACHE,
        Service::Dataexports => DATAEXPORTS,
        Service::Ssmincidents => SSMINCIDENTS,
        Service::Codepipeline => CODEPIPELINE,
        Service::Servicequotas => SERVICEQUOTAS,
        Service::Wellarchitected => WELLARCHITECTED,
        Service::Support => SUPPORT,
        Service::Account => ACCOUNT,
        Service::Shield => SHIELD,
        Service::Networkfirewall => NETWORKFIREWALL,
    }
}

/// The IAM action authorising a counted operation (`service:Operation`), if the table has it.
pub fn action_for(operation: &str) -> Option<&'static str> {
    ALWAYS
        .iter()
        .chain(ORG)
        .chain(Service::ALL.into_iter().flat_map(for_service))
        .find(|p| p.operation == operation)
        .map(|p| p.action)
}

/// The IAM actions a scan of `services` needs, sorted and unique.
pub fn actions(services: &BTreeSet<Service>) -> Vec<&'static str> {
    let actions: BTreeSet<&str> = ALWAYS
        .iter()
        .chain(services.iter().flat_map(|s| for_service(*s)))
        .map(|p| p.action)
        .collect();
    actions.into_iter().collect()
}

/// The least-privilege identity policy for a scan of `services`.
pub fn policy(services: &BTreeSet<Service>) -> serde_json::Value {
    serde_json::json!({
        "Version": "2012-10-17",
        "Statement": [{
            "Sid": "WascanReadOnly",
            "Effect": "Allow",
            "Action": actions(services),
            "Resource": "*",
        }],
    })
}

/// The policy of the identity that runs `scan --org` (or `--accounts`): list the organisation's
/// accounts and assume `role_name` in each. The read-only policy of [`policy`] goes on that role,
/// in every account (and on this identity too, for its own account).
pub fn org_caller_policy(role_name: &str) -> serde_json::Value {
    serde_json::json!({
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "WascanListAccounts",
                "Effect": "Allow",
                "Action": ["organizations:ListAccounts"],
                "Resource": "*",
            },
            {
                "Sid": "WascanAssumeScanRole",
                "Effect": "Allow",
                "Action": ["sts:AssumeRole"],
                "Resource": format!("arn:aws:iam::*:role/{}", role_name.trim_matches('/')),
            },
        ],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_only_reads() {
        for permission in ALWAYS
            .iter()
            .chain(ORG.iter().filter(|p| p.action != "sts:AssumeRole"))
            .chain(Service::ALL.into_iter().flat_map(for_service))
        {
            let (_, name) = permission.action.split_once(':').expect("service:Action");
            assert!(
                ["Describe", "Get", "List"]
                    .iter()
                    .any(|verb| name.starts_with(verb))
                    // Builds a report, changes nothing; Budgets' read action is named View;
                    // API Gateway authorises every read (an HTTP GET) with `apigateway:GET`;
                    // Inspector reads account status in batches.
                    || [
                        "iam:GenerateCredentialReport",
                        "budgets:ViewBudget",
                        "apigateway:GET",
                        "inspector2:BatchGetAccountStatus",
                    ]
                    .contains(&permission.action),
                "{} is not read-only",
                permission.action
            );
        }
    }

    #[test]
    fn the_org_caller_may_list_accounts_and_assume_only_the_named_role() {
        let policy = org_caller_policy("audit/WascanAudit");
        let statements = policy["Statement"].as_array().expect("statements");
        assert_eq!(statements[0]["Action"][0], "organizations:ListAccounts");
        assert_eq!(statements[1]["Action"][0], "sts:AssumeRole");
        assert_eq!(
            statements[1]["Resource"],
            "arn:aws:iam::*:role/audit/WascanAudit"
        );
        assert_eq!(action_for("sts:AssumeRole"), Some("sts:AssumeRole"));
    }

    #[test]
    fn the_policy_holds_only_the_selected_services() {
        let s3: BTreeSet<Service> = [Service::S3].into();
        let actions = actions(&s3);
        assert!(actions.contains(&"s3:GetEncryptionConfiguration"));
        assert!(actions.contains(&"s3:GetAccountPublicAccessBlock"));
        assert!(actions.contains(&"sts:GetCallerIdentity"));
        assert!(!actions.contains(&"ec2:DescribeInstances"));
        assert!(!actions.iter().any(|a| a.starts_with("iam:")));
        let all = policy(&Service::ALL.into_iter().collect());
        // Some actions authorise several operations (budgets:ViewBudget).
        let distinct: BTreeSet<&str> = ALWAYS
            .iter()
            .chain(Service::ALL.into_iter().flat_map(for_service))
            .map(|p| p.action)
            .collect();
        assert_eq!(
            all["Statement"][0]["Action"].as_array().map(Vec::len),
            Some(distinct.len())
        );
    }
}
