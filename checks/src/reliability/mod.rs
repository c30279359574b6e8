//! Reliability: a workload performs its intended function correctly and consistently.

mod apigateway_request_validation;
mod apigateway_stage_throttling;
mod apigateway_stage_tracing;
mod autoscaling_group_capacity_rebalance;
mod autoscaling_group_elb_health_check;
mod autoscaling_group_multi_az;
mod autoscaling_group_static_stability;
mod backup_plan_cross_region_copy;
mod backup_plan_exists;
mod backup_resources_protected;
mod backup_restore_tested;
mod backup_vault_locked;
mod cloudformation_stack_drift;
mod cloudwatch_alarm_actions;
mod cloudwatch_alarm_automated_response;
mod cloudwatch_availability_alarm_notifies;
mod cloudwatch_log_metric_filters;
mod cloudwatch_quota_usage_alarm;
mod codedeploy_deployment_group_blue_green;
mod codepipeline_deployments_recent;
mod dynamodb_table_point_in_time_recovery;
mod ec2_ebs_volume_snapshot_recent;
mod ec2_instance_auto_recovery;
mod ec2_instance_multi_az;
mod ec2_nat_gateway_per_az;
mod ec2_snapshot_encrypted;
mod ec2_subnet_free_addresses;
mod ec2_transit_gateway_cidrs_overlap;
mod ec2_vpc_interconnect_hub_and_spoke;
mod ec2_vpc_subnets_multi_az;
mod ec2_vpn_connection_tunnels_up;
mod efs_backup_enabled;
mod efs_file_system_multi_az;
mod elbv2_multi_az;
mod elbv2_target_group_health_check;
mod elbv2_target_group_stickiness;
mod fis_experiments_run;
mod lambda_event_source_retries_bounded;
mod rds_backup_retention;
mod rds_instance_enhanced_monitoring;
mod rds_multi_az;
mod resiliencehub_app_recovery_objectives;
mod route53_failover_health_checked;
mod s3_bucket_versioning;
mod servicequotas_consistent_across_regions;
mod servicequotas_usage_headroom;
mod sqs_queue_dead_letter_queue;

use crate::check::Check;

pub use apigateway_request_validation::APIGATEWAY_REQUEST_VALIDATION;
pub use apigateway_stage_throttling::APIGATEWAY_STAGE_THROTTLING;
pub use apigateway_stage_tracing::APIGATEWAY_STAGE_TRACING;
pub use autoscaling_group_capacity_rebalance::AUTOSCALING_GROUP_CAPACITY_REBALANCE;
pub use autoscaling_group_elb_health_check::AUTOSCALING_GROUP_ELB_HEALTH_CHECK;
pub use autoscaling_group_multi_az::AUTOSCALING_GROUP_MULTI_AZ;
pub use autoscaling_group_static_stability::AUTOSCALING_GROUP_STATIC_STABILITY;
pub use backup_plan_cross_region_copy::BACKUP_PLAN_CROSS_REGION_COPY;
pub use backup_plan_exists::BACKUP_PLAN_EXISTS;
pub use backup_resources_protected::BACKUP_RESOURCES_PROTECTED;
pub use backup_restore_tested::BACKUP_RESTORE_TESTED;
pub use backup_vault_locked::BACKUP_VAULT_LOCKED;
pub use cloudformation_stack_drift::CLOUDFORMATION_STACK_DRIFT;
pub use cloudwatch_alarm_actions::CLOUDWATCH_ALARM_ACTIONS;
pub use cloudwatch_alarm_automated_response::CLOUDWATCH_ALARM_AUTOMATED_RESPONSE;
pub use cloudwatch_availability_alarm_notifies::CLOUDWATCH_AVAILABILITY_ALARM_NOTIFIES;
pub use cloudwatch_log_metric_filters::CLOUDWATCH_LOG_METRIC_FILTERS;
pub use cloudwatch_quota_usage_alarm::CLOUDWATCH_QUOTA_USAGE_ALARM;
pub use codedeploy_deployment_group_blue_green::CODEDEPLOY_DEPLOYMENT_GROUP_BLUE_GREEN;
pub use codepipeline_deployments_recent::CODEPIPELINE_DEPLOYMENTS_RECENT;
pub use dynamodb_table_point_in_time_recovery::DYNAMODB_TABLE_POINT_IN_TIME_RECOVERY;
pub use ec2_ebs_volume_snapshot_recent::EC2_EBS_VOLUME_SNAPSHOT_RECENT;
pub use ec2_instance_auto_recovery::EC2_INSTANCE_AUTO_RECOVERY;
pub use ec2_instance_multi_az::EC2_INSTANCE_MULTI_AZ;
pub use ec2_nat_gateway_per_az::EC2_NAT_GATEWAY_PER_AZ;
pub use ec2_snapshot_encrypted::EC2_SNAPSHOT_ENCRYPTED;
pub use ec2_subnet_free_addresses::EC2_SUBNET_FREE_ADDRESSES;
pub use ec2_transit_gateway_cidrs_overlap::EC2_TRANSIT_GATEWAY_CIDRS_OVERLAP;
pub use ec2_vpc_interconnect_hub_and_spoke::EC2_VPC_INTERCONNECT_HUB_AND_SPOKE;
pub use ec2_vpc_subnets_multi_az::EC2_VPC_SUBNETS_MULTI_AZ;
pub use ec2_vpn_connection_tunnels_up::EC2_VPN_CONNECTION_TUNNELS_UP;
pub use efs_backup_enabled::EFS_BACKUP_ENABLED;
pub use efs_file_system_multi_az::EFS_FILE_SYSTEM_MULTI_AZ;
pub use elbv2_multi_az::ELBV2_MULTI_AZ;
pub use elbv2_target_group_health_check::ELBV2_TARGET_GROUP_HEALTH_CHECK;
pub use elbv2_target_group_stickiness::ELBV2_TARGET_GROUP_STICKINESS;
pub use fis_experiments_run::FIS_EXPERIMENTS_RUN;
pub use lambda_event_source_retries_bounded::LAMBDA_EVENT_SOURCE_RETRIES_BOUNDED;
pub use rds_backup_retention::RDS_BACKUP_RETENTION;
pub use rds_instance_enhanced_monitoring::RDS_INSTANCE_ENHANCED_MONITORING;
pub use rds_multi_az::RDS_MULTI_AZ;
pub use resiliencehub_app_recovery_objectives::RESILIENCEHUB_APP_RECOVERY_OBJECTIVES;
pub use route53_failover_health_checked::ROUTE53_FAILOVER_HEALTH_CHECKED;
pub use s3_bucket_versioning::S3_BUCKET_VERSIONING;
pub use servicequotas_consistent_across_regions::SERVICEQUOTAS_CONSISTENT_ACROSS_REGIONS;
pub use servicequotas_usage_headroom::SERVICEQUOTAS_USAGE_HEADROOM;
pub use sqs_queue_dead_letter_queue::SQS_QUEUE_DEAD_LETTER_QUEUE;

pub static CHECKS: &[&Check] = &[
    &S3_BUCKET_VERSIONING,
    &EC2_INSTANCE_MULTI_AZ,
    &EC2_EBS_VOLUME_SNAPSHOT_RECENT,
    &EC2_SNAPSHOT_ENCRYPTED,
    &RDS_BACKUP_RETENTION,
    &RDS_MULTI_AZ,
    &ELBV2_MULTI_AZ,
    &DYNAMODB_TABLE_POINT_IN_TIME_RECOVERY,
    &SQS_QUEUE_DEAD_LETTER_QUEUE,
    &EFS_BACKUP_ENABLED,
    &RDS_INSTANCE_ENHANCED_MONITORING,
    &EFS_FILE_SYSTEM_MULTI_AZ,
    &EC2_INSTANCE_AUTO_RECOVERY,
    &AUTOSCALING_GROUP_MULTI_AZ,
    &AUTOSCALING_GROUP_ELB_HEALTH_CHECK,
    &AUTOSCALING_GROUP_CAPACITY_REBALANCE,
    &BACKUP_PLAN_EXISTS,
    &BACKUP_VAULT_LOCKED,
    &BACKUP_RESOURCES_PROTECTED,
    &ROUTE53_FAILOVER_HEALTH_CHECKED,
    &CLOUDWATCH_ALARM_ACTIONS,
    &EC2_SUBNET_FREE_ADDRESSES,
    &EC2_VPC_SUBNETS_MULTI_AZ,
    &EC2_NAT_GATEWAY_PER_AZ,
    &EC2_VPN_CONNECTION_TUNNELS_UP,
    &EC2_VPC_INTERCONNECT_HUB_AND_SPOKE,
    &EC2_TRANSIT_GATEWAY_CIDRS_OVERLAP,
    &CLOUDWATCH_ALARM_AUTOMATED_RESPONSE,
    &CLOUDWATCH_QUOTA_USAGE_ALARM,
    &BACKUP_PLAN_CROSS_REGION_COPY,
    &BACKUP_RESTORE_TESTED,
    &ELBV2_TARGET_GROUP_HEALTH_CHECK,
    &CLOUDFORMATION_STACK_DRIFT,
    &APIGATEWAY_STAGE_THROTTLING,
    &APIGATEWAY_STAGE_TRACING,
    &APIGATEWAY_REQUEST_VALIDATION,
    &LAMBDA_EVENT_SOURCE_RETRIES_BOUNDED,
    &FIS_EXPERIMENTS_RUN,
    &CODEDEPLOY_DEPLOYMENT_GROUP_BLUE_GREEN,
    &RESILIENCEHUB_APP_RECOVERY_OBJECTIVES,
    &CLOUDWATCH_AVAILABILITY_ALARM_NOTIFIES,
    &CODEPIPELINE_DEPLOYMENTS_RECENT,
    &CLOUDWATCH_LOG_METRIC_FILTERS,
    &AUTOSCALING_GROUP_STATIC_STABILITY,
    &SERVICEQUOTAS_USAGE_HEADROOM,
    &SERVICEQUOTAS_CONSISTENT_ACROSS_REGIONS,
    &ELBV2_TARGET_GROUP_STICKINESS,
];
