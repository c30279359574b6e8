//! Performance efficiency: use computing resources efficiently as demand changes.

mod autoscaling_group_previous_generation;
mod autoscaling_group_scaling_policy;
mod cloudfront_http2;
mod cloudwatch_performance_alarm_action;
mod computeoptimizer_ebs_volume_optimized;
mod computeoptimizer_ec2_instance_under_provisioned;
mod computeoptimizer_ecs_service_under_provisioned;
mod computeoptimizer_enrolled;
mod computeoptimizer_rds_instance_under_provisioned;
mod ec2_ebs_volume_gp2;
mod ec2_ebs_volume_io1;
mod ec2_instance_previous_generation;
mod ecs_cluster_container_insights;
mod efs_throughput_mode;
mod elasticache_caching_in_use;
mod elasticache_node_previous_generation;
mod elbv2_cross_zone_load_balancing;
mod elbv2_http2_enabled;
mod opensearch_domain_previous_generation;
mod rds_engine_standard_support;
mod rds_instance_performance_insights;
mod rds_instance_previous_generation;

use crate::check::Check;

pub use autoscaling_group_previous_generation::AUTOSCALING_GROUP_PREVIOUS_GENERATION;
pub use autoscaling_group_scaling_policy::AUTOSCALING_GROUP_SCALING_POLICY;
pub use cloudfront_http2::CLOUDFRONT_HTTP2;
pub use cloudwatch_performance_alarm_action::CLOUDWATCH_PERFORMANCE_ALARM_ACTION;
pub use computeoptimizer_ebs_volume_optimized::COMPUTEOPTIMIZER_EBS_VOLUME_OPTIMIZED;
pub use computeoptimizer_ec2_instance_under_provisioned::COMPUTEOPTIMIZER_EC2_INSTANCE_UNDER_PROVISIONED;
pub use computeoptimizer_ecs_service_under_provisioned::COMPUTEOPTIMIZER_ECS_SERVICE_UNDER_PROVISIONED;
pub use computeoptimizer_enrolled::COMPUTEOPTIMIZER_ENROLLED;
pub use computeoptimizer_rds_instance_under_provisioned::COMPUTEOPTIMIZER_RDS_INSTANCE_UNDER_PROVISIONED;
pub use ec2_ebs_volume_gp2::EC2_EBS_VOLUME_GP2;
pub use ec2_ebs_volume_io1::EC2_EBS_VOLUME_IO1;
pub use ec2_instance_previous_generation::EC2_INSTANCE_PREVIOUS_GENERATION;
pub use ecs_cluster_container_insights::ECS_CLUSTER_CONTAINER_INSIGHTS;
pub use efs_throughput_mode::EFS_THROUGHPUT_MODE;
pub use elasticache_caching_in_use::ELASTICACHE_CACHING_IN_USE;
pub use elasticache_node_previous_generation::ELASTICACHE_NODE_PREVIOUS_GENERATION;
pub use elbv2_cross_zone_load_balancing::ELBV2_CROSS_ZONE_LOAD_BALANCING;
pub use elbv2_http2_enabled::ELBV2_HTTP2_ENABLED;
pub use opensearch_domain_previous_generation::OPENSEARCH_DOMAIN_PREVIOUS_GENERATION;
pub use rds_engine_standard_support::RDS_ENGINE_STANDARD_SUPPORT;
pub use rds_instance_performance_insights::RDS_INSTANCE_PERFORMANCE_INSIGHTS;
pub use rds_instance_previous_generation::RDS_INSTANCE_PREVIOUS_GENERATION;

pub static CHECKS: &[&Check] = &[
    &EC2_INSTANCE_PREVIOUS_GENERATION,
    &EC2_EBS_VOLUME_GP2,
    &RDS_INSTANCE_PREVIOUS_GENERATION,
    &RDS_INSTANCE_PERFORMANCE_INSIGHTS,
    &ELBV2_CROSS_ZONE_LOAD_BALANCING,
    &ELBV2_HTTP2_ENABLED,
    &RDS_ENGINE_STANDARD_SUPPORT,
    &EC2_EBS_VOLUME_IO1,
    &EFS_THROUGHPUT_MODE,
    &ECS_CLUSTER_CONTAINER_INSIGHTS,
    &AUTOSCALING_GROUP_SCALING_POLICY,
    &AUTOSCALING_GROUP_PREVIOUS_GENERATION,
    &COMPUTEOPTIMIZER_EC2_INSTANCE_UNDER_PROVISIONED,
    &COMPUTEOPTIMIZER_EBS_VOLUME_OPTIMIZED,
    &CLOUDFRONT_HTTP2,
    &COMPUTEOPTIMIZER_ENROLLED,
    &ELASTICACHE_CACHING_IN_USE,
    &ELASTICACHE_NODE_PREVIOUS_GENERATION,
    &OPENSEARCH_DOMAIN_PREVIOUS_GENERATION,
    &CLOUDWATCH_PERFORMANCE_ALARM_ACTION,
    &COMPUTEOPTIMIZER_ECS_SERVICE_UNDER_PROVISIONED,
    &COMPUTEOPTIMIZER_RDS_INSTANCE_UNDER_PROVISIONED,
];
