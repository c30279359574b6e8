//! Security: protect data, systems and assets.

mod accessanalyzer_active_findings;
mod accessanalyzer_enabled;
mod account_operations_contact;
mod account_security_contact;
mod acm_certificate_expiration;
mod acm_certificate_key_strength;
mod apigateway_stage_access_logging;
mod apigateway_stage_waf;
mod autoscaling_launch_imdsv2;
mod cis_alarms;
mod cloudformation_stack_no_plaintext_secrets;
mod cloudformation_stackset_auto_deployment;
mod cloudfront_origin_https;
mod cloudfront_viewer_https;
mod cloudfront_viewer_tls_policy;
mod cloudfront_waf;
mod cloudtrail_cloudwatch_logs_delivery;
mod cloudtrail_lake_event_data_store;
mod cloudtrail_log_file_validation;
mod cloudtrail_logs_encrypted_kms;
mod cloudtrail_multi_region_trail;
mod cloudtrail_region_logged;
mod cloudtrail_s3_data_events;
mod cloudwatch_root_usage_alarm;
mod cloudwatch_unauthorized_api_alarm;
mod config_auto_remediation;
mod config_conformance_packs;
mod config_recorder_enabled;
mod detective_graph;
mod dynamodb_table_deletion_protection;
mod dynamodb_table_encrypted_kms;
mod ec2_ebs_default_encryption;
mod ec2_ebs_volume_encrypted;
mod ec2_instance_default_vpc;
mod ec2_instance_imdsv2;
mod ec2_instance_interactive_access;
mod ec2_instance_public_ip;
mod ec2_instance_user_data_no_secrets;
mod ec2_network_acl_admin_ports_open;
mod ec2_security_group_admin_ports_open;
mod ec2_security_group_database_ports_open;
mod ec2_security_group_default_no_ingress;
mod ec2_security_group_ports_open_to_internet;
mod ec2_vpc_flow_logs;
mod ecr_pull_through_cache;
mod ecr_repository_encrypted_kms;
mod ecr_repository_not_public;
mod ecr_repository_scan_on_push;
mod ecs_task_definition_no_plaintext_secrets;
mod ecs_task_definition_non_root_user;
mod ecs_task_definition_privileged;
mod ecs_task_definition_read_only_root_filesystem;
mod efs_encrypted;
mod eks_cluster_control_plane_logging;
mod eks_cluster_endpoint_public_access;
mod eks_cluster_secrets_encryption;
mod eks_cluster_version_supported;
mod elbv2_access_logs;
mod elbv2_desync_mitigation_mode;
mod elbv2_drop_invalid_header_fields;
mod elbv2_listener_tls_policy;
mod elbv2_listeners_https;
mod elbv2_waf;
mod exposure;
mod guardduty_compute_protection;
mod guardduty_eks_audit_logs;
mod guardduty_enabled;
mod guardduty_lambda_protection;
mod guardduty_plans;
mod guardduty_rds_protection;
mod guardduty_s3_protection;
mod iam_access_key_rotated;
mod iam_customer_policy_administrative_privileges;
mod iam_identity_federation;
mod iam_incident_response_role;
mod iam_inline_policy_administrative_privileges;
mod iam_password_policy_strong;
mod iam_policy_privilege_escalation;
mod iam_role_trust_public;
mod iam_role_trust_third_party_external_id;
mod iam_role_unused;
mod iam_root_access_keys;
mod iam_root_mfa;
mod iam_service_role_administrator_access;
mod iam_support_role;
mod iam_unused_credentials;
mod iam_user_administrator_access;
mod iam_user_console_mfa;
mod iam_user_direct_policies;
mod iam_user_two_active_access_keys;
mod incident_response;
mod inspector2_critical_findings;
mod inspector2_scanning;
mod kms_key_pending_deletion;
mod kms_key_policy_public;
mod kms_key_rotation_enabled;
mod lambda_function_code_signing;
mod lambda_function_no_plaintext_secrets;
mod lambda_function_policy_public;
mod lambda_function_runtime_supported;
mod logs_log_group_encrypted_kms;
mod macie2_sensitive_data_discovery;
mod networkfirewall_deletion_protection;
mod networkfirewall_inspection;
mod networkfirewall_logging;
mod networkfirewall_policy_change_protection;
mod opensearch_domain_in_vpc;
mod opensearch_domain_policy_public;
mod organizations_scp_guardrails;
mod organizations_security_delegated_admin;
mod plaintext;
mod policy;
mod ram_resource_share_external;
mod rds_deletion_protection;
mod rds_iam_authentication;
mod rds_instance_auto_minor_version_upgrade;
mod rds_instance_public_access;
mod rds_storage_encrypted;
mod resource_policy;
mod route53_query_logging;
mod s3_account_public_access_block;
mod s3_bucket_default_encryption;
mod s3_bucket_public_access;
mod s3_bucket_public_access_block;
mod s3_bucket_secure_transport;
mod s3_bucket_server_access_logging;
mod secretsmanager_secret_policy_public;
mod secretsmanager_secret_rotation_enabled;
mod securityhub_enabled;
mod securityhub_standards_enabled;
mod shield_advanced_automatic_response;
mod shield_advanced_entry_points;
mod sns_topic_encrypted;
mod sns_topic_policy_public;
mod sqs_queue_encrypted;
mod sqs_queue_policy_public;
mod ssm_document_not_public;
mod ssm_incident_response_runbooks;
mod ssm_parameter_no_plaintext_secrets;
mod trails;
mod wafv2_web_acl_managed_rules;

use crate::check::Check;

pub use accessanalyzer_active_findings::ACCESSANALYZER_ACTIVE_FINDINGS;
pub use accessanalyzer_enabled::ACCESSANALYZER_ENABLED;
pub use account_operations_contact::ACCOUNT_OPERATIONS_CONTACT;
pub use account_security_contact::ACCOUNT_SECURITY_CONTACT;
pub use acm_certificate_expiration::ACM_CERTIFICATE_EXPIRATION;
pub use acm_certificate_key_strength::ACM_CERTIFICATE_KEY_STRENGTH;
pub use apigateway_stage_access_logging::APIGATEWAY_STAGE_ACCESS_LOGGING;
pub use apigateway_stage_waf::APIGATEWAY_STAGE_WAF;
pub use autoscaling_launch_imdsv2::AUTOSCALING_LAUNCH_IMDSV2;
pub use cloudformation_stack_no_plaintext_secrets::CLOUDFORMATION_STACK_NO_PLAINTEXT_SECRETS;
pub use cloudformation_stackset_auto_deployment::CLOUDFORMATION_STACKSET_AUTO_DEPLOYMENT;
pub use cloudfront_origin_https::CLOUDFRONT_ORIGIN_HTTPS;
pub use cloudfront_viewer_https::CLOUDFRONT_VIEWER_HTTPS;
pub use cloudfront_viewer_tls_policy::CLOUDFRONT_VIEWER_TLS_POLICY;
pub use cloudfront_waf::CLOUDFRONT_WAF;
pub use cloudtrail_cloudwatch_logs_delivery::CLOUDTRAIL_CLOUDWATCH_LOGS_DELIVERY;
pub use cloudtrail_lake_event_data_store::CLOUDTRAIL_LAKE_EVENT_DATA_STORE;
pub use cloudtrail_log_file_validation::CLOUDTRAIL_LOG_FILE_VALIDATION;
pub use cloudtrail_logs_encrypted_kms::CLOUDTRAIL_LOGS_ENCRYPTED_KMS;
pub use cloudtrail_multi_region_trail::CLOUDTRAIL_MULTI_REGION_TRAIL;
pub use cloudtrail_region_logged::CLOUDTRAIL_REGION_LOGGED;
pub use cloudtrail_s3_data_events::CLOUDTRAIL_S3_DATA_EVENTS;
pub use cloudwatch_root_usage_alarm::CLOUDWATCH_ROOT_USAGE_ALARM;
pub use cloudwatch_unauthorized_api_alarm::CLOUDWATCH_UNAUTHORIZED_API_ALARM;
pub use config_auto_remediation::CONFIG_AUTO_REMEDIATION;
pub use config_conformance_packs::CONFIG_CONFORMANCE_PACKS;
pub use config_recorder_enabled::CONFIG_RECORDER_ENABLED;
pub use detective_graph::DETECTIVE_GRAPH;
pub use dynamodb_table_deletion_protection::DYNAMODB_TABLE_DELETION_PROTECTION;
pub use dynamodb_table_encrypted_kms::DYNAMODB_TABLE_ENCRYPTED_KMS;
pub use ec2_ebs_default_encryption::EC2_EBS_DEFAULT_ENCRYPTION;
pub use ec2_ebs_volume_encrypted::EC2_EBS_VOLUME_ENCRYPTED;
pub use ec2_instance_default_vpc::EC2_INSTANCE_DEFAULT_VPC;
pub use ec2_instance_imdsv2::EC2_INSTANCE_IMDSV2;
pub use ec2_instance_interactive_access::EC2_INSTANCE_INTERACTIVE_ACCESS;
pub use ec2_instance_public_ip::EC2_INSTANCE_PUBLIC_IP;
pub use ec2_instance_user_data_no_secrets::EC2_INSTANCE_USER_DATA_NO_SECRETS;
pub use ec2_network_acl_admin_ports_open::EC2_NETWORK_ACL_ADMIN_PORTS_OPEN;
pub use ec2_security_group_admin_ports_open::EC2_SECURITY_GROUP_ADMIN_PORTS_OPEN;
pub use ec2_security_group_database_ports_open::EC2_SECURITY_GROUP_DATABASE_PORTS_OPEN;
pub use ec2_security_group_default_no_ingress::EC2_SECURITY_GROUP_DEFAULT_NO_INGRESS;
pub use ec2_security_group_ports_open_to_internet::EC2_SECURITY_GROUP_PORTS_OPEN_TO_INTERNET;
pub use ec2_vpc_flow_logs::EC2_VPC_FLOW_LOGS;
pub use ecr_pull_through_cache::ECR_PULL_THROUGH_CACHE;
pub use ecr_repository_encrypted_kms::ECR_REPOSITORY_ENCRYPTED_KMS;
pub use ecr_repository_not_public::ECR_REPOSITORY_NOT_PUBLIC;
pub use ecr_repository_scan_on_push::ECR_REPOSITORY_SCAN_ON_PUSH;
pub use ecs_task_definition_no_plaintext_secrets::ECS_TASK_DEFINITION_NO_PLAINTEXT_SECRETS;
pub use ecs_task_definition_non_root_user::ECS_TASK_DEFINITION_NON_ROOT_USER;
pub use ecs_task_definition_privileged::ECS_TASK_DEFINITION_PRIVILEGED;
pub use ecs_task_definition_read_only_root_filesystem::ECS_TASK_DEFINITION_READ_ONLY_ROOT_FILESYSTEM;
pub use efs_encrypted::EFS_ENCRYPTED;
pub use eks_cluster_control_plane_logging::EKS_CLUSTER_CONTROL_PLANE_LOGGING;
pub use eks_cluster_endpoint_public_access::EKS_CLUSTER_ENDPOINT_PUBLIC_ACCESS;
pub use eks_cluster_secrets_encryption::EKS_CLUSTER_SECRETS_ENCRYPTION;
pub use eks_cluster_version_supported::EKS_CLUSTER_VERSION_SUPPORTED;
pub use elbv2_access_logs::ELBV2_ACCESS_LOGS;
pub use elbv2_desync_mitigation_mode::ELBV2_DESYNC_MITIGATION_MODE;
pub use elbv2_drop_invalid_header_fields::ELBV2_DROP_INVALID_HEADER_FIELDS;
pub use elbv2_listener_tls_policy::ELBV2_LISTENER_TLS_POLICY;
pub use elbv2_listeners_https::ELBV2_LISTENERS_HTTPS;
pub use elbv2_waf::ELBV2_WAF;
pub use guardduty_compute_protection::GUARDDUTY_COMPUTE_PROTECTION;
pub use guardduty_eks_audit_logs::GUARDDUTY_EKS_AUDIT_LOGS;
pub use guardduty_enabled::GUARDDUTY_ENABLED;
pub use guardduty_lambda_protection::GUARDDUTY_LAMBDA_PROTECTION;
pub use guardduty_rds_protection::GUARDDUTY_RDS_PROTECTION;
pub use guardduty_s3_protection::GUARDDUTY_S3_PROTECTION;
pub use iam_access_key_rotated::IAM_ACCESS_KEY_ROTATED;
pub use iam_customer_policy_administrative_privileges::IAM_CUSTOMER_POLICY_ADMINISTRATIVE_PRIVILEGES;
pub use iam_identity_federation::IAM_IDENTITY_FEDERATION;
pub use iam_incident_response_role::IAM_INCIDENT_RESPONSE_ROLE;
pub use iam_inline_policy_administrative_privileges::IAM_INLINE_POLICY_ADMINISTRATIVE_PRIVILEGES;
pub use iam_password_policy_strong::IAM_PASSWORD_POLICY_STRONG;
pub use iam_policy_privilege_escalation::IAM_POLICY_PRIVILEGE_ESCALATION;
pub use iam_role_trust_public::IAM_ROLE_TRUST_PUBLIC;
pub use iam_role_trust_third_party_external_id::IAM_ROLE_TRUST_THIRD_PARTY_EXTERNAL_ID;
pub use iam_role_unused::IAM_ROLE_UNUSED;
pub use iam_root_access_keys::IAM_ROOT_ACCESS_KEYS;
pub use iam_root_mfa::IAM_ROOT_MFA;
pub use iam_service_role_administrator_access::IAM_SERVICE_ROLE_ADMINISTRATOR_ACCESS;
pub use iam_support_role::IAM_SUPPORT_ROLE;
pub use iam_unused_credentials::IAM_UNUSED_CREDENTIALS;
pub use iam_user_administrator_access::IAM_USER_ADMINISTRATOR_ACCESS;
pub use iam_user_console_mfa::IAM_USER_CONSOLE_MFA;
pub use iam_user_direct_policies::IAM_USER_DIRECT_POLICIES;
pub use iam_user_two_active_access_keys::IAM_USER_TWO_ACTIVE_ACCESS_KEYS;
pub use inspector2_critical_findings::INSPECTOR2_CRITICAL_FINDINGS;
pub use inspector2_scanning::INSPECTOR2_SCANNING;
pub use kms_key_pending_deletion::KMS_KEY_PENDING_DELETION;
pub use kms_key_policy_public::KMS_KEY_POLICY_PUBLIC;
pub use kms_key_rotation_enabled::KMS_KEY_ROTATION_ENABLED;
pub use lambda_function_code_signing::LAMBDA_FUNCTION_CODE_SIGNING;
pub use lambda_function_no_plaintext_secrets::LAMBDA_FUNCTION_NO_PLAINTEXT_SECRETS;
pub use lambda_function_policy_public::LAMBDA_FUNCTION_POLICY_PUBLIC;
pub use lambda_function_runtime_supported::LAMBDA_FUNCTION_RUNTIME_SUPPORTED;
pub use logs_log_group_encrypted_kms::LOGS_LOG_GROUP_ENCRYPTED_KMS;
pub use macie2_sensitive_data_discovery::MACIE2_SENSITIVE_DATA_DISCOVERY;
pub use networkfirewall_deletion_protection::NETWORKFIREWALL_DELETION_PROTECTION;
pub use networkfirewall_inspection::NETWORKFIREWALL_INSPECTION;
pub use networkfirewall_logging::NETWORKFIREWALL_LOGGING;
pub use networkfirewall_policy_change_protection::NETWORKFIREWALL_POLICY_CHANGE_PROTECTION;
pub use opensearch_domain_in_vpc::OPENSEARCH_DOMAIN_IN_VPC;
pub use opensearch_domain_policy_public::OPENSEARCH_DOMAIN_POLICY_PUBLIC;
pub use organizations_scp_guardrails::ORGANIZATIONS_SCP_GUARDRAILS;
pub use organizations_security_delegated_admin::ORGANIZATIONS_SECURITY_DELEGATED_ADMIN;
pub use ram_resource_share_external::RAM_RESOURCE_SHARE_EXTERNAL;
pub use rds_deletion_protection::RDS_DELETION_PROTECTION;
pub use rds_iam_authentication::RDS_IAM_AUTHENTICATION;
pub use rds_instance_auto_minor_version_upgrade::RDS_INSTANCE_AUTO_MINOR_VERSION_UPGRADE;
pub use rds_instance_public_access::RDS_INSTANCE_PUBLIC_ACCESS;
pub use rds_storage_encrypted::RDS_STORAGE_ENCRYPTED;
pub use route53_query_logging::ROUTE53_QUERY_LOGGING;
pub use s3_account_public_access_block::S3_ACCOUNT_PUBLIC_ACCESS_BLOCK;
pub use s3_bucket_default_encryption::S3_BUCKET_DEFAULT_ENCRYPTION;
pub use s3_bucket_public_access::S3_BUCKET_PUBLIC_ACCESS;
pub use s3_bucket_public_access_block::S3_BUCKET_PUBLIC_ACCESS_BLOCK;
pub use s3_bucket_secure_transport::S3_BUCKET_SECURE_TRANSPORT;
pub use s3_bucket_server_access_logging::S3_BUCKET_SERVER_ACCESS_LOGGING;
pub use secretsmanager_secret_policy_public::SECRETSMANAGER_SECRET_POLICY_PUBLIC;
pub use secretsmanager_secret_rotation_enabled::SECRETSMANAGER_SECRET_ROTATION_ENABLED;
pub use securityhub_enabled::SECURITYHUB_ENABLED;
pub use securityhub_standards_enabled::SECURITYHUB_STANDARDS_ENABLED;
pub use shield_advanced_automatic_response::SHIELD_ADVANCED_AUTOMATIC_RESPONSE;
pub use shield_advanced_entry_points::SHIELD_ADVANCED_ENTRY_POINTS;
pub use sns_topic_encrypted::SNS_TOPIC_ENCRYPTED;
pub use sns_topic_policy_public::SNS_TOPIC_POLICY_PUBLIC;
pub use sqs_queue_encrypted::SQS_QUEUE_ENCRYPTED;
pub use sqs_queue_policy_public::SQS_QUEUE_POLICY_PUBLIC;
pub use ssm_document_not_public::SSM_DOCUMENT_NOT_PUBLIC;
pub use ssm_incident_response_runbooks::SSM_INCIDENT_RESPONSE_RUNBOOKS;
pub use ssm_parameter_no_plaintext_secrets::SSM_PARAMETER_NO_PLAINTEXT_SECRETS;
pub use wafv2_web_acl_managed_rules::WAFV2_WEB_ACL_MANAGED_RULES;

/// Grouped by theme: identity (root, then users), then network and compute, then data.
pub static CHECKS: &[&Check] = &[
    // Identity and access management.
    &IAM_ROOT_MFA,
    &IAM_ROOT_ACCESS_KEYS,
    &IAM_USER_CONSOLE_MFA,
    &IAM_PASSWORD_POLICY_STRONG,
    &IAM_ACCESS_KEY_ROTATED,
    &IAM_UNUSED_CREDENTIALS,
    &IAM_USER_ADMINISTRATOR_ACCESS,
    &IAM_USER_DIRECT_POLICIES,
    &SECRETSMANAGER_SECRET_ROTATION_ENABLED,
    &IAM_SUPPORT_ROLE,
    &IAM_IDENTITY_FEDERATION,
    &IAM_POLICY_PRIVILEGE_ESCALATION,
    &IAM_ROLE_TRUST_PUBLIC,
    &LAMBDA_FUNCTION_NO_PLAINTEXT_SECRETS,
    &EC2_INSTANCE_USER_DATA_NO_SECRETS,
    &ECS_TASK_DEFINITION_NO_PLAINTEXT_SECRETS,
    &CLOUDFORMATION_STACK_NO_PLAINTEXT_SECRETS,
    &SSM_PARAMETER_NO_PLAINTEXT_SECRETS,
    // Detection.
    &CLOUDTRAIL_MULTI_REGION_TRAIL,
    &CLOUDTRAIL_LOG_FILE_VALIDATION,
    &CLOUDTRAIL_CLOUDWATCH_LOGS_DELIVERY,
    &CONFIG_RECORDER_ENABLED,
    &GUARDDUTY_ENABLED,
    &SECURITYHUB_ENABLED,
    &EC2_VPC_FLOW_LOGS,
    &S3_BUCKET_SERVER_ACCESS_LOGGING,
    &ELBV2_ACCESS_LOGS,
    // Infrastructure protection.
    &EC2_SECURITY_GROUP_ADMIN_PORTS_OPEN,
    &EC2_SECURITY_GROUP_DATABASE_PORTS_OPEN,
    &EC2_SECURITY_GROUP_PORTS_OPEN_TO_INTERNET,
    &EC2_NETWORK_ACL_ADMIN_PORTS_OPEN,
    &EC2_INSTANCE_IMDSV2,
    &RDS_INSTANCE_PUBLIC_ACCESS,
    &ELBV2_LISTENERS_HTTPS,
    &ELBV2_LISTENER_TLS_POLICY,
    &RDS_INSTANCE_AUTO_MINOR_VERSION_UPGRADE,
    &LAMBDA_FUNCTION_RUNTIME_SUPPORTED,
    // Data protection.
    &S3_ACCOUNT_PUBLIC_ACCESS_BLOCK,
    &S3_BUCKET_PUBLIC_ACCESS,
    &S3_BUCKET_PUBLIC_ACCESS_BLOCK,
    &S3_BUCKET_DEFAULT_ENCRYPTION,
    &EC2_EBS_VOLUME_ENCRYPTED,
    &EC2_EBS_DEFAULT_ENCRYPTION,
    &CLOUDTRAIL_LOGS_ENCRYPTED_KMS,
    &RDS_STORAGE_ENCRYPTED,
    &RDS_DELETION_PROTECTION,
    &DYNAMODB_TABLE_ENCRYPTED_KMS,
    &DYNAMODB_TABLE_DELETION_PROTECTION,
    &KMS_KEY_ROTATION_ENABLED,
    &KMS_KEY_PENDING_DELETION,
    &LOGS_LOG_GROUP_ENCRYPTED_KMS,
    &SQS_QUEUE_ENCRYPTED,
    &SNS_TOPIC_ENCRYPTED,
    &EFS_ENCRYPTED,
    &IAM_ROLE_UNUSED,
    &EC2_INSTANCE_DEFAULT_VPC,
    &RDS_IAM_AUTHENTICATION,
    &ECR_REPOSITORY_SCAN_ON_PUSH,
    &ECR_REPOSITORY_NOT_PUBLIC,
    &LAMBDA_FUNCTION_POLICY_PUBLIC,
    &SQS_QUEUE_POLICY_PUBLIC,
    &SNS_TOPIC_POLICY_PUBLIC,
    &KMS_KEY_POLICY_PUBLIC,
    &SECRETSMANAGER_SECRET_POLICY_PUBLIC,
    &OPENSEARCH_DOMAIN_POLICY_PUBLIC,
    &RAM_RESOURCE_SHARE_EXTERNAL,
    &ECR_REPOSITORY_ENCRYPTED_KMS,
    &EKS_CLUSTER_VERSION_SUPPORTED,
    &EKS_CLUSTER_CONTROL_PLANE_LOGGING,
    &EKS_CLUSTER_ENDPOINT_PUBLIC_ACCESS,
    &EKS_CLUSTER_SECRETS_ENCRYPTION,
    &ECS_TASK_DEFINITION_NON_ROOT_USER,
    &ECS_TASK_DEFINITION_PRIVILEGED,
    &ECS_TASK_DEFINITION_READ_ONLY_ROOT_FILESYSTEM,
    &AUTOSCALING_LAUNCH_IMDSV2,
    &ACM_CERTIFICATE_EXPIRATION,
    &ACM_CERTIFICATE_KEY_STRENGTH,
    &SSM_DOCUMENT_NOT_PUBLIC,
    &ROUTE53_QUERY_LOGGING,
    &CLOUDWATCH_ROOT_USAGE_ALARM,
    &CLOUDWATCH_UNAUTHORIZED_API_ALARM,
    &ACCESSANALYZER_ENABLED,
    &ACCESSANALYZER_ACTIVE_FINDINGS,
    &ORGANIZATIONS_SCP_GUARDRAILS,
    &ORGANIZATIONS_SECURITY_DELEGATED_ADMIN,
    &CLOUDFRONT_VIEWER_HTTPS,
    &CLOUDFRONT_VIEWER_TLS_POLICY,
    &CLOUDFRONT_WAF,
    &CLOUDFRONT_ORIGIN_HTTPS,
    &CLOUDTRAIL_REGION_LOGGED,
    &CLOUDTRAIL_S3_DATA_EVENTS,
    &GUARDDUTY_COMPUTE_PROTECTION,
    &SECURITYHUB_STANDARDS_ENABLED,
    &CONFIG_CONFORMANCE_PACKS,
    &CONFIG_AUTO_REMEDIATION,
    &LAMBDA_FUNCTION_CODE_SIGNING,
    &CLOUDTRAIL_LAKE_EVENT_DATA_STORE,
    &DETECTIVE_GRAPH,
    &INSPECTOR2_SCANNING,
    &INSPECTOR2_CRITICAL_FINDINGS,
    &MACIE2_SENSITIVE_DATA_DISCOVERY,
    &ELBV2_WAF,
    &APIGATEWAY_STAGE_WAF,
    &WAFV2_WEB_ACL_MANAGED_RULES,
    &IAM_INCIDENT_RESPONSE_ROLE,
    &SSM_INCIDENT_RESPONSE_RUNBOOKS,
    &EC2_INSTANCE_INTERACTIVE_ACCESS,
    &IAM_ROLE_TRUST_THIRD_PARTY_EXTERNAL_ID,
    &GUARDDUTY_S3_PROTECTION,
    &GUARDDUTY_EKS_AUDIT_LOGS,
    &GUARDDUTY_RDS_PROTECTION,
    &GUARDDUTY_LAMBDA_PROTECTION,
    &CLOUDFORMATION_STACKSET_AUTO_DEPLOYMENT,
    &ECR_PULL_THROUGH_CACHE,
    &ACCOUNT_SECURITY_CONTACT,
    &ACCOUNT_OPERATIONS_CONTACT,
    &SHIELD_ADVANCED_ENTRY_POINTS,
    &SHIELD_ADVANCED_AUTOMATIC_RESPONSE,
    &NETWORKFIREWALL_INSPECTION,
    &NETWORKFIREWALL_LOGGING,
    &NETWORKFIREWALL_DELETION_PROTECTION,
    &NETWORKFIREWALL_POLICY_CHANGE_PROTECTION,
    &IAM_CUSTOMER_POLICY_ADMINISTRATIVE_PRIVILEGES,
    &IAM_INLINE_POLICY_ADMINISTRATIVE_PRIVILEGES,
    &S3_BUCKET_SECURE_TRANSPORT,
    &ELBV2_DROP_INVALID_HEADER_FIELDS,
    &ELBV2_DESYNC_MITIGATION_MODE,
    &EC2_SECURITY_GROUP_DEFAULT_NO_INGRESS,
    &IAM_USER_TWO_ACTIVE_ACCESS_KEYS,
    &APIGATEWAY_STAGE_ACCESS_LOGGING,
    &IAM_SERVICE_ROLE_ADMINISTRATOR_ACCESS,
    &OPENSEARCH_DOMAIN_IN_VPC,
    &EC2_INSTANCE_PUBLIC_IP,
];
