"""Seed an AWS Organization into a running moto server (`emulator.py --seed org`).

The emulator's account (`--account-id`, default 123456789012) becomes the
management account of a new organisation with four member accounts, created
through Organizations CreateAccount (so, as in AWS, each gets the role
`OrganizationAccountAccessRole`, trusting the management account, unless
CreateAccount names another role):

| account  | role created by CreateAccount   | resources (seeded through that role)                     |
| -------- | ------------------------------- | -------------------------------------------------------- |
| (mgmt)   | -                               | bucket `org-mgmt-trail-logs`: versioned                  |
| prod     | OrganizationAccountAccessRole   | bucket `org-prod-data`: versioned; sg `prod-web` 443;    |
|          |                                 | role `WascanAudit`, trusting the management account with |
|          |                                 | ExternalId `wascan-e2e`                                  |
| dev      | OrganizationAccountAccessRole   | bucket `org-dev-scratch`: NOT versioned; sg `dev-ssh` 22 |
|          |                                 | open to 0.0.0.0/0 (us-east-1)                            |
| legacy   | LegacyAdminRole (only)          | none: OrganizationAccountAccessRole cannot be assumed    |
| closed   | OrganizationAccountAccessRole   | none: closed (SUSPENDED), not listed as ACTIVE           |

Member account ids are random (moto picks them); find them by name with
Organizations ListAccounts. The emulator refuses AssumeRole of a role that does
not exist or whose trust policy does not allow the caller (see emulator.py).
"""

from __future__ import annotations

import json

import boto3
from botocore.config import Config

from seed_demo import client

SCAN_ROLE = "OrganizationAccountAccessRole"
# A dedicated audit role in prod that requires an external id.
AUDIT_ROLE = "WascanAudit"
AUDIT_EXTERNAL_ID = "wascan-e2e"


def member_client(endpoint: str, account_id: str, service: str, region: str = "us-east-1"):
    """A client with credentials of the scan role assumed in `account_id`."""
    credentials = client(endpoint, "sts").assume_role(
        RoleArn=f"arn:aws:iam::{account_id}:role/{SCAN_ROLE}",
        RoleSessionName="wascan-seed",
    )["Credentials"]
    return boto3.client(
        service,
        endpoint_url=endpoint,
        region_name=region,
        aws_access_key_id=credentials["AccessKeyId"],
        aws_secret_access_key=credentials["SecretAccessKey"],
        aws_session_token=credentials["SessionToken"],
        config=Config(s3={"addressing_style": "path"}),
    )


def bucket(s3, name: str, versioned: bool) -> None:
    s3.create_bucket(Bucket=name)
    if versioned:
        s3.put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": "Enabled"})


def security_group(ec2, name: str, port: int) -> None:
    group = ec2.create_security_group(GroupName=name, Description=f"{name} (wascan org seed)")
    ec2.authorize_security_group_ingress(
        GroupId=group["GroupId"],
        IpPermissions=[{"IpProtocol": "tcp", "FromPort": port, "ToPort": port,
                        "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}],
    )


def seed(endpoint: str, account_id: str) -> dict[str, str]:
    """Seeds the organisation; returns the member account ids by name."""
    org = client(endpoint, "organizations")
    org.create_organization(FeatureSet="ALL")
    members: dict[str, str] = {}
    for name, role in [("prod", None), ("dev", None), ("legacy", "LegacyAdminRole"), ("closed", None)]:
        request = {"AccountName": name, "Email": f"{name}@example.com"}
        if role:
            request["RoleName"] = role
        members[name] = org.create_account(**request)["CreateAccountStatus"]["AccountId"]

    bucket(client(endpoint, "s3"), "org-mgmt-trail-logs", versioned=True)

    prod = members["prod"]
    bucket(member_client(endpoint, prod, "s3"), "org-prod-data", versioned=True)
    security_group(member_client(endpoint, prod, "ec2"), "prod-web", 443)
    member_client(endpoint, prod, "iam").create_role(
        RoleName=AUDIT_ROLE,
        AssumeRolePolicyDocument=json.dumps({
            "Version": "2012-10-17",
            "Statement": [{
                "Effect": "Allow",
                "Principal": {"AWS": f"arn:aws:iam::{account_id}:root"},
                "Action": "sts:AssumeRole",
                "Condition": {"StringEquals": {"sts:ExternalId": AUDIT_EXTERNAL_ID}},
            }],
        }),
    )

    dev = members["dev"]
    bucket(member_client(endpoint, dev, "s3"), "org-dev-scratch", versioned=False)
    security_group(member_client(endpoint, dev, "ec2"), "dev-ssh", 22)

    org.close_account(AccountId=members["closed"])
    return members
