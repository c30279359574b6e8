//! Performance efficiency: use computing resources efficiently as demand changes.

crate::register_checks! {
    ec2_instance_previous_generation::EC2_INSTANCE_PREVIOUS_GENERATION,
    ec2_ebs_volume_gp2::EC2_EBS_VOLUME_GP2,
    rds_instance_previous_generation::RDS_INSTANCE_PREVIOUS_GENERATION,
    rds_instance_performance_insights::RDS_INSTANCE_PERFORMANCE_INSIGHTS,
    elbv2_cross_zone_load_balancing::ELBV2_CROSS_ZONE_LOAD_BALANCING,
    elbv2_http2_enabled::ELBV2_HTTP2_ENABLED,
    rds_engine_standard_support::RDS_ENGINE_STANDARD_SUPPORT,
    ec2_ebs_volume_io1::EC2_EBS_VOLUME_IO1,
    efs_throughput_mode::EFS_THROUGHPUT_MODE,
    ecs_cluster_container_insights::ECS_CLUSTER_CONTAINER_INSIGHTS,
    autoscaling_group_scaling_policy::AUTOSCALING_GROUP_SCALING_POLICY,
    autoscaling_group_previous_generation::AUTOSCALING_GROUP_PREVIOUS_GENERATION,
    computeoptimizer_ec2_instance_under_provisioned::COMPUTEOPTIMIZER_EC2_INSTANCE_UNDER_PROVISIONED,
    computeoptimizer_ebs_volume_optimized::COMPUTEOPTIMIZER_EBS_VOLUME_OPTIMIZED,
    cloudfront_http2::CLOUDFRONT_HTTP2,
    computeoptimizer_enrolled::COMPUTEOPTIMIZER_ENROLLED,
    elasticache_caching_in_use::ELASTICACHE_CACHING_IN_USE,
    elasticache_node_previous_generation::ELASTICACHE_NODE_PREVIOUS_GENERATION,
    opensearch_domain_previous_generation::OPENSEARCH_DOMAIN_PREVIOUS_GENERATION,
    cloudwatch_performance_alarm_action::CLOUDWATCH_PERFORMANCE_ALARM_ACTION,
}
