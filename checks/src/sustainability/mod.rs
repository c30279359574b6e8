//! Sustainability: minimise the environmental impact of running cloud workloads.

crate::register_checks! {
    s3_bucket_lifecycle_rules::S3_BUCKET_LIFECYCLE_RULES,
    s3_bucket_noncurrent_versions_expire::S3_BUCKET_NONCURRENT_VERSIONS_EXPIRE,
    ec2_instance_graviton::EC2_INSTANCE_GRAVITON,
    rds_instance_graviton::RDS_INSTANCE_GRAVITON,
    lambda_function_arm64::LAMBDA_FUNCTION_ARM64,
    rds_instance_storage_autoscaling::RDS_INSTANCE_STORAGE_AUTOSCALING,
    ec2_instance_stopped::EC2_INSTANCE_STOPPED,
    sqs_queue_long_polling::SQS_QUEUE_LONG_POLLING,
    efs_lifecycle_infrequent_access::EFS_LIFECYCLE_INFREQUENT_ACCESS,
    elbv2_load_balancer_unused::ELBV2_LOAD_BALANCER_UNUSED,
    ecs_task_definition_graviton::ECS_TASK_DEFINITION_GRAVITON,
    autoscaling_group_graviton::AUTOSCALING_GROUP_GRAVITON,
    computeoptimizer_asg_optimized::COMPUTEOPTIMIZER_ASG_OPTIMIZED,
    cloudfront_compression::CLOUDFRONT_COMPRESSION,
    elasticache_node_graviton::ELASTICACHE_NODE_GRAVITON,
    opensearch_domain_graviton::OPENSEARCH_DOMAIN_GRAVITON,
    dataexports_carbon_emissions_export::DATAEXPORTS_CARBON_EMISSIONS_EXPORT,
    computeoptimizer_rds_instance_idle::COMPUTEOPTIMIZER_RDS_INSTANCE_IDLE,
    elbv2_internet_facing_cloudfront::ELBV2_INTERNET_FACING_CLOUDFRONT,
}
