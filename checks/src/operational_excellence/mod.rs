//! Operational excellence: run and monitor systems, and improve processes and procedures.

mod cloudformation_infrastructure_as_code;
mod cloudformation_stack_rollback_triggers;
mod cloudfront_access_logging;
mod cloudwatch_alarm_incident_routing;
mod cloudwatch_alarm_insufficient_data;
mod cloudwatch_dashboard_exists;
mod cloudwatch_resource_alarms;
mod codedeploy_deployment_group_auto_rollback;
mod codedeploy_deployment_group_safe_strategy;
mod ec2_instance_detailed_monitoring;
mod ec2_instance_owner_tag;
mod ecr_repository_tag_immutability;
mod ecs_task_definition_logging;
mod lambda_function_structured_logging;
mod lambda_function_tracing_enabled;
mod organizations_tag_policy;
mod rds_log_exports;
mod rds_owner_tag;
mod s3_bucket_owner_tag;
mod sns_topic_subscribed;
mod ssm_automation_runbooks;
mod ssm_automation_runbooks_run;
mod ssm_instance_managed;
mod ssm_instance_patch_compliance;
mod ssm_post_incident_analysis;
mod support_plan_business;
mod synthetics_canary_running;

use crate::check::Check;

pub use cloudformation_infrastructure_as_code::CLOUDFORMATION_INFRASTRUCTURE_AS_CODE;
pub use cloudformation_stack_rollback_triggers::CLOUDFORMATION_STACK_ROLLBACK_TRIGGERS;
pub use cloudfront_access_logging::CLOUDFRONT_ACCESS_LOGGING;
pub use cloudwatch_alarm_incident_routing::CLOUDWATCH_ALARM_INCIDENT_ROUTING;
pub use cloudwatch_alarm_insufficient_data::CLOUDWATCH_ALARM_INSUFFICIENT_DATA;
pub use cloudwatch_dashboard_exists::CLOUDWATCH_DASHBOARD_EXISTS;
pub use cloudwatch_resource_alarms::CLOUDWATCH_RESOURCE_ALARMS;
pub use codedeploy_deployment_group_auto_rollback::CODEDEPLOY_DEPLOYMENT_GROUP_AUTO_ROLLBACK;
pub use codedeploy_deployment_group_safe_strategy::CODEDEPLOY_DEPLOYMENT_GROUP_SAFE_STRATEGY;
pub use ec2_instance_detailed_monitoring::EC2_INSTANCE_DETAILED_MONITORING;
pub use ec2_instance_owner_tag::EC2_INSTANCE_OWNER_TAG;
pub use ecr_repository_tag_immutability::ECR_REPOSITORY_TAG_IMMUTABILITY;
pub use ecs_task_definition_logging::ECS_TASK_DEFINITION_LOGGING;
pub use lambda_function_structured_logging::LAMBDA_FUNCTION_STRUCTURED_LOGGING;
pub use lambda_function_tracing_enabled::LAMBDA_FUNCTION_TRACING_ENABLED;
pub use organizations_tag_policy::ORGANIZATIONS_TAG_POLICY;
pub use rds_log_exports::RDS_LOG_EXPORTS;
pub use rds_owner_tag::RDS_OWNER_TAG;
pub use s3_bucket_owner_tag::S3_BUCKET_OWNER_TAG;
pub use sns_topic_subscribed::SNS_TOPIC_SUBSCRIBED;
pub use ssm_automation_runbooks::SSM_AUTOMATION_RUNBOOKS;
pub use ssm_automation_runbooks_run::SSM_AUTOMATION_RUNBOOKS_RUN;
pub use ssm_instance_managed::SSM_INSTANCE_MANAGED;
pub use ssm_instance_patch_compliance::SSM_INSTANCE_PATCH_COMPLIANCE;
pub use ssm_post_incident_analysis::SSM_POST_INCIDENT_ANALYSIS;
pub use support_plan_business::SUPPORT_PLAN_BUSINESS;
pub use synthetics_canary_running::SYNTHETICS_CANARY_RUNNING;

pub static CHECKS: &[&Check] = &[
    &EC2_INSTANCE_OWNER_TAG,
    &S3_BUCKET_OWNER_TAG,
    &EC2_INSTANCE_DETAILED_MONITORING,
    &RDS_OWNER_TAG,
    &LAMBDA_FUNCTION_TRACING_ENABLED,
    &LAMBDA_FUNCTION_STRUCTURED_LOGGING,
    &RDS_LOG_EXPORTS,
    &SNS_TOPIC_SUBSCRIBED,
    &ECR_REPOSITORY_TAG_IMMUTABILITY,
    &ECS_TASK_DEFINITION_LOGGING,
    &SSM_INSTANCE_MANAGED,
    &SSM_INSTANCE_PATCH_COMPLIANCE,
    &CLOUDFRONT_ACCESS_LOGGING,
    &ORGANIZATIONS_TAG_POLICY,
    &CLOUDWATCH_ALARM_INSUFFICIENT_DATA,
    &CLOUDWATCH_RESOURCE_ALARMS,
    &CLOUDWATCH_ALARM_INCIDENT_ROUTING,
    &SSM_AUTOMATION_RUNBOOKS,
    &SSM_POST_INCIDENT_ANALYSIS,
    &CLOUDWATCH_DASHBOARD_EXISTS,
    &CLOUDFORMATION_INFRASTRUCTURE_AS_CODE,
    &CLOUDFORMATION_STACK_ROLLBACK_TRIGGERS,
    &SSM_AUTOMATION_RUNBOOKS_RUN,
    &CODEDEPLOY_DEPLOYMENT_GROUP_SAFE_STRATEGY,
    &CODEDEPLOY_DEPLOYMENT_GROUP_AUTO_ROLLBACK,
    &SYNTHETICS_CANARY_RUNNING,
    &SUPPORT_PLAN_BUSINESS,
];
