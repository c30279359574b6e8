"""Seed the benchmark account at scale N through the emulator's HTTP API (boto3, one call at a time).

Per region (three regions): 3N security groups (every other one open to the internet on 22),
5N EC2 instances (half without IMDSv2; each with its root volume), 5N more EBS volumes (half
unencrypted). Over all regions: 2N S3 buckets (every third versioned, every other encrypted,
every fourth with a public access block). IAM (global): 5N users (every other one with an access
key, every fifth with an
`Action: *` policy attached directly), 3N roles and 2N customer managed
policies. At N=100 that is about 6,900 resources (3,000 of them EBS volumes).

`seed_organization` makes the emulator's account the management account of an organisation with
more member accounts (Organizations CreateAccount, which gives each the role
`OrganizationAccountAccessRole`) and seeds every account, members through that role, at scale N.
"""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

import boto3
from botocore.config import Config

ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE"
SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
IMAGE_ID = "ami-0a5c3558529277641"
MANAGEMENT_ACCOUNT_ID = "123456789012"
MEMBER_ROLE = "OrganizationAccountAccessRole"
# One at a time: moto 5.2 is not thread-safe (concurrent CreateSecurityGroup calls fail with
# "dictionary changed size during iteration").
THREADS = 1


# The management account's own keys; a member's come from AssumeRole of MEMBER_ROLE.
MANAGEMENT_KEYS = {"aws_access_key_id": ACCESS_KEY_ID, "aws_secret_access_key": SECRET_ACCESS_KEY}


def client(endpoint: str, service: str, region: str = "us-east-1", keys: dict | None = None):
    return boto3.client(
        service, endpoint_url=endpoint, region_name=region, **(keys or MANAGEMENT_KEYS),
        config=Config(s3={"addressing_style": "path"}, max_pool_connections=THREADS * 2,
                      retries={"max_attempts": 5, "mode": "standard"}),
    )


def run_all(pool: ThreadPoolExecutor, tasks) -> None:
    for future in [pool.submit(task) for task in tasks]:
        future.result()


def seed(endpoint: str, n: int, regions: list[str], account_id: str = MANAGEMENT_ACCOUNT_ID,
         keys: dict | None = None, bucket_prefix: str = "bench") -> dict[str, int]:
    """Creates one account's resources (the management account's unless `keys` are another's)
    and returns how many of each kind. Bucket names are global: each account needs its own
    `bucket_prefix`."""
    counts: dict[str, int] = {}
    with ThreadPoolExecutor(THREADS) as pool:
        for region in regions:
            ec2 = client(endpoint, "ec2", region, keys)
            for kind, count in seed_ec2(pool, ec2, n, region).items():
                counts[kind] = counts.get(kind, 0) + count
        counts["s3 buckets"] = seed_s3(pool, endpoint, n, regions, keys, bucket_prefix)
        counts.update(seed_iam(pool, client(endpoint, "iam", keys=keys), n, account_id))
    return counts


def seed_organization(endpoint: str, n: int, regions: list[str],
                      accounts: int) -> tuple[dict[str, int], list[str]]:
    """An organisation of `accounts` accounts (the management account and accounts - 1 members),
    each seeded at scale N. Returns the resources of all of them by kind, and the member ids."""
    organizations = client(endpoint, "organizations")
    organizations.create_organization(FeatureSet="ALL")
    counts = seed(endpoint, n, regions)
    members = []
    for index in range(1, accounts):
        member = organizations.create_account(
            AccountName=f"bench-member-{index}", Email=f"member-{index}@example.com",
        )["CreateAccountStatus"]["AccountId"]
        members.append(member)
        credentials = client(endpoint, "sts").assume_role(
            RoleArn=f"arn:aws:iam::{member}:role/{MEMBER_ROLE}", RoleSessionName="bench-seed",
        )["Credentials"]
        keys = {"aws_access_key_id": credentials["AccessKeyId"],
                "aws_secret_access_key": credentials["SecretAccessKey"],
                "aws_session_token": credentials["SessionToken"]}
        for kind, count in seed(endpoint, n, regions, member, keys, f"bench{index}").items():
            counts[kind] = counts.get(kind, 0) + count
    return counts, members


def seed_ec2(pool: ThreadPoolExecutor, ec2, n: int, region: str) -> dict[str, int]:
    vpc = ec2.describe_vpcs(Filters=[{"Name": "isDefault", "Values": ["true"]}])["Vpcs"][0]["VpcId"]

    def security_group(i: int):
        def create():
            group = ec2.create_security_group(
                GroupName=f"bench-sg-{i}", Description="bench", VpcId=vpc)["GroupId"]
            if i % 2 == 0:
                ec2.authorize_security_group_ingress(GroupId=group, IpPermissions=[{
                    "IpProtocol": "tcp", "FromPort": 22, "ToPort": 22,
                    "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])
        return create

    def instances(batch: int, count: int, tokens: str):
        return lambda: ec2.run_instances(
            ImageId=IMAGE_ID, InstanceType="t3.micro", MinCount=count, MaxCount=count,
            MetadataOptions={"HttpTokens": tokens, "HttpEndpoint": "enabled"},
            TagSpecifications=[{"ResourceType": "instance",
                                "Tags": [{"Key": "Name", "Value": f"bench-{region}-{batch}"}]}])

    def volume(i: int):
        return lambda: ec2.create_volume(
            AvailabilityZone=f"{region}a", Size=8, VolumeType="gp3", Encrypted=i % 2 == 0)

    run_all(pool, [security_group(i) for i in range(3 * n)])
    total, batches, batch = 5 * n, [], 0
    while total > 0:
        count = min(50, total)
        batches.append(instances(batch, count, "required" if batch % 2 else "optional"))
        total, batch = total - count, batch + 1
    run_all(pool, batches)
    run_all(pool, [volume(i) for i in range(5 * n)])
    return {"security groups": 3 * n, "ec2 instances": 5 * n, "ebs volumes": 10 * n}


def seed_s3(pool: ThreadPoolExecutor, endpoint: str, n: int, regions: list[str],
            keys: dict | None, prefix: str) -> int:
    blocked = {"BlockPublicAcls": True, "IgnorePublicAcls": True,
               "BlockPublicPolicy": True, "RestrictPublicBuckets": True}

    def bucket(i: int):
        region = regions[i % len(regions)]

        def create():
            s3 = client(endpoint, "s3", region, keys)
            name = f"{prefix}-bucket-{i}"
            location = ({} if region == "us-east-1"
                        else {"CreateBucketConfiguration": {"LocationConstraint": region}})
            s3.create_bucket(Bucket=name, **location)
            if i % 3 == 0:
                s3.put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": "Enabled"})
            if i % 2 == 0:
                s3.put_bucket_encryption(Bucket=name, ServerSideEncryptionConfiguration={
                    "Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]})
            if i % 4 == 0:
                s3.put_public_access_block(Bucket=name, PublicAccessBlockConfiguration=blocked)
        return create

    run_all(pool, [bucket(i) for i in range(2 * n)])
    return 2 * n


def seed_iam(pool: ThreadPoolExecutor, iam, n: int, account_id: str) -> dict[str, int]:
    admin_policy_arn = f"arn:aws:iam::{account_id}:policy/bench-policy-0"  # Action "*"
    trust = json.dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"},
        "Action": "sts:AssumeRole"}]})

    def user(i: int):
        def create():
            name = f"bench-user-{i}"
            iam.create_user(UserName=name)
            if i % 2 == 0:
                iam.create_access_key(UserName=name)
            if i % 5 == 0:
                iam.attach_user_policy(UserName=name, PolicyArn=admin_policy_arn)
        return create

    def role(i: int):
        return lambda: iam.create_role(RoleName=f"bench-role-{i}", AssumeRolePolicyDocument=trust)

    def policy(i: int):
        action = "*" if i % 4 == 0 else "s3:GetObject"
        return lambda: iam.create_policy(PolicyName=f"bench-policy-{i}", PolicyDocument=json.dumps(
            {"Version": "2012-10-17",
             "Statement": [{"Effect": "Allow", "Action": action, "Resource": "*"}]}))

    run_all(pool, [policy(i) for i in range(2 * n)] + [role(i) for i in range(3 * n)])
    run_all(pool, [user(i) for i in range(5 * n)])
    return {"iam users": 5 * n, "iam roles": 3 * n, "iam policies": 2 * n}
