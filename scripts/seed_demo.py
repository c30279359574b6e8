"""Seed the wascan demo account into a running moto server.

This is the one seeding implementation: `emulator.py --seed demo` imports it,
and both the end-to-end tests and the demo go through the emulator.

Everything the API can create is created with boto3 against the emulator's own
HTTP endpoint. State that no API can produce (back-dated access keys, "last
used" dates, the AWS managed AdministratorAccess policy) is patched into moto's
in-memory IAM model, so this module must run inside the emulator's process.

Every resource a check can report carries a deterministic name (a `Name` tag,
a group name, a bucket or user name) because moto's ids are random.
"""

from __future__ import annotations

import json
import urllib.request
from datetime import datetime, timedelta, timezone

import boto3
from botocore.config import Config

ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE"
SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"


# Stand-ins for Amazon Linux images owned by Amazon, not by the account.
PUBLIC_AMIS = {"x86_64": "ami-0a5c3558529277641", "arm64": "ami-0c0b74d29acd0cd97"}

ADMIN_POLICY_ARN = "arn:aws:iam::aws:policy/AdministratorAccess"


def client(endpoint: str, service: str, region: str = "us-east-1"):
    return boto3.client(
        service,
        endpoint_url=endpoint,
        region_name=region,
        aws_access_key_id=ACCESS_KEY_ID,
        aws_secret_access_key=SECRET_ACCESS_KEY,
        config=Config(s3={"addressing_style": "path"}),
    )


def tags(resource_type: str, name: str, **extra: str) -> list[dict]:
    """A TagSpecifications list with a Name tag plus `extra` (`_` becomes `-`)."""
    pairs = {"Name": name, **{k.replace("_", "-"): v for k, v in extra.items()}}
    return [
        {
            "ResourceType": resource_type,
            "Tags": [{"Key": k, "Value": v} for k, v in pairs.items()],
        }
    ]


def seed(endpoint: str, account_id: str) -> None:
    now = datetime.now(timezone.utc)
    seed_s3(endpoint, account_id)
    seed_us_east_1(client(endpoint, "ec2", "us-east-1"), account_id)
    seed_eu_west_1(client(endpoint, "ec2", "eu-west-1"), account_id)
    seed_iam(client(endpoint, "iam"), account_id, now)
    seed_cloudtrail(endpoint, account_id)
    seed_config(endpoint, account_id)
    seed_rds(endpoint, account_id)
    seed_kms_and_dynamodb(endpoint, account_id)
    seed_logs(endpoint)
    seed_lambda(endpoint, account_id)
    seed_elbv2(endpoint)
    seed_threat_detection(endpoint)
    seed_sqs(endpoint)
    seed_sns(endpoint, account_id)
    seed_secrets(endpoint, account_id)
    seed_efs(endpoint)
    seed_ecr(endpoint)
    seed_eks(endpoint, account_id)
    seed_ecs(endpoint)
    seed_autoscaling(endpoint)
    seed_acm(endpoint)
    seed_ssm(endpoint)
    seed_backup(endpoint)
    seed_organizations(endpoint)
    seed_budgets(endpoint, account_id)
    seed_cloudfront(endpoint)
    seed_route53(endpoint)
    seed_cloudwatch(endpoint, account_id)
    seed_reliability_and_operations(endpoint, account_id)
    seed_detection_and_response(endpoint, account_id)
    seed_security_exposure(endpoint, account_id)
    seed_caches_and_search(endpoint)
    seed_pipelines(endpoint, account_id)
    seed_sticky_sessions(endpoint)
    # Systems Manager Incident Manager is not served by moto 5.2.5 either (recorded responses).
    seed_security_depth(endpoint, account_id)
    # Cost Explorer (anomaly detection, cost allocation tags, cost categories, commitments), Data
    # Exports, Compute Optimizer and IAM Access Analyzer are not served by moto 5.2.5: their
    # checks are unit-tested with recorded responses and are not_evaluated against the emulator.
    # (CloudWatch's RPC v2 CBOR protocol is: scripts/cbor_rpc.py.)


# --------------------------------------------------------------------------- EC2


def name_default_vpc(ec2) -> str:
    vpc_id = ec2.describe_vpcs(Filters=[{"Name": "isDefault", "Values": ["true"]}])[
        "Vpcs"
    ][0]["VpcId"]
    ec2.create_tags(Resources=[vpc_id], Tags=[{"Key": "Name", "Value": "default"}])
    return vpc_id


def run_instance(ec2, account_id: str, name: str, itype: str, subnet: str, sg: str,
                 http_tokens: str, arch: str = "x86_64", monitoring: bool = False,
                 key_name: str | None = None, **extra_tags: str) -> str:
    """Launch one instance from a public (Amazon-owned) image.

    The emulator turns off moto's public AMI catalogue (its ~1300 backing
    snapshots per region would show up in DescribeSnapshots(OwnerIds=self)),
    so the image id names no AMI in the account, as in a real one. Without
    the AMI moto reports x86_64, so other architectures are patched in.
    """
    from moto.ec2.models import ec2_backends

    keys = {"KeyName": key_name} if key_name else {}
    instance_id = ec2.run_instances(
        **keys,
        ImageId=PUBLIC_AMIS[arch],
        InstanceType=itype,
        MinCount=1,
        MaxCount=1,
        SubnetId=subnet,
        SecurityGroupIds=[sg],
        MetadataOptions={"HttpTokens": http_tokens, "HttpEndpoint": "enabled"},
        Monitoring={"Enabled": monitoring},
        TagSpecifications=tags("instance", name, **extra_tags),
    )["Instances"][0]["InstanceId"]
    ec2_backends[account_id][ec2.meta.region_name].get_instance(instance_id).architecture = arch
    # The root volume moto creates gets a deterministic name too.
    root = ec2.describe_volumes(
        Filters=[{"Name": "attachment.instance-id", "Values": [instance_id]}]
    )["Volumes"][0]
    ec2.create_tags(Resources=[root["VolumeId"]], Tags=[{"Key": "Name", "Value": f"{name}-root"}])
    return instance_id


def seed_us_east_1(ec2, account_id: str) -> None:
    name_default_vpc(ec2)

    prod = ec2.create_vpc(CidrBlock="10.0.0.0/16", TagSpecifications=tags("vpc", "prod-vpc"))["Vpc"]["VpcId"]
    ec2.create_vpc(CidrBlock="10.1.0.0/16", TagSpecifications=tags("vpc", "dev-vpc"))  # no flow logs: bad
    subnet_a = ec2.create_subnet(VpcId=prod, CidrBlock="10.0.1.0/24", AvailabilityZone="us-east-1a",
                                 TagSpecifications=tags("subnet", "prod-a"))["Subnet"]["SubnetId"]
    subnet_b = ec2.create_subnet(VpcId=prod, CidrBlock="10.0.2.0/24", AvailabilityZone="us-east-1b",
                                 TagSpecifications=tags("subnet", "prod-b"))["Subnet"]["SubnetId"]

    def group(name: str, description: str) -> str:
        return ec2.create_security_group(GroupName=name, Description=description, VpcId=prod)["GroupId"]

    web_sg = group("web-sg", "HTTPS from the internet")
    admin_sg = group("admin-sg", "SSH from anywhere (bad)")
    rdp_sg = group("rdp-sg", "RDP from anywhere over IPv6 (bad)")
    db_sg = group("db-sg", "Postgres from web-sg only")
    ec2.authorize_security_group_ingress(GroupId=web_sg, IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])
    ec2.authorize_security_group_ingress(GroupId=admin_sg, IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])
    ec2.authorize_security_group_ingress(GroupId=rdp_sg, IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": 3389, "ToPort": 3389, "Ipv6Ranges": [{"CidrIpv6": "::/0"}]}])
    ec2.authorize_security_group_ingress(GroupId=db_sg, IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432, "UserIdGroupPairs": [{"GroupId": web_sg}]}])

    # An unencrypted, unattached volume.
    ec2.create_volume(AvailabilityZone="us-east-1a", Size=100, VolumeType="gp2",
                      TagSpecifications=tags("volume", "orphan-data"))

    web_1 = run_instance(ec2, account_id, "web-1", "t3.micro", subnet_a, web_sg, "required",
                         monitoring=True, owner="team-web", cost_center="cc-100")
    # Previous generation, IMDSv1 allowed, no owner tags; launched with an SSH key pair and
    # managed by no Systems Manager agent (bad).
    ec2.create_key_pair(KeyName="ops-key")
    run_instance(ec2, account_id, "web-2", "m4.large", subnet_a, web_sg, "optional",
                 key_name="ops-key")
    run_instance(ec2, account_id, "worker-1", "m6g.large", subnet_b, admin_sg, "required",
                 arch="arm64", owner="team-data", cost_center="cc-200")

    app_data = ec2.create_volume(AvailabilityZone="us-east-1a", Size=50, VolumeType="gp3", Encrypted=True,
                                 TagSpecifications=tags("volume", "app-data"))["VolumeId"]
    ec2.attach_volume(VolumeId=app_data, InstanceId=web_1, Device="/dev/sdf")
    ec2.create_snapshot(VolumeId=app_data, Description="nightly backup of app-data",
                        TagSpecifications=tags("snapshot", "app-data-backup"))

    # Switched on after the instances were launched, so their root volumes
    # stay unencrypted (moto would not encrypt them anyway).
    ec2.enable_ebs_encryption_by_default()

    web_eip = ec2.allocate_address(Domain="vpc", TagSpecifications=tags("elastic-ip", "web-eip"))
    ec2.associate_address(AllocationId=web_eip["AllocationId"], InstanceId=web_1)
    ec2.allocate_address(Domain="vpc", TagSpecifications=tags("elastic-ip", "spare-eip"))  # idle: costs money

    # Flow log for prod-vpc only, delivered to the central log bucket (seed_s3 runs first).
    # moto rejects a destination ARN with a key prefix, so none is given.
    result = ec2.create_flow_logs(ResourceIds=[prod], ResourceType="VPC", TrafficType="ALL",
                                  LogDestinationType="s3", LogDestination="arn:aws:s3:::wascan-demo-logs",
                                  TagSpecifications=tags("vpc-flow-log", "prod-vpc-flow-log"))
    assert not result["Unsuccessful"], result["Unsuccessful"]

    # prod-vpc reaches S3 through a (free) gateway endpoint; eu-west-1's default VPC does not.
    ec2.create_vpc_endpoint(VpcId=prod, ServiceName="com.amazonaws.us-east-1.s3", VpcEndpointType="Gateway")


def seed_eu_west_1(ec2, account_id: str) -> None:
    # EBS default encryption stays disabled here (bad); only the default VPC exists.
    vpc = name_default_vpc(ec2)
    subnet = ec2.describe_subnets(Filters=[
        {"Name": "vpc-id", "Values": [vpc]}, {"Name": "availability-zone", "Values": ["eu-west-1a"]}
    ])["Subnets"][0]["SubnetId"]
    sg = ec2.create_security_group(GroupName="legacy-ssh", Description="SSH from anywhere (bad)", VpcId=vpc)["GroupId"]
    ec2.authorize_security_group_ingress(GroupId=sg, IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])

    # Both in one AZ, previous generation, IMDSv1, no owner tag.
    run_instance(ec2, account_id, "batch-1", "c4.large", subnet, sg, "optional")
    run_instance(ec2, account_id, "batch-2", "c4.large", subnet, sg, "optional")

    scratch = ec2.create_volume(AvailabilityZone="eu-west-1a", Size=20, VolumeType="gp2",
                                TagSpecifications=tags("volume", "scratch"))["VolumeId"]
    ec2.create_snapshot(VolumeId=scratch, TagSpecifications=tags("snapshot", "scratch-snap"))


# ---------------------------------------------------------------------------- S3


def seed_s3(endpoint: str, account_id: str) -> None:
    s3_us = client(endpoint, "s3", "us-east-1")
    s3_eu = client(endpoint, "s3", "eu-west-1")
    all_blocked = {"BlockPublicAcls": True, "IgnorePublicAcls": True,
                   "BlockPublicPolicy": True, "RestrictPublicBuckets": True}
    eu = {"CreateBucketConfiguration": {"LocationConstraint": "eu-west-1"}}

    # The well-configured central log bucket.
    logs = "wascan-demo-logs"
    s3_us.create_bucket(Bucket=logs)
    s3_us.put_bucket_encryption(Bucket=logs, ServerSideEncryptionConfiguration={
        "Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]})
    s3_us.put_bucket_versioning(Bucket=logs, VersioningConfiguration={"Status": "Enabled"})
    s3_us.put_public_access_block(Bucket=logs, PublicAccessBlockConfiguration=all_blocked)
    s3_us.put_bucket_lifecycle_configuration(Bucket=logs, LifecycleConfiguration={"Rules": [
        {"ID": "expire-after-a-year", "Status": "Enabled", "Filter": {"Prefix": ""},
         "Expiration": {"Days": 365}, "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 7}}]})
    s3_us.put_bucket_tagging(Bucket=logs, Tagging={"TagSet": [
        {"Key": "owner", "Value": "team-platform"}, {"Key": "cost-center", "Value": "cc-100"}]})
    # Let S3 server access logging, VPC flow logs, CloudTrail and AWS Config deliver into it.
    s3_us.put_bucket_policy(Bucket=logs, Policy=json.dumps({
        "Version": "2012-10-17",
        "Statement": [{"Sid": "LogDelivery", "Effect": "Allow",
                       "Principal": {"Service": ["logging.s3.amazonaws.com", "delivery.logs.amazonaws.com",
                                                 "cloudtrail.amazonaws.com", "config.amazonaws.com"]},
                       "Action": "s3:PutObject", "Resource": f"arn:aws:s3:::{logs}/*"},
                      # Plain HTTP refused (good).
                      {"Sid": "TLSOnly", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
                       "Resource": [f"arn:aws:s3:::{logs}", f"arn:aws:s3:::{logs}/*"],
                       "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}))

    # Public website assets: public ACL and policy, no PAB, no versioning/lifecycle/logging.
    public = "wascan-demo-public-assets"
    s3_eu.create_bucket(Bucket=public, **eu)
    s3_eu.put_bucket_acl(Bucket=public, ACL="public-read")
    s3_eu.put_bucket_policy(Bucket=public, Policy=json.dumps({
        "Version": "2012-10-17",
        "Statement": [{"Sid": "PublicRead", "Effect": "Allow", "Principal": "*",
                       "Action": "s3:GetObject", "Resource": f"arn:aws:s3:::{public}/*"}]}))

    # Data bucket: SSE-KMS, versioning suspended, PAB on, access-logged, no lifecycle.
    data = "wascan-demo-data"
    s3_eu.create_bucket(Bucket=data, **eu)
    s3_eu.put_bucket_encryption(Bucket=data, ServerSideEncryptionConfiguration={
        "Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms"}}]})
    s3_eu.put_bucket_versioning(Bucket=data, VersioningConfiguration={"Status": "Enabled"})
    s3_eu.put_bucket_versioning(Bucket=data, VersioningConfiguration={"Status": "Suspended"})
    s3_eu.put_public_access_block(Bucket=data, PublicAccessBlockConfiguration=all_blocked)
    # Real S3 (and moto) refuse a log bucket in another region
    # (CrossLocationLoggingProhibited), so this one is patched into the model.
    from moto.s3.models import s3_backends
    s3_backends[account_id]["aws"].buckets[data].logging = {
        "TargetBucket": logs, "TargetPrefix": f"s3-access/{data}/"}
    # The account-level public access block (S3 Control) is deliberately left unset.


# --------------------------------------------------------------------------- IAM


def seed_iam(iam, account_id: str, now: datetime) -> None:
    from moto.iam.models import AccessKeyLastUsed, AWSManagedPolicy, iam_backends
    from moto.iam.aws_managed_policies import aws_managed_policies_data

    backend = iam_backends[account_id]["global"]
    # moto only knows AWS managed policies when told to load all ~1000 of them;
    # register just AdministratorAccess and AWSSupportAccess from its catalogue.
    for name in ("AdministratorAccess", "AWSSupportAccess"):
        if f"arn:aws:iam::aws:policy/{name}" not in backend.managed_policies:
            data = json.loads(aws_managed_policies_data)[name]
            policy = AWSManagedPolicy.from_data(name, account_id, "us-east-1", data)
            backend.aws_managed_policies.append(policy)
            backend.managed_policies[policy.arn] = policy

    # Weak: 8 characters, no symbols or numbers, passwords never expire.
    iam.update_account_password_policy(
        MinimumPasswordLength=8, RequireSymbols=False, RequireNumbers=False,
        RequireUppercaseCharacters=False, RequireLowercaseCharacters=True,
        AllowUsersToChangePassword=True)

    iam.create_group(GroupName="admins")
    iam.attach_group_policy(GroupName="admins", PolicyArn=ADMIN_POLICY_ARN)

    # On-call responders assume this role to open AWS Support cases.
    iam.create_role(RoleName="support", AssumeRolePolicyDocument=json.dumps({
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{account_id}:root"},
                       "Action": "sts:AssumeRole"}]}))
    iam.attach_role_policy(RoleName="support", PolicyArn="arn:aws:iam::aws:policy/AWSSupportAccess")

    for user in ("alice", "bob", "ci-deploy", "svc-reporting"):
        iam.create_user(UserName=user)

    # alice: console + virtual MFA, admin through the group (fine).
    iam.create_login_profile(UserName="alice", Password="Correct-Horse-42")
    iam.add_user_to_group(GroupName="admins", UserName="alice")
    serial = iam.create_virtual_mfa_device(VirtualMFADeviceName="alice")["VirtualMFADevice"]["SerialNumber"]
    iam.enable_mfa_device(UserName="alice", SerialNumber=serial,
                          AuthenticationCode1="123456", AuthenticationCode2="654321")

    # bob: console without MFA, AdministratorAccess attached directly (bad twice).
    iam.create_login_profile(UserName="bob", Password="Battery-Staple-7")
    iam.attach_user_policy(UserName="bob", PolicyArn=ADMIN_POLICY_ARN)

    # Programmatic users; their key ages and usage are patched below.
    ci_key = iam.create_access_key(UserName="ci-deploy")["AccessKey"]["AccessKeyId"]
    svc_key = iam.create_access_key(UserName="svc-reporting")["AccessKey"]["AccessKeyId"]

    # Users existed for a while before their keys were made.
    for user in backend.users.values():
        user.create_date = now - timedelta(days=400)
    backend.access_keys[ci_key].create_date = now - timedelta(days=200)  # stale, never used
    svc = backend.access_keys[svc_key]
    svc.create_date = now - timedelta(days=30)
    svc.last_used = AccessKeyLastUsed(timestamp=now - timedelta(days=2), service="s3", region="us-east-1")
    # Root: moto reports AccountMFAEnabled=0 and no root access keys, as wanted.


# -------------------------------------------------------------------- CloudTrail


def service_role(iam, name: str, service: str) -> str:
    """A role that `service` can assume (no permissions needed by the emulator)."""
    return iam.create_role(RoleName=name, AssumeRolePolicyDocument=json.dumps({
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Principal": {"Service": service},
                       "Action": "sts:AssumeRole"}]}))["Role"]["Arn"]


def seed_cloudtrail(endpoint: str, account_id: str) -> None:
    iam = client(endpoint, "iam")
    kms = client(endpoint, "kms", "us-east-1")
    logs = client(endpoint, "logs", "us-east-1")

    # The organisation's trail: multi-region, validated, SSE-KMS, also into CloudWatch Logs.
    key = kms.create_key(Description="CloudTrail log encryption")["KeyMetadata"]
    kms.create_alias(AliasName="alias/cloudtrail", TargetKeyId=key["KeyId"])
    kms.enable_key_rotation(KeyId=key["KeyId"])
    group = "cloudtrail/management-events"
    logs.create_log_group(logGroupName=group, kmsKeyId=key["Arn"])
    logs.put_retention_policy(logGroupName=group, retentionInDays=365)
    role = service_role(iam, "cloudtrail-to-cloudwatch", "cloudtrail.amazonaws.com")
    trail_us = client(endpoint, "cloudtrail", "us-east-1")
    trail_us.create_trail(
        Name="management-events", S3BucketName="wascan-demo-logs", S3KeyPrefix="cloudtrail",
        IsMultiRegionTrail=True, IncludeGlobalServiceEvents=True, EnableLogFileValidation=True,
        KmsKeyId=key["Arn"],
        CloudWatchLogsLogGroupArn=f"arn:aws:logs:us-east-1:{account_id}:log-group:{group}:*",
        CloudWatchLogsRoleArn=role)
    # It also records S3 object-level reads and writes in every bucket (data events).
    trail_us.put_event_selectors(TrailName="management-events", EventSelectors=[
        {"ReadWriteType": "All", "IncludeManagementEvents": True,
         "DataResources": [{"Type": "AWS::S3::Object", "Values": ["arn:aws:s3"]}]}])
    trail_us.start_logging(Name="management-events")

    # A team's old regional trail: eu-west-1 only, no validation, SSE-S3, S3 only.
    trail_eu = client(endpoint, "cloudtrail", "eu-west-1")
    trail_eu.create_trail(Name="legacy-audit", S3BucketName="wascan-demo-logs",
                          S3KeyPrefix="legacy-audit")
    trail_eu.start_logging(Name="legacy-audit")


# ------------------------------------------------------------------------ Config


def seed_config(endpoint: str, account_id: str) -> None:
    # Recording everything in us-east-1; eu-west-1 has no recorder (bad).
    role = service_role(client(endpoint, "iam"), "aws-config-recorder", "config.amazonaws.com")
    config = client(endpoint, "config", "us-east-1")
    config.put_configuration_recorder(ConfigurationRecorder={
        "name": "default", "roleARN": role,
        "recordingGroup": {"allSupported": True, "includeGlobalResourceTypes": True}})
    config.put_delivery_channel(DeliveryChannel={
        "name": "default", "s3BucketName": "wascan-demo-logs", "s3KeyPrefix": "config"})
    config.start_configuration_recorder(ConfigurationRecorderName="default")


# --------------------------------------------------------------------------- RDS


def seed_rds(endpoint: str, account_id: str) -> None:
    from moto.rds.models import rds_backends

    # The production database: everything a checklist asks for.
    client(endpoint, "rds", "us-east-1").create_db_instance(
        DBInstanceIdentifier="orders-db", Engine="postgres", EngineVersion="16.3",
        DBInstanceClass="db.m6g.large", AllocatedStorage=100, StorageType="gp3",
        MasterUsername="orders", MasterUserPassword="not-a-real-password-1",
        StorageEncrypted=True, MultiAZ=True, BackupRetentionPeriod=14, DeletionProtection=True,
        AutoMinorVersionUpgrade=True, PubliclyAccessible=False, EnablePerformanceInsights=True,
        MaxAllocatedStorage=500, CopyTagsToSnapshot=True, EnableCloudwatchLogsExports=["postgresql"],
        MonitoringInterval=60, MonitoringRoleArn=f"arn:aws:iam::{account_id}:role/rds-monitoring-role",
        EnableIAMDatabaseAuthentication=True,
        Tags=[{"Key": "owner", "Value": "team-orders"}, {"Key": "cost-center", "Value": "cc-100"}])
    # moto accepts EnablePerformanceInsights but neither stores nor reports it.
    rds_backends[account_id]["us-east-1"].databases["orders-db"].performance_insights_enabled = True

    # A forgotten MySQL on an old class: unencrypted, public, Single-AZ, one day of backups,
    # unprotected, no automatic patches, gp2.
    client(endpoint, "rds", "eu-west-1").create_db_instance(
        DBInstanceIdentifier="legacy-mysql", Engine="mysql", EngineVersion="5.7.44",
        DBInstanceClass="db.m4.large", AllocatedStorage=20, StorageType="gp2",
        MasterUsername="admin", MasterUserPassword="not-a-real-password-2",
        StorageEncrypted=False, MultiAZ=False, BackupRetentionPeriod=1, DeletionProtection=False,
        AutoMinorVersionUpgrade=False, PubliclyAccessible=True)

    # A CRM on SQL Server Standard with the licence billed by AWS per vCPU (a licence cost to
    # review), otherwise kept well (encrypted, Multi-AZ, private, protected, monitored, logs
    # exported; no CloudWatch alarm watches it).
    client(endpoint, "rds", "eu-west-1").create_db_instance(
        DBInstanceIdentifier="crm-sqlserver", Engine="sqlserver-se", EngineVersion="15.00.4345.5.v1",
        LicenseModel="license-included", DBInstanceClass="db.m6i.large", AllocatedStorage=100,
        StorageType="gp3", MasterUsername="crm", MasterUserPassword="not-a-real-password-3",
        StorageEncrypted=True, MultiAZ=True, BackupRetentionPeriod=7, DeletionProtection=True,
        AutoMinorVersionUpgrade=True, PubliclyAccessible=False, EnablePerformanceInsights=True,
        MaxAllocatedStorage=500, CopyTagsToSnapshot=True, EnableCloudwatchLogsExports=["error"],
        MonitoringInterval=60, MonitoringRoleArn=f"arn:aws:iam::{account_id}:role/rds-monitoring-role",
        Tags=[{"Key": "owner", "Value": "team-crm"}, {"Key": "cost-center", "Value": "cc-200"}])
    rds_backends[account_id]["eu-west-1"].databases["crm-sqlserver"].performance_insights_enabled = True


# --------------------------------------------------------------- KMS and DynamoDB


def seed_kms_and_dynamodb(endpoint: str, account_id: str) -> None:
    from moto.kms.models import kms_backends

    # moto creates the EBS default key (alias/aws/ebs, made when EBS encryption by default was
    # turned on) as a customer-managed key; in AWS it is AWS managed.
    for region in ("us-east-1", "eu-west-1"):
        for key in kms_backends[account_id][region].keys.values():
            if any(alias.startswith("alias/aws/") for alias in key.aliases):
                key.key_manager = "AWS"

    kms_us = client(endpoint, "kms", "us-east-1")
    kms_eu = client(endpoint, "kms", "eu-west-1")

    # us-east-1: the orders table's own key, rotating (alias/cloudtrail is made in seed_cloudtrail).
    orders_key = kms_us.create_key(Description="orders table encryption")["KeyMetadata"]
    kms_us.create_alias(AliasName="alias/orders-data", TargetKeyId=orders_key["KeyId"])
    kms_us.enable_key_rotation(KeyId=orders_key["KeyId"])

    # eu-west-1: a key that never rotates, and one scheduled for deletion.
    legacy = kms_eu.create_key(Description="legacy app secrets")["KeyMetadata"]["KeyId"]
    kms_eu.create_alias(AliasName="alias/legacy-app", TargetKeyId=legacy)
    old = kms_eu.create_key(Description="old backup encryption")["KeyMetadata"]["KeyId"]
    kms_eu.create_alias(AliasName="alias/old-backups", TargetKeyId=old)
    kms_eu.schedule_key_deletion(KeyId=old, PendingWindowInDays=7)

    key_schema = {"KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
                  "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}]}
    # The orders table: on demand, customer-managed key, deletion protection, PITR.
    ddb_us = client(endpoint, "dynamodb", "us-east-1")
    ddb_us.create_table(TableName="orders", BillingMode="PAY_PER_REQUEST", DeletionProtectionEnabled=True,
                        SSESpecification={"Enabled": True, "SSEType": "KMS",
                                          "KMSMasterKeyId": orders_key["Arn"]},
                        **key_schema)
    ddb_us.update_continuous_backups(TableName="orders", PointInTimeRecoverySpecification={
        "PointInTimeRecoveryEnabled": True})
    # Sessions: provisioned, AWS owned key, unprotected, no PITR.
    client(endpoint, "dynamodb", "eu-west-1").create_table(
        TableName="user-sessions", ProvisionedThroughput={"ReadCapacityUnits": 5, "WriteCapacityUnits": 5},
        **key_schema)


# ------------------------------------------------------------------ CloudWatch Logs


def seed_logs(endpoint: str) -> None:
    # us-east-1's cloudtrail/management-events (KMS, 365 days) is made in seed_cloudtrail.
    # eu-west-1: the legacy database's error log, kept forever with service keys only.
    client(endpoint, "logs", "eu-west-1").create_log_group(logGroupName="/rds/legacy-mysql/error")


# ------------------------------------------------------------------------- Lambda


def function_zip(source: str) -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("index.py", source)
    return buffer.getvalue()


def seed_lambda(endpoint: str, account_id: str) -> None:
    role = service_role(client(endpoint, "iam"), "lambda-orders-api", "lambda.amazonaws.com")
    code = {"ZipFile": function_zip("def handler(event, context):\n    return {'statusCode': 200}\n")}
    # The orders API: a current runtime on Graviton.
    client(endpoint, "lambda", "us-east-1").create_function(
        FunctionName="orders-api", Runtime="python3.12", Architectures=["arm64"], Role=role,
        Handler="index.handler", Code=code, MemorySize=512, Timeout=10,
        TracingConfig={"Mode": "Active"},
        # moto ignores LoggingConfig: lambda_function_structured_logging still fails here.
        LoggingConfig={"LogFormat": "JSON"})
    # No function has a code signing configuration (lambda_function_code_signing fails): moto
    # serves GetFunctionCodeSigningConfig but not GetCodeSigningConfig, so a signed function's
    # policy is tested with recorded responses (src/collect/lambda.rs).
    # An image resizer nobody has touched since 2020: deprecated runtime, x86_64.
    client(endpoint, "lambda", "eu-west-1").create_function(
        FunctionName="thumbnailer", Runtime="python3.7", Architectures=["x86_64"], Role=role,
        Handler="index.handler", Code=code, MemorySize=1024, Timeout=30)


# -------------------------------------------------------------------------- ELBv2


def subnet_ids(ec2, **filters: str) -> list[str]:
    """Subnet ids by filter (`tag_Name="prod-a"` -> tag:Name), sorted by Availability Zone."""
    subnets = ec2.describe_subnets(Filters=[
        {"Name": k.replace("tag_", "tag:").replace("_", "-"), "Values": [v]} for k, v in filters.items()
    ])["Subnets"]
    return [s["SubnetId"] for s in sorted(subnets, key=lambda s: s["AvailabilityZone"])]


def seed_elbv2(endpoint: str) -> None:
    # us-east-1: the shop's ALB in prod-vpc: HTTPS (TLS 1.2+), HTTP redirected, access logs,
    # deletion protection, two zones.
    ec2 = client(endpoint, "ec2", "us-east-1")
    elb = client(endpoint, "elbv2", "us-east-1")
    subnets = subnet_ids(ec2, tag_Name="prod-a") + subnet_ids(ec2, tag_Name="prod-b")
    vpc = ec2.describe_subnets(SubnetIds=subnets[:1])["Subnets"][0]["VpcId"]
    shop = elb.create_load_balancer(Name="shop-alb", Subnets=subnets, Scheme="internet-facing",
                                    Type="application")["LoadBalancers"][0]["LoadBalancerArn"]
    web = elb.create_target_group(Name="shop-web", Protocol="HTTP", Port=80, VpcId=vpc,
                                  TargetType="instance")["TargetGroups"][0]["TargetGroupArn"]
    cert = client(endpoint, "acm", "us-east-1").request_certificate(
        DomainName="shop.example.com")["CertificateArn"]
    elb.create_listener(LoadBalancerArn=shop, Protocol="HTTPS", Port=443,
                        Certificates=[{"CertificateArn": cert}],
                        SslPolicy="ELBSecurityPolicy-TLS13-1-2-2021-06",
                        DefaultActions=[{"Type": "forward", "TargetGroupArn": web}])
    elb.create_listener(LoadBalancerArn=shop, Protocol="HTTP", Port=80, DefaultActions=[
        {"Type": "redirect", "RedirectConfig": {"Protocol": "HTTPS", "Port": "443", "StatusCode": "HTTP_301"}}])
    elb.modify_load_balancer_attributes(LoadBalancerArn=shop, Attributes=[
        {"Key": "access_logs.s3.enabled", "Value": "true"},
        {"Key": "access_logs.s3.bucket", "Value": "wascan-demo-logs"},
        {"Key": "access_logs.s3.prefix", "Value": "shop-alb"},
        {"Key": "deletion_protection.enabled", "Value": "true"},
        {"Key": "routing.http2.enabled", "Value": "true"},
        {"Key": "routing.http.drop_invalid_header_fields.enabled", "Value": "true"},
        {"Key": "routing.http.desync_mitigation_mode", "Value": "defensive"}])

    # eu-west-1 (default VPC): the batch dashboard's ALB serves plain HTTP and TLS 1.0, no access
    # logs; an internal NLB for the batch workers sits in one zone.
    ec2 = client(endpoint, "ec2", "eu-west-1")
    elb = client(endpoint, "elbv2", "eu-west-1")
    vpc = ec2.describe_vpcs(Filters=[{"Name": "isDefault", "Values": ["true"]}])["Vpcs"][0]["VpcId"]
    default_subnets = subnet_ids(ec2, vpc_id=vpc)
    legacy = elb.create_load_balancer(Name="legacy-alb", Subnets=default_subnets[:2],
                                      Scheme="internet-facing", Type="application",
                                      )["LoadBalancers"][0]["LoadBalancerArn"]
    dashboard = elb.create_target_group(Name="batch-dashboard", Protocol="HTTP", Port=8080, VpcId=vpc,
                                        TargetType="instance")["TargetGroups"][0]["TargetGroupArn"]
    cert = client(endpoint, "acm", "eu-west-1").request_certificate(
        DomainName="batch.example.com")["CertificateArn"]
    elb.create_listener(LoadBalancerArn=legacy, Protocol="HTTP", Port=80,
                        DefaultActions=[{"Type": "forward", "TargetGroupArn": dashboard}])
    elb.create_listener(LoadBalancerArn=legacy, Protocol="HTTPS", Port=443,
                        Certificates=[{"CertificateArn": cert}], SslPolicy="ELBSecurityPolicy-2016-08",
                        DefaultActions=[{"Type": "forward", "TargetGroupArn": dashboard}])
    elb.modify_load_balancer_attributes(LoadBalancerArn=legacy, Attributes=[
        {"Key": "routing.http2.enabled", "Value": "false"},  # HTTP/1.1 only (bad)
        # Monitor mode lets ambiguous requests through to the targets (bad).
        {"Key": "routing.http.desync_mitigation_mode", "Value": "monitor"}])
    nlb = elb.create_load_balancer(Name="batch-nlb", Subnets=default_subnets[:1], Scheme="internal",
                                   Type="network")["LoadBalancers"][0]["LoadBalancerArn"]
    workers = elb.create_target_group(Name="batch-workers", Protocol="TCP", Port=9000, VpcId=vpc,
                                      TargetType="instance")["TargetGroups"][0]["TargetGroupArn"]
    elb.create_listener(LoadBalancerArn=nlb, Protocol="TCP", Port=9000,
                        DefaultActions=[{"Type": "forward", "TargetGroupArn": workers}])


# ------------------------------------------------------- GuardDuty and Security Hub


def seed_threat_detection(endpoint: str) -> None:
    # Both on in us-east-1; eu-west-1 has neither (bad).
    # us-east-1's detector also watches runtimes and scans volumes for malware (good).
    client(endpoint, "guardduty", "us-east-1").create_detector(
        Enable=True, FindingPublishingFrequency="FIFTEEN_MINUTES",
        Features=[{"Name": "RUNTIME_MONITORING", "Status": "ENABLED"},
                  {"Name": "EBS_MALWARE_PROTECTION", "Status": "ENABLED"},
                  # S3 and EKS audit logs watched (good); RDS and Lambda protection off (bad).
                  {"Name": "S3_DATA_EVENTS", "Status": "ENABLED"},
                  {"Name": "EKS_AUDIT_LOGS", "Status": "ENABLED"}])
    client(endpoint, "securityhub", "us-east-1").enable_security_hub(EnableDefaultStandards=True)


# ---------------------------------------------------------------------------- SQS


def seed_sqs(endpoint: str) -> None:
    # us-east-1: the shop's order queue, SSE-KMS, redriving to its dead-letter queue (SSE-SQS).
    sqs = client(endpoint, "sqs", "us-east-1")
    dlq = sqs.create_queue(QueueName="orders-dlq", Attributes={"SqsManagedSseEnabled": "true",
                                                               "ReceiveMessageWaitTimeSeconds": "20"})
    dlq_arn = sqs.get_queue_attributes(QueueUrl=dlq["QueueUrl"],
                                       AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    sqs.create_queue(QueueName="orders", Attributes={
        "KmsMasterKeyId": "alias/aws/sqs", "ReceiveMessageWaitTimeSeconds": "20",
        "RedrivePolicy": json.dumps({"deadLetterTargetArn": dlq_arn, "maxReceiveCount": "5"})})
    # eu-west-1: a legacy event queue, unencrypted and without a dead-letter queue (bad twice).
    # Tagged as retiring: the tag comes only from the tagging API (SQS answers carry no tags).
    client(endpoint, "sqs", "eu-west-1").create_queue(
        QueueName="legacy-events", Attributes={"SqsManagedSseEnabled": "false"},
        tags={"lifecycle": "retiring"})


# ---------------------------------------------------------------------------- SNS


def seed_sns(endpoint: str, account_id: str) -> None:
    # us-east-1: the on-call alert topic, encrypted with the AWS managed key.
    sns = client(endpoint, "sns", "us-east-1")
    alerts = sns.create_topic(Name="ops-alerts", Attributes={"KmsMasterKeyId": "alias/aws/sns"})["TopicArn"]
    # The on-call queue listens to it; legacy-notifications has no subscriber (bad).
    sns.subscribe(TopicArn=alerts, Protocol="sqs",
                  Endpoint=f"arn:aws:sqs:us-east-1:{account_id}:orders-dlq")
    # moto records the subscription but never counts it as confirmed.
    from moto.sns.models import sns_backends
    sns_backends[account_id]["us-east-1"].topics[alerts].subscriptions_confimed = 1
    # eu-west-1: a legacy notification topic without server-side encryption (bad).
    client(endpoint, "sns", "eu-west-1").create_topic(
        Name="legacy-notifications", Tags=[{"Key": "lifecycle", "Value": "retiring"}])


# ---------------------------------------------------------------- CloudWatch


def seed_cloudwatch(endpoint: str, account_id: str) -> None:
    topic = f"arn:aws:sns:us-east-1:{account_id}:ops-alerts"
    # us-east-1: the shop's database and first web server are watched, with the on-call topic as
    # the action; worker-1 and web-2 are not (bad, for cloudwatch_resource_alarms).
    ec2 = client(endpoint, "ec2", "us-east-1")
    web_1 = ec2.describe_instances(Filters=[{"Name": "tag:Name", "Values": ["web-1"]}])[
        "Reservations"][0]["Instances"][0]["InstanceId"]
    cloudwatch = client(endpoint, "cloudwatch", "us-east-1")
    cloudwatch.put_metric_alarm(
        AlarmName="orders-db-cpu", Namespace="AWS/RDS", MetricName="CPUUtilization",
        Dimensions=[{"Name": "DBInstanceIdentifier", "Value": "orders-db"}],
        Statistic="Average", Period=300, EvaluationPeriods=3, Threshold=80.0,
        ComparisonOperator="GreaterThanThreshold", AlarmActions=[topic])
    cloudwatch.put_metric_alarm(
        AlarmName="web-1-status-check", Namespace="AWS/EC2", MetricName="StatusCheckFailed",
        Dimensions=[{"Name": "InstanceId", "Value": web_1}],
        Statistic="Maximum", Period=60, EvaluationPeriods=2, Threshold=1.0,
        ComparisonOperator="GreaterThanOrEqualToThreshold", AlarmActions=[topic])
    # CIS 4.3: root use is counted from the trail's log group and alarmed on. (No alarm counts
    # unauthorized API calls: bad, for cloudwatch_unauthorized_api_alarm.)
    client(endpoint, "logs", "us-east-1").put_metric_filter(
        logGroupName="cloudtrail/management-events", filterName="root-usage",
        filterPattern='{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS '
                      '&& $.eventType != "AwsServiceEvent" }',
        metricTransformations=[{"metricName": "RootUsage", "metricNamespace": "CIS",
                                "metricValue": "1"}])
    cloudwatch.put_metric_alarm(
        AlarmName="root-usage", Namespace="CIS", MetricName="RootUsage", Statistic="Sum",
        Period=300, EvaluationPeriods=1, Threshold=1.0,
        ComparisonOperator="GreaterThanOrEqualToThreshold", AlarmActions=[topic])
    for name in ("orders-db-cpu", "web-1-status-check", "root-usage"):
        cloudwatch.set_alarm_state(AlarmName=name, StateValue="OK", StateReason="seeded")
    # eu-west-1: the legacy database's alarm notifies nobody and has had no data since the
    # metric's dimensions were mistyped (bad, for cloudwatch_alarm_actions and
    # cloudwatch_alarm_insufficient_data).
    legacy = client(endpoint, "cloudwatch", "eu-west-1")
    legacy.put_metric_alarm(
        AlarmName="legacy-mysql-storage", Namespace="AWS/RDS", MetricName="FreeStorageSpace",
        Dimensions=[{"Name": "DBInstanceIdentifier", "Value": "legacy-mysq1"}],
        Statistic="Minimum", Period=300, EvaluationPeriods=1, Threshold=2e9,
        ComparisonOperator="LessThanThreshold")
    legacy.set_alarm_state(AlarmName="legacy-mysql-storage", StateValue="INSUFFICIENT_DATA",
                           StateReason="no datapoints")


# ---------------------------------------------------------------- Secrets Manager


def seed_secrets(endpoint: str, account_id: str) -> None:
    # us-east-1: the shop database's credentials, rotated every 30 days.
    sm = client(endpoint, "secretsmanager", "us-east-1")
    sm.create_secret(Name="prod/shop/db", SecretString='{"username": "shop"}',
                     Tags=[{"Key": "team", "Value": "shop"}])
    # moto turns rotation on, then fails to invoke the (absent) rotation function: the schedule
    # is what wascan reads, so the error is expected.
    try:
        sm.rotate_secret(SecretId="prod/shop/db", RotateImmediately=False,
                         RotationLambdaARN=f"arn:aws:lambda:us-east-1:{account_id}:function:rotate-db",
                         RotationRules={"AutomaticallyAfterDays": 30})
    except sm.exceptions.ResourceNotFoundException:
        pass
    # eu-west-1: a partner API token that is never rotated (bad).
    client(endpoint, "secretsmanager", "eu-west-1").create_secret(
        Name="legacy/partner-api-token", SecretString="token")


# ---------------------------------------------------------------------------- EFS


def seed_efs(endpoint: str) -> None:
    # us-east-1: the shop's shared uploads, encrypted, with automatic backups.
    efs = client(endpoint, "efs", "us-east-1")
    uploads = efs.create_file_system(
        CreationToken="shop-uploads", Encrypted=True, Backup=True, ThroughputMode="elastic",
        Tags=[{"Key": "Name", "Value": "shop-uploads"}])["FileSystemId"]
    efs.put_lifecycle_configuration(FileSystemId=uploads, LifecyclePolicies=[
        {"TransitionToIA": "AFTER_30_DAYS"}, {"TransitionToPrimaryStorageClass": "AFTER_1_ACCESS"}])
    # eu-west-1: a legacy scratch file system, unencrypted and never backed up (bad twice).
    client(endpoint, "efs", "eu-west-1").create_file_system(
        CreationToken="legacy-scratch", Encrypted=False,
        Tags=[{"Key": "Name", "Value": "legacy-scratch"}])


# ---------------------------------------------------------------------------- ECR


PUBLIC_PULL_POLICY = json.dumps({"Version": "2012-10-17", "Statement": [{
    "Sid": "AnyonePulls", "Effect": "Allow", "Principal": "*",
    "Action": ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]}]})
EXPIRE_UNTAGGED = json.dumps({"rules": [{
    "rulePriority": 1, "description": "expire untagged images after 14 days",
    "selection": {"tagStatus": "untagged", "countType": "sinceImagePushed",
                  "countUnit": "days", "countNumber": 14},
    "action": {"type": "expire"}}]})


def seed_ecr(endpoint: str) -> None:
    # us-east-1: the shop API's images: scanned on push, immutable tags, KMS, expired when old.
    ecr = client(endpoint, "ecr", "us-east-1")
    ecr.create_repository(repositoryName="shop/api", imageTagMutability="IMMUTABLE",
                          imageScanningConfiguration={"scanOnPush": True},
                          encryptionConfiguration={"encryptionType": "KMS"})
    ecr.put_lifecycle_policy(repositoryName="shop/api", lifecyclePolicyText=EXPIRE_UNTAGGED)
    # eu-west-1: a legacy worker's images: mutable tags, never scanned, kept forever, and
    # pullable by anyone (bad four times).
    ecr = client(endpoint, "ecr", "eu-west-1")
    ecr.create_repository(repositoryName="legacy/worker")
    ecr.set_repository_policy(repositoryName="legacy/worker", policyText=PUBLIC_PULL_POLICY)


# ---------------------------------------------------------------------------- EKS


def seed_eks(endpoint: str, account_id: str) -> None:
    role = f"arn:aws:iam::{account_id}:role/eks-cluster"
    node_role = f"arn:aws:iam::{account_id}:role/eks-nodes"
    # us-east-1: the shop cluster: a recent version, full control-plane logging, private
    # endpoint, secrets under a KMS key, one managed node group.
    ec2 = client(endpoint, "ec2", "us-east-1")
    subnets = subnet_ids(ec2, tag_Name="prod-a") + subnet_ids(ec2, tag_Name="prod-b")
    kms = client(endpoint, "kms", "us-east-1")
    key = kms.create_key(Description="EKS secrets")["KeyMetadata"]["Arn"]
    kms.create_alias(AliasName="alias/eks-secrets", TargetKeyId=key)
    kms.enable_key_rotation(KeyId=key)
    eks = client(endpoint, "eks", "us-east-1")
    eks.create_cluster(
        name="shop", version="1.35", roleArn=role,
        resourcesVpcConfig={"subnetIds": subnets, "endpointPublicAccess": False,
                            "endpointPrivateAccess": True},
        logging={"clusterLogging": [{"types": ["api", "audit", "authenticator",
                                               "controllerManager", "scheduler"],
                                     "enabled": True}]},
        encryptionConfig=[{"resources": ["secrets"], "provider": {"keyArn": key}}])
    eks.create_nodegroup(clusterName="shop", nodegroupName="workers", subnets=subnets,
                         nodeRole=node_role)
    # eu-west-1: a forgotten experiment: out of standard support, no logs, API open to the
    # internet, no customer key, nothing to run pods on (bad five times).
    ec2 = client(endpoint, "ec2", "eu-west-1")
    vpc = ec2.describe_vpcs(Filters=[{"Name": "isDefault", "Values": ["true"]}])["Vpcs"][0]["VpcId"]
    client(endpoint, "eks", "eu-west-1").create_cluster(
        name="legacy-experiment", version="1.29", roleArn=role,
        resourcesVpcConfig={"subnetIds": subnet_ids(ec2, vpc_id=vpc)[:2],
                            "endpointPublicAccess": True, "publicAccessCidrs": ["0.0.0.0/0"]})


# ---------------------------------------------------------------------------- ECS


def seed_ecs(endpoint: str) -> None:
    # us-east-1: the shop cluster with Container Insights; its API task runs on Fargate ARM64,
    # unprivileged, logging to CloudWatch Logs.
    ecs = client(endpoint, "ecs", "us-east-1")
    ecs.create_cluster(clusterName="shop",
                       settings=[{"name": "containerInsights", "value": "enhanced"}])
    ecs.register_task_definition(
        family="shop-api", networkMode="awsvpc", requiresCompatibilities=["FARGATE"],
        cpu="256", memory="512",
        runtimePlatform={"cpuArchitecture": "ARM64", "operatingSystemFamily": "LINUX"},
        containerDefinitions=[{
            "name": "api", "image": "shop/api:1.4.2", "user": "1000",
            "readonlyRootFilesystem": True,
            "logConfiguration": {"logDriver": "awslogs", "options": {
                "awslogs-group": "/ecs/shop-api", "awslogs-region": "us-east-1",
                "awslogs-stream-prefix": "api"}}}])
    # eu-west-1: a legacy cluster without Container Insights; a privileged monitoring agent on
    # the host network with no logs, and a web task on x86 Fargate.
    ecs = client(endpoint, "ecs", "eu-west-1")
    ecs.create_cluster(clusterName="legacy")
    ecs.register_task_definition(
        family="legacy-agent", networkMode="host", requiresCompatibilities=["EC2"],
        containerDefinitions=[{"name": "agent", "image": "legacy/agent:latest",
                               "memory": 256, "privileged": True}])
    ecs.register_task_definition(
        family="legacy-web", networkMode="awsvpc", requiresCompatibilities=["FARGATE"],
        cpu="256", memory="512",
        containerDefinitions=[{
            "name": "web", "image": "legacy/web:2019",
            "logConfiguration": {"logDriver": "awslogs", "options": {
                "awslogs-group": "/ecs/legacy-web", "awslogs-region": "eu-west-1",
                "awslogs-stream-prefix": "web"}}}])


# -------------------------------------------------------------------- Auto Scaling


def seed_autoscaling(endpoint: str) -> None:
    # Desired capacity 0 everywhere: moto would otherwise launch instances with random ids.
    # us-east-1: the shop's web tier: Graviton, IMDSv2, two zones behind the ALB's target group
    # with ELB health checks, target tracking on CPU.
    ec2 = client(endpoint, "ec2", "us-east-1")
    subnets = subnet_ids(ec2, tag_Name="prod-a") + subnet_ids(ec2, tag_Name="prod-b")
    ec2.create_launch_template(LaunchTemplateName="shop-web", LaunchTemplateData={
        "ImageId": PUBLIC_AMIS["arm64"], "InstanceType": "m7g.large",
        "MetadataOptions": {"HttpTokens": "required", "HttpEndpoint": "enabled"}})
    target_group = client(endpoint, "elbv2", "us-east-1").describe_target_groups(
        Names=["shop-web"])["TargetGroups"][0]["TargetGroupArn"]
    autoscaling = client(endpoint, "autoscaling", "us-east-1")
    autoscaling.create_auto_scaling_group(
        AutoScalingGroupName="shop-web", MinSize=0, MaxSize=6, DesiredCapacity=0,
        LaunchTemplate={"LaunchTemplateName": "shop-web", "Version": "$Default"},
        VPCZoneIdentifier=",".join(subnets), TargetGroupARNs=[target_group],
        HealthCheckType="ELB", HealthCheckGracePeriod=300)
    autoscaling.put_scaling_policy(
        AutoScalingGroupName="shop-web", PolicyName="cpu50", PolicyType="TargetTrackingScaling",
        TargetTrackingConfiguration={"PredefinedMetricSpecification": {
            "PredefinedMetricType": "ASGAverageCPUUtilization"}, "TargetValue": 50.0})
    # eu-west-1: legacy batch on an old launch configuration (m4, IMDSv1) in one zone with no
    # scaling policy; and Spot workers on x86 without Capacity Rebalancing.
    ec2 = client(endpoint, "ec2", "eu-west-1")
    vpc = ec2.describe_vpcs(Filters=[{"Name": "isDefault", "Values": ["true"]}])["Vpcs"][0]["VpcId"]
    default_subnets = subnet_ids(ec2, vpc_id=vpc)
    autoscaling = client(endpoint, "autoscaling", "eu-west-1")
    autoscaling.create_launch_configuration(
        LaunchConfigurationName="legacy-batch", ImageId=PUBLIC_AMIS["x86_64"],
        InstanceType="m4.large")
    autoscaling.create_auto_scaling_group(
        AutoScalingGroupName="legacy-batch", MinSize=0, MaxSize=3, DesiredCapacity=0,
        LaunchConfigurationName="legacy-batch", VPCZoneIdentifier=default_subnets[0])
    ec2.create_launch_template(LaunchTemplateName="legacy-spot", LaunchTemplateData={
        "ImageId": PUBLIC_AMIS["x86_64"], "InstanceType": "c5.large",
        "MetadataOptions": {"HttpTokens": "optional"}})
    autoscaling.create_auto_scaling_group(
        AutoScalingGroupName="legacy-spot", MinSize=0, MaxSize=10, DesiredCapacity=0,
        VPCZoneIdentifier=",".join(default_subnets[:2]), CapacityRebalance=False,
        MixedInstancesPolicy={
            "LaunchTemplate": {
                "LaunchTemplateSpecification": {"LaunchTemplateName": "legacy-spot",
                                                "Version": "$Latest"},
                "Overrides": [{"InstanceType": "c5.large"}, {"InstanceType": "c4.large"}]},
            "InstancesDistribution": {"OnDemandBaseCapacity": 0,
                                      "OnDemandPercentageAboveBaseCapacity": 0}})
    # The batch fleet is switched off every weekday evening (good, autoscaling_scheduled_scaling).
    autoscaling.put_scheduled_update_group_action(
        AutoScalingGroupName="legacy-batch", ScheduledActionName="nightly-off",
        Recurrence="0 20 * * 1-5", MinSize=0, MaxSize=0, DesiredCapacity=0)


# ---------------------------------------------------------------------------- ACM


def self_signed(domain: str, key_bits: int, valid_days: int) -> tuple[bytes, bytes]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=key_bits)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, domain)])
    now = datetime.now(timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(days=365))
            .not_valid_after(now + timedelta(days=valid_days))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName(domain)]), critical=False)
            .sign(key, hashes.SHA256()))
    return (cert.public_bytes(serialization.Encoding.PEM),
            key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                              serialization.NoEncryption()))


def seed_acm(endpoint: str) -> None:
    # Imported certificates served by Classic Load Balancers (moto marks a certificate in use
    # only for those), in an existing subnet and default security group (else moto makes a
    # security group with a random name). us-east-1: the partner portal, RSA 2048, valid for 300
    # more days.
    for region, subnet_filter, domain, bits, days, balancer in [
            ("us-east-1", {"tag_Name": "prod-a"}, "partners.example.com", 2048, 300, "partners"),
            # eu-west-1: the legacy intranet: RSA 1024, expiring in 10 days (bad twice).
            ("eu-west-1", {"default_for_az": "true"}, "intranet.example.com", 1024, 10, "intranet")]:
        ec2 = client(endpoint, "ec2", region)
        subnet = subnet_ids(ec2, **subnet_filter)[0]
        vpc = ec2.describe_subnets(SubnetIds=[subnet])["Subnets"][0]["VpcId"]
        default_group = ec2.describe_security_groups(Filters=[
            {"Name": "vpc-id", "Values": [vpc]},
            {"Name": "group-name", "Values": ["default"]}])["SecurityGroups"][0]["GroupId"]
        cert, key = self_signed(domain, bits, days)
        arn = client(endpoint, "acm", region).import_certificate(
            Certificate=cert, PrivateKey=key)["CertificateArn"]
        client(endpoint, "elb", region).create_load_balancer(
            LoadBalancerName=balancer, Subnets=[subnet], SecurityGroups=[default_group],
            Listeners=[{"Protocol": "HTTPS", "LoadBalancerPort": 443, "InstanceProtocol": "HTTP",
                        "InstancePort": 80, "SSLCertificateId": arn}])


# ---------------------------------------------------------------------------- SSM


def seed_ssm(endpoint: str) -> None:
    content = json.dumps({"schemaVersion": "2.2", "description": "Restart the app",
                          "mainSteps": [{"action": "aws:runShellScript", "name": "restart",
                                         "inputs": {"runCommand": ["systemctl restart app"]}}]})
    # us-east-1: a runbook shared with one partner account only.
    ssm = client(endpoint, "ssm", "us-east-1")
    ssm.create_document(Name="shop-restart", Content=content, DocumentType="Command")
    ssm.modify_document_permission(Name="shop-restart", PermissionType="Share",
                                   AccountIdsToAdd=["210987654321"])
    # eu-west-1: a bootstrap script shared with everyone (bad).
    ssm = client(endpoint, "ssm", "eu-west-1")
    ssm.create_document(Name="legacy-bootstrap", Content=content, DocumentType="Command")
    ssm.modify_document_permission(Name="legacy-bootstrap", PermissionType="Share",
                                   AccountIdsToAdd=["all"])
# ------------------------------------------------------------------------- Backup


def seed_backup(endpoint: str) -> None:
    # us-east-1: a daily plan and a locked vault (good).
    backup = client(endpoint, "backup", "us-east-1")
    backup.create_backup_plan(BackupPlan={
        "BackupPlanName": "shop-daily",
        "Rules": [{"RuleName": "daily", "TargetBackupVaultName": "shop-vault",
                   "ScheduleExpression": "cron(0 5 ? * * *)",
                   "Lifecycle": {"DeleteAfterDays": 35}}]})
    backup.create_backup_vault(BackupVaultName="shop-vault")
    backup.put_backup_vault_lock_configuration(BackupVaultName="shop-vault", MinRetentionDays=7)
    # eu-west-1: a vault nobody locked, and no plan (bad twice).
    client(endpoint, "backup", "eu-west-1").create_backup_vault(BackupVaultName="legacy-vault")


# ------------------------------------------------------------------ Organizations


def seed_organizations(endpoint: str) -> None:
    # The demo account manages an organization with a guardrail SCP on the root (good), GuardDuty
    # administered from a security account (good), but no tag policy and no delegated
    # administrator for Security Hub or Access Analyzer (bad).
    org = client(endpoint, "organizations", "us-east-1")
    org.create_organization(FeatureSet="ALL")
    root = org.list_roots()["Roots"][0]["Id"]
    security = org.create_account(AccountName="security", Email="security@example.com")
    security_id = security["CreateAccountStatus"]["AccountId"]
    policy = org.create_policy(
        Name="deny-leaving-organization", Type="SERVICE_CONTROL_POLICY",
        Description="Member accounts cannot leave the organization",
        Content=json.dumps({"Version": "2012-10-17", "Statement": [{
            "Effect": "Deny", "Action": "organizations:LeaveOrganization", "Resource": "*"}]}))
    org.attach_policy(PolicyId=policy["Policy"]["PolicySummary"]["Id"], TargetId=root)
    org.register_delegated_administrator(AccountId=security_id,
                                         ServicePrincipal="guardduty.amazonaws.com")


# ------------------------------------------------------------------------ Budgets


def seed_budgets(endpoint: str, account_id: str) -> None:
    budgets = client(endpoint, "budgets", "us-east-1")
    # A monthly cost budget that emails at 80% of actual spend (good).
    budgets.create_budget(
        AccountId=account_id,
        Budget={"BudgetName": "monthly-cost", "BudgetType": "COST", "TimeUnit": "MONTHLY",
                "BudgetLimit": {"Amount": "1000", "Unit": "USD"}},
        NotificationsWithSubscribers=[{
            "Notification": {"NotificationType": "ACTUAL", "ComparisonOperator": "GREATER_THAN",
                             "Threshold": 80, "ThresholdType": "PERCENTAGE"},
            "Subscribers": [{"SubscriptionType": "EMAIL", "Address": "finops@example.com"}]}])
    # A sandbox budget that tells nobody (bad).
    budgets.create_budget(
        AccountId=account_id,
        Budget={"BudgetName": "sandbox", "BudgetType": "COST", "TimeUnit": "MONTHLY",
                "BudgetLimit": {"Amount": "100", "Unit": "USD"}})


# --------------------------------------------------------------------- CloudFront


def distribution_config(ref: str, alias: str, origin: str, origin_policy: str, viewer_policy: str,
                        logging: bool, http_version: str, compress: bool,
                        web_acl: str = "") -> dict:
    config = {
        "CallerReference": ref, "Comment": ref, "Enabled": True, "HttpVersion": http_version,
        "Aliases": {"Quantity": 1, "Items": [alias]},
        "Origins": {"Quantity": 1, "Items": [{
            "Id": "origin", "DomainName": origin,
            "CustomOriginConfig": {"HTTPPort": 80, "HTTPSPort": 443,
                                   "OriginProtocolPolicy": origin_policy}}]},
        "DefaultCacheBehavior": {
            "TargetOriginId": "origin", "ViewerProtocolPolicy": viewer_policy,
            "Compress": compress, "MinTTL": 0,
            "ForwardedValues": {"QueryString": False, "Cookies": {"Forward": "none"}},
            "TrustedSigners": {"Enabled": False, "Quantity": 0}},
        "Logging": {"Enabled": logging, "IncludeCookies": False,
                    "Bucket": "demo-cloudfront-logs.s3.amazonaws.com" if logging else "",
                    "Prefix": ref},
    }
    if web_acl:
        config["WebACLId"] = web_acl
    return config


def seed_cloudfront(endpoint: str) -> None:
    cloudfront = client(endpoint, "cloudfront", "us-east-1")
    # The shop's ALB is the CDN's origin (so served through the edge); eu-west-1's legacy ALB
    # is not (bad).
    shop_alb = client(endpoint, "elbv2", "us-east-1").describe_load_balancers(
        Names=["shop-alb"])["LoadBalancers"][0]["DNSName"]
    # The shop's CDN: HTTPS to viewers and origin, logs, WAF, HTTP/2 and compression (good; the
    # default *.cloudfront.net certificate still accepts TLS 1.0).
    cloudfront.create_distribution(DistributionConfig=distribution_config(
        "shop-cdn", "cdn.shop.example.com", shop_alb, "https-only", "redirect-to-https", True,
        "http2and3", True,
        "arn:aws:wafv2:us-east-1:123456789012:global/webacl/shop-edge/a1b2c3"))
    # A legacy download site: plain HTTP everywhere, no logs, no WAF, HTTP/1.1, uncompressed.
    # Tagged as retiring (its tags come only from the tagging API, in us-east-1).
    cloudfront.create_distribution_with_tags(DistributionConfigWithTags={
        "DistributionConfig": distribution_config(
            "legacy-downloads", "downloads.legacy.example.com", "downloads.example.com", "http-only",
            "allow-all", False, "http1.1", False),
        "Tags": {"Items": [{"Key": "lifecycle", "Value": "retiring"}]}})


# ---------------------------------------------------------------------- Route 53


def seed_route53(endpoint: str) -> None:
    route53 = client(endpoint, "route53", "us-east-1")
    logs = client(endpoint, "logs", "us-east-1")
    # shop.example.com: failover with a health check on both records, and query logging (good).
    shop = route53.create_hosted_zone(Name="shop.example.com", CallerReference="shop")
    shop_id = shop["HostedZone"]["Id"].split("/")[-1]
    check = route53.create_health_check(CallerReference="shop-primary", HealthCheckConfig={
        "Type": "HTTPS", "FullyQualifiedDomainName": "primary.shop.example.com",
        "ResourcePath": "/health", "Port": 443})["HealthCheck"]["Id"]
    standby = route53.create_health_check(CallerReference="shop-standby", HealthCheckConfig={
        "Type": "HTTPS", "FullyQualifiedDomainName": "standby.shop.example.com",
        "ResourcePath": "/health", "Port": 443})["HealthCheck"]["Id"]
    route53.change_resource_record_sets(HostedZoneId=shop_id, ChangeBatch={"Changes": [
        {"Action": "CREATE", "ResourceRecordSet": {
            "Name": "www.shop.example.com", "Type": "A", "SetIdentifier": "primary",
            "Failover": "PRIMARY", "TTL": 60, "HealthCheckId": check,
            "ResourceRecords": [{"Value": "192.0.2.10"}]}},
        {"Action": "CREATE", "ResourceRecordSet": {
            "Name": "www.shop.example.com", "Type": "A", "SetIdentifier": "standby",
            "Failover": "SECONDARY", "TTL": 60, "HealthCheckId": standby,
            "ResourceRecords": [{"Value": "198.51.100.10"}]}}]})
    group = "/aws/route53/shop.example.com"
    logs.create_log_group(logGroupName=group)
    logs.put_retention_policy(logGroupName=group, retentionInDays=30)
    group_arn = logs.describe_log_groups(logGroupNamePrefix=group)["logGroups"][0]["arn"]
    route53.create_query_logging_config(HostedZoneId=shop_id, CloudWatchLogsLogGroupArn=group_arn)
    # legacy.example.com: a failover primary without a health check, and no query logs (bad).
    legacy = route53.create_hosted_zone(Name="legacy.example.com", CallerReference="legacy")
    legacy_id = legacy["HostedZone"]["Id"].split("/")[-1]
    route53.change_tags_for_resource(ResourceType="hostedzone", ResourceId=legacy_id,
                                     AddTags=[{"Key": "lifecycle", "Value": "retiring"}])
    route53.change_resource_record_sets(HostedZoneId=legacy_id, ChangeBatch={"Changes": [
        {"Action": "CREATE", "ResourceRecordSet": {
            "Name": "api.legacy.example.com", "Type": "A", "SetIdentifier": "primary",
            "Failover": "PRIMARY", "TTL": 60, "ResourceRecords": [{"Value": "192.0.2.20"}]}},
        {"Action": "CREATE", "ResourceRecordSet": {
            "Name": "api.legacy.example.com", "Type": "A", "SetIdentifier": "standby",
            "Failover": "SECONDARY", "TTL": 60, "ResourceRecords": [{"Value": "192.0.2.21"}]}}]})


# ------------------------------------------- Reliability and operations evidence (issue 16)


def name_default_subnets(ec2) -> None:
    """Names the default VPC's subnets after their zone, so findings on them are stable."""
    for subnet in ec2.describe_subnets(Filters=[{"Name": "default-for-az", "Values": ["true"]}])["Subnets"]:
        ec2.create_tags(Resources=[subnet["SubnetId"]],
                        Tags=[{"Key": "Name", "Value": f"default-{subnet['AvailabilityZone']}"}])


def seed_network(endpoint: str) -> None:
    # us-east-1: prod-vpc's private subnet in zone b goes out through the NAT gateway of zone a
    # (bad, ec2_nat_gateway_per_az); prod, dev and default VPCs are peered with each other in a
    # triangle (bad, ec2_vpc_interconnect_hub_and_spoke); a transit gateway joins prod and dev,
    # whose ranges are distinct (good, ec2_transit_gateway_cidrs_overlap).
    ec2 = client(endpoint, "ec2", "us-east-1")
    name_default_subnets(ec2)
    vpcs = {v["Tags"][0]["Value"] if v.get("Tags") else v["VpcId"]: v["VpcId"]
            for v in ec2.describe_vpcs()["Vpcs"]}
    prod, dev, default = vpcs["prod-vpc"], vpcs["dev-vpc"], vpcs["default"]
    prod_a = subnet_ids(ec2, tag_Name="prod-a")[0]
    prod_b = subnet_ids(ec2, tag_Name="prod-b")[0]
    # A private NAT gateway: the route is what matters here, and it needs no Elastic IP.
    nat = ec2.create_nat_gateway(SubnetId=prod_a, ConnectivityType="private",
                                 TagSpecifications=tags("natgateway", "prod-nat-a"))["NatGateway"]["NatGatewayId"]
    for subnet, name in ((prod_a, "prod-private-a"), (prod_b, "prod-private-b")):
        table = ec2.create_route_table(VpcId=prod, TagSpecifications=tags("route-table", name))[
            "RouteTable"]["RouteTableId"]
        ec2.create_route(RouteTableId=table, DestinationCidrBlock="0.0.0.0/0", NatGatewayId=nat)
        ec2.associate_route_table(RouteTableId=table, SubnetId=subnet)
    # prod-vpc, behind that NAT gateway, reaches DynamoDB (and S3) through free gateway endpoints
    # (good, ec2_nat_gateway_gateway_endpoints); eu-west-1's batch-vpc has neither (bad).
    ec2.create_vpc_endpoint(VpcId=prod, ServiceName="com.amazonaws.us-east-1.dynamodb",
                            VpcEndpointType="Gateway")
    for a, b in ((prod, dev), (dev, default), (default, prod)):
        peering = ec2.create_vpc_peering_connection(VpcId=a, PeerVpcId=b)["VpcPeeringConnection"]
        ec2.accept_vpc_peering_connection(VpcPeeringConnectionId=peering["VpcPeeringConnectionId"])
    hub = ec2.create_transit_gateway(Description="shop hub", TagSpecifications=tags("transit-gateway", "shop-hub"))[
        "TransitGateway"]["TransitGatewayId"]
    dev_subnet = ec2.create_subnet(VpcId=dev, CidrBlock="10.1.1.0/24", AvailabilityZone="us-east-1a",
                                   TagSpecifications=tags("subnet", "dev-a"))["Subnet"]["SubnetId"]
    ec2.create_transit_gateway_vpc_attachment(TransitGatewayId=hub, VpcId=prod, SubnetIds=[prod_a])
    ec2.create_transit_gateway_vpc_attachment(TransitGatewayId=hub, VpcId=dev, SubnetIds=[dev_subnet])

    # eu-west-1: a batch VPC with one small subnet in one zone, nearly full (bad twice:
    # ec2_vpc_subnets_multi_az, ec2_subnet_free_addresses), using its own zone's NAT gateway
    # (good); a transit gateway joins it to the default VPC, whose range it overlaps (bad), with
    # no peering mesh (good).
    ec2 = client(endpoint, "ec2", "eu-west-1")
    name_default_subnets(ec2)
    batch = ec2.create_vpc(CidrBlock="172.31.0.0/20", TagSpecifications=tags("vpc", "batch-vpc"))["Vpc"]["VpcId"]
    ec2.create_flow_logs(ResourceIds=[batch], ResourceType="VPC", TrafficType="ALL",
                         LogDestinationType="s3", LogDestination="arn:aws:s3:::wascan-demo-logs")
    small = ec2.create_subnet(VpcId=batch, CidrBlock="172.31.0.0/28", AvailabilityZone="eu-west-1a",
                              TagSpecifications=tags("subnet", "batch-a"))["Subnet"]["SubnetId"]
    for _ in range(10):  # 10 of the 11 usable addresses taken
        ec2.create_network_interface(SubnetId=small)
    nat = ec2.create_nat_gateway(SubnetId=small, ConnectivityType="private",
                                 TagSpecifications=tags("natgateway", "batch-nat"))["NatGateway"]["NatGatewayId"]
    table = ec2.create_route_table(VpcId=batch)["RouteTable"]["RouteTableId"]
    ec2.create_route(RouteTableId=table, DestinationCidrBlock="0.0.0.0/0", NatGatewayId=nat)
    ec2.associate_route_table(RouteTableId=table, SubnetId=small)
    default = ec2.describe_vpcs(Filters=[{"Name": "isDefault", "Values": ["true"]}])["Vpcs"][0]["VpcId"]
    hub = ec2.create_transit_gateway(Description="batch hub", TagSpecifications=tags("transit-gateway", "batch-hub"))[
        "TransitGateway"]["TransitGatewayId"]
    ec2.create_transit_gateway_vpc_attachment(TransitGatewayId=hub, VpcId=batch, SubnetIds=[small])
    ec2.create_transit_gateway_vpc_attachment(TransitGatewayId=hub, VpcId=default,
                                              SubnetIds=subnet_ids(ec2, vpc_id=default)[:1])


def seed_reliability_and_operations(endpoint: str, account_id: str) -> None:
    seed_network(endpoint)

    # CloudWatch (us-east-1, the demo's home region): an operations dashboard; web-1 recovers
    # itself on a failed system check (an automated response), a vCPU quota alarm, and the
    # checkout error alarm opens an Incident Manager incident.
    cloudwatch = client(endpoint, "cloudwatch", "us-east-1")
    cloudwatch.put_dashboard(DashboardName="shop-operations", DashboardBody=json.dumps({
        "widgets": [{"type": "metric", "properties": {
            "metrics": [["AWS/RDS", "CPUUtilization", "DBInstanceIdentifier", "orders-db"]],
            "region": "us-east-1", "title": "orders-db CPU"}}]}))
    ec2 = client(endpoint, "ec2", "us-east-1")
    web_1 = ec2.describe_instances(Filters=[{"Name": "tag:Name", "Values": ["web-1"]}])[
        "Reservations"][0]["Instances"][0]["InstanceId"]
    cloudwatch.put_metric_alarm(
        AlarmName="web-1-recover", Namespace="AWS/EC2", MetricName="StatusCheckFailed_System",
        Dimensions=[{"Name": "InstanceId", "Value": web_1}],
        Statistic="Maximum", Period=60, EvaluationPeriods=2, Threshold=1.0,
        ComparisonOperator="GreaterThanOrEqualToThreshold",
        AlarmActions=["arn:aws:automate:us-east-1:ec2:recover"])
    cloudwatch.put_metric_alarm(
        AlarmName="vcpu-quota", Namespace="AWS/Usage", MetricName="ResourceCount",
        Dimensions=[{"Name": "Service", "Value": "EC2"}, {"Name": "Type", "Value": "Resource"},
                    {"Name": "Resource", "Value": "vCPU"}, {"Name": "Class", "Value": "Standard/OnDemand"}],
        Statistic="Maximum", Period=300, EvaluationPeriods=1, Threshold=900.0,
        ComparisonOperator="GreaterThanThreshold",
        AlarmActions=[f"arn:aws:sns:us-east-1:{account_id}:ops-alerts"])
    cloudwatch.put_metric_alarm(
        AlarmName="checkout-errors", Namespace="AWS/ApplicationELB", MetricName="HTTPCode_Target_5XX_Count",
        Dimensions=[{"Name": "LoadBalancer", "Value": "app/shop-alb/1"}],
        Statistic="Sum", Period=60, EvaluationPeriods=3, Threshold=10.0,
        ComparisonOperator="GreaterThanThreshold",
        AlarmActions=[f"arn:aws:ssm-incidents::{account_id}:response-plan/checkout-outage"])
    # The web tier scales out when its CPU runs hot (good, cloudwatch_performance_alarm_action).
    autoscaling = client(endpoint, "autoscaling", "us-east-1")
    autoscaling.put_scaling_policy(
        AutoScalingGroupName="shop-web", PolicyName="cpu-step-out", PolicyType="StepScaling",
        AdjustmentType="ChangeInCapacity",
        StepAdjustments=[{"MetricIntervalLowerBound": 0.0, "ScalingAdjustment": 2}])
    # moto's PutScalingPolicy answer has no PolicyARN: read it back.
    scale_out = autoscaling.describe_policies(
        AutoScalingGroupName="shop-web", PolicyNames=["cpu-step-out"])["ScalingPolicies"][0]["PolicyARN"]
    cloudwatch.put_metric_alarm(
        AlarmName="shop-web-cpu-high", Namespace="AWS/EC2", MetricName="CPUUtilization",
        Dimensions=[{"Name": "AutoScalingGroupName", "Value": "shop-web"}],
        Statistic="Average", Period=60, EvaluationPeriods=3, Threshold=80.0,
        ComparisonOperator="GreaterThanThreshold", AlarmActions=[scale_out])
    for name in ("web-1-recover", "vcpu-quota", "checkout-errors", "shop-web-cpu-high"):
        cloudwatch.set_alarm_state(AlarmName=name, StateValue="OK", StateReason="seeded")

    # AWS Backup: a second plan copies to a vault in eu-west-1 (good); shop-daily keeps its
    # backups in us-east-1 only (bad, backup_plan_cross_region_copy).
    client(endpoint, "backup", "us-east-1").create_backup_plan(BackupPlan={
        "BackupPlanName": "shop-dr",
        "Rules": [{"RuleName": "weekly-dr", "TargetBackupVaultName": "shop-vault",
                   "ScheduleExpression": "cron(0 6 ? * 1 *)",
                   "CopyActions": [{"DestinationBackupVaultArn":
                                    f"arn:aws:backup:eu-west-1:{account_id}:backup-vault:legacy-vault"}]}]})

    # Systems Manager: a restart runbook as an Automation document (us-east-1). No post-incident
    # analysis anywhere: ssm_post_incident_analysis finds no evidence.
    client(endpoint, "ssm", "us-east-1").create_document(
        Name="shop-restart-web", DocumentType="Automation", DocumentFormat="JSON",
        Content=json.dumps({"schemaVersion": "0.3", "description": "Restart the web tier",
                            "mainSteps": [{"name": "restart", "action": "aws:executeAwsApi",
                                           "inputs": {"Service": "ec2", "Api": "RebootInstances",
                                                      "InstanceIds": [web_1]}}]}))

    # CloudFormation: the shop's configuration stack (us-east-1) deployed as code; no rollback
    # triggers (no evidence); moto reports no drift information (not evaluated).
    client(endpoint, "cloudformation", "us-east-1").create_stack(
        StackName="shop-config", TemplateBody=json.dumps({
            "Resources": {"Flag": {"Type": "AWS::SSM::Parameter",
                                   "Properties": {"Name": "/shop/feature-flag", "Type": "String",
                                                  "Value": "on"}}}}))

    # API Gateway: the shop API (us-east-1) validates requests, and its prod stage is traced and
    # throttled (good); the legacy API (eu-west-1) has no validator and its v1 stage is neither
    # traced nor throttled (bad three times).
    def get_method(api, api_id: str) -> None:
        root = api.get_resources(restApiId=api_id)["items"][0]["id"]
        api.put_method(restApiId=api_id, resourceId=root, httpMethod="GET", authorizationType="NONE")
        api.put_integration(restApiId=api_id, resourceId=root, httpMethod="GET", type="MOCK")

    api = client(endpoint, "apigateway", "us-east-1")
    shop = api.create_rest_api(name="shop-api")["id"]
    get_method(api, shop)
    api.create_request_validator(restApiId=shop, name="body", validateRequestBody=True,
                                 validateRequestParameters=True)
    deployment = api.create_deployment(restApiId=shop)["id"]
    api.create_stage(restApiId=shop, stageName="prod", deploymentId=deployment, tracingEnabled=True)
    api.update_stage(restApiId=shop, stageName="prod", patchOperations=[
        {"op": "replace", "path": "/*/*/throttling/rateLimit", "value": "500"},
        {"op": "replace", "path": "/*/*/throttling/burstLimit", "value": "1000"},
        # Access logs to CloudWatch Logs (good; legacy-api's v1 stage writes none).
        {"op": "replace", "path": "/accessLogSettings/destinationArn",
         "value": f"arn:aws:logs:us-east-1:{account_id}:log-group:shop-api-access"},
        {"op": "replace", "path": "/accessLogSettings/format", "value": "$context.requestId"}])
    api = client(endpoint, "apigateway", "eu-west-1")
    legacy = api.create_rest_api(name="legacy-api")["id"]
    get_method(api, legacy)
    deployment = api.create_deployment(restApiId=legacy)["id"]
    api.create_stage(restApiId=legacy, stageName="v1", deploymentId=deployment)

    # Lambda: orders-worker drains the orders queue, which redrives to its dead-letter queue
    # (good); legacy-consumer drains legacy-events, which has none (bad).
    role = f"arn:aws:iam::{account_id}:role/lambda-orders-api"
    code = {"ZipFile": function_zip("def handler(event, context):\n    return None\n")}
    for region, function, queue in (("us-east-1", "orders-worker", "orders"),
                                    ("eu-west-1", "legacy-consumer", "legacy-events")):
        lam = client(endpoint, "lambda", region)
        lam.create_function(FunctionName=function, Runtime="python3.12", Architectures=["arm64"],
                            Role=role, Handler="index.handler", Code=code, MemorySize=256,
                            Timeout=30, TracingConfig={"Mode": "Active"})
        lam.create_event_source_mapping(
            FunctionName=function, EventSourceArn=f"arn:aws:sqs:{region}:{account_id}:{queue}",
            BatchSize=10)

    # CodeDeploy: the shop's web tier deploys blue/green one instance at a time and rolls back
    # on failure or alarm (good three times); the legacy app deploys in place to every instance
    # at once with no rollback (bad three times).
    deploy_role = f"arn:aws:iam::{account_id}:role/codedeploy"
    deploy = client(endpoint, "codedeploy", "us-east-1")
    deploy.create_application(applicationName="shop-web", computePlatform="Server")
    deploy.create_deployment_group(
        applicationName="shop-web", deploymentGroupName="prod", serviceRoleArn=deploy_role,
        deploymentConfigName="CodeDeployDefault.OneAtATime",
        deploymentStyle={"deploymentType": "BLUE_GREEN",
                         "deploymentOption": "WITH_TRAFFIC_CONTROL"},
        autoRollbackConfiguration={"enabled": True,
                                   "events": ["DEPLOYMENT_FAILURE", "DEPLOYMENT_STOP_ON_ALARM"]})
    deploy = client(endpoint, "codedeploy", "eu-west-1")
    deploy.create_application(applicationName="legacy-app", computePlatform="Server")
    deploy.create_deployment_group(
        applicationName="legacy-app", deploymentGroupName="prod", serviceRoleArn=deploy_role,
        deploymentConfigName="CodeDeployDefault.AllAtOnce",
        deploymentStyle={"deploymentType": "IN_PLACE",
                         "deploymentOption": "WITHOUT_TRAFFIC_CONTROL"})

    # Resilience Hub (us-east-1): the shop is held to a mission-critical policy (RTO 1 h, RPO
    # 15 min for a Region, tighter within one): resiliencehub_app_recovery_objectives passes.
    hub = client(endpoint, "resiliencehub", "us-east-1")
    policy = hub.create_resiliency_policy(
        policyName="shop-critical", tier="MissionCritical",
        policy={"Software": {"rtoInSecs": 300, "rpoInSecs": 60},
                "Hardware": {"rtoInSecs": 600, "rpoInSecs": 60},
                "AZ": {"rtoInSecs": 900, "rpoInSecs": 300},
                "Region": {"rtoInSecs": 3600, "rpoInSecs": 900}})["policy"]["policyArn"]
    hub.create_app(name="shop", policyArn=policy)

    # CloudWatch Synthetics (us-east-1): a checkout canary was created but never started
    # (moto cannot start one): synthetics_canary_running finds no evidence and names it.
    client(endpoint, "synthetics", "us-east-1").create_canary(
        Name="shop-checkout", Code={"Handler": "index.handler",
                                    "ZipFile": function_zip("def handler(event, context):\n    return None\n")},
        ArtifactS3Location="s3://wascan-demo-logs/canaries", ExecutionRoleArn=role,
        Schedule={"Expression": "rate(5 minutes)"}, RuntimeVersion="syn-python-selenium-5.1")

# ------------------------------------------------------------- Detection and response


def seed_detection_and_response(endpoint: str, account_id: str) -> None:
    # Amazon Inspector: us-east-1 scans instances, images and functions (good); eu-west-1 only
    # images, though it runs instances and a function (bad).
    client(endpoint, "inspector2", "us-east-1").enable(
        accountIds=[account_id], resourceTypes=["EC2", "ECR", "LAMBDA"])
    client(endpoint, "inspector2", "eu-west-1").enable(
        accountIds=[account_id], resourceTypes=["ECR"])
    # ... and has a critical vulnerability open on the batch image (bad). moto answers
    # ListFindings from a queue filled through its own API.
    image = f"arn:aws:ecr:eu-west-1:{account_id}:repository/batch/sha256:0123456789abcdef"
    finding = {
        "findingArn": f"arn:aws:inspector2:eu-west-1:{account_id}:finding/0f1e2d3c4b5a",
        "awsAccountId": account_id, "type": "PACKAGE_VULNERABILITY",
        "description": "Apache Log4j2 JNDI features do not protect against attacker controlled LDAP.",
        "title": "CVE-2021-44228 - org.apache.logging.log4j:log4j-core",
        "severity": "CRITICAL", "status": "ACTIVE",
        "firstObservedAt": 1767225600, "lastObservedAt": 1767225600,
        "resources": [{"type": "AWS_ECR_CONTAINER_IMAGE", "id": image, "region": "eu-west-1"}],
        "packageVulnerabilityDetails": {"vulnerabilityId": "CVE-2021-44228", "source": "NVD"},
    }
    request = urllib.request.Request(
        f"{endpoint}/moto-api/static/inspector2/findings-results", method="POST",
        headers={"Content-Type": "application/json"},
        data=json.dumps({"results": [[finding]], "account_id": account_id,
                         "region": "eu-west-1"}).encode())
    urllib.request.urlopen(request, timeout=10).close()

    # Macie off in both regions: moto starts with Macie enabled everywhere, with timestamps
    # that have no UTC offset (the SDK cannot read them), and serves neither automated discovery
    # nor jobs. The demo shows the "not enabled" answer (macie2_sensitive_data_discovery: no
    # evidence found); the rest is tested with recorded responses.
    for region in ("us-east-1", "eu-west-1"):
        client(endpoint, "macie2", region).disable_macie()

    # AWS WAF: the shop's ALB and API stage are behind a web ACL with AWS managed rule groups
    # (good); eu-west-1's legacy ALB and API stage are behind nothing, and its only web ACL
    # has a hand-written rate rule and no managed group (bad).
    visibility = {"SampledRequestsEnabled": True, "CloudWatchMetricsEnabled": True,
                  "MetricName": "m"}
    waf = client(endpoint, "wafv2", "us-east-1")
    shop_acl = waf.create_web_acl(
        Name="shop-edge", Scope="REGIONAL", DefaultAction={"Allow": {}},
        VisibilityConfig=visibility,
        Rules=[{"Name": "ip-reputation", "Priority": 0, "OverrideAction": {"None": {}},
                "VisibilityConfig": visibility,
                "Statement": {"ManagedRuleGroupStatement": {
                    "VendorName": "AWS", "Name": "AWSManagedRulesAmazonIpReputationList"}}},
               {"Name": "bad-inputs", "Priority": 1, "OverrideAction": {"None": {}},
                "VisibilityConfig": visibility,
                "Statement": {"ManagedRuleGroupStatement": {
                    "VendorName": "AWS", "Name": "AWSManagedRulesKnownBadInputsRuleSet"}}}],
    )["Summary"]["ARN"]
    shop_alb = client(endpoint, "elbv2", "us-east-1").describe_load_balancers(
        Names=["shop-alb"])["LoadBalancers"][0]["LoadBalancerArn"]
    waf.associate_web_acl(WebACLArn=shop_acl, ResourceArn=shop_alb)
    apis = client(endpoint, "apigateway", "us-east-1").get_rest_apis()["items"]
    shop_api = next(api["id"] for api in apis if api["name"] == "shop-api")
    waf.associate_web_acl(
        WebACLArn=shop_acl,
        ResourceArn=f"arn:aws:apigateway:us-east-1::/restapis/{shop_api}/stages/prod")
    client(endpoint, "wafv2", "eu-west-1").create_web_acl(
        Name="batch-rate-limit", Scope="REGIONAL", DefaultAction={"Allow": {}},
        VisibilityConfig=visibility,
        Rules=[{"Name": "rate", "Priority": 0, "Action": {"Block": {}},
                "VisibilityConfig": visibility,
                "Statement": {"RateBasedStatement": {"Limit": 2000, "AggregateKeyType": "IP"}}}])

    # Incident response: a break-glass role and a containment runbook, both named for it (good).
    iam = client(endpoint, "iam")
    iam.create_role(
        RoleName="BreakGlassAdmin", Path="/incident-response/",
        AssumeRolePolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [{
            "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{account_id}:root"},
            "Action": "sts:AssumeRole", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}}]}),
        Tags=[{"Key": "Purpose", "Value": "incident-response"}])
    client(endpoint, "ssm", "us-east-1").create_document(
        Name="IR-Isolate-EC2Instance", DocumentType="Automation", DocumentFormat="YAML",
        Tags=[{"Key": "Purpose", "Value": "incident-response"}],
        Content="\n".join([
            "schemaVersion: '0.3'",
            "description: Move an instance to a quarantine security group and snapshot its volumes.",
            "parameters:",
            "  InstanceId: {type: String}",
            "mainSteps:",
            "  - name: describe",
            "    action: aws:executeAwsApi",
            "    inputs: {Service: ec2, Api: DescribeInstances, InstanceIds: ['{{ InstanceId }}']}",
        ]))

# ------------------------------------------------- Security: exposure and identity

# Secret values planted in the demo account. They must never appear in any wascan output:
# tests/e2e/secrets.rs greps every report format and the snapshot for each of them.
SEEDED_SECRETS = [
    "Wascan-Demo-Pa55word-7f3kQ",
    "AKIA" + "WASCANDEMO7F3KQ2",
    "ghp_" + "WascanDemoToken7f3kQ2x9Lm4Np8Rt6Vw1Yz3",
    "Legacy-Db-S3cret-9xQ2",
]


def seed_security_exposure(endpoint: str, account_id: str) -> None:
    import base64

    password, key_id, token, db_secret = SEEDED_SECRETS

    # EC2 us-east-1: Redis open to the world on a cache's network interface, 8080 open on an
    # unused group (bad); prod-b's network ACL denies the admin ports (good), the default ACLs
    # allow everything (bad); worker-1's user data exports a password (bad).
    ec2 = client(endpoint, "ec2", "us-east-1")
    prod = ec2.describe_vpcs(Filters=[{"Name": "tag:Name", "Values": ["prod-vpc"]}])["Vpcs"][0]["VpcId"]
    subnet = {name: ec2.describe_subnets(Filters=[{"Name": "tag:Name", "Values": [name]}])["Subnets"][0]["SubnetId"]
              for name in ("prod-a", "prod-b")}
    cache_sg = ec2.create_security_group(GroupName="cache-sg", Description="Redis from anywhere (bad)",
                                         VpcId=prod)["GroupId"]
    ec2.authorize_security_group_ingress(GroupId=cache_sg, IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": 6379, "ToPort": 6379, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])
    ec2.create_network_interface(SubnetId=subnet["prod-a"], Groups=[cache_sg],
                                 Description="ElastiCache shop-cache-001")
    api_sg = ec2.create_security_group(GroupName="api-sg", Description="8080 from anywhere (bad)",
                                       VpcId=prod)["GroupId"]
    ec2.authorize_security_group_ingress(GroupId=api_sg, IpPermissions=[
        {"IpProtocol": "tcp", "FromPort": 8080, "ToPort": 8080, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])
    acl = ec2.create_network_acl(VpcId=prod, TagSpecifications=tags("network-acl", "prod-private"))
    acl_id = acl["NetworkAcl"]["NetworkAclId"]
    for number, (low, high) in ((50, (22, 22)), (60, (3389, 3389)), (70, (5985, 5986))):
        ec2.create_network_acl_entry(NetworkAclId=acl_id, RuleNumber=number, Protocol="6",
                                     RuleAction="deny", Egress=False, CidrBlock="0.0.0.0/0",
                                     PortRange={"From": low, "To": high})
    ec2.create_network_acl_entry(NetworkAclId=acl_id, RuleNumber=100, Protocol="-1", RuleAction="allow",
                                 Egress=False, CidrBlock="0.0.0.0/0")
    current = ec2.describe_network_acls(Filters=[{"Name": "association.subnet-id",
                                                  "Values": [subnet["prod-b"]]}])["NetworkAcls"][0]
    association = next(a["NetworkAclAssociationId"] for a in current["Associations"]
                       if a["SubnetId"] == subnet["prod-b"])
    ec2.replace_network_acl_association(AssociationId=association, NetworkAclId=acl_id)
    worker = ec2.describe_instances(Filters=[{"Name": "tag:Name", "Values": ["worker-1"]}])[
        "Reservations"][0]["Instances"][0]["InstanceId"]
    # The value is base64 user data, which the SDK base64-encodes once more (EC2 API reference,
    # ModifyInstanceAttribute).
    script = f"#!/bin/bash\nexport DB_PASSWORD='{password}'\n/opt/worker/start\n"
    ec2.modify_instance_attribute(InstanceId=worker, UserData={
        "Value": base64.b64encode(script.encode())})

    # Lambda: orders-api may be invoked by the log bucket only (good) and keeps a secret's ARN in
    # its environment (good); thumbnailer may be invoked by anyone and holds an access key (bad).
    lam_us = client(endpoint, "lambda", "us-east-1")
    lam_us.add_permission(FunctionName="orders-api", StatementId="s3-invoke",
                          Action="lambda:InvokeFunction", Principal="s3.amazonaws.com",
                          SourceArn="arn:aws:s3:::wascan-demo-logs", SourceAccount=account_id)
    lam_us.update_function_configuration(FunctionName="orders-api", Environment={"Variables": {
        "TABLE": "orders",
        "DB_SECRET_ARN": f"arn:aws:secretsmanager:us-east-1:{account_id}:secret:prod/shop/db"}})
    lam_eu = client(endpoint, "lambda", "eu-west-1")
    lam_eu.add_permission(FunctionName="thumbnailer", StatementId="anyone",
                          Action="lambda:InvokeFunction", Principal="*")
    lam_eu.update_function_configuration(FunctionName="thumbnailer", Environment={"Variables": {
        "AWS_KEY_ID": key_id, "STAGE": "legacy"}})

    # SQS: orders accepts messages from the alert topic only (good); legacy-events from anyone (bad).
    sqs_us = client(endpoint, "sqs", "us-east-1")
    orders = sqs_us.get_queue_url(QueueName="orders")["QueueUrl"]
    sqs_us.set_queue_attributes(QueueUrl=orders, Attributes={"Policy": json.dumps({
        "Version": "2012-10-17", "Statement": [{
            "Sid": "FromAlerts", "Effect": "Allow", "Principal": {"Service": "sns.amazonaws.com"},
            "Action": "sqs:SendMessage", "Resource": f"arn:aws:sqs:us-east-1:{account_id}:orders",
            "Condition": {"ArnEquals": {"aws:SourceArn": f"arn:aws:sns:us-east-1:{account_id}:ops-alerts"}}}]})})
    sqs_eu = client(endpoint, "sqs", "eu-west-1")
    legacy = sqs_eu.get_queue_url(QueueName="legacy-events")["QueueUrl"]
    sqs_eu.set_queue_attributes(QueueUrl=legacy, Attributes={"Policy": json.dumps({
        "Version": "2012-10-17", "Statement": [{
            "Sid": "Anyone", "Effect": "Allow", "Principal": "*", "Action": "sqs:SendMessage",
            "Resource": f"arn:aws:sqs:eu-west-1:{account_id}:legacy-events"}]})})

    # SNS: ops-alerts keeps the default owner-only policy (good); legacy-notifications lets
    # anyone publish and subscribe (bad).
    topic = f"arn:aws:sns:eu-west-1:{account_id}:legacy-notifications"
    client(endpoint, "sns", "eu-west-1").set_topic_attributes(
        TopicArn=topic, AttributeName="Policy", AttributeValue=json.dumps({
            "Version": "2012-10-17", "Statement": [{
                "Sid": "Anyone", "Effect": "Allow", "Principal": {"AWS": "*"},
                "Action": ["SNS:Publish", "SNS:Subscribe"], "Resource": topic}]}))

    # KMS: legacy-app's key lets any AWS principal decrypt (bad); the others keep the default.
    kms_eu = client(endpoint, "kms", "eu-west-1")
    legacy_key = kms_eu.describe_key(KeyId="alias/legacy-app")["KeyMetadata"]["KeyId"]
    kms_eu.put_key_policy(KeyId=legacy_key, PolicyName="default", Policy=json.dumps({
        "Version": "2012-10-17", "Statement": [
            {"Sid": "Root", "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{account_id}:root"},
             "Action": "kms:*", "Resource": "*"},
            {"Sid": "AnyoneDecrypts", "Effect": "Allow", "Principal": {"AWS": "*"},
             "Action": "kms:Decrypt", "Resource": "*"}]}))

    # Secrets Manager: the shop database's secret is readable by the orders role only (good);
    # the partner token by any AWS account (bad).
    client(endpoint, "secretsmanager", "us-east-1").put_resource_policy(
        SecretId="prod/shop/db", ResourcePolicy=json.dumps({
            "Version": "2012-10-17", "Statement": [{
                "Effect": "Allow",
                "Principal": {"AWS": f"arn:aws:iam::{account_id}:role/lambda-orders-api"},
                "Action": "secretsmanager:GetSecretValue", "Resource": "*"}]}))
    client(endpoint, "secretsmanager", "eu-west-1").put_resource_policy(
        SecretId="legacy/partner-api-token", ResourcePolicy=json.dumps({
            "Version": "2012-10-17", "Statement": [{
                "Effect": "Allow", "Principal": {"AWS": "*"},
                "Action": "secretsmanager:GetSecretValue", "Resource": "*"}]}))

    # OpenSearch: the shop's search domain admits the office network only (good); the legacy
    # log domain anyone (bad).
    # (Their engines and node types are the ones seed_caches_and_search describes.)
    def domain(region: str, name: str, statement: dict, engine: str, cluster: dict,
               **options) -> None:
        client(endpoint, "opensearch", region).create_domain(
            DomainName=name, EngineVersion=engine, ClusterConfig=cluster, **options,
            AccessPolicies=json.dumps({"Version": "2012-10-17", "Statement": [dict(
                Effect="Allow", Principal={"AWS": "*"}, Action="es:*",
                Resource=f"arn:aws:es:{region}:{account_id}:domain/{name}/*", **statement)]}))
    # The shop's domain is encrypted at rest and between nodes, HTTPS only, over two zones, with
    # fine-grained access control and audit logs (every safeguard check passes); the legacy one
    # has none of these and publishes slow logs only (each fails).
    logs = f"arn:aws:logs:{{region}}:{account_id}:log-group:/aws/opensearch/{{name}}"
    domain("us-east-1", "shop-search", {"Condition": {"IpAddress": {"aws:SourceIp": ["203.0.113.0/24"]}}},
           "OpenSearch_2.13", {"InstanceType": "r7g.large.search", "InstanceCount": 2,
                               "ZoneAwarenessEnabled": True,
                               "ZoneAwarenessConfig": {"AvailabilityZoneCount": 2}},
           EncryptionAtRestOptions={"Enabled": True},
           NodeToNodeEncryptionOptions={"Enabled": True},
           DomainEndpointOptions={"EnforceHTTPS": True,
                                  "TLSSecurityPolicy": "Policy-Min-TLS-1-2-2019-07"},
           AdvancedSecurityOptions={"Enabled": True, "InternalUserDatabaseEnabled": False,
                                    "MasterUserOptions": {
                                        "MasterUserARN": f"arn:aws:iam::{account_id}:role/search-admin"}},
           LogPublishingOptions={"AUDIT_LOGS": {
               "CloudWatchLogsLogGroupArn": logs.format(region="us-east-1", name="shop-search"),
               "Enabled": True}})
    domain("eu-west-1", "legacy-logs", {},
           "Elasticsearch_7.10", {"InstanceType": "m4.large.search", "InstanceCount": 1},
           LogPublishingOptions={"INDEX_SLOW_LOGS": {
               "CloudWatchLogsLogGroupArn": logs.format(region="eu-west-1", name="legacy-logs"),
               "Enabled": True}})

    # IAM: a role any AWS account can assume (bad); a deployer policy with a privilege escalation
    # path (PassRole + Lambda), an inline one on ci-deploy that may create access keys for anyone
    # (bad), and a read-only reporting policy (good); a SAML provider for the company directory.
    iam = client(endpoint, "iam")
    iam.create_role(RoleName="partner-any-account", AssumeRolePolicyDocument=json.dumps({
        "Version": "2012-10-17", "Statement": [{
            "Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole",
            "Condition": {"StringEquals": {"sts:ExternalId": "partner-1234"}}}]}))
    iam.create_policy(PolicyName="lambda-deployer", PolicyDocument=json.dumps({
        "Version": "2012-10-17", "Statement": [{
            "Effect": "Allow", "Resource": "*",
            "Action": ["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"]}]}))
    iam.create_policy(PolicyName="reporting-read", PolicyDocument=json.dumps({
        "Version": "2012-10-17", "Statement": [{
            "Effect": "Allow", "Resource": "*", "Action": ["s3:GetObject", "s3:ListBucket"]}]}))
    iam.put_user_policy(UserName="ci-deploy", PolicyName="rotate-keys", PolicyDocument=json.dumps({
        "Version": "2012-10-17", "Statement": [{
            "Effect": "Allow", "Resource": "arn:aws:iam::*:user/*",
            "Action": ["iam:CreateAccessKey", "iam:DeleteAccessKey"]}]}))
    iam.create_saml_provider(Name="corporate-idp", SAMLMetadataDocument=SAML_METADATA)

    # ECS (eu-west-1): a worker task passing a GitHub token through environment (bad).
    client(endpoint, "ecs", "eu-west-1").register_task_definition(
        family="legacy-worker", networkMode="awsvpc", requiresCompatibilities=["FARGATE"],
        cpu="256", memory="512",
        containerDefinitions=[{
            "name": "worker", "image": "legacy/worker:2020", "user": "1000",
            "readonlyRootFilesystem": True,
            "environment": [{"name": "GITHUB_TOKEN", "value": token},
                            {"name": "QUEUE", "value": "legacy-events"}],
            "logConfiguration": {"logDriver": "awslogs", "options": {
                "awslogs-group": "/ecs/legacy-worker", "awslogs-region": "eu-west-1",
                "awslogs-stream-prefix": "worker"}}}])

    # CloudFormation (eu-west-1): the legacy database stack takes its password as a plain
    # parameter and stores it in a String parameter (bad twice); a SecureString parameter of
    # the shop (good).
    client(endpoint, "cloudformation", "eu-west-1").create_stack(
        StackName="legacy-db",
        TemplateBody=json.dumps({
            "Parameters": {"DbPassword": {"Type": "String"}},
            "Resources": {"Password": {"Type": "AWS::SSM::Parameter", "Properties": {
                "Name": "/legacy/db/password", "Type": "String", "Value": {"Ref": "DbPassword"}}}},
            "Outputs": {"Endpoint": {"Value": "legacy-db.internal:5432"}}}),
        Parameters=[{"ParameterKey": "DbPassword", "ParameterValue": db_secret}])
    client(endpoint, "ssm", "us-east-1").put_parameter(
        Name="/shop/db/password", Type="SecureString", Value=password)

    # The default network ACLs are named after their VPCs, so findings name them stably.
    for region in ("us-east-1", "eu-west-1"):
        ec2_r = client(endpoint, "ec2", region)
        names = {v["VpcId"]: next((t["Value"] for t in v.get("Tags", []) if t["Key"] == "Name"), v["VpcId"])
                 for v in ec2_r.describe_vpcs()["Vpcs"]}
        for nacl in ec2_r.describe_network_acls()["NetworkAcls"]:
            if not any(t["Key"] == "Name" for t in nacl.get("Tags", [])):
                ec2_r.create_tags(Resources=[nacl["NetworkAclId"]], Tags=[
                    {"Key": "Name", "Value": f"{names.get(nacl['VpcId'], 'unknown')}-acl"}])

    # RAM: prod-a shared with the organization (good), prod-b with an outside account (bad).
    ram = client(endpoint, "ram", "us-east-1")
    org_arn = client(endpoint, "organizations", "us-east-1").describe_organization()["Organization"]["Arn"]
    ram.create_resource_share(
        name="shop-subnets", allowExternalPrincipals=False, principals=[org_arn],
        resourceArns=[f"arn:aws:ec2:us-east-1:{account_id}:subnet/{subnet['prod-a']}"])
    ram.create_resource_share(
        name="partner-subnets", allowExternalPrincipals=True, principals=["999988887777"],
        resourceArns=[f"arn:aws:ec2:us-east-1:{account_id}:subnet/{subnet['prod-b']}"])


SAML_METADATA = (
    '<?xml version="1.0"?><md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" '
    'entityID="https://idp.example.com/saml"><md:IDPSSODescriptor '
    'protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"><md:SingleSignOnService '
    'Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" '
    'Location="https://idp.example.com/sso"/></md:IDPSSODescriptor>'
    # SAMLMetadataDocument must be at least 1,000 characters (IAM API reference).
    + '<!-- ' + 'x' * 640 + ' --></md:EntityDescriptor>'
)

# ------------------------------------------------------------- ElastiCache and OpenSearch


def seed_caches_and_search(endpoint: str) -> None:
    # us-east-1: the shop's session cache and its search domain, on current Graviton types (good:
    # elasticache_caching_in_use, *_graviton, *_previous_generation). eu-west-1: a legacy Redis on
    # a previous-generation x86 node and a log domain on m4 (bad twice each).
    client(endpoint, "elasticache", "us-east-1").create_cache_cluster(
        CacheClusterId="shop-sessions", Engine="redis", CacheNodeType="cache.r7g.large",
        NumCacheNodes=1)
    client(endpoint, "elasticache", "eu-west-1").create_cache_cluster(
        CacheClusterId="legacy-cache", Engine="redis", CacheNodeType="cache.m4.large",
        NumCacheNodes=1)
    # OpenSearch: the shop's search domain on r7g (good), the legacy log domain on m4 (bad); both
    # are created by seed_security_exposure, which sets their access policies too.


# ------------------------------------------------------------------- CodePipeline


def pipeline_action(name: str, category: str, provider: str, run_order: int = 1,
                    owner: str = "AWS") -> dict:
    return {"name": name, "runOrder": run_order,
            "actionTypeId": {"category": category, "owner": owner, "provider": provider,
                             "version": "1"}}


def seed_pipelines(endpoint: str, account_id: str) -> None:
    """The shop's release pipeline (us-east-1) takes its changes from a repository (a
    CodeConnections source), builds, runs unit tests, waits for a manual
    approval, deploys with CodeDeploy and smoke-tests the deployment, and ran once (moto runs no
    action: the execution has succeeded): every CodePipeline check passes. The legacy release
    (eu-west-1) deploys straight from an S3 object and never ran: no repository, no test, no
    gate, no recent deployment (no evidence found, each named)."""
    role = service_role(client(endpoint, "iam"), "codepipeline", "codepipeline.amazonaws.com")
    store = {"type": "S3", "location": "wascan-demo-logs"}
    source = pipeline_action("Code", "Source", "S3", owner="AWS")
    repository = pipeline_action("Code", "Source", "CodeStarSourceConnection", owner="AWS")
    shop = client(endpoint, "codepipeline", "us-east-1")
    shop.create_pipeline(pipeline={
        "name": "shop-release", "roleArn": role, "artifactStore": store,
        "stages": [
            {"name": "Source", "actions": [repository]},
            {"name": "Build", "actions": [pipeline_action("Compile", "Build", "CodeBuild"),
                                          pipeline_action("UnitTests", "Test", "CodeBuild", 2)]},
            {"name": "Approve", "actions": [pipeline_action("Release", "Approval", "Manual")]},
            {"name": "Prod", "actions": [pipeline_action("Deploy", "Deploy", "CodeDeploy"),
                                         pipeline_action("Smoke", "Test", "CodeBuild", 2)]},
        ]})
    shop.start_pipeline_execution(name="shop-release")
    client(endpoint, "codepipeline", "eu-west-1").create_pipeline(pipeline={
        "name": "legacy-release", "roleArn": role, "artifactStore": store,
        "stages": [
            {"name": "Source", "actions": [source]},
            {"name": "Deploy", "actions": [pipeline_action("Prod", "Deploy", "CodeDeploy")]},
        ]})


def seed_sticky_sessions(endpoint: str) -> None:
    """The batch dashboard (eu-west-1) keeps its sessions on its targets: sticky sessions on its
    target group (elbv2_target_group_stickiness fails it; the other groups pass)."""
    elb = client(endpoint, "elbv2", "eu-west-1")
    group = elb.describe_target_groups(Names=["batch-dashboard"])["TargetGroups"][0]
    elb.modify_target_group_attributes(
        TargetGroupArn=group["TargetGroupArn"],
        Attributes=[{"Key": "stickiness.enabled", "Value": "true"},
                    {"Key": "stickiness.type", "Value": "lb_cookie"}])
# ---------------------------------------------------------------- Security depth


def seed_security_depth(endpoint: str, account_id: str) -> None:
    """Third-party role trust, account contacts and an auto-deploying security baseline."""
    from moto.cloudformation.models import cloudformation_backends

    # An auditor's role trusting the vendor's account without an external ID (bad: a confused
    # deputy), and a reporting vendor's role that requires one (good).
    iam = client(endpoint, "iam")
    iam.create_role(RoleName="vendor-audit", AssumeRolePolicyDocument=json.dumps({
        "Version": "2012-10-17", "Statement": [{
            "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::999988887777:root"},
            "Action": "sts:AssumeRole"}]}))
    iam.create_role(RoleName="vendor-reports", AssumeRolePolicyDocument=json.dumps({
        "Version": "2012-10-17", "Statement": [{
            "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:role/reporter"},
            "Action": "sts:AssumeRole",
            "Condition": {"StringEquals": {"sts:ExternalId": "wascan-demo-7f3a"}}}]}))

    # IAM: a blanket customer policy and a blanket inline policy on an operators' group (bad),
    # a scoped inline policy on the reporting vendor's role (good), and a batch user that kept
    # both access keys active after a rotation (bad).
    iam.create_group(GroupName="ops")
    everything = json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "*", "Resource": "*"}]})
    ops_tools = iam.create_policy(PolicyName="ops-tools", PolicyDocument=everything)
    iam.attach_group_policy(GroupName="ops", PolicyArn=ops_tools["Policy"]["Arn"])
    iam.put_group_policy(GroupName="ops", PolicyName="break-fix", PolicyDocument=everything)
    iam.put_role_policy(RoleName="vendor-reports", PolicyName="read-reports",
                        PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [
                            {"Effect": "Allow", "Action": "s3:GetObject",
                             "Resource": "arn:aws:s3:::wascan-demo-data/reports/*"}]}))
    # An ETL function's role with full administrator access (bad).
    service_role(iam, "legacy-etl", "lambda.amazonaws.com")
    iam.attach_role_policy(RoleName="legacy-etl", PolicyArn=ADMIN_POLICY_ARN)
    iam.create_user(UserName="legacy-batch")
    iam.create_access_key(UserName="legacy-batch")
    iam.create_access_key(UserName="legacy-batch")

    # prod-vpc's default security group keeps the rule AWS creates it with, admitting all
    # traffic from its own members (bad; moto creates it empty).
    ec2 = client(endpoint, "ec2", "us-east-1")
    prod = ec2.describe_vpcs(Filters=[{"Name": "tag:Name", "Values": ["prod-vpc"]}])["Vpcs"][0]["VpcId"]
    default_sg = ec2.describe_security_groups(Filters=[
        {"Name": "vpc-id", "Values": [prod]}, {"Name": "group-name", "Values": ["default"]}])[
        "SecurityGroups"][0]["GroupId"]
    ec2.authorize_security_group_ingress(GroupId=default_sg, IpPermissions=[
        {"IpProtocol": "-1", "UserIdGroupPairs": [{"GroupId": default_sg}]}])

    # A security contact AWS can reach (good); no operations or billing contact (bad).
    client(endpoint, "account", "us-east-1").put_alternate_contact(
        AlternateContactType="SECURITY", Name="Security team", Title="Security",
        EmailAddress="security@example.com", PhoneNumber="+1 555 0100")

    # The security baseline deploys itself to every account of the workloads OU. moto stores no
    # AutoDeployment, so it is set on its model.
    cfn = client(endpoint, "cloudformation", "us-east-1")
    baseline = cfn.create_stack_set(
        StackSetName="security-baseline", PermissionModel="SERVICE_MANAGED",
        TemplateBody=json.dumps({"Resources": {"Topic": {"Type": "AWS::SNS::Topic"}}}))
    stack_set = cloudformation_backends[account_id]["us-east-1"].stacksets[baseline["StackSetId"]]
    stack_set.auto_deployment = {"Enabled": True, "RetainStacksOnAccountRemoval": False}

    # Network Firewall: us-east-1 inspects prod-vpc's egress, protected against deletion and
    # policy swaps, logging its alerts (good); eu-west-1's legacy firewall has neither
    # protection nor logs (bad).
    def subnet_of(ec2, vpc_id: str) -> str:
        return ec2.describe_subnets(Filters=[{"Name": "vpc-id", "Values": [vpc_id]}])[
            "Subnets"][0]["SubnetId"]

    nfw = client(endpoint, "network-firewall", "us-east-1")
    nfw.create_firewall(
        FirewallName="egress-inspection", VpcId=prod,
        FirewallPolicyArn=f"arn:aws:network-firewall:us-east-1:{account_id}:firewall-policy/egress",
        SubnetMappings=[{"SubnetId": subnet_of(ec2, prod)}],
        DeleteProtection=True, FirewallPolicyChangeProtection=True)
    # One log type per call, as AWS requires (moto keeps only the last call's).
    nfw.update_logging_configuration(FirewallName="egress-inspection", LoggingConfiguration={
        "LogDestinationConfigs": [{"LogType": "ALERT", "LogDestinationType": "CloudWatchLogs",
                                   "LogDestination": {"logGroup": "/nfw/egress/alert"}}]})
    ec2 = client(endpoint, "ec2", "eu-west-1")
    default = ec2.describe_vpcs(Filters=[{"Name": "isDefault", "Values": ["true"]}])["Vpcs"][0]["VpcId"]
    client(endpoint, "network-firewall", "eu-west-1").create_firewall(
        FirewallName="legacy-fw", VpcId=default,
        FirewallPolicyArn=f"arn:aws:network-firewall:eu-west-1:{account_id}:firewall-policy/legacy",
        SubnetMappings=[{"SubnetId": subnet_of(ec2, default)}],
        # Both default to TRUE on creation: someone turned them off.
        DeleteProtection=False, FirewallPolicyChangeProtection=False)
