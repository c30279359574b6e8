//! The snapshot: everything the collectors read from an account, and everything they could not.
//!
//! This is the seam between collecting and evaluating. Collectors (in the `wascan` crate) only write
//! it; checks only read it. It is plain serde data, versioned by [`SNAPSHOT_SCHEMA_VERSION`], so a
//! saved snapshot can be re-evaluated later, with no AWS access, and give the same findings.

pub mod accessanalyzer;
pub mod account;
pub mod acm;
pub mod apigateway;
pub mod autoscaling;
pub mod backup;
pub mod budgets;
pub mod cloudformation;
pub mod cloudfront;
pub mod cloudtrail;
pub mod cloudwatch;
pub mod codedeploy;
pub mod codepipeline;
pub mod computeoptimizer;
pub mod config;
pub mod costexplorer;
pub mod dataexports;
pub mod detective;
pub mod dynamodb;
pub mod ec2;
pub mod ecr;
pub mod ecs;
pub mod efs;
pub mod eks;
pub mod elasticache;
pub mod elbv2;
pub mod fis;
pub mod guardduty;
pub mod iam;
pub mod inspector2;
pub mod kms;
pub mod lambda;
pub mod logs;
pub mod macie;
pub mod network;
pub mod networkfirewall;
pub mod opensearch;
pub mod organizations;
pub mod ram;
pub mod rds;
pub mod resiliencehub;
pub mod route53;
pub mod s3;
pub mod secretsmanager;
pub mod securityhub;
pub mod servicequotas;
pub mod shield;
pub mod sns;
pub mod sqs;
pub mod ssm;
pub mod ssmincidents;
pub mod support;
pub mod synthetics;
pub mod wafv2;
pub mod wellarchitected;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

pub use accessanalyzer::AccessAnalyzerRegion;
pub use account::Account;
pub use acm::AcmRegion;
pub use apigateway::ApiGatewayRegion;
pub use autoscaling::AutoScalingRegion;
pub use backup::BackupRegion;
pub use budgets::Budgets;
pub use cloudformation::CloudFormationRegion;
pub use cloudfront::CloudFront;
pub use cloudtrail::CloudTrail;
pub use cloudwatch::CloudWatchRegion;
pub use codedeploy::CodeDeployRegion;
pub use codepipeline::CodePipelineRegion;
pub use computeoptimizer::ComputeOptimizer;
pub use config::ConfigRegion;
pub use costexplorer::CostExplorer;
pub use dataexports::DataExports;
pub use detective::DetectiveRegion;
pub use dynamodb::DynamoDbRegion;
pub use ec2::Ec2Region;
pub use ecr::EcrRegion;
pub use ecs::EcsRegion;
pub use efs::EfsRegion;
pub use eks::EksRegion;
pub use elasticache::ElastiCacheRegion;
pub use elbv2::Elbv2Region;
pub use fis::FisRegion;
pub use guardduty::GuardDutyRegion;
pub use iam::Iam;
pub use inspector2::Inspector2Region;
pub use kms::KmsRegion;
pub use lambda::LambdaRegion;
pub use logs::LogsRegion;
pub use macie::MacieRegion;
pub use networkfirewall::NetworkFirewallRegion;
pub use opensearch::OpenSearchRegion;
pub use organizations::Organizations;
pub use ram::RamRegion;
pub use rds::RdsRegion;
pub use resiliencehub::ResilienceHubRegion;
pub use route53::Route53;
pub use s3::S3;
pub use secretsmanager::SecretsManagerRegion;
pub use securityhub::SecurityHubRegion;
pub use servicequotas::ServiceQuotasRegion;
pub use shield::Shield;
pub use sns::SnsRegion;
pub use sqs::SqsRegion;
pub use ssm::SsmRegion;
pub use ssmincidents::SsmIncidentsRegion;
pub use support::Support;
pub use synthetics::SyntheticsRegion;
pub use wafv2::Wafv2Region;
pub use wellarchitected::WellArchitectedRegion;

/// Bumped whenever a field changes meaning or is removed; readers reject other versions.
///
/// 2: a value AWS did not send is `null` (unknown) where version 1 held a default (`false`, `0`,
/// `""`), and S3 lists buckets whose region is unknown apart. A version 1 snapshot still reads:
/// each value it holds means the same in version 2 (see [`SNAPSHOT_SCHEMA_VERSIONS_READ`]).
pub const SNAPSHOT_SCHEMA_VERSION: u32 = 2;

/// The snapshot versions this wascan reads.
pub const SNAPSHOT_SCHEMA_VERSIONS_READ: [u32; 2] = [1, 2];

/// The JSON Schema of [`Snapshot`], as published in `docs/snapshot.schema.json`: the file
/// `wascan collect` writes, and the `input` custom checks read.
pub fn snapshot_schema() -> serde_json::Value {
    let mut schema = schemars::schema_for!(Snapshot).to_value();
    // Sorted keys whatever serde_json features the build unifies: the file must not churn.
    schema.sort_all_objects();
    if let Some(object) = schema.as_object_mut() {
        object.insert(
            "description".into(),
            format!(
                "wascan snapshot, schema_version {SNAPSHOT_SCHEMA_VERSION}: what `wascan collect` writes and `wascan evaluate` reads, and the `input` of custom checks (Rego). Every value read from AWS is `{{\"ok\": value}}` or `{{\"failed\": gap}}` (why it could not be read); a value AWS did not send is null."
            )
            .into(),
        );
    }
    schema
}

/// Key-value tags as AWS returns them, sorted by key.
pub type Tags = BTreeMap<String, String>;

/// One AWS account's configuration, as collected at `collected_at`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Snapshot {
    pub schema_version: u32,
    pub tool_version: String,
    pub account_id: String,
    /// `aws`, `aws-cn` or `aws-us-gov`: used to build ARNs.
    pub partition: String,
    #[serde(with = "time::serde::rfc3339")]
    #[schemars(with = "String")]
    pub collected_at: OffsetDateTime,
    /// The regions that were scanned.
    pub regions: Vec<String>,
    /// The services that were collected; checks of other services are `not_evaluated`.
    pub services: BTreeSet<Service>,
    /// EC2 state per region (keyed by region name).
    #[serde(default)]
    pub ec2: BTreeMap<String, Ec2Region>,
    #[serde(default)]
    pub s3: S3,
    #[serde(default)]
    pub iam: Iam,
    #[serde(default)]
    pub cloudtrail: CloudTrail,
    /// AWS Config recorders per region (keyed by region name).
    #[serde(default)]
    pub config: BTreeMap<String, ConfigRegion>,
    /// RDS instances and clusters per region (keyed by region name).
    #[serde(default)]
    pub rds: BTreeMap<String, RdsRegion>,
    /// DynamoDB tables per region (keyed by region name).
    #[serde(default)]
    pub dynamodb: BTreeMap<String, DynamoDbRegion>,
    /// KMS keys per region (keyed by region name).
    #[serde(default)]
    pub kms: BTreeMap<String, KmsRegion>,
    /// CloudWatch Logs log groups per region (keyed by region name).
    #[serde(default)]
    pub logs: BTreeMap<String, LogsRegion>,
    /// Lambda functions per region (keyed by region name).
    #[serde(default)]
    pub lambda: BTreeMap<String, LambdaRegion>,
    /// Application, Network and Gateway Load Balancers per region (keyed by region name).
    #[serde(default)]
    pub elbv2: BTreeMap<String, Elbv2Region>,
    /// GuardDuty detectors per region (keyed by region name).
    #[serde(default)]
    pub guardduty: BTreeMap<String, GuardDutyRegion>,
    /// Security Hub per region (keyed by region name).
    #[serde(default)]
    pub securityhub: BTreeMap<String, SecurityHubRegion>,
    /// SQS queues per region (keyed by region name).
    #[serde(default)]
    pub sqs: BTreeMap<String, SqsRegion>,
    /// SNS topics per region (keyed by region name).
    #[serde(default)]
    pub sns: BTreeMap<String, SnsRegion>,
    /// Secrets Manager secrets per region (keyed by region name).
    #[serde(default)]
    pub secretsmanager: BTreeMap<String, SecretsManagerRegion>,
    /// EFS file systems per region (keyed by region name).
    #[serde(default)]
    pub efs: BTreeMap<String, EfsRegion>,
    /// ECR repositories per region (keyed by region name).
    #[serde(default)]
    pub ecr: BTreeMap<String, EcrRegion>,
    /// ECS clusters and task definitions per region (keyed by region name).
    #[serde(default)]
    pub ecs: BTreeMap<String, EcsRegion>,
    /// EKS clusters per region (keyed by region name).
    #[serde(default)]
    pub eks: BTreeMap<String, EksRegion>,
    /// EC2 Auto Scaling groups and their launch settings per region (keyed by region name).
    #[serde(default)]
    pub autoscaling: BTreeMap<String, AutoScalingRegion>,
    /// ACM certificates per region (keyed by region name).
    #[serde(default)]
    pub acm: BTreeMap<String, AcmRegion>,
    /// Systems Manager managed nodes, patch compliance and documents per region (keyed by region name).
    #[serde(default)]
    pub ssm: BTreeMap<String, SsmRegion>,
    /// AWS Backup plans, vaults and protected resources per region (keyed by region name).
    #[serde(default)]
    pub backup: BTreeMap<String, BackupRegion>,
    /// The organization the account belongs to, its policies and delegated administrators.
    #[serde(default)]
    pub organizations: Organizations,
    /// AWS Budgets of the account.
    #[serde(default)]
    pub budgets: Budgets,
    /// Cost Explorer's anomaly monitors and subscriptions.
    #[serde(default)]
    pub costexplorer: CostExplorer,
    /// AWS Compute Optimizer enrollment and recommendations.
    #[serde(default)]
    pub computeoptimizer: ComputeOptimizer,
    /// CloudFront distributions.
    #[serde(default)]
    pub cloudfront: CloudFront,
    /// Route 53 hosted zones and query logging.
    #[serde(default)]
    pub route53: Route53,
    /// CloudWatch alarms and CloudWatch Logs metric filters per region (keyed by region name).
    #[serde(default)]
    pub cloudwatch: BTreeMap<String, CloudWatchRegion>,
    /// CloudWatch dashboards: global, read once in the home region.
    #[serde(default = "cloudwatch::dashboards_not_collected")]
    pub cloudwatch_dashboards: Fetched<Vec<cloudwatch::Dashboard>>,
    /// IAM Access Analyzer analyzers per region (keyed by region name).
    #[serde(default)]
    pub accessanalyzer: BTreeMap<String, AccessAnalyzerRegion>,
    /// API Gateway REST APIs, their stages and usage plans per region (keyed by region name).
    #[serde(default)]
    pub apigateway: BTreeMap<String, ApiGatewayRegion>,
    /// Fault Injection Service templates and experiments per region (keyed by region name).
    #[serde(default)]
    pub fis: BTreeMap<String, FisRegion>,
    /// CodeDeploy deployment groups per region (keyed by region name).
    #[serde(default)]
    pub codedeploy: BTreeMap<String, CodeDeployRegion>,
    /// Resilience Hub applications and resiliency policies per region (keyed by region name).
    #[serde(default)]
    pub resiliencehub: BTreeMap<String, ResilienceHubRegion>,
    /// CloudWatch Synthetics canaries per region (keyed by region name).
    #[serde(default)]
    pub synthetics: BTreeMap<String, SyntheticsRegion>,
    /// Amazon Inspector's account status per region (keyed by region name).
    #[serde(default)]
    pub inspector2: BTreeMap<String, Inspector2Region>,
    /// Amazon Macie's session, automated discovery and jobs per region (keyed by region name).
    #[serde(default)]
    pub macie2: BTreeMap<String, MacieRegion>,
    /// AWS WAF web ACLs per region (keyed by region name; CloudFront's under `global`).
    #[serde(default)]
    pub wafv2: BTreeMap<String, Wafv2Region>,
    /// Amazon Detective behavior graphs per region (keyed by region name).
    #[serde(default)]
    pub detective: BTreeMap<String, DetectiveRegion>,
    /// ElastiCache cache clusters per region (keyed by region name).
    #[serde(default)]
    pub elasticache: BTreeMap<String, ElastiCacheRegion>,
    /// OpenSearch Service domains per region (keyed by region name).
    #[serde(default)]
    pub opensearch: BTreeMap<String, OpenSearchRegion>,
    /// Billing and Cost Management Data Exports of the account.
    #[serde(default)]
    pub dataexports: DataExports,
    /// The account's alternate contacts (AWS Account Management).
    #[serde(default)]
    pub account: Account,
    /// The Shield Advanced subscription and protections.
    #[serde(default)]
    pub shield: Shield,
    /// AWS Network Firewall firewalls per region (keyed by region name).
    #[serde(default)]
    pub networkfirewall: BTreeMap<String, NetworkFirewallRegion>,
    /// CloudFormation stacks and StackSets per region (keyed by region name).
    #[serde(default)]
    pub cloudformation: BTreeMap<String, CloudFormationRegion>,
    /// AWS RAM resource shares the account owns, per region (keyed by region name).
    #[serde(default)]
    pub ram: BTreeMap<String, RamRegion>,
    /// Incident Manager response plans and resolved incidents per region (keyed by region name).
    #[serde(default)]
    pub ssmincidents: BTreeMap<String, SsmIncidentsRegion>,
    /// CodePipeline pipelines, their stages and recent executions per region (keyed by region name).
    #[serde(default)]
    pub codepipeline: BTreeMap<String, CodePipelineRegion>,
    /// Key Service Quotas values per region (keyed by region name).
    #[serde(default)]
    pub servicequotas: BTreeMap<String, ServiceQuotasRegion>,
    /// Well-Architected Tool workloads per region (keyed by region name).
    #[serde(default)]
    pub wellarchitected: BTreeMap<String, WellArchitectedRegion>,
    /// The account's AWS Support plan, as the Support API shows it.
    #[serde(default)]
    pub support: Support,
    /// Tags of the resources whose own service's answers carry none (SQS queues, SNS topics,
    /// Lambda functions, KMS keys, ...), per region, keyed by ARN: read in bulk from the Resource
    /// Groups Tagging API (`tag:GetResources`). Findings on those resources take their tags from
    /// here, so suppressions by tag match them too.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub resource_tags: BTreeMap<String, Fetched<BTreeMap<String, Tags>>>,
    /// Every call that failed, in the order it failed.
    #[serde(default)]
    pub errors: Vec<Gap>,
    /// HTTP requests sent (retries included), keyed by `service:Operation`.
    #[serde(default)]
    pub api_calls: BTreeMap<String, u64>,
    /// Of those, the retries of an earlier attempt, keyed by `service:Operation`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub api_retries: BTreeMap<String, u64>,
    /// Attempts the service answered with a throttling error, keyed by `service:Operation`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub api_throttled: BTreeMap<String, u64>,
}

impl Snapshot {
    /// An empty snapshot of `account_id`, as of `collected_at`: nothing collected yet.
    pub fn new(account_id: impl Into<String>, collected_at: OffsetDateTime) -> Self {
        Snapshot {
            schema_version: SNAPSHOT_SCHEMA_VERSION,
            tool_version: env!("CARGO_PKG_VERSION").to_string(),
            account_id: account_id.into(),
            partition: "aws".to_string(),
            collected_at,
            regions: Vec::new(),
            services: BTreeSet::new(),
            ec2: BTreeMap::new(),
            s3: S3::default(),
            iam: Iam::default(),
            cloudtrail: CloudTrail::default(),
            config: BTreeMap::new(),
            rds: BTreeMap::new(),
            dynamodb: BTreeMap::new(),
            kms: BTreeMap::new(),
            logs: BTreeMap::new(),
            lambda: BTreeMap::new(),
            elbv2: BTreeMap::new(),
            guardduty: BTreeMap::new(),
            securityhub: BTreeMap::new(),
            sqs: BTreeMap::new(),
            sns: BTreeMap::new(),
            secretsmanager: BTreeMap::new(),
            efs: BTreeMap::new(),
            ecr: BTreeMap::new(),
            ecs: BTreeMap::new(),
            eks: BTreeMap::new(),
            autoscaling: BTreeMap::new(),
            acm: BTreeMap::new(),
            ssm: BTreeMap::new(),
            backup: BTreeMap::new(),
            organizations: Organizations::default(),
            budgets: Budgets::default(),
            costexplorer: CostExplorer::default(),
            computeoptimizer: ComputeOptimizer::default(),
            cloudfront: CloudFront::default(),
            route53: Route53::default(),
            cloudwatch: BTreeMap::new(),
            cloudwatch_dashboards: cloudwatch::dashboards_not_collected(),
            accessanalyzer: BTreeMap::new(),
            cloudformation: BTreeMap::new(),
            ram: BTreeMap::new(),
            wellarchitected: BTreeMap::new(),
            support: Support::default(),
            opensearch: BTreeMap::new(),
            apigateway: BTreeMap::new(),
            fis: BTreeMap::new(),
            codedeploy: BTreeMap::new(),
            resiliencehub: BTreeMap::new(),
            synthetics: BTreeMap::new(),
            inspector2: BTreeMap::new(),
            macie2: BTreeMap::new(),
            wafv2: BTreeMap::new(),
            detective: BTreeMap::new(),
            elasticache: BTreeMap::new(),
            dataexports: DataExports::default(),
            ssmincidents: BTreeMap::new(),
            codepipeline: BTreeMap::new(),
            servicequotas: BTreeMap::new(),
            account: Account::default(),
            shield: Shield::default(),
            networkfirewall: BTreeMap::new(),
            resource_tags: BTreeMap::new(),
            errors: Vec::new(),
            api_calls: BTreeMap::new(),
            api_retries: BTreeMap::new(),
            api_throttled: BTreeMap::new(),
        }
    }

    /// The account as a resource, for account-wide findings (`region` is `global` for global ones).
    pub fn account_resource(&self, region: &str) -> ResourceRef {
        ResourceRef {
            arn: format!("arn:{}:iam::{}:root", self.partition, self.account_id),
            kind: "AWS::::Account".to_string(),
            id: self.account_id.clone(),
            name: None,
            region: region.to_string(),
            tags: Tags::new(),
        }
    }

    /// Tags by ARN from sources other than a resource's own data: the tagging API's
    /// `resource_tags` (all regions), and the IAM users of the authorization details (a
    /// credential report row has no tags). Built once per evaluation.
    pub fn tags_by_arn(&self) -> HashMap<&str, &Tags> {
        let mut index: HashMap<&str, &Tags> = HashMap::new();
        if let Fetched::Ok(details) = &self.iam.authorization {
            index.extend(
                details
                    .users
                    .iter()
                    .map(|user| (user.arn.as_str(), &user.tags)),
            );
        }
        for region in self.resource_tags.values() {
            if let Fetched::Ok(by_arn) = region {
                index.extend(by_arn.iter().map(|(arn, tags)| (arn.as_str(), tags)));
            }
        }
        index
    }

    /// The total number of API requests sent.
    pub fn total_api_calls(&self) -> u64 {
        self.api_calls.values().sum()
    }

    /// API requests per service: the `service` of each `service:Operation` count.
    pub fn api_calls_by_service(&self) -> BTreeMap<String, u64> {
        let mut by_service = BTreeMap::new();
        for (operation, calls) in &self.api_calls {
            let service = operation
                .split_once(':')
                .map_or(operation.as_str(), |(s, _)| s);
            *by_service.entry(service.to_string()).or_default() += calls;
        }
        by_service
    }
}

/// An AWS service wascan collects.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Service {
    Ec2,
    Iam,
    S3,
    Cloudtrail,
    Config,
    Rds,
    Dynamodb,
    Kms,
    Logs,
    Lambda,
    Elbv2,
    Guardduty,
    Securityhub,
    Sqs,
    Sns,
    Secretsmanager,
    Efs,
    Ecr,
    Ecs,
    Eks,
    Autoscaling,
    Acm,
    Ssm,
    Backup,
    Organizations,
    Budgets,
    #[serde(rename = "costexplorer")]
    CostExplorer,
    #[serde(rename = "computeoptimizer")]
    ComputeOptimizer,
    Cloudfront,
    Route53,
    Cloudwatch,
    #[serde(rename = "accessanalyzer")]
    AccessAnalyzer,
    Cloudformation,
    Apigateway,
    Fis,
    Codedeploy,
    Resiliencehub,
    Synthetics,
    Inspector2,
    Macie2,
    Wafv2,
    Detective,
    Ram,
    Opensearch,
    Elasticache,
    Dataexports,
    Ssmincidents,
    Codepipeline,
    Servicequotas,
    Wellarchitected,
    Support,
    Account,
    Shield,
    Networkfirewall,
}

impl Service {
    pub const ALL: [Service; 54] = [
        Service::Ec2,
        Service::Iam,
        Service::S3,
        Service::Cloudtrail,
        Service::Config,
        Service::Rds,
        Service::Dynamodb,
        Service::Kms,
        Service::Logs,
        Service::Lambda,
        Service::Elbv2,
        Service::Guardduty,
        Service::Securityhub,
        Service::Sqs,
        Service::Sns,
        Service::Secretsmanager,
        Service::Efs,
        Service::Ecr,
        Service::Ecs,
        Service::Eks,
        Service::Autoscaling,
        Service::Acm,
        Service::Ssm,
        Service::Backup,
        Service::Organizations,
        Service::Budgets,
        Service::CostExplorer,
        Service::ComputeOptimizer,
        Service::Cloudfront,
        Service::Route53,
        Service::Cloudwatch,
        Service::AccessAnalyzer,
        Service::Cloudformation,
        Service::Apigateway,
        Service::Fis,
        Service::Codedeploy,
        Service::Resiliencehub,
        Service::Synthetics,
        Service::Inspector2,
        Service::Macie2,
        Service::Wafv2,
        Service::Detective,
        Service::Ram,
        Service::Opensearch,
        Service::Elasticache,
        Service::Dataexports,
        Service::Ssmincidents,
        Service::Codepipeline,
        Service::Servicequotas,
        Service::Wellarchitected,
        Service::Support,
        Service::Account,
        Service::Shield,
        Service::Networkfirewall,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Service::Ec2 => "ec2",
            Service::Iam => "iam",
            Service::S3 => "s3",
            Service::Cloudtrail => "cloudtrail",
            Service::Config => "config",
            Service::Rds => "rds",
            Service::Dynamodb => "dynamodb",
            Service::Kms => "kms",
            Service::Logs => "logs",
            Service::Lambda => "lambda",
            Service::Elbv2 => "elbv2",
            Service::Guardduty => "guardduty",
            Service::Securityhub => "securityhub",
            Service::Sqs => "sqs",
            Service::Sns => "sns",
            Service::Secretsmanager => "secretsmanager",
            Service::Efs => "efs",
            Service::Ecr => "ecr",
            Service::Ecs => "ecs",
            Service::Eks => "eks",
            Service::Autoscaling => "autoscaling",
            Service::Acm => "acm",
            Service::Ssm => "ssm",
            Service::Backup => "backup",
            Service::Organizations => "organizations",
            Service::Budgets => "budgets",
            Service::CostExplorer => "costexplorer",
            Service::ComputeOptimizer => "computeoptimizer",
            Service::Cloudfront => "cloudfront",
            Service::Route53 => "route53",
            Service::Cloudwatch => "cloudwatch",
            Service::AccessAnalyzer => "accessanalyzer",
            Service::Cloudformation => "cloudformation",
            Service::Apigateway => "apigateway",
            Service::Fis => "fis",
            Service::Codedeploy => "codedeploy",
            Service::Resiliencehub => "resiliencehub",
            Service::Synthetics => "synthetics",
            Service::Inspector2 => "inspector2",
            Service::Macie2 => "macie2",
            Service::Wafv2 => "wafv2",
            Service::Detective => "detective",
            Service::Ram => "ram",
            Service::Opensearch => "opensearch",
            Service::Elasticache => "elasticache",
            Service::Dataexports => "dataexports",
            Service::Ssmincidents => "ssmincidents",
            Service::Codepipeline => "codepipeline",
            Service::Servicequotas => "servicequotas",
            Service::Wellarchitected => "wellarchitected",
            Service::Support => "support",
            Service::Account => "account",
            Service::Shield => "shield",
            Service::Networkfirewall => "networkfirewall",
        }
    }
}

impl fmt::Display for Service {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Service {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Service::ALL
            .into_iter()
            .find(|service| service.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| {
                format!(
                    "unknown service `{s}` (known: {})",
                    join(Service::ALL.iter())
                )
            })
    }
}

fn join<T: fmt::Display>(items: impl Iterator<Item = T>) -> String {
    items.map(|i| i.to_string()).collect::<Vec<_>>().join(", ")
}

/// Data that was either read, or could not be read and why.
///
/// Data and failure share one slot so that no check can read data that is not there: a check must
/// match on it, and a `Failed` slot becomes a `not_evaluated` finding carrying the reason.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Fetched<T> {
    Ok(T),
    Failed(Gap),
}

impl<T> Fetched<T> {
    /// A slot for data that was not collected at all (its service was not selected).
    pub fn not_collected(service: Service, operation: &str) -> Self {
        Fetched::Failed(Gap::not_collected(service, operation))
    }

    pub fn as_ref(&self) -> Fetched<&T> {
        match self {
            Fetched::Ok(value) => Fetched::Ok(value),
            Fetched::Failed(gap) => Fetched::Failed(gap.clone()),
        }
    }

    pub fn ok(&self) -> Option<&T> {
        match self {
            Fetched::Ok(value) => Some(value),
            Fetched::Failed(_) => None,
        }
    }

    pub fn gap(&self) -> Option<&Gap> {
        match self {
            Fetched::Ok(_) => None,
            Fetched::Failed(gap) => Some(gap),
        }
    }
}

impl<T> From<Result<T, Gap>> for Fetched<T> {
    fn from(result: Result<T, Gap>) -> Self {
        match result {
            Ok(value) => Fetched::Ok(value),
            Err(gap) => Fetched::Failed(gap),
        }
    }
}

/// A call that failed: the record a `not_evaluated` finding points to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Gap {
    pub service: String,
    /// `None` for global services (IAM) and account-wide calls.
    pub region: Option<String>,
    pub operation: String,
    /// The resource the call was about (a bucket name), when it was about one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource: Option<String>,
    pub kind: ErrorKind,
    pub message: String,
}

impl Gap {
    /// The gap of data that was not collected at all (its service was not selected).
    pub fn not_collected(service: Service, operation: &str) -> Gap {
        Gap {
            service: service.as_str().to_string(),
            region: None,
            operation: operation.to_string(),
            resource: None,
            kind: ErrorKind::NotCollected,
            message: format!("{service} was not collected in this scan"),
        }
    }

    /// A call that answered without a field a check needs: the check cannot tell, so it reports
    /// `not_evaluated` rather than guess the default.
    pub fn missing(service: Service, region: &str, operation: &str, field: &str) -> Gap {
        Gap {
            service: service.as_str().to_string(),
            region: Some(region.to_string()),
            operation: operation.to_string(),
            resource: None,
            kind: ErrorKind::Incomplete,
            message: format!("the answer has no {field}"),
        }
    }

    /// [`Gap::missing`] about one resource: "rds:DescribeDBInstances on orders-db in eu-west-1
    /// failed (incomplete answer): the answer has no PubliclyAccessible".
    pub fn missing_on(
        service: Service,
        region: &str,
        operation: &str,
        resource: &str,
        field: &str,
    ) -> Gap {
        Gap {
            resource: Some(resource.to_string()),
            ..Gap::missing(service, region, operation, field)
        }
    }
}

/// A value of the snapshot that AWS may leave out of an answer, with where it came from: `known`
/// gives the value, or the [`Gap`] a check reports as `not_evaluated`. Implemented by the model's
/// resources for their `Option` fields (`db.known(db.publicly_accessible, "PubliclyAccessible")`).
pub trait Known {
    /// The [`Gap`] of an answer about this resource that lacked `field`.
    fn missing(&self, field: &str) -> Gap;

    /// `value`, or the gap naming `field` when AWS did not send it.
    fn known<T>(&self, value: Option<T>, field: &str) -> Result<T, Box<Gap>> {
        value.ok_or_else(|| Box::new(self.missing(field)))
    }
}

impl fmt::Display for Gap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{} ", self.service, self.operation)?;
        if let Some(resource) = &self.resource {
            write!(f, "on {resource} ")?;
        }
        if let Some(region) = &self.region {
            write!(f, "in {region} ")?;
        }
        write!(f, "failed ({}): {}", self.kind, self.message)
    }
}

/// Why a call failed, in the classes that matter to the reader of a report.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// The credentials lack the permission (AccessDenied, UnauthorizedOperation, ...).
    AccessDenied,
    /// The region is not enabled for the account (OptInRequired, AuthFailure in an opt-in region).
    RegionDisabled,
    /// The service kept throttling after retries.
    Throttled,
    /// The call did not answer in time.
    Timeout,
    /// The service was not selected for this scan.
    NotCollected,
    /// The scan was interrupted (SIGINT, SIGTERM) before the service was collected.
    Interrupted,
    /// The service answered, but without a value that should be there (a member of the answer
    /// was missing or empty): what it would have said is unknown.
    Incomplete,
    /// Anything else: a 5xx, a malformed response, a network error.
    Other,
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ErrorKind::AccessDenied => "access denied",
            ErrorKind::RegionDisabled => "region not enabled",
            ErrorKind::Throttled => "throttled",
            ErrorKind::Timeout => "timed out",
            ErrorKind::NotCollected => "not collected",
            ErrorKind::Interrupted => "interrupted",
            ErrorKind::Incomplete => "incomplete answer",
            ErrorKind::Other => "error",
        })
    }
}

/// The resource a finding is about.
#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema,
)]
pub struct ResourceRef {
    pub arn: String,
    /// The CloudFormation type name, e.g. `AWS::EC2::Instance`.
    #[serde(rename = "type")]
    pub kind: String,
    pub id: String,
    /// The `Name` tag or the resource's own name, when it has one distinct from its id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The region, or `global`.
    pub region: String,
    /// The resource's tags, when it has any (suppressions match on them).
    #[serde(default, skip_serializing_if = "Tags::is_empty")]
    pub tags: Tags,
}

impl ResourceRef {
    /// `name (id)` when the resource has a name, else the id: for messages.
    pub fn label(&self) -> String {
        match &self.name {
            Some(name) if name != &self.id => format!("{name} ({})", self.id),
            _ => self.id.clone(),
        }
    }
}

/// Anything a finding can be about.
pub trait Resource {
    fn resource(&self) -> ResourceRef;
}

impl Resource for ResourceRef {
    fn resource(&self) -> ResourceRef {
        self.clone()
    }
}

/// The `Name` tag of a tagged resource.
pub fn name_tag(tags: &Tags) -> Option<String> {
    tags.get("Name").filter(|name| !name.is_empty()).cloned()
}
