"""Start the emulator with the demo seed and print what every read-only call
wascan relies on returns, then check the fault-injection flags.

    .venv/bin/python scripts/probe_emulator.py > probe.txt

Rerun after bumping moto to see what changed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from botocore.exceptions import ClientError

import seed_demo

HERE = os.path.dirname(os.path.abspath(__file__))


def start(*flags: str) -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen([sys.executable, os.path.join(HERE, "emulator.py"), *flags],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    line = proc.stdout.readline().split()
    assert line[0] == "WASCAN_EMULATOR_READY", line
    return proc, line[1]


def stop(proc: subprocess.Popen) -> None:
    proc.stdin.close()  # EOF: the emulator exits
    assert proc.wait(timeout=10) == 0


def s3control(endpoint: str):
    """An S3 Control client that reaches the emulator.

    S3 Control's endpoint rules put the account id in front of the host
    (123456789012.127.0.0.1), which does not resolve; strip it again.
    """
    c = seed_demo.client(endpoint, "s3control")
    c.meta.events.register("before-sign.s3-control", lambda request, **_: setattr(
        request, "url", request.url.replace("//123456789012.", "//", 1)))
    return c


def text(value) -> str:
    return value.decode(errors="backslashreplace") if isinstance(value, bytes) else str(value)


def call(label: str, fn, **kwargs):
    """Print the call's result (minus ResponseMetadata) or its error code."""
    try:
        result = fn(**kwargs)
        result.pop("ResponseMetadata", None)
        print(f"== {label}: OK\n{json.dumps(result, default=text, indent=1)}")
        return result
    except ClientError as e:
        err = e.response["Error"]
        print(f"== {label}: ERROR {e.response['ResponseMetadata']['HTTPStatusCode']} "
              f"{err.get('Code')}: {err.get('Message')}")
    except Exception as e:  # noqa: BLE001 - report anything moto throws
        print(f"== {label}: EXCEPTION {type(e).__name__}: {e}")


def probe_reads(endpoint: str) -> None:
    c = lambda svc, region="us-east-1": seed_demo.client(endpoint, svc, region)  # noqa: E731
    call("sts GetCallerIdentity", c("sts").get_caller_identity)
    ec2 = c("ec2")
    call("ec2 DescribeRegions", ec2.describe_regions)
    call("ec2 DescribeRegions(AllRegions) opt-in status",
         lambda: {r["RegionName"]: r["OptInStatus"]
                  for r in ec2.describe_regions(AllRegions=True)["Regions"]})
    for region in ("us-east-1", "eu-west-1"):
        ec2 = c("ec2", region)
        call(f"ec2 DescribeInstances {region}", ec2.describe_instances)
        call(f"ec2 DescribeVolumes {region}", ec2.describe_volumes)
        call(f"ec2 GetEbsEncryptionByDefault {region}", ec2.get_ebs_encryption_by_default)
        call(f"ec2 DescribeSecurityGroups {region}", ec2.describe_security_groups)
        call(f"ec2 DescribeVpcs {region}", ec2.describe_vpcs)
        call(f"ec2 DescribeFlowLogs {region}", ec2.describe_flow_logs)
        call(f"ec2 DescribeAddresses {region}", ec2.describe_addresses)
        call(f"ec2 DescribeSnapshots(self) {region}", ec2.describe_snapshots, OwnerIds=["self"])

    s3 = c("s3")
    call("s3 ListBuckets", s3.list_buckets)
    for bucket in ("wascan-demo-logs", "wascan-demo-public-assets", "wascan-demo-data"):
        for op in ("get_bucket_location", "get_bucket_encryption", "get_bucket_versioning",
                   "get_public_access_block", "get_bucket_policy", "get_bucket_policy_status",
                   "get_bucket_acl", "get_bucket_logging", "get_bucket_lifecycle_configuration",
                   "get_bucket_tagging"):
            call(f"s3 {op} {bucket}", getattr(s3, op), Bucket=bucket)
    call("s3control GetPublicAccessBlock", s3control(endpoint).get_public_access_block,
         AccountId="123456789012")

    iam = c("iam")
    call("iam GetAccountAuthorizationDetails", iam.get_account_authorization_details)
    call("iam GenerateCredentialReport", iam.generate_credential_report)
    call("iam GetCredentialReport", lambda: {"Content": iam.get_credential_report()["Content"].decode().splitlines()})
    call("iam GetAccountPasswordPolicy", iam.get_account_password_policy)
    call("iam GetAccountSummary", iam.get_account_summary)
    call("iam ListVirtualMFADevices", iam.list_virtual_mfa_devices)
    for user in ("alice", "bob"):
        call(f"iam ListMFADevices {user}", iam.list_mfa_devices, UserName=user)
    for user in ("ci-deploy", "svc-reporting"):
        keys = iam.list_access_keys(UserName=user)["AccessKeyMetadata"]
        call(f"iam ListAccessKeys {user}", iam.list_access_keys, UserName=user)
        call(f"iam GetAccessKeyLastUsed {user}", iam.get_access_key_last_used,
             AccessKeyId=keys[0]["AccessKeyId"])


def probe_faults() -> None:
    proc, endpoint = start("--seed", "demo",
                           "--deny", "s3:GetBucketEncryption", "--deny", "ec2:DescribeFlowLogs",
                           "--deny", "iam:GetAccountPasswordPolicy", "--deny", "sts:GetCallerIdentity",
                           "--deny", "s3:ListBuckets", "--deny", "s3control:GetPublicAccessBlock",
                           "--disable-region", "ap-east-1")
    c = lambda svc, region="us-east-1": seed_demo.client(endpoint, svc, region)  # noqa: E731
    s3 = c("s3")
    call("deny s3 GetBucketEncryption", s3.get_bucket_encryption, Bucket="wascan-demo-logs")
    call("deny s3 ListBuckets", s3.list_buckets)
    call("not denied s3 GetBucketVersioning", s3.get_bucket_versioning, Bucket="wascan-demo-logs")
    call("deny ec2 DescribeFlowLogs", c("ec2").describe_flow_logs)
    call("deny iam GetAccountPasswordPolicy", c("iam").get_account_password_policy)
    call("deny sts GetCallerIdentity", c("sts").get_caller_identity)
    call("deny s3control GetPublicAccessBlock", s3control(endpoint).get_public_access_block,
         AccountId="123456789012")
    call("disabled ec2 DescribeInstances ap-east-1", c("ec2", "ap-east-1").describe_instances)
    call("disabled sts GetCallerIdentity ap-east-1", c("sts", "ap-east-1").get_caller_identity)
    call("disabled s3 ListBuckets ap-east-1", c("s3", "ap-east-1").list_buckets)
    call("disabled logs DescribeLogGroups ap-east-1", c("logs", "ap-east-1").describe_log_groups)
    call("enabled ec2 DescribeInstances eu-west-1 (count)",
         lambda: {"n": len(c("ec2", "eu-west-1").describe_instances()["Reservations"])})
    stop(proc)


if __name__ == "__main__":
    proc, endpoint = start("--seed", "demo")
    probe_reads(endpoint)
    stop(proc)
    probe_faults()
