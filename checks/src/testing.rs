//! Builders for tiny hand-built snapshots, shared by every check's tests.
//!
//! Each builder gives a resource in a passing state; a test changes the one field it is about.

use time::macros::datetime;
use time::{Duration, OffsetDateTime};

use crate::check::{Check, Context};
use crate::finding::{Finding, Status};
use crate::model::accessanalyzer::*;
use crate::model::backup::*;
use crate::model::budgets::*;
use crate::model::cloudfront::*;
use crate::model::cloudtrail::*;
use crate::model::cloudwatch::*;
use crate::model::computeoptimizer::*;
use crate::model::config::*;
use crate::model::costexplorer::*;
use crate::model::dynamodb::*;
use crate::model::ec2::*;
use crate::model::efs::*;
use crate::model::elbv2::*;
use crate::model::guardduty::*;
use crate::model::iam::*;
use crate::model::kms::*;
use crate::model::lambda::*;
use crate::model::logs::*;
use crate::model::organizations::*;
use crate::model::rds::*;
use crate::model::route53::*;
use crate::model::s3::*;
use crate::model::secretsmanager::*;
use crate::model::securityhub::*;
use crate::model::sns::*;
use crate::model::sqs::*;
use crate::model::*;
use crate::settings::Settings;

pub const ACCOUNT: &str = "123456789012";
pub const REGION: &str = "us-east-1";
/// When every test snapshot was "collected".
pub const NOW: OffsetDateTime = datetime!(2026-06-01 12:00 UTC);

pub fn days_ago(days: i64) -> Option<OffsetDateTime> {
    Some(NOW - Duration::days(days))
}

/// A snapshot of one region where every service was collected and found empty.
pub fn snapshot() -> Snapshot {
    let mut snap = Snapshot::new(ACCOUNT, NOW);
    snap.regions = vec![REGION.to_string()];
    snap.services = Service::ALL.into_iter().collect();
    snap.ec2.insert(
        REGION.to_string(),
        Ec2Region {
            instances: Fetched::Ok(vec![]),
            volumes: Fetched::Ok(vec![]),
            ebs_encryption_by_default: Fetched::Ok(true),
            security_groups: Fetched::Ok(vec![]),
            vpcs: Fetched::Ok(vec![]),
            flow_logs: Fetched::Ok(vec![]),
            addresses: Fetched::Ok(vec![]),
            snapshots: Fetched::Ok(vec![]),
            vpc_endpoints: Fetched::Ok(vec![]),
            network: crate::model::network::Network::empty(),
            network_interfaces: Fetched::Ok(vec![]),
            network_acls: Fetched::Ok(vec![]),
            user_data: Default::default(),
        },
    );
    snap.s3 = S3 {
        account_public_access_block: Fetched::Ok(Some(PublicAccessBlock::ALL)),
        buckets: Fetched::Ok(vec![]),
        unlocated_buckets: vec![],
    };
    snap.iam = Iam {
        authorization: Fetched::Ok(AuthorizationDetails::default()),
        credential_report: Fetched::Ok(vec![]),
        password_policy: Fetched::Ok(Some(strong_password_policy())),
        account_summary: Fetched::Ok(AccountSummary {
            root_mfa_enabled: true,
            root_access_keys_present: false,
        }),
        saml_providers: Fetched::Ok(vec![]),
        oidc_providers: Fetched::Ok(vec![]),
    };
    snap.cloudtrail = CloudTrail::default();
    snap.cloudwatch_dashboards = Fetched::Ok(vec![]);
    snap.apigateway.insert(
        REGION.to_string(),
        crate::model::ApiGatewayRegion {
            rest_apis: Fetched::Ok(vec![]),
            usage_plans: Fetched::Ok(vec![]),
        },
    );
    snap.fis.insert(
        REGION.to_string(),
        crate::model::FisRegion {
            experiment_templates: Fetched::Ok(vec![]),
            experiments: Fetched::Ok(vec![]),
        },
    );
    snap.codedeploy.insert(
        REGION.to_string(),
        crate::model::CodeDeployRegion {
            deployment_groups: Fetched::Ok(vec![]),
        },
    );
    snap.resiliencehub.insert(
        REGION.to_string(),
        crate::model::ResilienceHubRegion {
            apps: Fetched::Ok(vec![]),
            policies: Fetched::Ok(vec![]),
        },
    );
    snap.synthetics.insert(
        REGION.to_string(),
        crate::model::SyntheticsRegion {
            canaries: Fetched::Ok(vec![]),
        },
    );
    snap.cloudformation.insert(
        REGION.to_string(),
        crate::model::CloudFormationRegion {
            stacks: Fetched::Ok(vec![]),
            stack_sets: Fetched::Ok(vec![]),
            stack_set_summaries: Fetched::Ok(vec![]),
        },
    );
    snap.cloudtrail
        .regions
        .insert(REGION.to_string(), Fetched::Ok(vec![]));
    snap.config.insert(REGION.to_string(), recording_config());
    snap.rds.insert(
        REGION.to_string(),
        RdsRegion {
            instances: Fetched::Ok(vec![]),
            clusters: Fetched::Ok(vec![]),
        },
    );
    snap.dynamodb.insert(
        REGION.to_string(),
        DynamoDbRegion {
            tables: Fetched::Ok(vec![]),
        },
    );
    snap.kms.insert(
        REGION.to_string(),
        KmsRegion {
            keys: Fetched::Ok(vec![]),
        },
    );
    snap.logs.insert(
        REGION.to_string(),
        LogsRegion {
            log_groups: Fetched::Ok(vec![]),
        },
    );
    snap.lambda.insert(
        REGION.to_string(),
        LambdaRegion {
            functions: Fetched::Ok(vec![]),
            event_source_mappings: Fetched::Ok(vec![]),
            code_signing: Default::default(),
        },
    );
    snap.elbv2.insert(
        REGION.to_string(),
        Elbv2Region {
            load_balancers: Fetched::Ok(vec![]),
            target_groups: Fetched::Ok(vec![]),
            web_acls: Default::default(),
        },
    );
    snap.guardduty.insert(
        REGION.to_string(),
        GuardDutyRegion {
            detectors: Fetched::Ok(vec![Detector {
                id: "d-1".into(),
                status: Fetched::Ok("ENABLED".into()),
                features: Fetched::Ok(
                    [
                        "RUNTIME_MONITORING",
                        "EBS_MALWARE_PROTECTION",
                        "S3_DATA_EVENTS",
                    ]
                    .into_iter()
                    .map(|name| (name.to_string(), "ENABLED".to_string()))
                    .collect(),
                ),
            }]),
        },
    );
    snap.inspector2.insert(
        REGION.to_string(),
        Inspector2Region {
            account: Fetched::Ok(crate::model::inspector2::AccountStatus {
                status: Some("ENABLED".into()),
                ec2: Some("ENABLED".into()),
                ecr: Some("ENABLED".into()),
                lambda: Some("ENABLED".into()),
                lambda_code: Some("ENABLED".into()),
            }),
            critical_findings: Fetched::Ok(vec![]),
        },
    );
    snap.macie2.insert(
        REGION.to_string(),
        MacieRegion {
            session: Fetched::Ok(Some("ENABLED".into())),
            automated_discovery: Fetched::Ok("ENABLED".into()),
            classification_jobs: Fetched::Ok(vec![]),
        },
    );
    snap.wafv2.insert(
        REGION.to_string(),
        Wafv2Region {
            web_acls: Fetched::Ok(vec![]),
        },
    );
    snap.detective.insert(
        REGION.to_string(),
        DetectiveRegion {
            graphs: Fetched::Ok(vec![]),
        },
    );
    snap.securityhub.insert(
        REGION.to_string(),
        SecurityHubRegion {
            hub: Fetched::Ok(Some(Hub {
                arn: format!("arn:aws:securityhub:{REGION}:{ACCOUNT}:hub/default"),
                subscribed_at: Some("2025-01-15T09:30:00.000Z".into()),
            })),
            standards: Fetched::Ok(vec![StandardsSubscription {
                standards_arn: format!(
                    "arn:aws:securityhub:{REGION}::standards/aws-foundational-security-best-practices/v/1.0.0"
                ),
                status: Some("READY".into()),
            }]),
        },
    );
    snap.sqs.insert(
        REGION.to_string(),
        SqsRegion {
            queues: Fetched::Ok(vec![]),
        },
    );
    snap.sns.insert(
        REGION.to_string(),
        SnsRegion {
            topics: Fetched::Ok(vec![]),
        },
    );
    snap.secretsmanager.insert(
        REGION.to_string(),
        SecretsManagerRegion {
            secrets: Fetched::Ok(vec![]),
        },
    );
    snap.efs.insert(
        REGION.to_string(),
        EfsRegion {
            file_systems: Fetched::Ok(vec![]),
        },
    );
    snap.backup.insert(
        REGION.to_string(),
        BackupRegion {
            plans: Fetched::Ok(vec![]),
            vaults: Fetched::Ok(vec![]),
            protected_resources: Fetched::Ok(vec![]),
            restore_testing_plans: Fetched::Ok(vec![]),
            recent_restore_jobs: Fetched::Ok(vec![]),
        },
    );
    snap.organizations = Organizations {
        organization: Fetched::Ok(None),
        service_control_policies: Fetched::Ok(vec![]),
        tag_policies: Fetched::Ok(vec![]),
        delegated_administrators: SECURITY_SERVICE_PRINCIPALS
            .iter()
            .map(|p| (p.to_string(), Fetched::Ok(vec![])))
            .collect(),
        accounts: Fetched::Ok(vec![]),
    };
    snap.budgets = Budgets {
        budgets: Fetched::Ok(vec![]),
    };
    snap.costexplorer = CostExplorer {
        anomaly_monitors: Fetched::Ok(vec![]),
        anomaly_subscriptions: Fetched::Ok(vec![]),
        active_cost_allocation_tags: Fetched::Ok(vec![]),
        cost_categories: Fetched::Ok(vec![]),
        savings_plans_coverage: Fetched::Ok(SpendCoverage {
            covered: 0.0,
            on_demand: 0.0,
            start: "2026-05-02".into(),
            end: "2026-06-01".into(),
        }),
        savings_plans_utilization: Fetched::Ok(None),
        reservation_utilization: Fetched::Ok(None),
        savings_plans_recommendation: Fetched::Ok(None),
    };
    snap.dataexports = crate::model::DataExports {
        exports: Fetched::Ok(vec![]),
    };
    snap.wellarchitected.insert(
        REGION.to_string(),
        crate::model::WellArchitectedRegion {
            workloads: Fetched::Ok(vec![]),
        },
    );
    snap.support = crate::model::Support {
        plan: Fetched::Ok(crate::model::support::SupportPlan::BusinessOrHigher {
            severity_levels: vec![
                "low".into(),
                "normal".into(),
                "high".into(),
                "urgent".into(),
            ],
        }),
    };
    snap.shield = crate::model::Shield {
        subscription: Fetched::Ok(None),
        protections: Fetched::Ok(vec![]),
    };
    snap.networkfirewall.insert(
        REGION.to_string(),
        crate::model::NetworkFirewallRegion {
            firewalls: Fetched::Ok(vec![]),
        },
    );
    snap.account = crate::model::Account {
        security_contact: Fetched::Ok(true),
        operations_contact: Fetched::Ok(true),
        billing_contact: Fetched::Ok(true),
    };
    snap.elasticache.insert(
        REGION.to_string(),
        crate::model::ElastiCacheRegion {
            clusters: Fetched::Ok(vec![]),
        },
    );
    snap.opensearch.insert(
        REGION.to_string(),
        crate::model::OpenSearchRegion {
            domains: Fetched::Ok(vec![]),
        },
    );
    snap.computeoptimizer.enrollment = Fetched::Ok("Active".into());
    snap.computeoptimizer.regions.insert(
        REGION.to_string(),
        ComputeOptimizerRegion {
            instances: Fetched::Ok(vec![]),
            auto_scaling_groups: Fetched::Ok(vec![]),
            volumes: Fetched::Ok(vec![]),
            lambda_functions: Fetched::Ok(vec![]),
            ecs_services: Fetched::Ok(vec![]),
            rds_databases: Fetched::Ok(vec![]),
        },
    );
    snap.cloudfront = CloudFront {
        distributions: Fetched::Ok(vec![]),
    };
    snap.route53 = Route53 {
        hosted_zones: Fetched::Ok(vec![]),
        query_logged_zones: Fetched::Ok(vec![]),
    };
    snap.cloudwatch.insert(
        REGION.to_string(),
        CloudWatchRegion {
            alarms: Fetched::Ok(vec![]),
            metric_filters: Fetched::Ok(vec![]),
        },
    );
    snap.accessanalyzer.insert(
        REGION.to_string(),
        AccessAnalyzerRegion {
            analyzers: Fetched::Ok(vec![]),
        },
    );
    snap
}

/// The EFS state of the test region, to fill in.
pub fn efs(snap: &mut Snapshot) -> &mut EfsRegion {
    snap.efs.entry(REGION.to_string()).or_default()
}

/// A file system named `name`, encrypted with the AWS managed key, with automatic backups.
pub fn file_system(id: &str, name: &str) -> FileSystem {
    FileSystem {
        arn: format!("arn:aws:elasticfilesystem:{REGION}:{ACCOUNT}:file-system/{id}"),
        region: REGION.into(),
        id: id.into(),
        name: Some(name.into()),
        encrypted: true,
        kms_key_id: Some("alias/aws/elasticfilesystem".into()),
        automatic_backups: Fetched::Ok(true),
        throughput_mode: Some("elastic".into()),
        one_zone: None,
        transition_to_ia: Fetched::Ok(Some("AFTER_30_DAYS".into())),
        tags: [("Name".to_string(), name.to_string())]
            .into_iter()
            .collect(),
    }
}

/// The Secrets Manager state of the test region, to fill in.
pub fn secretsmanager(snap: &mut Snapshot) -> &mut SecretsManagerRegion {
    snap.secretsmanager.entry(REGION.to_string()).or_default()
}

/// A secret rotated every 30 days, created 100 days ago and read yesterday.
pub fn secret(name: &str) -> Secret {
    Secret {
        arn: format!("arn:aws:secretsmanager:{REGION}:{ACCOUNT}:secret:{name}-AbCdEf"),
        region: REGION.into(),
        name: name.into(),
        rotation_enabled: true,
        rotation_interval_days: Some(30),
        last_accessed: days_ago(1),
        created: days_ago(100),
        tags: Tags::new(),
        policy: Fetched::Ok(None),
    }
}

/// The SNS state of the test region, to fill in.
pub fn sns(snap: &mut Snapshot) -> &mut SnsRegion {
    snap.sns.entry(REGION.to_string()).or_default()
}

/// A topic encrypted with the AWS managed key, with one confirmed subscription.
pub fn topic(name: &str) -> Topic {
    Topic {
        arn: format!("arn:aws:sns:{REGION}:{ACCOUNT}:{name}"),
        region: REGION.into(),
        name: name.into(),
        attributes: Fetched::Ok(TopicAttributes {
            kms_master_key_id: Some("alias/aws/sns".into()),
            subscriptions_confirmed: Some(1),
        }),
        policy: Fetched::Ok(None),
    }
}

/// The SQS state of the test region, to fill in.
pub fn sqs(snap: &mut Snapshot) -> &mut SqsRegion {
    snap.sqs.entry(REGION.to_string()).or_default()
}

/// A queue encrypted with SSE-SQS, redriving to `NAME-dlq`, long polling for 20 seconds.
pub fn queue(name: &str) -> Queue {
    Queue {
        arn: format!("arn:aws:sqs:{REGION}:{ACCOUNT}:{name}"),
        region: REGION.into(),
        name: name.into(),
        url: format!("https://sqs.{REGION}.amazonaws.com/{ACCOUNT}/{name}"),
        attributes: Fetched::Ok(QueueAttributes {
            sqs_managed_sse: true,
            kms_master_key_id: None,
            dead_letter_target_arn: Some(format!("arn:aws:sqs:{REGION}:{ACCOUNT}:{name}-dlq")),
            receive_wait_time_seconds: Some(20),
        }),
        policy: Fetched::Ok(None),
    }
}

/// The ELBv2 state of the test region, to fill in.
pub fn elbv2(snap: &mut Snapshot) -> &mut Elbv2Region {
    snap.elbv2.entry(REGION.to_string()).or_default()
}

/// An internet-facing Application Load Balancer in two zones: HTTPS with a TLS 1.2+ policy,
/// HTTP redirecting to it, access logs to `logs`, deletion protection, HTTP/2 on, invalid
/// header fields dropped, defensive desync mitigation.
pub fn load_balancer(name: &str) -> LoadBalancer {
    LoadBalancer {
        arn: format!("arn:aws:elasticloadbalancing:{REGION}:{ACCOUNT}:loadbalancer/app/{name}/1"),
        region: REGION.into(),
        name: name.into(),
        kind: "application".into(),
        scheme: Some("internet-facing".into()),
        dns_name: Some(format!("{name}-1.{REGION}.elb.amazonaws.com")),
        vpc_id: Some("vpc-1".into()),
        zones: vec![format!("{REGION}a"), format!("{REGION}b")],
        listeners: Fetched::Ok(vec![https_listener(443), http_listener(80, true)]),
        attributes: Fetched::Ok(
            [
                ("access_logs.s3.enabled", "true"),
                ("access_logs.s3.bucket", "logs"),
                ("deletion_protection.enabled", "true"),
                ("routing.http2.enabled", "true"),
                ("load_balancing.cross_zone.enabled", "true"),
                ("routing.http.drop_invalid_header_fields.enabled", "true"),
                ("routing.http.desync_mitigation_mode", "defensive"),
            ]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        ),
    }
}

pub fn https_listener(port: i32) -> Listener {
    Listener {
        arn: format!("listener-{port}"),
        port: Some(port),
        protocol: "HTTPS".into(),
        ssl_policy: Some("ELBSecurityPolicy-TLS13-1-2-2021-06".into()),
        redirects_to_https: false,
    }
}

pub fn http_listener(port: i32, redirects_to_https: bool) -> Listener {
    Listener {
        arn: format!("listener-{port}"),
        port: Some(port),
        protocol: "HTTP".into(),
        ssl_policy: None,
        redirects_to_https,
    }
}

/// The Lambda state of the test region, to fill in.
pub fn lambda(snap: &mut Snapshot) -> &mut LambdaRegion {
    snap.lambda.entry(REGION.to_string()).or_default()
}

/// A python3.13 zip function on arm64, outside any VPC, with a dead-letter queue, active X-Ray
/// tracing and JSON logs.
pub fn function(name: &str) -> Function {
    Function {
        arn: format!("arn:aws:lambda:{REGION}:{ACCOUNT}:function:{name}"),
        region: REGION.into(),
        name: name.into(),
        runtime: Some("python3.13".into()),
        package_type: Some("Zip".into()),
        architectures: vec!["arm64".into()],
        memory_mb: Some(512),
        dead_letter_target: Some(format!("arn:aws:sqs:{REGION}:{ACCOUNT}:{name}-dlq")),
        vpc_id: None,
        tracing_mode: Some("Active".into()),
        log_format: Some("JSON".into()),
        policy: Fetched::Ok(None),
        environment_secrets: Fetched::Ok(vec![]),
    }
}

/// The CloudWatch Logs state of the test region, to fill in.
pub fn logs(snap: &mut Snapshot) -> &mut LogsRegion {
    snap.logs.entry(REGION.to_string()).or_default()
}

/// A log group kept 90 days, encrypted with a KMS key.
pub fn log_group(name: &str) -> LogGroup {
    LogGroup {
        arn: format!("arn:aws:logs:{REGION}:{ACCOUNT}:log-group:{name}"),
        region: REGION.into(),
        name: name.into(),
        retention_days: Some(90),
        kms_key_id: Some(format!("arn:aws:kms:{REGION}:{ACCOUNT}:key/logs")),
        stored_bytes: Some(1024),
    }
}

/// The DynamoDB state of the test region, to fill in.
pub fn dynamodb(snap: &mut Snapshot) -> &mut DynamoDbRegion {
    snap.dynamodb.entry(REGION.to_string()).or_default()
}

/// An on-demand table encrypted with a customer-managed key, protected, with PITR.
pub fn table(name: &str) -> Table {
    Table {
        arn: format!("arn:aws:dynamodb:{REGION}:{ACCOUNT}:table/{name}"),
        region: REGION.into(),
        name: name.into(),
        description: Fetched::Ok(TableDescription {
            status: Some("ACTIVE".into()),
            billing_mode: "PAY_PER_REQUEST".into(),
            read_capacity_units: Some(0),
            write_capacity_units: Some(0),
            kms_key_arn: Some(format!("arn:aws:kms:{REGION}:{ACCOUNT}:key/data")),
            deletion_protection: Some(true),
        }),
        point_in_time_recovery: Fetched::Ok(true),
    }
}

/// The KMS state of the test region, to fill in.
pub fn kms(snap: &mut Snapshot) -> &mut KmsRegion {
    snap.kms.entry(REGION.to_string()).or_default()
}

/// An enabled customer-managed symmetric key, `key-NAME` aliased `alias/NAME`, rotating.
pub fn kms_key(name: &str) -> Key {
    let id = format!("key-{}", name.replace('/', "-"));
    Key {
        arn: format!("arn:aws:kms:{REGION}:{ACCOUNT}:key/{id}"),
        region: REGION.into(),
        id,
        aliases: vec![format!("alias/{name}")],
        metadata: Fetched::Ok(key_metadata()),
        rotation_enabled: Fetched::Ok(Some(true)),
        policy: Fetched::Ok(None),
    }
}

pub fn key_metadata() -> KeyMetadata {
    KeyMetadata {
        manager: "CUSTOMER".into(),
        state: "Enabled".into(),
        spec: "SYMMETRIC_DEFAULT".into(),
        origin: "AWS_KMS".into(),
        description: None,
        deletion_date: None,
    }
}

/// The RDS state of the test region, to fill in.
pub fn rds(snap: &mut Snapshot) -> &mut RdsRegion {
    snap.rds.entry(REGION.to_string()).or_default()
}

/// A standalone PostgreSQL instance on Graviton: encrypted, Multi-AZ, private, protected,
/// 14 days of backups, auto minor upgrades, Performance Insights, 100 GiB of gp3 growing up to
/// 500 GiB, Enhanced Monitoring every 60 s, PostgreSQL logs exported, tags copied to snapshots,
/// IAM database authentication.
pub fn db_instance(id: &str) -> DbInstance {
    DbInstance {
        arn: format!("arn:aws:rds:{REGION}:{ACCOUNT}:db:{id}"),
        region: REGION.into(),
        id: id.into(),
        engine: Some("postgres".into()),
        engine_version: Some("16.3".into()),
        instance_class: Some("db.m7g.large".into()),
        status: Some("available".into()),
        cluster_id: None,
        replica_source: None,
        storage_type: Some("gp3".into()),
        allocated_storage_gib: Some(100),
        storage_encrypted: Some(true),
        kms_key_id: Some("alias/aws/rds".into()),
        multi_az: Some(true),
        availability_zone: Some(format!("{REGION}a")),
        publicly_accessible: Some(false),
        deletion_protection: Some(true),
        backup_retention_days: Some(14),
        auto_minor_version_upgrade: Some(true),
        performance_insights_enabled: Some(true),
        monitoring_interval_s: Some(60),
        log_exports: vec!["postgresql".into()],
        max_allocated_storage_gib: Some(500),
        copy_tags_to_snapshot: Some(true),
        iam_auth: Some(true),
        license_model: Some("postgresql-license".into()),
        tags: tags(&[("owner", "team"), ("cost-center", "cc-1")]),
    }
}

/// An Aurora PostgreSQL cluster with one member, `ID-1`: encrypted, Multi-AZ,
/// protected, 14 days of backups, PostgreSQL logs exported, tags copied to snapshots, IAM database
/// authentication.
pub fn db_cluster(id: &str) -> DbCluster {
    DbCluster {
        arn: format!("arn:aws:rds:{REGION}:{ACCOUNT}:cluster:{id}"),
        region: REGION.into(),
        id: id.into(),
        engine: Some("aurora-postgresql".into()),
        engine_version: Some("16.4".into()),
        engine_mode: Some("provisioned".into()),
        status: Some("available".into()),
        storage_encrypted: Some(true),
        multi_az: Some(true),
        deletion_protection: Some(true),
        backup_retention_days: Some(14),
        members: vec![format!("{id}-1")],
        log_exports: vec!["postgresql".into()],
        copy_tags_to_snapshot: Some(true),
        iam_auth: Some(true),
        tags: Tags::new(),
    }
}

/// The EC2 state of the test region, to fill in.
pub fn ec2(snap: &mut Snapshot) -> &mut Ec2Region {
    snap.ec2.entry(REGION.to_string()).or_default()
}

/// A failed call: access denied on `operation`.
pub fn denied(operation: &str) -> Gap {
    Gap {
        service: "test".into(),
        region: Some(REGION.into()),
        operation: operation.into(),
        resource: None,
        kind: ErrorKind::AccessDenied,
        message: "User is not authorized".into(),
    }
}

pub fn tags(pairs: &[(&str, &str)]) -> Tags {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn arn(kind: &str, id: &str) -> String {
    format!("arn:aws:ec2:{REGION}:{ACCOUNT}:{kind}/{id}")
}

pub fn instance(name: &str) -> Instance {
    let id = format!("i-{name}");
    Instance {
        arn: arn("instance", &id),
        region: REGION.into(),
        id,
        instance_type: "m7g.large".into(),
        state: "running".into(),
        availability_zone: Some(format!("{REGION}a")),
        vpc_id: Some("vpc-1".into()),
        architecture: Some("arm64".into()),
        http_tokens: Some("required".into()),
        http_endpoint: Some("enabled".into()),
        monitoring: Some("enabled".into()),
        launch_time: days_ago(10),
        state_since: None,
        auto_recovery: Some("default".into()),
        platform_details: Some("Linux/UNIX".into()),
        key_name: Fetched::Ok(None),
        tags: tags(&[("Name", name), ("owner", "team"), ("cost-center", "cc-1")]),
    }
}

pub fn volume(name: &str) -> Volume {
    let id = format!("vol-{name}");
    Volume {
        arn: arn("volume", &id),
        region: REGION.into(),
        id,
        volume_type: Some("gp3".into()),
        size_gib: 20,
        encrypted: Some(true),
        state: "in-use".into(),
        availability_zone: Some(format!("{REGION}a")),
        attached_to: vec!["i-web".into()],
        create_time: days_ago(10),
        tags: tags(&[("Name", name), ("owner", "team"), ("cost-center", "cc-1")]),
    }
}

pub fn security_group(name: &str) -> SecurityGroup {
    let id = format!("sg-{name}");
    SecurityGroup {
        arn: arn("security-group", &id),
        region: REGION.into(),
        id,
        name: name.into(),
        vpc_id: Some("vpc-1".into()),
        ingress: vec![],
        tags: Tags::new(),
    }
}

/// An ingress rule for TCP `from..=to` from `cidr` (IPv4 or IPv6).
pub fn tcp_from(from: i32, to: i32, cidr: &str) -> IngressRule {
    let (ipv4_ranges, ipv6_ranges) = if cidr.contains(':') {
        (vec![], vec![cidr.to_string()])
    } else {
        (vec![cidr.to_string()], vec![])
    };
    IngressRule {
        protocol: "tcp".into(),
        from_port: Some(from),
        to_port: Some(to),
        ipv4_ranges,
        ipv6_ranges,
        source_groups: vec![],
        prefix_lists: vec![],
    }
}

pub fn vpc(name: &str) -> Vpc {
    let id = format!("vpc-{name}");
    Vpc {
        arn: arn("vpc", &id),
        region: REGION.into(),
        id,
        cidr_block: Some("10.0.0.0/16".into()),
        cidr_blocks: Some(vec!["10.0.0.0/16".into()]),
        is_default: Some(false),
        tags: tags(&[("Name", name)]),
    }
}

pub fn flow_log(resource_id: &str) -> FlowLog {
    FlowLog {
        id: format!("fl-{resource_id}"),
        resource_id: resource_id.into(),
        status: Some("ACTIVE".into()),
        traffic_type: Some("ALL".into()),
    }
}

pub fn address(name: &str) -> Address {
    let id = format!("eipalloc-{name}");
    Address {
        arn: arn("elastic-ip", &id),
        region: REGION.into(),
        allocation_id: Some(id),
        public_ip: "203.0.113.10".into(),
        association_id: Some("eipassoc-1".into()),
        instance_id: Some("i-web".into()),
        network_interface_id: Some("eni-1".into()),
        tags: tags(&[("Name", name)]),
    }
}

pub fn ebs_snapshot(name: &str) -> EbsSnapshot {
    let id = format!("snap-{name}");
    EbsSnapshot {
        arn: arn("snapshot", &id),
        region: REGION.into(),
        id,
        volume_id: Some("vol-data".into()),
        encrypted: Some(true),
        volume_size_gib: Some(20),
        start_time: days_ago(3),
        tags: tags(&[("Name", name)]),
    }
}

pub fn bucket(name: &str) -> Bucket {
    Bucket {
        name: name.into(),
        region: REGION.into(),
        created: days_ago(100),
        encryption: Fetched::Ok(Some(BucketEncryption {
            algorithm: "aws:kms".into(),
            kms_key_id: Some("alias/data".into()),
            bucket_key_enabled: true,
        })),
        versioning: Fetched::Ok(Versioning::Enabled),
        public_access_block: Fetched::Ok(Some(PublicAccessBlock::ALL)),
        policy: Fetched::Ok(None),
        acl_grants: Fetched::Ok(vec![Grant {
            grantee_type: Some("CanonicalUser".into()),
            grantee_uri: None,
            grantee_id: Some("owner-canonical-id".into()),
            permission: "FULL_CONTROL".into(),
        }]),
        logging: Fetched::Ok(Some(LoggingTarget {
            target_bucket: "logs".into(),
            target_prefix: Some(format!("{name}/")),
        })),
        lifecycle_rules: Fetched::Ok(vec![LifecycleRule {
            id: Some("tidy".into()),
            enabled: true,
            expires_objects: true,
            transitions: true,
            manages_noncurrent_versions: true,
            aborts_incomplete_uploads: true,
        }]),
        tags: Fetched::Ok(tags(&[("owner", "team"), ("cost-center", "cc-1")])),
    }
}

pub fn user(name: &str) -> User {
    User {
        name: name.into(),
        arn: format!("arn:aws:iam::{ACCOUNT}:user/{name}"),
        id: format!("AIDA{}", name.to_uppercase()),
        attached_policies: vec![],
        inline_policies: vec![],
        groups: vec![],
        tags: Tags::new(),
    }
}

/// A credential-report row for a console user with MFA and one fresh, recently used key.
pub fn credential_row(user: &str) -> CredentialReportRow {
    CredentialReportRow {
        user: user.into(),
        arn: if user == CredentialReportRow::ROOT {
            format!("arn:aws:iam::{ACCOUNT}:root")
        } else {
            format!("arn:aws:iam::{ACCOUNT}:user/{user}")
        },
        password_enabled: true,
        password_last_used: days_ago(1),
        mfa_active: true,
        access_keys: vec![AccessKeyReport {
            slot: 1,
            active: true,
            last_rotated: days_ago(10),
            last_used: days_ago(1),
        }],
        user_creation_time: days_ago(400),
    }
}

pub fn strong_password_policy() -> PasswordPolicy {
    PasswordPolicy {
        minimum_length: Some(14),
        require_symbols: true,
        require_numbers: true,
        require_uppercase: true,
        require_lowercase: true,
        max_age_days: Some(90),
        reuse_prevention: Some(24),
    }
}

/// A single-region trail in the test region: logging all management events, validated,
/// encrypted with KMS, delivering to CloudWatch Logs.
pub fn trail(name: &str) -> Trail {
    Trail {
        arn: format!("arn:aws:cloudtrail:{REGION}:{ACCOUNT}:trail/{name}"),
        name: name.into(),
        home_region: REGION.into(),
        multi_region: Some(false),
        organization_trail: Some(false),
        include_global_service_events: Some(true),
        log_file_validation: Some(true),
        s3_bucket: Some("logs".into()),
        cloudwatch_logs_log_group_arn: Some(format!(
            "arn:aws:logs:{REGION}:{ACCOUNT}:log-group:cloudtrail/{name}:*"
        )),
        kms_key_id: Some(format!("arn:aws:kms:{REGION}:{ACCOUNT}:key/{name}")),
        status: Fetched::Ok(TrailStatus {
            is_logging: true,
            ..TrailStatus::default()
        }),
        management_events: Fetched::Ok(ManagementEvents::ALL),
        data_events: Fetched::Ok(DataEvents::default()),
    }
}

pub fn multi_region_trail(name: &str) -> Trail {
    Trail {
        multi_region: Some(true),
        ..trail(name)
    }
}

/// Makes `trails` the account's trails, listed in the test region.
pub fn set_trails(snap: &mut Snapshot, trails: Vec<Trail>) {
    let arns = trails.iter().map(|t| t.arn.clone()).collect();
    snap.cloudtrail
        .regions
        .insert(REGION.to_string(), Fetched::Ok(arns));
    snap.cloudtrail.trails = trails;
}

/// A region with one recorder, `default`, recording everything.
pub fn recording_config() -> ConfigRegion {
    ConfigRegion {
        recorders: Fetched::Ok(vec![ConfigRecorder {
            name: "default".into(),
            all_supported: true,
            include_global_resource_types: true,
            resource_types: vec![],
            service_linked: false,
        }]),
        statuses: Fetched::Ok(vec![recorder_status("default")]),
        conformance_packs: Fetched::Ok(vec![]),
        remediations: Fetched::Ok(vec![]),
    }
}

pub fn recorder_status(name: &str) -> RecorderStatus {
    RecorderStatus {
        name: name.into(),
        recording: true,
        last_status: Some("SUCCESS".into()),
        last_error_code: None,
    }
}

/// Runs `check` on `snap` with default settings.
pub fn run(check: &Check, snap: &Snapshot) -> Vec<Finding> {
    run_with(check, snap, &Settings::default())
}

pub fn run_with(check: &Check, snap: &Snapshot, settings: &Settings) -> Vec<Finding> {
    (check.evaluate)(&Context {
        snapshot: snap,
        settings,
    })
}

/// `(resource label, status)` of each finding, in order: what most tests assert.
pub fn statuses(findings: &[Finding]) -> Vec<(String, Status)> {
    findings
        .iter()
        .map(|f| {
            (
                f.resource
                    .name
                    .clone()
                    .unwrap_or_else(|| f.resource.id.clone()),
                f.status,
            )
        })
        .collect()
}

/// Shorthand for the expected side of `statuses`.
pub fn expect(pairs: &[(&str, Status)]) -> Vec<(String, Status)> {
    pairs
        .iter()
        .map(|(label, status)| (label.to_string(), *status))
        .collect()
}

/// A role created by a person a year ago, used yesterday, with no policy.
pub fn role(name: &str) -> Role {
    Role {
        name: name.into(),
        arn: format!("arn:aws:iam::{ACCOUNT}:role/{name}"),
        attached_policies: vec![],
        inline_policies: vec![],
        assume_role_policy: None,
        path: "/".into(),
        tags: Tags::new(),
        created: days_ago(365),
        last_used: days_ago(1),
    }
}

/// A target group that `load_balancer(lb)` routes to.
pub fn target_group(name: &str, lb: &str) -> TargetGroup {
    TargetGroup {
        arn: format!("arn:aws:elasticloadbalancing:{REGION}:{ACCOUNT}:targetgroup/{name}/1"),
        name: name.into(),
        load_balancer_arns: vec![load_balancer(lb).arn],
        target_type: Some("instance".into()),
        health_check_enabled: Some(true),
        health_check_protocol: Some("HTTP".into()),
        health_check_path: Some("/health".into()),
        attributes: Fetched::Ok(
            [("stickiness.enabled", "false")]
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        ),
    }
}

/// An S3 gateway endpoint in `vpc_id`.
pub fn s3_gateway_endpoint(vpc_id: &str) -> VpcEndpoint {
    gateway_endpoint(vpc_id, "s3")
}

/// An available gateway endpoint in `vpc_id` for `service` (`s3`, `dynamodb`).
pub fn gateway_endpoint(vpc_id: &str, service: &str) -> VpcEndpoint {
    VpcEndpoint {
        id: format!("vpce-{vpc_id}-{service}"),
        vpc_id: Some(vpc_id.into()),
        service_name: format!("com.amazonaws.{REGION}.{service}"),
        endpoint_type: "Gateway".into(),
        state: Some("available".into()),
    }
}

/// The ECR state of the test region (created empty, with basic registry scanning and no rules).
pub fn ecr(snap: &mut Snapshot) -> &mut crate::model::EcrRegion {
    use crate::model::ecr::*;
    snap.ecr
        .entry(REGION.to_string())
        .or_insert_with(|| EcrRegion {
            repositories: Fetched::Ok(vec![]),
            registry_scanning: Fetched::Ok(RegistryScanning {
                scan_type: "BASIC".into(),
                rules: vec![],
            }),
            pull_through_cache_rules: Fetched::Ok(vec![]),
        })
}

/// A repository scanned on push, with immutable tags, KMS encryption, a lifecycle policy and no
/// repository policy.
pub fn repository(name: &str) -> crate::model::ecr::Repository {
    crate::model::ecr::Repository {
        arn: format!("arn:aws:ecr:{REGION}:{ACCOUNT}:repository/{name}"),
        region: REGION.into(),
        name: name.into(),
        scan_on_push: true,
        tag_mutability: "IMMUTABLE".into(),
        encryption_type: "KMS".into(),
        kms_key: Some(format!("arn:aws:kms:{REGION}:{ACCOUNT}:key/ecr")),
        lifecycle_policy: Fetched::Ok(true),
        policy: Fetched::Ok(None),
        tags: Tags::new(),
    }
}

/// The EKS state of the test region (created empty).
pub fn eks(snap: &mut Snapshot) -> &mut crate::model::EksRegion {
    snap.eks
        .entry(REGION.to_string())
        .or_insert_with(|| crate::model::EksRegion {
            clusters: Fetched::Ok(vec![]),
        })
}

/// A cluster on Kubernetes 1.33 (in standard support at [`NOW`]) with every control-plane log
/// type, a private endpoint only, encrypted secrets and one node group.
pub fn eks_cluster(name: &str) -> crate::model::eks::Cluster {
    crate::model::eks::Cluster {
        arn: format!("arn:aws:eks:{REGION}:{ACCOUNT}:cluster/{name}"),
        region: REGION.into(),
        name: name.into(),
        version: Some("1.33".into()),
        status: Some("ACTIVE".into()),
        enabled_log_types: [
            "api",
            "audit",
            "authenticator",
            "controllerManager",
            "scheduler",
        ]
        .map(String::from)
        .to_vec(),
        endpoint_public_access: Some(false),
        endpoint_private_access: true,
        public_access_cidrs: vec![],
        secrets_key_arn: Some(format!("arn:aws:kms:{REGION}:{ACCOUNT}:key/eks")),
        nodegroups: Fetched::Ok(vec!["workers".into()]),
        fargate_profiles: Fetched::Ok(vec![]),
        tags: Tags::new(),
    }
}

/// The ECS state of the test region (created empty).
pub fn ecs(snap: &mut Snapshot) -> &mut crate::model::EcsRegion {
    snap.ecs
        .entry(REGION.to_string())
        .or_insert_with(|| crate::model::EcsRegion {
            clusters: Fetched::Ok(vec![]),
            task_definitions: Fetched::Ok(vec![]),
            services: Fetched::Ok(vec![]),
        })
}

/// A service of cluster `shop` rolled out by ECS with a circuit breaker that rolls back.
pub fn ecs_service(name: &str) -> crate::model::ecs::EcsService {
    crate::model::ecs::EcsService {
        arn: format!("arn:aws:ecs:{REGION}:{ACCOUNT}:service/shop/{name}"),
        region: REGION.into(),
        name: name.into(),
        cluster: "shop".into(),
        deployment_controller: Some("ECS".into()),
        circuit_breaker: Some((true, true)),
        alarms: None,
    }
}

/// A cluster with Container Insights enabled.
pub fn ecs_cluster(name: &str) -> crate::model::ecs::EcsCluster {
    crate::model::ecs::EcsCluster {
        arn: format!("arn:aws:ecs:{REGION}:{ACCOUNT}:cluster/{name}"),
        region: REGION.into(),
        name: name.into(),
        container_insights: Some("enabled".into()),
        tags: Tags::new(),
    }
}

/// Revision 1 of a Fargate ARM64 task definition with one unprivileged container `app` running as
/// user 1000 on a read-only root file system, logging to CloudWatch Logs.
pub fn task_definition(family: &str) -> crate::model::ecs::TaskDefinition {
    crate::model::ecs::TaskDefinition {
        arn: format!("arn:aws:ecs:{REGION}:{ACCOUNT}:task-definition/{family}:1"),
        region: REGION.into(),
        family: family.into(),
        revision: 1,
        network_mode: Some("awsvpc".into()),
        requires_compatibilities: vec!["FARGATE".into()],
        cpu_architecture: Some("ARM64".into()),
        os_family: Some("LINUX".into()),
        containers: vec![container("app")],
        tags: Tags::new(),
        environment_secrets: Fetched::Ok(vec![]),
    }
}

/// An unprivileged container running as user 1000, read-only root, logging with `awslogs`.
pub fn container(name: &str) -> crate::model::ecs::ContainerDefinition {
    crate::model::ecs::ContainerDefinition {
        name: name.into(),
        privileged: false,
        user: Some("1000".into()),
        readonly_root_filesystem: true,
        log_driver: Some("awslogs".into()),
    }
}

/// The Auto Scaling state of the test region (created empty).
pub fn autoscaling(snap: &mut Snapshot) -> &mut crate::model::AutoScalingRegion {
    snap.autoscaling
        .entry(REGION.to_string())
        .or_insert_with(|| crate::model::AutoScalingRegion {
            groups: Fetched::Ok(vec![]),
            groups_with_policies: Fetched::Ok(vec![]),
            launch_configurations: Fetched::Ok(vec![]),
            launch_template_versions: Fetched::Ok(vec![]),
            scheduled_actions: Fetched::Ok(vec![]),
        })
}

/// A group over two zones, behind a target group with ELB health checks, scaling 1–4, launching
/// from the `$Default` version of launch template `lt-<name>`.
pub fn auto_scaling_group(name: &str) -> crate::model::autoscaling::AutoScalingGroup {
    crate::model::autoscaling::AutoScalingGroup {
        arn: format!(
            "arn:aws:autoscaling:{REGION}:{ACCOUNT}:autoScalingGroup:0000:autoScalingGroupName/{name}"
        ),
        region: REGION.into(),
        name: name.into(),
        availability_zones: vec![format!("{REGION}a"), format!("{REGION}b")],
        health_check_type: "ELB".into(),
        load_balancers: vec!["web-tg".into()],
        capacity_rebalance: false,
        min_size: Some(1),
        max_size: Some(4),
        desired_capacity: 2,
        launch: crate::model::autoscaling::Launch::Template {
            template: format!("lt-{name}"),
            version: "$Default".into(),
            override_types: vec![],
            overrides_incomplete: false,
            uses_spot: false,
        },
        tags: Tags::new(),
    }
}

/// Version 1 (the default) of launch template `lt-<name>`: `m7g.large`, IMDSv2 required.
pub fn launch_template_version(name: &str) -> crate::model::autoscaling::LaunchTemplateVersion {
    crate::model::autoscaling::LaunchTemplateVersion {
        template_id: format!("lt-{name}"),
        template_name: name.into(),
        version: 1,
        is_default: true,
        instance_type: Some("m7g.large".into()),
        uses_instance_requirements: false,
        http_tokens: Some("required".into()),
        http_endpoint: Some("enabled".into()),
    }
}

/// The ACM state of the test region (created empty).
pub fn acm(snap: &mut Snapshot) -> &mut crate::model::AcmRegion {
    snap.acm
        .entry(REGION.to_string())
        .or_insert_with(|| crate::model::AcmRegion {
            certificates: Fetched::Ok(vec![]),
        })
}

/// An issued, in-use Amazon certificate for `domain` with an RSA 2048 key, valid 200 more days.
pub fn certificate(domain: &str) -> crate::model::acm::Certificate {
    crate::model::acm::Certificate {
        arn: format!("arn:aws:acm:{REGION}:{ACCOUNT}:certificate/{domain}-id"),
        region: REGION.into(),
        domain_name: Some(domain.into()),
        status: Some("ISSUED".into()),
        certificate_type: Some("AMAZON_ISSUED".into()),
        key_algorithm: Some("RSA_2048".into()),
        not_after: Some(NOW + Duration::days(200)),
        in_use: Some(true),
    }
}

/// The Systems Manager state of the test region (created empty).
pub fn ssm(snap: &mut Snapshot) -> &mut crate::model::SsmRegion {
    snap.ssm
        .entry(REGION.to_string())
        .or_insert_with(|| crate::model::SsmRegion {
            managed_instances: Fetched::Ok(vec![]),
            patch_compliance: Fetched::Ok(vec![]),
            documents: Fetched::Ok(vec![]),
            automation_executions: Fetched::Ok(vec![]),
            parameters: Fetched::Ok(vec![]),
        })
}

/// A secret found at `location`, masked.
pub fn secret_hit(kind: &str, location: &str) -> crate::secrets::SecretHit {
    crate::secrets::SecretHit {
        kind: kind.into(),
        location: location.into(),
        masked: "… (12 characters)".into(),
    }
}

/// A `String` parameter with no secret in its value.
pub fn ssm_parameter(name: &str) -> crate::model::ssm::Parameter {
    crate::model::ssm::Parameter {
        arn: format!("arn:aws:ssm:{REGION}:{ACCOUNT}:parameter{name}"),
        region: REGION.into(),
        name: name.into(),
        parameter_type: Some("String".into()),
        secrets: Fetched::Ok(vec![]),
    }
}

/// The RAM state of the test region, to fill in.
pub fn ram(snap: &mut Snapshot) -> &mut crate::model::RamRegion {
    snap.ram.entry(REGION.to_string()).or_default()
}

/// An active share that allows external principals, with no principal yet.
pub fn resource_share(name: &str) -> crate::model::ram::ResourceShare {
    crate::model::ram::ResourceShare {
        arn: format!("arn:aws:ram:{REGION}:{ACCOUNT}:resource-share/{name}"),
        region: REGION.into(),
        name: name.into(),
        status: Some("ACTIVE".into()),
        allow_external_principals: Some(true),
        principals: Fetched::Ok(vec![]),
        tags: Tags::new(),
    }
}

/// The OpenSearch state of the test region, to fill in.
pub fn opensearch(snap: &mut Snapshot) -> &mut crate::model::OpenSearchRegion {
    snap.opensearch.entry(REGION.to_string()).or_default()
}

/// Every protection of an OpenSearch domain on.
pub fn all_safeguards() -> crate::model::opensearch::DomainSafeguards {
    crate::model::opensearch::DomainSafeguards {
        encrypted_at_rest: Some(true),
        node_to_node_encryption: Some(true),
        https_enforced: Some(true),
        zone_awareness: Some(true),
        fine_grained_access_control: Some(true),
        audit_logs: Some(true),
    }
}

/// A domain with a public endpoint and no access policy (every protection on).
pub fn opensearch_domain(name: &str) -> crate::model::opensearch::Domain {
    crate::model::opensearch::Domain {
        arn: format!("arn:aws:es:{REGION}:{ACCOUNT}:domain/{name}"),
        region: REGION.into(),
        name: name.into(),
        vpc_id: None,
        engine_version: Some("OpenSearch_2.11".into()),
        access_policy: Fetched::Ok(None),
        instance_type: None,
        dedicated_master_type: None,
        safeguards: all_safeguards(),
    }
}

/// A network interface of `instance` in the security groups `groups`.
pub fn eni(
    id: &str,
    instance: Option<&str>,
    description: &str,
    groups: &[&str],
) -> crate::model::ec2::NetworkInterface {
    crate::model::ec2::NetworkInterface {
        id: id.into(),
        groups: groups.iter().map(|g| g.to_string()).collect(),
        interface_type: Some("interface".into()),
        instance_id: instance.map(str::to_string),
        requester_id: None,
        description: Some(description.into()),
        public_ip: false,
    }
}

/// An online managed node for EC2 instance `id`.
pub fn managed_instance(id: &str) -> crate::model::ssm::ManagedInstance {
    crate::model::ssm::ManagedInstance {
        arn: format!("arn:aws:ec2:{REGION}:{ACCOUNT}:instance/{id}"),
        region: REGION.into(),
        instance_id: id.into(),
        ping_status: Some("Online".into()),
        computer_name: None,
    }
}

/// A patch-compliant summary for node `id`.
pub fn patch_compliance(id: &str) -> crate::model::ssm::PatchCompliance {
    crate::model::ssm::PatchCompliance {
        resource_id: id.into(),
        status: "COMPLIANT".into(),
        non_compliant_critical: 0,
        non_compliant_high: 0,
        non_compliant_total: 0,
    }
}

/// A command document owned by the account, shared with nobody.
pub fn document(name: &str) -> crate::model::ssm::Document {
    crate::model::ssm::Document {
        arn: format!("arn:aws:ssm:{REGION}:{ACCOUNT}:document/{name}"),
        region: REGION.into(),
        name: name.into(),
        document_type: Some("Command".into()),
        shared_with: Fetched::Ok(vec![]),
        tags: Tags::new(),
    }
}

pub fn backup(snap: &mut Snapshot) -> &mut BackupRegion {
    snap.backup.entry(REGION.to_string()).or_default()
}

pub fn backup_plan(name: &str) -> BackupPlan {
    BackupPlan {
        arn: format!("arn:aws:backup:{REGION}:{ACCOUNT}:backup-plan:{name}-id"),
        region: REGION.into(),
        id: format!("{name}-id"),
        name: name.into(),
        rules: Fetched::Ok(vec![BackupRule {
            name: "daily".into(),
            copy_to: vec![],
        }]),
    }
}

/// A locked vault holding recovery points.
pub fn backup_vault(name: &str) -> BackupVault {
    BackupVault {
        arn: format!("arn:aws:backup:{REGION}:{ACCOUNT}:backup-vault:{name}"),
        region: REGION.into(),
        name: name.into(),
        locked: true,
        encryption_key_arn: None,
        recovery_points: 3,
    }
}

pub fn organization() -> Organization {
    Organization {
        id: "o-abc123".into(),
        arn: format!("arn:aws:organizations::{ACCOUNT}:organization/o-abc123"),
        management_account_id: ACCOUNT.into(),
        feature_set: "ALL".into(),
    }
}

/// A customer-managed policy attached to the root.
pub fn org_policy(id: &str, name: &str) -> Policy {
    Policy {
        id: id.into(),
        arn: format!("arn:aws:organizations::{ACCOUNT}:policy/o-abc123/{id}"),
        name: name.into(),
        aws_managed: false,
        targets: Fetched::Ok(vec!["r-root".into()]),
    }
}

/// A cost budget that notifies at 80% of actual spend.
pub fn budget(name: &str) -> Budget {
    Budget {
        arn: format!("arn:aws:budgets::{ACCOUNT}:budget/{name}"),
        name: name.into(),
        budget_type: "COST".into(),
        notifications: Fetched::Ok(vec![BudgetNotification {
            notification_type: "ACTUAL".into(),
            threshold: 80.0,
        }]),
    }
}

pub fn compute_optimizer(snap: &mut Snapshot) -> &mut ComputeOptimizerRegion {
    snap.computeoptimizer
        .regions
        .entry(REGION.to_string())
        .or_default()
}

/// An optimized resource of `kind` (`AWS::EC2::Instance`, ...).
pub fn recommendation(kind: &str, name: &str) -> Recommendation {
    Recommendation {
        arn: format!("arn:aws:service:{REGION}:{ACCOUNT}:resource/{name}"),
        region: REGION.into(),
        kind: kind.into(),
        name: name.into(),
        finding: "OPTIMIZED".into(),
        reasons: vec![],
        current: "m5.large".into(),
        recommended: None,
    }
}

/// A distribution that does everything right: HTTPS only, TLS 1.2, WAF, logs, HTTP/2, compression.
pub fn distribution(id: &str) -> Distribution {
    Distribution {
        arn: format!("arn:aws:cloudfront::{ACCOUNT}:distribution/{id}"),
        id: id.into(),
        domain_name: format!("{}.cloudfront.net", id.to_lowercase()),
        aliases: vec![],
        viewer_protocol_policies: vec!["redirect-to-https".into()],
        compress: true,
        http_version: "http2".into(),
        minimum_protocol_version: Some("TLSv1.2_2021".into()),
        web_acl_id: Some(format!(
            "arn:aws:wafv2:us-east-1:{ACCOUNT}:global/webacl/edge/1"
        )),
        origins: vec![Origin {
            id: "app".into(),
            domain_name: "app.example.com".into(),
            protocol_policy: Some("https-only".into()),
        }],
        logging: Fetched::Ok(true),
        caches: Some(true),
    }
}

pub fn hosted_zone(id: &str, name: &str) -> HostedZone {
    HostedZone {
        id: id.into(),
        name: name.into(),
        private: false,
        records: Fetched::Ok(vec![]),
        tags: Tags::new(),
    }
}

pub fn cloudwatch(snap: &mut Snapshot) -> &mut CloudWatchRegion {
    snap.cloudwatch.entry(REGION.to_string()).or_default()
}

/// A metric alarm in `OK` that notifies an SNS topic.
pub fn alarm(name: &str, namespace: &str, metric: &str) -> Alarm {
    Alarm {
        arn: format!("arn:aws:cloudwatch:{REGION}:{ACCOUNT}:alarm:{name}"),
        region: REGION.into(),
        name: name.into(),
        composite: false,
        state: Some("OK".into()),
        actions_enabled: true,
        alarm_actions: vec![format!("arn:aws:sns:{REGION}:{ACCOUNT}:ops")],
        namespace: Some(namespace.into()),
        metric_name: Some(metric.into()),
        dimensions: vec![],
        math_metrics: vec![],
    }
}

pub fn metric_filter(name: &str, pattern: &str, namespace: &str, metric: &str) -> MetricFilter {
    MetricFilter {
        name: name.into(),
        log_group: "cloudtrail".into(),
        pattern: pattern.into(),
        metrics: vec![(namespace.into(), metric.into())],
    }
}

pub fn access_analyzer(snap: &mut Snapshot) -> &mut AccessAnalyzerRegion {
    snap.accessanalyzer.entry(REGION.to_string()).or_default()
}

/// An active account analyzer without findings.
pub fn analyzer(name: &str) -> Analyzer {
    Analyzer {
        arn: format!("arn:aws:access-analyzer:{REGION}:{ACCOUNT}:analyzer/{name}"),
        region: REGION.into(),
        name: name.into(),
        analyzer_type: "ACCOUNT".into(),
        status: "ACTIVE".into(),
        active_findings: Fetched::Ok(0),
    }
}

/// A subnet of `vpc-main` in `zone` with a /24 of which 200 addresses are free.
pub fn subnet(id: &str, zone: &str) -> crate::model::network::Subnet {
    crate::model::network::Subnet {
        arn: arn("subnet", id),
        region: REGION.into(),
        id: id.into(),
        vpc_id: Some("vpc-main".into()),
        availability_zone: Some(zone.into()),
        cidr_block: Some("10.0.0.0/24".into()),
        available_ip_addresses: Some(200),
        tags: Tags::new(),
    }
}

/// An available NAT gateway of `vpc-main` in `subnet_id`.
pub fn nat_gateway(id: &str, subnet_id: &str) -> crate::model::network::NatGateway {
    crate::model::network::NatGateway {
        arn: arn("natgateway", id),
        region: REGION.into(),
        id: id.into(),
        vpc_id: Some("vpc-main".into()),
        subnet_id: Some(subnet_id.into()),
        state: Some("available".into()),
        tags: Tags::new(),
    }
}

/// A route table of `vpc-main` associated with `subnets`, routing through `nat_gateways`.
pub fn route_table(
    id: &str,
    subnets: &[&str],
    nat_gateways: &[&str],
) -> crate::model::network::RouteTable {
    crate::model::network::RouteTable {
        id: id.into(),
        vpc_id: Some("vpc-main".into()),
        main: false,
        subnet_ids: subnets.iter().map(|s| s.to_string()).collect(),
        nat_gateway_ids: nat_gateways.iter().map(|s| s.to_string()).collect(),
    }
}

/// An available VPN connection with both tunnels up.
pub fn vpn_connection(id: &str) -> crate::model::network::VpnConnection {
    crate::model::network::VpnConnection {
        arn: arn("vpn-connection", id),
        region: REGION.into(),
        id: id.into(),
        state: Some("available".into()),
        tunnels: Some(vec!["UP".into(), "UP".into()]),
        tags: Tags::new(),
    }
}

/// The network topology of the test region, to fill in.
pub fn network(snap: &mut Snapshot) -> &mut crate::model::network::Network {
    &mut ec2(snap).network
}

pub fn cloudformation(snap: &mut Snapshot) -> &mut crate::model::CloudFormationRegion {
    snap.cloudformation.entry(REGION.to_string()).or_default()
}

/// A root stack in `CREATE_COMPLETE`, drift-checked ten days ago and in sync, protected, with
/// no rollback trigger.
pub fn stack(name: &str) -> crate::model::cloudformation::Stack {
    crate::model::cloudformation::Stack {
        arn: format!("arn:aws:cloudformation:{REGION}:{ACCOUNT}:stack/{name}/1"),
        region: REGION.into(),
        name: name.into(),
        status: "CREATE_COMPLETE".into(),
        root_id: None,
        termination_protection: Some(true),
        drift_status: Some("IN_SYNC".into()),
        drift_checked_at: days_ago(10),
        rollback_triggers: Some(vec![]),
        tags: Tags::new(),
        secrets: Fetched::Ok(vec![]),
    }
}

pub fn apigateway(snap: &mut Snapshot) -> &mut crate::model::ApiGatewayRegion {
    snap.apigateway.entry(REGION.to_string()).or_default()
}

/// A REST API `id` with one validator and no stage.
pub fn rest_api(id: &str) -> crate::model::apigateway::RestApi {
    crate::model::apigateway::RestApi {
        arn: format!("arn:aws:apigateway:{REGION}::/restapis/{id}"),
        region: REGION.into(),
        id: id.into(),
        name: Some(format!("{id}-api")),
        stages: Fetched::Ok(vec![]),
        request_validators: Fetched::Ok(vec!["body".into()]),
        tags: Tags::new(),
        endpoint_types: vec!["REGIONAL".into()],
    }
}

/// Stage `name` of API `api_id`: traced, throttled at 100 rps (burst 200) for every method.
pub fn api_stage(api_id: &str, name: &str) -> crate::model::apigateway::Stage {
    crate::model::apigateway::Stage {
        arn: format!("arn:aws:apigateway:{REGION}::/restapis/{api_id}/stages/{name}"),
        region: REGION.into(),
        api_id: api_id.into(),
        api_name: Some(format!("{api_id}-api")),
        name: name.into(),
        tracing_enabled: true,
        cache_cluster_enabled: Some(false),
        throttling: vec![("*/*".into(), 100.0, 200)],
        access_log_destination: None,
        tags: Tags::new(),
        web_acl_arn: Some(format!(
            "arn:aws:wafv2:{REGION}:{ACCOUNT}:regional/webacl/{api_id}-acl/1"
        )),
    }
}

/// Function `worker` polling the queue or stream `source_arn`, with the stream defaults
/// (unbounded retries, no failure destination).
pub fn event_source_mapping(
    uuid: &str,
    source_arn: &str,
) -> crate::model::lambda::EventSourceMapping {
    crate::model::lambda::EventSourceMapping {
        arn: format!("arn:aws:lambda:{REGION}:{ACCOUNT}:event-source-mapping:{uuid}"),
        region: REGION.into(),
        uuid: uuid.into(),
        function_arn: Some(format!("arn:aws:lambda:{REGION}:{ACCOUNT}:function:worker")),
        source_arn: Some(source_arn.into()),
        state: Some("Enabled".into()),
        maximum_retry_attempts: None,
        maximum_record_age_seconds: None,
        on_failure_destination: None,
    }
}

pub fn fis(snap: &mut Snapshot) -> &mut crate::model::FisRegion {
    snap.fis.entry(REGION.to_string()).or_default()
}

pub fn codedeploy(snap: &mut Snapshot) -> &mut crate::model::CodeDeployRegion {
    snap.codedeploy.entry(REGION.to_string()).or_default()
}

/// An EC2/on-premises deployment group of application `application` that deploys blue/green
/// with `CodeDeployDefault.OneAtATime` and rolls back on failure.
pub fn deployment_group(
    application: &str,
    name: &str,
) -> crate::model::codedeploy::DeploymentGroup {
    crate::model::codedeploy::DeploymentGroup {
        arn: format!("arn:aws:codedeploy:{REGION}:{ACCOUNT}:deploymentgroup:{application}/{name}"),
        region: REGION.into(),
        application: application.into(),
        name: name.into(),
        compute_platform: Some("Server".into()),
        deployment_type: Some("BLUE_GREEN".into()),
        deployment_config_name: Some("CodeDeployDefault.OneAtATime".into()),
        auto_rollback_enabled: true,
        auto_rollback_events: vec!["DEPLOYMENT_FAILURE".into()],
    }
}

pub fn resiliencehub(snap: &mut Snapshot) -> &mut crate::model::ResilienceHubRegion {
    snap.resiliencehub.entry(REGION.to_string()).or_default()
}

pub fn synthetics(snap: &mut Snapshot) -> &mut crate::model::SyntheticsRegion {
    snap.synthetics.entry(REGION.to_string()).or_default()
}

/// An available ElastiCache Valkey cluster `id` on `node_type`.
pub fn cache_cluster(id: &str, node_type: &str) -> crate::model::elasticache::CacheCluster {
    crate::model::elasticache::CacheCluster {
        arn: format!("arn:aws:elasticache:{REGION}:{ACCOUNT}:cluster:{id}"),
        region: REGION.into(),
        id: id.into(),
        engine: Some("valkey".into()),
        node_type: Some(node_type.into()),
        status: Some("available".into()),
        replication_group_id: None,
    }
}

/// An OpenSearch domain `name` whose data nodes run `instance_type`, without dedicated masters.
pub fn opensearch_domain_of_type(
    name: &str,
    instance_type: &str,
) -> crate::model::opensearch::Domain {
    crate::model::opensearch::Domain {
        arn: format!("arn:aws:es:{REGION}:{ACCOUNT}:domain/{name}"),
        region: REGION.into(),
        name: name.into(),
        vpc_id: Some("vpc-0123".into()),
        access_policy: Fetched::Ok(None),
        engine_version: Some("OpenSearch_2.13".into()),
        instance_type: Some(instance_type.into()),
        dedicated_master_type: None,
        safeguards: all_safeguards(),
    }
}

/// The ElastiCache state of the test region, to fill in.
pub fn elasticache(snap: &mut Snapshot) -> &mut crate::model::ElastiCacheRegion {
    snap.elasticache.entry(REGION.to_string()).or_default()
}

/// A healthy Data Exports export `name` of `table` (`None`: a query naming no known table) with
/// these table properties.
pub fn data_export(
    name: &str,
    table: Option<&str>,
    properties: &[(&str, &str)],
) -> crate::model::dataexports::DataExport {
    crate::model::dataexports::DataExport {
        arn: format!("arn:aws:bcm-data-exports:us-east-1:{ACCOUNT}:export/{name}"),
        name: name.into(),
        status: Some("HEALTHY".into()),
        definition: Fetched::Ok(crate::model::dataexports::ExportDefinition {
            table: table.map(str::to_string),
            table_properties: properties
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        }),
    }
}

pub fn ssmincidents(snap: &mut Snapshot) -> &mut crate::model::SsmIncidentsRegion {
    snap.ssmincidents.entry(REGION.to_string()).or_default()
}

/// A response plan `name` of impact 1 that engages an on-call contact, opens a chat channel and
/// starts the `AWSIncidents-CriticalIncidentRunbookTemplate` runbook.
pub fn response_plan(name: &str) -> crate::model::ssmincidents::ResponsePlan {
    crate::model::ssmincidents::ResponsePlan {
        arn: format!("arn:aws:ssm-incidents::{ACCOUNT}:response-plan/{name}"),
        name: name.into(),
        display_name: None,
        details: Fetched::Ok(crate::model::ssmincidents::ResponsePlanDetails {
            impact: 1,
            engagements: vec![format!(
                "arn:aws:ssm-contacts:{REGION}:{ACCOUNT}:contact/oncall"
            )],
            chat_channel: Some("chatbot_sns".into()),
            notification_targets: 0,
            runbooks: vec!["AWSIncidents-CriticalIncidentRunbookTemplate".into()],
            integrations: vec![],
        }),
    }
}

/// A resolved incident `id` with a post-incident analysis linked to it.
pub fn incident(id: &str) -> crate::model::ssmincidents::IncidentRecord {
    crate::model::ssmincidents::IncidentRecord {
        arn: format!("arn:aws:ssm-incidents::{ACCOUNT}:incident-record/sev1/{id}"),
        title: String::new(),
        region: REGION.into(),
        impact: Some(1),
        status: "RESOLVED".into(),
        resolved_time: days_ago(10),
        related_item_types: Fetched::Ok(vec!["METRIC".into(), "ANALYSIS".into()]),
    }
}

pub fn codepipeline(snap: &mut Snapshot) -> &mut crate::model::CodePipelineRegion {
    snap.codepipeline.entry(REGION.to_string()).or_default()
}

/// A CodePipeline action.
pub fn pipeline_action(
    name: &str,
    category: &str,
    provider: &str,
) -> crate::model::codepipeline::Action {
    crate::model::codepipeline::Action {
        name: name.into(),
        category: category.into(),
        provider: provider.into(),
        run_order: 1,
    }
}

/// A pipeline `name` that builds, tests, waits for a manual approval, deploys and tests the
/// deployment, and succeeded two days ago.
pub fn pipeline(name: &str) -> crate::model::codepipeline::Pipeline {
    use crate::model::codepipeline::*;
    let stage = |name: &str, actions: Vec<Action>| Stage {
        name: name.into(),
        actions,
    };
    Pipeline {
        name: name.into(),
        region: REGION.into(),
        arn: format!("arn:aws:codepipeline:{REGION}:{ACCOUNT}:{name}"),
        stages: Fetched::Ok(vec![
            stage(
                "Source",
                vec![pipeline_action(
                    "Code",
                    "Source",
                    "CodeStarSourceConnection",
                )],
            ),
            stage(
                "Build",
                vec![
                    pipeline_action("Compile", "Build", "CodeBuild"),
                    Action {
                        run_order: 2,
                        ..pipeline_action("UnitTests", "Test", "CodeBuild")
                    },
                ],
            ),
            stage(
                "Approve",
                vec![pipeline_action("Release", "Approval", "Manual")],
            ),
            stage(
                "Prod",
                vec![
                    pipeline_action("Deploy", "Deploy", "CodeDeploy"),
                    Action {
                        run_order: 2,
                        ..pipeline_action("Smoke", "Test", "CodeBuild")
                    },
                ],
            ),
        ]),
        executions: Fetched::Ok(vec![Execution {
            id: "e-1".into(),
            status: "Succeeded".into(),
            start_time: days_ago(2),
        }]),
    }
}

/// The Well-Architected Tool state of the test region, to fill in.
pub fn wellarchitected(snap: &mut Snapshot) -> &mut crate::model::WellArchitectedRegion {
    snap.wellarchitected.entry(REGION.to_string()).or_default()
}

/// A Well-Architected Tool workload `name` last updated `updated_days` days before the scan,
/// reviewed with the `wellarchitected` lens, no milestone and no risk in any pillar.
pub fn wa_workload(name: &str, updated_days: i64) -> crate::model::wellarchitected::Workload {
    crate::model::wellarchitected::Workload {
        id: format!("{name}-id"),
        arn: format!("arn:aws:wellarchitected:{REGION}:{ACCOUNT}:workload/{name}-id"),
        name: name.into(),
        region: REGION.into(),
        updated_at: days_ago(updated_days),
        risk_counts: std::collections::BTreeMap::new(),
        lenses: vec!["wellarchitected".into()],
        milestones: Fetched::Ok(vec![]),
        pillar_risks: Fetched::Ok(std::collections::BTreeMap::new()),
    }
}

/// A milestone `number` recorded `days` days before the scan.
pub fn wa_milestone(number: i32, days: i64) -> crate::model::wellarchitected::Milestone {
    crate::model::wellarchitected::Milestone {
        number,
        name: Some(format!("milestone {number}")),
        recorded_at: days_ago(days),
    }
}

/// The Network Firewall state of the test region (created empty).
pub fn networkfirewall(snap: &mut Snapshot) -> &mut crate::model::NetworkFirewallRegion {
    snap.networkfirewall.entry(REGION.to_string()).or_default()
}

/// A firewall with delete and policy-change protection on, sending alert and flow logs.
pub fn network_firewall(name: &str) -> crate::model::networkfirewall::Firewall {
    crate::model::networkfirewall::Firewall {
        arn: format!("arn:aws:network-firewall:{REGION}:{ACCOUNT}:firewall/{name}"),
        region: REGION.into(),
        name: name.into(),
        details: Fetched::Ok(crate::model::networkfirewall::FirewallDetails {
            vpc_id: Some("vpc-1".into()),
            delete_protection: Some(true),
            policy_change_protection: Some(true),
            tags: Tags::new(),
        }),
        log_types: Fetched::Ok(vec!["ALERT".into(), "FLOW".into()]),
    }
}
