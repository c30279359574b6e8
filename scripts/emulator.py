"""An emulated AWS account for wascan's end-to-end tests and demo.

Runs moto's server in-process on 127.0.0.1 (a port the OS picks), optionally
seeds the demo account (see seed_demo.py), prints

    WASCAN_EMULATOR_READY http://127.0.0.1:<port>

on stdout, and serves until stdin reaches EOF or SIGTERM/SIGINT arrives.

A WSGI middleware in front of moto injects faults: `--deny service:Operation`
answers that operation with the service's access-denied error, and
`--disable-region REGION` answers every request signed for that region the way
AWS answers for an opt-in region the account has not enabled.

STS AssumeRole is answered as AWS does, not as moto does (moto lets anyone
assume any role ARN, existing or not): the role must exist in the target
account and its trust policy must allow the caller's account (and require the
ExternalId given, if it names one); else 403 AccessDenied.
"""

from __future__ import annotations

import argparse
import io
import json
import logging
import os
import re
import signal
import sys
import threading
import uuid
from urllib.parse import parse_qs

import cbor_rpc

SCOPE = re.compile(r"Credential=[^/,\s]+/\d{8}/([^/]+)/([^/]+)/aws4_request")
ACCESS_KEY = re.compile(r"Credential=([^/,\s]+)/")
ROLE_ARN = re.compile(r"^arn:[^:]+:iam::(\d{12}):role/(?:[^/]+/)*([^/]+)$")

# S3 bucket sub-resources (query keys) and the operation suffix they select;
# the HTTP method supplies the Get/Put/Delete prefix.
S3_SUBRESOURCES = {
    "acl": "BucketAcl",
    "cors": "BucketCors",
    "encryption": "BucketEncryption",
    "lifecycle": "BucketLifecycleConfiguration",
    "location": "BucketLocation",
    "logging": "BucketLogging",
    "notification": "BucketNotificationConfiguration",
    "object-lock": "ObjectLockConfiguration",
    "ownershipControls": "BucketOwnershipControls",
    "policy": "BucketPolicy",
    "policyStatus": "BucketPolicyStatus",
    "publicAccessBlock": "PublicAccessBlock",
    "replication": "BucketReplication",
    "tagging": "BucketTagging",
    "versioning": "BucketVersioning",
    "website": "BucketWebsite",
}
S3_NO_SUBRESOURCE = {  # (method, object key present?) -> operation
    ("GET", False): "ListObjects",
    ("HEAD", False): "HeadBucket",
    ("PUT", False): "CreateBucket",
    ("DELETE", False): "DeleteBucket",
    ("GET", True): "GetObject",
    ("HEAD", True): "HeadObject",
    ("PUT", True): "PutObject",
    ("DELETE", True): "DeleteObject",
}


# The regions every account has; all others are opt-in.
DEFAULT_REGIONS = {
    "us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1", "sa-east-1",
    "eu-west-1", "eu-west-2", "eu-west-3", "eu-central-1", "eu-north-1",
    "ap-south-1", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
    "ap-southeast-1", "ap-southeast-2",
}


def fidelity_fixes() -> None:
    """Every patch below: where moto 5.2.5 answers differently from AWS, answer as AWS does."""
    realistic_describe_regions()
    credential_report_with_root()
    s3_versioning_document_root()
    s3_list_buckets_with_region()
    ssm_without_agents()
    rds_performance_insights_reported()
    synthetics_timestamps_as_aws_sends_them()
    codepipeline_timestamps_as_aws_sends_them()
    ram_external_principals()


def realistic_describe_regions() -> None:
    """Make EC2 DescribeRegions answer like an account with no opt-in region enabled.

    moto lists every region of every partition (cn-*, us-gov-* too), marks some
    opt-in regions (af-south-1, eu-south-1, ap-southeast-3) as not needing
    opt-in, ignores AllRegions, returning not-opted-in regions always, and ignores
    Filters: AWS filters on `endpoint`, `opt-in-status` and `region-name`
    (ScoutSuite asks AllRegions with opt-in-status=not-opted-in and skips the
    regions in the answer, so an unfiltered one skipped every region).
    """
    import boto3
    from moto.ec2.models.availability_zones_and_regions import Region, RegionsAndZonesBackend
    from moto.ec2.responses.availability_zones_and_regions import AvailabilityZonesAndRegions

    RegionsAndZonesBackend.regions = [
        Region(name, f"ec2.{name}.amazonaws.com",
               "opt-in-not-required" if name in DEFAULT_REGIONS else "not-opted-in")
        for name in boto3.session.Session().get_available_regions("ec2")
    ]
    describe_all = AvailabilityZonesAndRegions.describe_regions

    def describe_regions(self):
        result = describe_all(self)
        if str(self._get_param("AllRegions", False)).lower() != "true":
            result.result["Regions"] = [r for r in result.result["Regions"]
                                        if r.opt_in_status != "not-opted-in"]
        attributes = {"endpoint": "endpoint", "opt-in-status": "opt_in_status",
                      "region-name": "name"}
        for name, values in self._filters_from_querystring().items():
            if name in attributes:
                result.result["Regions"] = [r for r in result.result["Regions"]
                                            if getattr(r, attributes[name]) in values]
        return result

    AvailabilityZonesAndRegions.describe_regions = describe_regions


def credential_report_with_root() -> None:
    """Give moto's credential report the `<root_account>` row real ones start with.

    Root has no password fields, MFA as GetAccountSummary's AccountMFAEnabled
    says (moto: 0) and no access keys (AccountAccessKeysPresent: 0).
    """
    from datetime import datetime, timezone
    from moto.iam.models import IAMBackend

    created = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S+00:00")
    user_report = IAMBackend.get_credential_report

    def get_credential_report(self) -> str:
        header, _, users = user_report(self).partition("\n")
        mfa = "true" if self.account_summary.summary_map["AccountMFAEnabled"] else "false"
        root = (f"<root_account>,arn:aws:iam::{self.account_id}:root,{created},not_supported,"
                f"no_information,not_supported,not_supported,{mfa},false,N/A,N/A,N/A,N/A,"
                "false,N/A,N/A,N/A,N/A,false,N/A,false,N/A")
        return f"{header}\n{root}\n{users}"

    IAMBackend.get_credential_report = get_credential_report


def s3_versioning_document_root() -> None:
    """Name GetBucketVersioning's XML root `VersioningConfiguration`, as S3 does.

    moto 5.2 serialises it as `GetBucketVersioningResponse`, which strict
    clients (the AWS SDK for Rust) reject as malformed.
    """
    from moto.s3.responses import S3Response

    moto_get_bucket_versioning = S3Response.get_bucket_versioning

    def get_bucket_versioning(self):
        status, headers, body = moto_get_bucket_versioning(self)
        if isinstance(body, bytes):
            body = body.decode()
        return status, headers, body.replace("GetBucketVersioningResponse", "VersioningConfiguration")

    S3Response.get_bucket_versioning = get_bucket_versioning


def s3_list_buckets_with_region() -> None:
    """Answer ListBuckets as S3 does: `BucketRegion` only when the request has a valid parameter.

    S3 names each bucket's region "if the request contains at least one valid parameter"
    (`prefix`, `bucket-region`, `max-buckets`, `continuation-token`; S3 API reference, `Bucket`);
    a plain ListBuckets lists name and creation date only, and a client must then ask
    GetBucketLocation per bucket. moto 5.2.5 never sends the region.
    """
    from moto.core.responses import ActionResult
    from moto.s3.responses import S3Response

    parameters = ("prefix", "bucket-region", "max-buckets", "continuation-token")

    def all_buckets(self):
        self.data["Action"] = "ListAllMyBuckets"
        self._authenticate_and_authorize_s3_action()
        listed = self.backend.list_buckets(
            prefix=self._get_param("prefix"),
            bucket_region=self._get_param("bucket-region"),
            max_buckets=self._get_param("max-buckets"),
        )
        with_region = any(self._get_param(name) not in (None, "") for name in parameters)
        self.data["Action"] = "ListBuckets"

        def bucket(b):
            entry = {"Name": b.name, "CreationDate": b.creation_date_ISO8601}
            if with_region:
                entry["BucketRegion"] = b.region_name
            return entry

        return self.serialized(ActionResult({
            "Owner": {"ID": "bcaf1ffd86f41161ca5fb16fd081034f", "DisplayName": "webfile"},
            "Buckets": [bucket(b) for b in listed],
        }))

    S3Response.all_buckets = all_buckets


def rds_performance_insights_reported() -> None:
    """Report `PerformanceInsightsEnabled` for every DB instance, as RDS does (false when off).

    moto 5.2.5 neither stores nor reports it, and wascan reads an instance whose answer lacks it
    as unknown (`not_evaluated`), not as off. The seed sets it on the instances that have it on.
    """
    from moto.rds.models import DBInstance

    if not hasattr(DBInstance, "performance_insights_enabled"):
        DBInstance.performance_insights_enabled = False


def ram_external_principals() -> None:
    """Mark a RAM principal association `external` when the principal is outside the share
    owner's organization, as RAM does.

    moto 5.2.5 answers `external: false` for every principal. Here an account id (or an IAM
    principal of an account) is external unless it is the owner's account or a member of its
    organization; the organization and its OUs are internal.
    """
    import re

    from moto.ram.models import ResourceAccessManagerBackend

    original = ResourceAccessManagerBackend.get_resource_share_associations

    def get_resource_share_associations(self, *args, **kwargs):
        answer = original(self, *args, **kwargs)
        org = self.organizations_backend
        members = {account.id for account in org.accounts} if org.org else set()
        members.add(self.account_id)
        for association in answer.get("resourceShareAssociations", []):
            if association.get("associationType") != "PRINCIPAL":
                continue
            principal = association.get("associatedEntity", "")
            match = re.match(r"^(?:arn:aws:iam::)?(\d{12})(?::|$)", principal)
            association["external"] = bool(match) and match.group(1) not in members
        return answer

    ResourceAccessManagerBackend.get_resource_share_associations = get_resource_share_associations


def ssm_without_agents() -> None:
    """Answer the three SSM reads moto 5.2.5 lacks as AWS does when no SSM Agent has registered
    and no Automation runbook has run.

    moto implements neither DescribeInstanceInformation, ListResourceComplianceSummaries nor
    DescribeAutomationExecutions (it would answer HTTP 500). No agent runs on moto's instances
    and moto cannot start an Automation execution, so AWS would list no managed nodes, no
    compliance summaries and no executions: all three answer empty lists.
    """
    from moto.core.responses import ActionResult
    from moto.ssm.responses import SimpleSystemManagerResponse

    def describe_instance_information(self):
        return ActionResult({"InstanceInformationList": []})

    def list_resource_compliance_summaries(self):
        return ActionResult({"ResourceComplianceSummaryItems": []})

    def describe_automation_executions(self):
        return ActionResult({"AutomationExecutionMetadataList": []})

    SimpleSystemManagerResponse.describe_instance_information = describe_instance_information
    SimpleSystemManagerResponse.list_resource_compliance_summaries = list_resource_compliance_summaries
    SimpleSystemManagerResponse.describe_automation_executions = describe_automation_executions


def synthetics_timestamps_as_aws_sends_them() -> None:
    """Send a canary's `Timeline` as epoch seconds, as Synthetics (REST-JSON) does.

    moto 5.2.5 sends ISO-8601 strings there, which the SDK rejects as an unreadable answer.
    """
    from datetime import datetime

    from moto.synthetics.models import Canary

    to_dict = Canary.to_dict

    def epoch_timeline(self):
        answer = to_dict(self)
        answer["Timeline"] = {
            key: value.timestamp() if isinstance(value, datetime) else None
            for key, value in self.timeline.items()
        }
        return answer

    Canary.to_dict = epoch_timeline


def codepipeline_timestamps_as_aws_sends_them() -> None:
    """Send CodePipeline's timestamps (pipeline summaries and metadata, execution summaries)
    as epoch seconds, as CodePipeline (JSON 1.1) does.

    moto 5.2.5 sends ISO-8601 strings there, which the SDK rejects as an unreadable answer.
    """
    from datetime import datetime, timezone

    from moto.codepipeline import models

    def epoch(value):
        if not isinstance(value, str):
            return value
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        if moment.tzinfo is None:  # moto's clock is naive UTC
            moment = moment.replace(tzinfo=timezone.utc)
        return moment.timestamp()

    def epochs(answer: dict, keys: tuple) -> dict:
        return {key: epoch(value) if key in keys else value for key, value in answer.items()}

    summary = models.PipelineExecution.to_summary_dict
    models.PipelineExecution.to_summary_dict = lambda self: epochs(
        summary(self), ("startTime", "lastUpdateTime"))
    metadata = models.CodePipeline.metadata
    models.CodePipeline.metadata = property(lambda self: epochs(
        metadata.fget(self), ("created", "updated")))
    list_pipelines = models.CodePipelineBackend.list_pipelines
    models.CodePipelineBackend.list_pipelines = lambda self: [
        epochs(pipeline, ("created", "updated")) for pipeline in list_pipelines(self)]


class Request:
    """What the middleware needs to know about one request."""

    def __init__(self, environ: dict):
        self.method = environ["REQUEST_METHOD"]
        self.path = environ.get("PATH_INFO", "/")
        self.query = parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True)
        match = SCOPE.search(environ.get("HTTP_AUTHORIZATION", ""))
        self.region, self.service = match.groups() if match else (None, None)
        self.target = environ.get("HTTP_X_AMZ_TARGET")  # JSON protocols
        key = ACCESS_KEY.search(environ.get("HTTP_AUTHORIZATION", ""))
        self.access_key = key.group(1) if key else None
        if self.service == "s3" and self.path.startswith("/v20180820/"):
            self.service = "s3control"
        self.params = dict(self.query)
        if environ.get("CONTENT_TYPE", "").startswith("application/x-www-form-urlencoded"):
            # Query protocols post their parameters as a form: read it, then
            # put the bytes back so moto can read them too.
            body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
            environ["wsgi.input"] = io.BytesIO(body)
            self.params.update(parse_qs(body.decode("utf-8"), keep_blank_values=True))

    @property
    def protocol(self) -> str:
        if self.service in ("ec2", "s3", "s3control"):
            return self.service
        if cbor_rpc.operation_of(self.path):
            return "cbor"
        return "json" if self.target else "query"

    @property
    def operation(self) -> str | None:
        if self.service == "s3":
            return self.s3_operation()
        if self.service == "s3control":
            if self.path.rstrip("/") == "/v20180820/configuration/publicAccessBlock":
                return self.method.title() + "PublicAccessBlock"
            return None
        if self.target:
            return self.target.rsplit(".", 1)[-1]
        return cbor_rpc.operation_of(self.path) or self.params.get("Action", [None])[0]

    def s3_operation(self) -> str | None:
        bucket, _, key = self.path.lstrip("/").partition("/")
        if not bucket:
            return "ListBuckets" if self.method == "GET" else None
        for name, suffix in S3_SUBRESOURCES.items():
            if name in self.query and not key:
                return self.method.title() + suffix
        if self.method == "GET" and not key and self.query.get("list-type") == ["2"]:
            return "ListObjectsV2"
        return S3_NO_SUBRESOURCE.get((self.method, bool(key)))


def xml_error(request_id: str, protocol: str, code: str, message: str) -> str:
    """The error body in the wire format of the request's protocol."""
    if protocol == "ec2":
        return (f"<Response><Errors><Error><Code>{code}</Code><Message>{message}</Message>"
                f"</Error></Errors><RequestID>{request_id}</RequestID></Response>")
    if protocol == "s3":
        return (f"<Error><Code>{code}</Code><Message>{message}</Message>"
                f"<RequestId>{request_id}</RequestId><HostId>{request_id}</HostId></Error>")
    # Query protocols (IAM, STS, ...) and S3 Control share this envelope.
    return (f"<ErrorResponse><Error><Type>Sender</Type><Code>{code}</Code><Message>{message}</Message>"
            f"</Error><RequestId>{request_id}</RequestId></ErrorResponse>")


def assume_role_refusal(req: Request) -> str | None:
    """Why AWS would refuse this AssumeRole, or None when it would allow it.

    The role must exist in its account, and a statement of its trust policy must
    allow sts:AssumeRole to the caller's account (as `ACCOUNT`, its root ARN or
    any ARN in it), with `sts:ExternalId` equal to the request's when the
    statement's StringEquals condition names one.
    """
    from moto.iam.models import get_account_id_from, iam_backends

    role_arn = req.params.get("RoleArn", [""])[0]
    match = ROLE_ARN.match(role_arn)
    if not match:
        return None  # malformed: moto's own validation answers
    account_id, role_name = match.groups()
    caller = get_account_id_from(req.access_key or "")
    denied = (f"User: arn:aws:iam::{caller}:user/moto is not authorized to perform: "
              f"sts:AssumeRole on resource: {role_arn}")
    backends = iam_backends[account_id]
    iam = backends["global"] if "global" in backends else backends["aws"]
    try:
        role = iam.get_role(role_name)
    except Exception:  # moto's NoSuchEntity
        return denied
    try:
        policy = json.loads(role.assume_role_policy_document)
    except (TypeError, ValueError):
        return denied
    external_id = req.params.get("ExternalId", [None])[0]
    statements = policy.get("Statement", [])
    for statement in statements if isinstance(statements, list) else [statements]:
        actions = statement.get("Action", [])
        actions = [actions] if isinstance(actions, str) else actions
        principals = statement.get("Principal", {}).get("AWS", [])
        principals = [principals] if isinstance(principals, str) else principals
        if statement.get("Effect") != "Allow" or not {"sts:AssumeRole", "sts:*", "*"} & set(actions):
            continue
        if not any(p == caller or re.match(rf"^arn:[^:]+:iam::{caller}:", p) for p in principals):
            continue
        wanted = statement.get("Condition", {}).get("StringEquals", {}).get("sts:ExternalId")
        if wanted is not None and wanted != external_id:
            continue
        return None
    return denied


class FaultInjector:
    """WSGI middleware that answers denied operations and disabled regions itself."""

    def __init__(self, app, account_id: str, deny: list[str], disabled_regions: list[str]):
        self.app = app
        self.account_id = account_id
        self.deny = {d.lower() for d in deny}
        self.disabled_regions = set(disabled_regions)
        # Off while the account is seeded: faults are for the client under test.
        self.armed = False

    def __call__(self, environ: dict, start_response):
        if not self.armed:
            return self.app(environ, start_response)
        req = Request(environ)
        if req.region in self.disabled_regions:
            return self.region_disabled(req, start_response)
        if req.service and req.operation and f"{req.service}:{req.operation}".lower() in self.deny:
            return self.access_denied(req, start_response)
        if req.service == "sts" and req.operation == "AssumeRole":
            refusal = assume_role_refusal(req)
            if refusal:
                return self.error(start_response, req, 403, "AccessDenied", refusal)
        return self.app(environ, start_response)

    def access_denied(self, req: Request, start_response):
        action = f"{req.service}:{req.operation}"
        who = f"User: arn:aws:iam::{self.account_id}:user/moto is not authorized to perform: {action}"
        if req.protocol == "ec2":
            return self.error(start_response, req, 403, "UnauthorizedOperation",
                              "You are not authorized to perform this operation.")
        if req.protocol in ("s3", "s3control"):
            return self.error(start_response, req, 403, "AccessDenied", "Access Denied")
        if req.protocol in ("json", "cbor"):
            return self.error(start_response, req, 400, "AccessDeniedException", who)
        return self.error(start_response, req, 403, "AccessDenied", who)

    def region_disabled(self, req: Request, start_response):
        # EC2's answer is well documented; the others are what STS, IAM-style
        # query services, JSON services and S3 say about credentials they do
        # not accept, which is how a region the account has not enabled sees them.
        if req.protocol == "ec2":
            return self.error(start_response, req, 401, "AuthFailure",
                              "AWS was not able to validate the provided access credentials")
        if req.protocol in ("s3", "s3control"):
            return self.error(start_response, req, 403, "InvalidAccessKeyId",
                              "The AWS Access Key Id you provided does not exist in our records.")
        if req.protocol in ("json", "cbor"):
            return self.error(start_response, req, 400, "UnrecognizedClientException",
                              "The security token included in the request is invalid.")
        return self.error(start_response, req, 403, "InvalidClientTokenId",
                          "The security token included in the request is invalid.")

    @staticmethod
    def error(start_response, req: Request, status: int, code: str, message: str):
        request_id = str(uuid.uuid4())
        extra = []
        if req.protocol == "cbor":
            body, ctype = cbor_rpc.error_body(code, message), "application/cbor"
            extra = [("smithy-protocol", "rpc-v2-cbor")]
        elif req.protocol == "json":
            body = json.dumps({"__type": code, "message": message}).encode("utf-8")
            ctype = "application/x-amz-json-1.1"
        else:
            body, ctype = xml_error(request_id, req.protocol, code, message).encode("utf-8"), "text/xml"
        reason = {400: "Bad Request", 401: "Unauthorized", 403: "Forbidden"}[status]
        start_response(f"{status} {reason}", [
            ("Content-Type", ctype),
            ("x-amzn-RequestId", request_id),
            ("x-amz-request-id", request_id),
            ("x-amzn-ErrorType", code),
            *extra,
        ])
        return [body]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", choices=["demo", "hostile", "org", "none"], default="demo")
    parser.add_argument("--account-id", default="123456789012")
    parser.add_argument("--deny", action="append", default=[], metavar="SERVICE:OPERATION",
                        help="answer this operation with access denied (repeatable)")
    parser.add_argument("--disable-region", action="append", default=[], metavar="REGION",
                        help="answer every request signed for this region as a not-enabled opt-in region (repeatable)")
    parser.add_argument("--ignore-stdin", action="store_true",
                        help="do not stop at stdin EOF (for running in the background by hand)")
    parser.add_argument("--verbose", action="store_true", help="log every request to stderr")
    args = parser.parse_args()

    if args.seed != "org":
        # moto reads this on every request: all requests land in this one account.
        os.environ["MOTO_ACCOUNT_ID"] = args.account_id
    # No public AMI catalogue: its backing snapshots would otherwise appear in
    # every region's DescribeSnapshots, which moto answers ignoring OwnerIds.
    os.environ["MOTO_EC2_LOAD_DEFAULT_AMIS"] = "false"
    # A certificate requested with DNS validation stays PENDING_VALIDATION on AWS until its
    # validation record resolves; moto issues it once 60 s of wall time have passed, which made
    # the demo's findings depend on how long a test waited before scanning (read at moto's import).
    os.environ.setdefault("MOTO_ACM_VALIDATION_WAIT", str(10**9))
    # stdout carries only the ready line; anything moto or seeding prints goes to stderr.
    ready_out, sys.stdout = sys.stdout, sys.stderr
    if not args.verbose:
        logging.getLogger("werkzeug").setLevel(logging.WARNING)

    from moto.moto_server.werkzeug_app import (
        DomainDispatcherApplication, MotoRequestHandler, create_backend_app)
    from werkzeug.serving import make_server

    if args.seed == "org":
        # Requests land in the account their credentials belong to: moto maps the keys AssumeRole
        # hands out to the role's account; any other key lands in --account-id.
        import moto.iam.models
        moto.iam.models.DEFAULT_ACCOUNT_ID = args.account_id
    fidelity_fixes()
    # Fixed ids: moto draws its ids (API Gateway's `szifhzlwis`, CloudFront's, Secrets Manager's
    # ARN suffixes...) from one generator, seeded here, and the seeding below is sequential, so
    # every run of the emulator names the same resources the same way. The fault harness keys
    # its draws on the request, ids included: with random ids a seed altered other answers in
    # every run (tests/e2e/proxy.rs masks only hex ids).
    import random
    from moto.moto_api._internal import mock_random
    mock_random.seed(20261206)
    random.seed(20261206)
    app = FaultInjector(cbor_rpc.CborRpc(DomainDispatcherApplication(create_backend_app)),
                        args.account_id, args.deny, args.disable_region)
    # Port 0: the OS picks a free port. Request threads are daemonic.
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=MotoRequestHandler)
    endpoint = f"http://127.0.0.1:{server.server_port}"
    threading.Thread(target=server.serve_forever, daemon=True).start()

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())

    if args.seed == "demo":
        import seed_demo
        seed_demo.seed(endpoint, args.account_id)
    elif args.seed == "hostile":
        import seed_hostile
        seed_hostile.seed(endpoint, args.account_id)
    elif args.seed == "org":
        import seed_org
        seed_org.seed(endpoint, args.account_id)
    app.armed = True

    if not args.ignore_stdin:
        def wait_for_eof() -> None:
            while os.read(sys.stdin.fileno(), 65536):
                pass
            stop.set()
        threading.Thread(target=wait_for_eof, daemon=True).start()

    print(f"WASCAN_EMULATOR_READY {endpoint}", file=ready_out, flush=True)
    while not stop.wait(0.2):
        pass
    server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
