"""A stateful test double of the AWS Well-Architected Tool API, for wascan's review tests.

moto does not implement the Well-Architected Tool. This WSGI app serves its REST-JSON API over
HTTP on 127.0.0.1 (a port the OS picks) and is never kinder than the service:

1. Every request is validated against the service's own model, the `wellarchitected`
   service-2.json botocore ships (the copy in the venv wascan's tests already use, so this script
   runs on that venv's python; `--model FILE` names another copy). Routing comes from the model's
   `http` traits, and each input is checked the way the model says: required members, string
   lengths (in characters), patterns (matched against the whole value), enums, types (a boolean
   must be a JSON boolean, an integer a JSON integer), list and map lengths, nested shapes.
   A violation is `400 ValidationException` with the service's message format
   (`1 validation error detected: Value '...' at 'workloadName' failed to satisfy constraint: ...`).
2. On top of the model, the rules the API reference states in prose:
   - CreateWorkload needs `ReviewOwner` (the model lists it as optional; the reference says it
     must be given) and `AwsRegions` or `NonAwsRegions` (at least one region);
   - workload names are unique ignoring case and whitespace (`ConflictException`);
   - milestone names are unique within a workload (`ConflictException`), at most 100 milestones
     (`ServiceQuotaExceededException`, 402);
   - `ClientRequestToken` is idempotent: the same token with the same parameters returns the first
     answer; with other parameters it is a `ConflictException`;
   - a `NextToken` the double did not hand out (or handed out for another listing) is a
     `ValidationException`;
   - a lens is named by its alias or its ARN (`arn:aws:wellarchitected:REGION::lens/ALIAS` for an
     AWS lens, `arn:aws:wellarchitected:REGION:ACCOUNT:lens/HEX` for a custom one); another
     `arn:` shape is a `ValidationException`, an unknown lens a `ResourceNotFoundException`;
   - error bodies carry `Message` (capitalised, as the model names it) and, for
     `ResourceNotFoundException` and `ConflictException`, `ResourceId` and `ResourceType`.
3. Where the reference is silent, the double takes the reading that loses data, so that a client
   that keeps a person's work here keeps it against the service too:
   - UpdateAnswer's `SelectedChoices` is the whole set: a choice left out of it is UNSELECTED
     afterwards, even one a person had marked NOT_APPLICABLE (unless `ChoiceUpdates` says so);
   - a `ChoiceUpdates` entry replaces the choice's state: an entry without `Notes` (or `Reason`)
     clears the choice's notes (or reason);
   - an UpdateAnswer without `Notes` clears the answer's notes.

Lenses served: `wellarchitected` (the questions and choices of checks/data/wa-catalog.tsv, version
2024-06-27, plus each question's "None of these"), `serverless` (scripts/wa_lenses/serverless.json)
and each `--lens-file FILE` (a custom lens when the file says `"custom": true`). `--old-lens ALIAS`
starts new reviews of that lens on its previous version (the lens's `previous` block: the choices it
lacks), so UpgradeLensReview and GetLensVersionDifference have something to do; `--drop-choice ID`
does the same for the wellarchitected lens without a fixture.

Operations: CreateWorkload, GetWorkload, ListWorkloads, AssociateLenses, ListLensReviews,
GetLensReview, ListAnswers, GetAnswer, UpdateAnswer, CreateMilestone, ListMilestones,
UpgradeLensReview, GetLensVersionDifference. Any other operation of the model answers 501 (the
double does not pretend). `GET /_fake/state` returns the whole state and the calls per operation.

Faults: `--fail-update-after N` makes every UpdateAnswer after the first N successful ones fail
(`--fail-status`, default 500, `--fail-code`, default InternalServerException), optionally only
for `--fail-question ID`.

Prints `WA_FAKE_READY http://127.0.0.1:<port>` on stdout when listening and serves until stdin
reaches EOF or SIGTERM/SIGINT arrives. `python -m unittest scripts/test_wa_fake.py` tests the
double itself with the requests the service rejects.
"""

from __future__ import annotations

import argparse
import base64
import copy
import csv
import glob
import gzip
import hashlib
import json
import os
import re
import secrets
import signal
import sys
import threading
import time
import uuid
from socketserver import ThreadingMixIn
from urllib.parse import parse_qs, unquote
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

HERE = os.path.dirname(os.path.abspath(__file__))
CATALOG = os.path.join(HERE, "..", "checks", "data", "wa-catalog.tsv")
LENS_DIR = os.path.join(HERE, "wa_lenses")
REGION = "us-east-1"
ACCOUNT = "123456789012"
WA_VERSION = "2024-06-27"
WA_PREVIOUS_VERSION = "2023-10-03"
MAX_MILESTONES = 100
MAX_LENSES = 20
PILLAR_NAMES = {
    "operationalExcellence": "Operational Excellence",
    "security": "Security",
    "reliability": "Reliability",
    "performance": "Performance Efficiency",
    "costOptimization": "Cost Optimization",
    "sustainability": "Sustainability",
}

# The "None of these" choice of each question (lens 2024-06-27).
NONE_OF_THESE = {
    "priorities": "ops_priorities_no",
    "ops-model": "ops_ops_model_no",
    "org-culture": "ops_org_culture_no",
    "observability": "ops_telemetry_no",
    "dev-integ": "ops_dev_integ_no",
    "mit-deploy-risks": "ops_mit_deploy_risks_no",
    "ready-to-support": "ops_ready_to_support_no",
    "workload-observability": "ops_workload_observability_no",
    "operations-health": "ops_operations_health_no",
    "event-response": "ops_event_response_no",
    "evolve-ops": "ops_evolve_ops_no",
    "securely-operate": "sec_securely_operate_no",
    "identities": "sec_identities_no",
    "permissions": "sec_permissions_no",
    "detect-investigate-events": "sec_detect_investigate_events_no",
    "network-protection": "sec_network_protection_no",
    "protect-compute": "sec_protect_compute_no",
    "data-classification": "sec_data_classification_no",
    "protect-data-rest": "sec_protect_data_rest_no",
    "protect-data-transit": "sec_protect_data_transit_no",
    "incident-response": "sec_incident_response_no",
    "application-security": "sec_appsec_no",
    "manage-service-limits": "rel_manage_service_limits_no",
    "planning-network-topology": "rel_planning_network_topology_no",
    "service-architecture": "rel_service_architecture_no",
    "prevent-interaction-failure": "rel_prevent_interaction_failure_no",
    "mitigate-interaction-failure": "rel_mitigate_interaction_failure_no",
    "monitor-aws-resources": "rel_monitor_aws_resources_no",
    "adapt-to-changes": "rel_adapt_to_changes_no",
    "tracking-change-management": "rel_tracking_change_management_no",
    "backing-up-data": "rel_backing_up_data_no",
    "fault-isolation": "rel_fault_isolation_no",
    "withstand-component-failures": "rel_withstand_component_failures_no",
    "testing-resiliency": "rel_testing_resiliency_no",
    "planning-for-recovery": "rel_planning_for_recovery_no",
    "performing-architecture": "perf_performing_architecture_no",
    "compute-hardware": "perf_compute_hardware_no",
    "data-management": "perf_data_no",
    "networking": "perf_networking_no",
    "process-culture": "perf_process_culture_no",
    "cloud-financial-management": "cost_cloud_financial_management_no",
    "govern-usage": "cost_govern_usage_no",
    "monitor-usage": "cost_monitor_usage_no",
    "decomissioning-resources": "cost_decomissioning_resources_no",
    "select-service": "cost_select_service_no",
    "type-size-number-resources": "cost_type_size_number_resources_no",
    "pricing-model": "cost_pricing_model_no",
    "data-transfer": "cost_data_transfer_no",
    "manage-demand-resources": "cost_manage_demand_resources_no",
    "evaluate-new-services": "cost_evaluate_new_services_no",
    "evaluate-cost-effort": "cost_evaluate_cost_effort_no",
    "sus_region": "sus_sus_region_no",
    "sus_user": "sus_sus_user_no",
    "sus_software": "sus_sus_software_no",
    "sus_data": "sus_sus_data_no",
    "sus_hardware": "sus_sus_hardware_no",
    "sus_dev": "sus_sus_dev_no",
}


# --- errors ------------------------------------------------------------------------------------

class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, **extra):
        super().__init__(message)
        self.status, self.code, self.message, self.extra = status, code, message, extra

    def body(self) -> dict:
        return {"Message": self.message} | self.extra


def validation(message: str, fields: list | None = None) -> ApiError:
    extra = {"Reason": "FIELD_VALIDATION_FAILED" if fields else "OTHER"}
    if fields:
        extra["Fields"] = fields
    return ApiError(400, "ValidationException", message, **extra)


def not_found(message: str, resource_id: str, resource_type: str) -> ApiError:
    return ApiError(404, "ResourceNotFoundException", message, ResourceId=resource_id, ResourceType=resource_type)


def conflict(message: str, resource_id: str, resource_type: str) -> ApiError:
    return ApiError(409, "ConflictException", message, ResourceId=resource_id, ResourceType=resource_type)


def quota(message: str, resource_id: str, resource_type: str) -> ApiError:
    return ApiError(402, "ServiceQuotaExceededException", message, ResourceId=resource_id,
                    ResourceType=resource_type, QuotaCode="L-MILESTONES", ServiceCode="wellarchitected")


# --- the service model -------------------------------------------------------------------------

def find_model() -> str:
    """The newest `wellarchitected` service-2.json(.gz) of the botocore this python imports."""
    try:
        import botocore  # noqa: PLC0415 - only to find its data directory
    except ImportError as err:  # pragma: no cover - the harness runs the venv's python
        raise SystemExit(f"wa_fake: botocore is not importable ({err}): run it on the venv's python or pass --model")
    pattern = os.path.join(os.path.dirname(botocore.__file__), "data", "wellarchitected", "*", "service-2.json*")
    found = sorted(glob.glob(pattern))
    if not found:
        raise SystemExit(f"wa_fake: no wellarchitected model at {pattern}")
    return found[-1]


def load_model(path: str) -> dict:
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        return json.load(f)


def python_pattern(pattern: str) -> re.Pattern:
    """Java regex to Python: the Unicode classes Python's `re` lacks, approximated (only shapes
    wascan never sends use them: tags, agent profiles)."""
    translated = (pattern.replace(r"\P{C}", r"^\x00-\x1f\x7f") if pattern.startswith(r"[\P{C}")
                  else pattern.replace(r"[\P{C}", r"[^\x00-\x1f\x7f").replace(r"\P{C}", r"\S\s"))
    for cls in ("L", "N", "Z"):
        translated = translated.replace(r"\p{%s}" % cls, r"\w\s")
    return re.compile(translated, re.DOTALL)


def camel(name: str) -> str:
    return name[:1].lower() + name[1:]


class Model:
    """Routes and validates requests as the `wellarchitected` model describes them."""

    def __init__(self, raw: dict):
        self.shapes = raw["shapes"]
        self.operations = raw["operations"]
        self.patterns: dict[str, re.Pattern] = {}
        self.routes = []
        for name, op in self.operations.items():
            uri = op["http"]["requestUri"].split("?")[0]
            regex = "^" + re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>[^/]+)", re.escape(uri)) + "$"
            self.routes.append((op["http"]["method"], re.compile(regex), name))

    def route(self, method: str, path: str):
        for route_method, regex, name in self.routes:
            match = regex.match(path)
            if route_method == method and match:
                return name, {k: unquote(v) for k, v in match.groupdict().items()}
        return None, {}

    def input_shape(self, operation: str) -> str | None:
        return self.operations[operation].get("input", {}).get("shape")

    def parse(self, operation: str, labels: dict, query: dict, body) -> dict:
        """The operation's input from the URI, query string and body, validated."""
        shape_name = self.input_shape(operation)
        if shape_name is None:
            return {}
        shape = self.shapes[shape_name]
        params: dict = {}
        errors: list = []
        for member, ref in shape.get("members", {}).items():
            location = ref.get("location")
            wire = ref.get("locationName", member)
            if location == "uri":
                if wire in labels:
                    params[member] = labels[wire]
            elif location == "querystring":
                if wire in query:
                    params[member] = self.from_query(ref["shape"], query[wire], member, errors)
            elif location == "header":
                continue
            elif isinstance(body, dict) and member in body:
                params[member] = body[member]
        if errors:
            raise validation(self.message(errors), errors)
        self.check_structure(shape_name, params, "", errors)
        if errors:
            raise validation(self.message(errors), errors)
        return params

    def from_query(self, shape_name: str, text: str, member: str, errors: list):
        kind = self.shapes[shape_name]["type"]
        if kind in ("integer", "long"):
            try:
                return int(text)
            except ValueError:
                errors.append({"Name": camel(member), "Message": f"Value '{text}' at '{camel(member)}' failed to satisfy constraint: Member must be a number"})
                return None
        if kind == "boolean":
            if text not in ("true", "false"):
                errors.append({"Name": camel(member), "Message": f"Value '{text}' at '{camel(member)}' failed to satisfy constraint: Member must be a boolean"})
            return text == "true"
        return text

    @staticmethod
    def message(errors: list) -> str:
        count = len(errors)
        return f"{count} validation error{'s' if count > 1 else ''} detected: " + "; ".join(e["Message"] for e in errors)

    def fail(self, errors: list, path: str, value, constraint: str):
        shown = value if isinstance(value, (str, int, float, bool)) or value is None else json.dumps(value)[:80]
        errors.append({"Name": path, "Message": f"Value '{shown}' at '{path}' failed to satisfy constraint: {constraint}"})

    def check_structure(self, shape_name: str, value, path: str, errors: list):
        shape = self.shapes[shape_name]
        if not isinstance(value, dict):
            self.fail(errors, path or "input", value, "Member must be a structure")
            return
        for member in shape.get("required", []):
            if value.get(member) is None:
                self.fail(errors, self.join(path, member), None, "Member must not be null")
        for member, ref in shape.get("members", {}).items():
            if member in value and value[member] is not None:
                self.check(ref["shape"], value[member], self.join(path, member), errors)

    @staticmethod
    def join(path: str, member: str) -> str:
        return f"{path}.{camel(member)}" if path else camel(member)

    def check(self, shape_name: str, value, path: str, errors: list):
        shape = self.shapes[shape_name]
        kind = shape["type"]
        if kind == "structure":
            self.check_structure(shape_name, value, path, errors)
        elif kind == "string":
            if not isinstance(value, str):
                self.fail(errors, path, value, "Member must be a string")
                return
            self.check_length(shape, len(value), value, path, errors)
            if "enum" in shape and value not in shape["enum"]:
                self.fail(errors, path, value, f"Member must satisfy enum value set: [{', '.join(shape['enum'])}]")
            if "pattern" in shape:
                regex = self.patterns.setdefault(shape_name, python_pattern(shape["pattern"]))
                if not regex.fullmatch(value):
                    self.fail(errors, path, value, f"Member must satisfy regular expression pattern: {shape['pattern']}")
        elif kind in ("integer", "long"):
            if not isinstance(value, int) or isinstance(value, bool):
                self.fail(errors, path, value, "Member must be an integer")
                return
            if "min" in shape and value < shape["min"]:
                self.fail(errors, path, value, f"Member must have value greater than or equal to {shape['min']}")
            if "max" in shape and value > shape["max"]:
                self.fail(errors, path, value, f"Member must have value less than or equal to {shape['max']}")
        elif kind == "double":
            if not isinstance(value, (int, float)) or isinstance(value, bool):
                self.fail(errors, path, value, "Member must be a number")
        elif kind == "boolean":
            if not isinstance(value, bool):
                self.fail(errors, path, value, "Member must be a boolean")
        elif kind == "timestamp":
            if not isinstance(value, (int, float)) or isinstance(value, bool):
                self.fail(errors, path, value, "Member must be a timestamp")
        elif kind == "list":
            if not isinstance(value, list):
                self.fail(errors, path, value, "Member must be a list")
                return
            self.check_length(shape, len(value), value, path, errors)
            for index, item in enumerate(value):
                if item is None:
                    self.fail(errors, f"{path}.{index + 1}.member", None, "Member must not be null")
                else:
                    self.check(shape["member"]["shape"], item, f"{path}.{index + 1}.member", errors)
        elif kind == "map":
            if not isinstance(value, dict):
                self.fail(errors, path, value, "Member must be a map")
                return
            self.check_length(shape, len(value), value, path, errors)
            for key, item in value.items():
                self.check(shape["key"]["shape"], key, f"{path}.key", errors)
                if item is None:
                    self.fail(errors, f"{path}.{key}", None, "Member must not be null")
                else:
                    self.check(shape["value"]["shape"], item, f"{path}.{key}", errors)

    def check_length(self, shape: dict, length: int, value, path: str, errors: list):
        if "min" in shape and length < shape["min"]:
            self.fail(errors, path, value, f"Member must have length greater than or equal to {shape['min']}")
        if "max" in shape and length > shape["max"]:
            self.fail(errors, path, value, f"Member must have length less than or equal to {shape['max']}")


# --- lenses ------------------------------------------------------------------------------------

def wa_lens(dropped: set[str]) -> dict:
    """The wellarchitected lens from the catalog, in the catalog's order."""
    questions: dict[str, dict] = {}
    with open(CATALOG, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            question = questions.setdefault(row["question_id"], {
                "QuestionId": row["question_id"], "PillarId": row["pillar_id"],
                "QuestionTitle": row["question_title"], "choices": []})
            if any(c["ChoiceId"] == row["choice_id"] for c in question["choices"]):
                continue
            question["choices"].append({"ChoiceId": row["choice_id"], "Title": row["bp_title"], "risk": row["risk"]})
    for question_id, question in questions.items():
        question["none"] = NONE_OF_THESE[question_id]
        question["choices"].append({"ChoiceId": question["none"], "Title": "None of these", "risk": "NONE"})
    lens = {"alias": "wellarchitected", "name": "AWS Well-Architected Framework", "custom": False,
            "version": WA_VERSION, "questions": list(questions.values())}
    if dropped:
        lens["previous"] = {"version": WA_PREVIOUS_VERSION, "drop_choices": sorted(dropped)}
    return lens


def load_lens_file(path: str) -> dict:
    with open(path, encoding="utf-8") as f:
        lens = json.load(f)
    for question in lens["questions"]:
        none = question.get("none")
        if none and not any(c["ChoiceId"] == none for c in question["choices"]):
            question["choices"].append({"ChoiceId": none, "Title": "None of these", "risk": "NONE"})
    return lens


class Lens:
    def __init__(self, raw: dict):
        self.alias = raw["alias"]
        self.name = raw["name"]
        self.custom = raw.get("custom", False)
        if self.custom:
            digest = hashlib.sha256(self.alias.encode()).hexdigest()[:32]
            self.arn = f"arn:aws:wellarchitected:{REGION}:{ACCOUNT}:lens/{digest}"
        else:
            self.arn = f"arn:aws:wellarchitected:{REGION}::lens/{self.alias}"
        self.latest = raw["version"]
        self.versions = {self.latest: raw["questions"]}
        previous = raw.get("previous")
        self.previous = previous["version"] if previous else None
        if previous:
            dropped = set(previous.get("drop_choices", []))
            self.versions[self.previous] = [
                q | {"choices": [c for c in q["choices"] if c["ChoiceId"] not in dropped]}
                for q in raw["questions"]]

    @property
    def key(self) -> str:
        """How the workload's state names this lens: its ARN for a custom lens, else its alias."""
        return self.arn if self.custom else self.alias

    def questions(self, version: str) -> list[dict]:
        return self.versions[version]

    def question(self, version: str, question_id: str) -> dict:
        for question in self.versions[version]:
            if question["QuestionId"] == question_id:
                return question
        raise not_found(f"No question {question_id} in lens {self.key} version {version}", question_id, "QUESTION")

    def pillars(self, version: str) -> list[str]:
        seen = []
        for question in self.versions[version]:
            if question["PillarId"] not in seen:
                seen.append(question["PillarId"])
        return seen


OFFICIAL_ARN = re.compile(r"arn:aws:wellarchitected:[a-z0-9-]+::lens/([a-z0-9-]+)")
CUSTOM_ARN = re.compile(r"arn:aws:wellarchitected:[a-z0-9-]+:[0-9]{12}:lens/[0-9a-f]{32}")


# --- the service -------------------------------------------------------------------------------

class Fake:
    def __init__(self, args: argparse.Namespace, model: Model):
        self.lock = threading.Lock()
        self.model = model
        raws = [wa_lens(set(args.drop_choice))]
        raws += [load_lens_file(p) for p in sorted(glob.glob(os.path.join(LENS_DIR, "*.json")))]
        raws += [load_lens_file(p) for p in args.lens_file]
        self.lenses = [Lens(raw) for raw in raws]
        self.old_lenses = set(args.old_lens) | ({"wellarchitected"} if args.drop_choice else set())
        self.workloads: dict[str, dict] = {}
        self.calls: dict[str, int] = {}
        self.tokens: dict[str, tuple] = {}
        self.idempotency: dict[tuple, tuple] = {}
        self.fail_after = args.fail_update_after
        self.fail_status = args.fail_status
        self.fail_code = args.fail_code
        self.fail_question = args.fail_question
        self.updates_done = 0

    # --- lenses and workloads ------------------------------------------------------------------
    def lens(self, alias_or_arn: str) -> Lens:
        if alias_or_arn.startswith("arn:"):
            official = OFFICIAL_ARN.fullmatch(alias_or_arn)
            if not official and not CUSTOM_ARN.fullmatch(alias_or_arn):
                raise validation(f"LensAlias {alias_or_arn} is not a valid lens ARN")
            for lens in self.lenses:
                if lens.arn == alias_or_arn or (official and not lens.custom and lens.alias == official.group(1)):
                    return lens
        else:
            for lens in self.lenses:
                if not lens.custom and lens.alias == alias_or_arn:
                    return lens
        raise not_found(f"No lens {alias_or_arn}", alias_or_arn, "LENS")

    def workload(self, workload_id: str) -> dict:
        workload = self.workloads.get(workload_id)
        if workload is None:
            raise not_found(f"No workload with id {workload_id}", workload_id, "WORKLOAD")
        return workload

    def review(self, workload_id: str, alias_or_arn: str) -> tuple[dict, Lens, str, dict]:
        workload = self.workload(workload_id)
        lens = self.lens(alias_or_arn)
        if lens.key not in workload["lenses"]:
            raise not_found(f"Lens {alias_or_arn} is not associated with workload {workload_id}", alias_or_arn, "LENS")
        return workload, lens, workload["lens_versions"][lens.key], workload["lenses"][lens.key]

    def start_review(self, workload: dict, lens: Lens):
        version = lens.previous if lens.alias in self.old_lenses and lens.previous else lens.latest
        workload["lens_versions"][lens.key] = version
        workload["lenses"][lens.key] = {
            q["QuestionId"]: {"SelectedChoices": [], "choice_answers": {}, "Notes": "", "IsApplicable": True}
            for q in lens.questions(version)}

    @staticmethod
    def normalized(name: str) -> str:
        return re.sub(r"\s+", "", name).lower()

    def idempotent(self, operation: str, params: dict, run):
        token = params.get("ClientRequestToken")
        if token is None:
            return run()
        key = (operation, token)
        fingerprint = json.dumps({k: v for k, v in params.items() if k != "ClientRequestToken"}, sort_keys=True)
        if key in self.idempotency:
            seen, answer = self.idempotency[key]
            if seen != fingerprint:
                raise conflict(f"ClientRequestToken {token} was used with other parameters", token, "CLIENT_REQUEST_TOKEN")
            return answer
        answer = run()
        self.idempotency[key] = (fingerprint, answer)
        return answer

    def page(self, listing: str, scope: dict, items: list, params: dict, key: str, render) -> dict:
        token = params.get("NextToken")
        start = 0
        if token is not None:
            known = self.tokens.get(token)
            if known is None or known[0] != listing or known[1] != scope:
                raise validation(f"The NextToken {token} is not valid")
            start = known[2]
        size = params.get("MaxResults") or 50
        out = {key: [render(item) for item in items[start:start + size]]}
        if start + size < len(items):
            next_token = base64.urlsafe_b64encode(secrets.token_bytes(24)).decode()
            self.tokens[next_token] = (listing, scope, start + size)
            out["NextToken"] = next_token
        return out

    # --- risk ----------------------------------------------------------------------------------
    @staticmethod
    def risk(question: dict, answer: dict) -> str:
        if not answer["IsApplicable"]:
            return "NOT_APPLICABLE"
        states = answer["choice_answers"]
        if not answer["SelectedChoices"] and not any(s["Status"] == "NOT_APPLICABLE" for s in states.values()):
            return "UNANSWERED"
        if question.get("none") in answer["SelectedChoices"]:
            return "HIGH"
        missing = [c["risk"] for c in question["choices"]
                   if c["ChoiceId"] != question.get("none") and c["ChoiceId"] not in answer["SelectedChoices"]
                   and states.get(c["ChoiceId"], {}).get("Status") != "NOT_APPLICABLE"]
        if "HIGH" in missing:
            return "HIGH"
        return "MEDIUM" if "MEDIUM" in missing else "NONE"

    def risk_counts(self, lens: Lens, version: str, answers: dict, pillar: str | None) -> dict:
        counts = {"HIGH": 0, "MEDIUM": 0, "NONE": 0, "UNANSWERED": 0, "NOT_APPLICABLE": 0}
        for question in lens.questions(version):
            if pillar is None or question["PillarId"] == pillar:
                counts[self.risk(question, answers[question["QuestionId"]])] += 1
        return counts

    def workload_risk(self, workload: dict) -> dict:
        total = {"HIGH": 0, "MEDIUM": 0, "NONE": 0, "UNANSWERED": 0, "NOT_APPLICABLE": 0}
        for key, answers in workload["lenses"].items():
            counts = self.risk_counts(self.lens(key), workload["lens_versions"][key], answers, None)
            for risk, n in counts.items():
                total[risk] += n
        return total

    @staticmethod
    def choice_json(choice: dict) -> dict:
        return {"ChoiceId": choice["ChoiceId"], "Title": choice["Title"], "Description": choice["Title"]}

    def answer_json(self, question: dict, answer: dict, full: bool) -> dict:
        choice_answers = []
        for choice in question["choices"]:
            state = answer["choice_answers"].get(choice["ChoiceId"])
            status = "SELECTED" if choice["ChoiceId"] in answer["SelectedChoices"] else (
                state["Status"] if state else "UNSELECTED")
            if not state and status == "UNSELECTED":
                continue
            entry = {"ChoiceId": choice["ChoiceId"], "Status": status}
            if state and state.get("Reason"):
                entry["Reason"] = state["Reason"]
            if full and state and state.get("Notes"):
                entry["Notes"] = state["Notes"]
            choice_answers.append(entry)
        out = {
            "QuestionId": question["QuestionId"],
            "PillarId": question["PillarId"],
            "QuestionTitle": question["QuestionTitle"],
            "Choices": [self.choice_json(c) for c in question["choices"]],
            "SelectedChoices": list(answer["SelectedChoices"]),
            "IsApplicable": answer["IsApplicable"],
            "Risk": self.risk(question, answer),
        }
        if full:
            out["ChoiceAnswers"] = choice_answers
            if answer["Notes"]:
                out["Notes"] = answer["Notes"]
        else:
            out["ChoiceAnswerSummaries"] = choice_answers
        if answer.get("Reason"):
            out["Reason"] = answer["Reason"]
        return out

    # --- operations ----------------------------------------------------------------------------
    def create_workload(self, p: dict) -> dict:
        if not p.get("ReviewOwner"):
            raise validation("ReviewOwner is required when creating a workload")
        if not p.get("AwsRegions") and not p.get("NonAwsRegions"):
            raise validation("Either AwsRegions, NonAwsRegions, or both must be specified when creating a workload")
        return self.idempotent("CreateWorkload", p, lambda: self.do_create_workload(p))

    def do_create_workload(self, p: dict) -> dict:
        name = p["WorkloadName"]
        for other in self.workloads.values():
            if self.normalized(other["WorkloadName"]) == self.normalized(name):
                raise conflict(f"A workload named {other['WorkloadName']} already exists (names are unique ignoring case and spaces)",
                               other["WorkloadId"], "WORKLOAD")
        lenses = []
        for alias in ["wellarchitected"] + list(p["Lenses"]):
            lens = self.lens(alias)
            if lens not in lenses:
                lenses.append(lens)
        if len(lenses) > MAX_LENSES:
            raise validation(f"A workload can have at most {MAX_LENSES} lenses")
        workload_id = uuid.uuid4().hex
        arn = f"arn:aws:wellarchitected:{REGION}:{ACCOUNT}:workload/{workload_id}"
        workload = {
            "WorkloadId": workload_id, "WorkloadArn": arn, "WorkloadName": name,
            "Description": p["Description"], "Environment": p["Environment"],
            "AwsRegions": p.get("AwsRegions", []), "NonAwsRegions": p.get("NonAwsRegions", []),
            "AccountIds": p.get("AccountIds", []), "ReviewOwner": p["ReviewOwner"],
            "UpdatedAt": time.time(), "lenses": {}, "lens_versions": {}, "milestones": [],
        }
        for lens in lenses:
            self.start_review(workload, lens)
        self.workloads[workload_id] = workload
        return {"WorkloadId": workload_id, "WorkloadArn": arn}

    def summary(self, workload: dict) -> dict:
        return {key: workload[key] for key in ("WorkloadId", "WorkloadArn", "WorkloadName", "UpdatedAt")} | {
            "Owner": ACCOUNT, "Lenses": list(workload["lenses"]), "RiskCounts": self.workload_risk(workload)}

    def list_workloads(self, p: dict) -> dict:
        prefix = p.get("WorkloadNamePrefix", "")
        matching = [w for w in self.workloads.values() if w["WorkloadName"].startswith(prefix)]
        return self.page("ListWorkloads", {"prefix": prefix}, matching, p, "WorkloadSummaries", self.summary)

    def get_workload(self, p: dict) -> dict:
        workload = self.workload(p["WorkloadId"])
        body = {k: v for k, v in workload.items() if k not in ("lenses", "lens_versions", "milestones")}
        return {"Workload": body | {"Lenses": list(workload["lenses"]), "Owner": ACCOUNT,
                                    "RiskCounts": self.workload_risk(workload)}}

    def associate_lenses(self, p: dict) -> dict:
        workload = self.workload(p["WorkloadId"])
        lenses = [self.lens(alias) for alias in p["LensAliases"]]
        if len(set(workload["lenses"]) | {lens.key for lens in lenses}) > MAX_LENSES:
            raise validation(f"A workload can have at most {MAX_LENSES} lenses")
        for lens in lenses:
            if lens.key not in workload["lenses"]:
                self.start_review(workload, lens)
        return {}

    def lens_review_summary(self, workload: dict, lens: Lens) -> dict:
        version = workload["lens_versions"][lens.key]
        return {"LensAlias": lens.key, "LensArn": lens.arn, "LensVersion": version, "LensName": lens.name,
                "LensStatus": "CURRENT" if version == lens.latest else "NOT_CURRENT",
                "UpdatedAt": workload["UpdatedAt"],
                "RiskCounts": self.risk_counts(lens, version, workload["lenses"][lens.key], None)}

    def list_lens_reviews(self, p: dict) -> dict:
        workload = self.workload(p["WorkloadId"])
        lenses = [self.lens(key) for key in workload["lenses"]]
        out = self.page("ListLensReviews", {"workload": workload["WorkloadId"]}, lenses, p, "LensReviewSummaries",
                        lambda lens: self.lens_review_summary(workload, lens))
        return {"WorkloadId": workload["WorkloadId"]} | out

    def get_lens_review(self, p: dict) -> dict:
        workload, lens, version, answers = self.review(p["WorkloadId"], p["LensAlias"])
        pillars = [{"PillarId": pillar, "PillarName": PILLAR_NAMES.get(pillar, pillar),
                    "RiskCounts": self.risk_counts(lens, version, answers, pillar)} for pillar in lens.pillars(version)]
        return {"WorkloadId": workload["WorkloadId"],
                "LensReview": self.lens_review_summary(workload, lens) | {"PillarReviewSummaries": pillars}}

    def list_answers(self, p: dict) -> dict:
        workload, lens, version, answers = self.review(p["WorkloadId"], p["LensAlias"])
        pillar = p.get("PillarId")
        questions = [q for q in lens.questions(version) if pillar is None or q["PillarId"] == pillar]
        scope = {"workload": workload["WorkloadId"], "lens": lens.key, "pillar": pillar}
        out = self.page("ListAnswers", scope, questions, p, "AnswerSummaries",
                        lambda q: self.answer_json(q, answers[q["QuestionId"]], full=False))
        return {"WorkloadId": workload["WorkloadId"], "LensAlias": lens.key, "LensArn": lens.arn} | out

    def get_answer(self, p: dict) -> dict:
        workload, lens, version, answers = self.review(p["WorkloadId"], p["LensAlias"])
        question = lens.question(version, p["QuestionId"])
        return {"WorkloadId": workload["WorkloadId"], "LensAlias": lens.key, "LensArn": lens.arn,
                "Answer": self.answer_json(question, answers[question["QuestionId"]], full=True)}

    def update_answer(self, p: dict) -> dict:
        workload, lens, version, answers = self.review(p["WorkloadId"], p["LensAlias"])
        question_id = p["QuestionId"]
        question = lens.question(version, question_id)
        if self.fail_after is not None and self.updates_done >= self.fail_after and (
                self.fail_question is None or self.fail_question == question_id):
            extra = {"ResourceId": question_id, "ResourceType": "QUESTION"} if self.fail_code in (
                "ResourceNotFoundException", "ConflictException") else {}
            raise ApiError(self.fail_status, self.fail_code, f"injected failure for {question_id}", **extra)
        answer = copy.deepcopy(answers[question_id])  # committed only when valid
        known = [c["ChoiceId"] for c in question["choices"]]
        none = question.get("none")
        selected = p.get("SelectedChoices")
        if selected is not None:
            unknown = [c for c in selected if c not in known]
            if unknown:
                raise validation(f"Unknown choice ids for {question_id}: {', '.join(unknown)}")
        updates = p.get("ChoiceUpdates") or {}
        for choice_id in updates:
            if choice_id not in known:
                raise validation(f"Unknown choice id {choice_id} in ChoiceUpdates for {question_id}")
        # SelectedChoices is the whole set: everything left out is unselected, a choice a person
        # marked not applicable included (the reference does not say otherwise).
        if selected is not None:
            answer["SelectedChoices"] = [c for c in known if c in selected]
            for choice_id, state in answer["choice_answers"].items():
                if choice_id not in selected and state["Status"] in ("SELECTED", "NOT_APPLICABLE"):
                    state["Status"] = "UNSELECTED"
                    state.pop("Reason", None)
            for choice_id in answer["SelectedChoices"]:
                answer["choice_answers"].setdefault(choice_id, {})["Status"] = "SELECTED"
        # A choice update replaces the choice's state: what it leaves out is cleared.
        for choice_id, update in updates.items():
            state = {"Status": update["Status"]}
            if update.get("Notes"):
                state["Notes"] = update["Notes"]
            if update.get("Reason"):
                state["Reason"] = update["Reason"]
            answer["choice_answers"][choice_id] = state
            if update["Status"] == "SELECTED" and choice_id not in answer["SelectedChoices"]:
                answer["SelectedChoices"] = [c for c in known if c in answer["SelectedChoices"] or c == choice_id]
            elif update["Status"] != "SELECTED" and choice_id in answer["SelectedChoices"]:
                answer["SelectedChoices"].remove(choice_id)
        if none in answer["SelectedChoices"] and len(answer["SelectedChoices"]) > 1:
            raise validation(f"{none} (None of these) cannot be selected with other choices")
        answer["Notes"] = p.get("Notes") or ""
        if "IsApplicable" in p:
            answer["IsApplicable"] = p["IsApplicable"]
        if p.get("Reason"):
            answer["Reason"] = p["Reason"]
        else:
            answer.pop("Reason", None)
        answers[question_id] = answer
        workload["UpdatedAt"] = time.time()
        self.updates_done += 1
        return {"WorkloadId": workload["WorkloadId"], "LensAlias": lens.key, "LensArn": lens.arn,
                "Answer": self.answer_json(question, answer, full=True)}

    def create_milestone(self, p: dict) -> dict:
        return self.idempotent("CreateMilestone", p, lambda: self.do_create_milestone(p))

    def do_create_milestone(self, p: dict) -> dict:
        workload = self.workload(p["WorkloadId"])
        self.save_milestone(workload, p["MilestoneName"])
        return {"WorkloadId": workload["WorkloadId"], "MilestoneNumber": len(workload["milestones"])}

    def save_milestone(self, workload: dict, name: str):
        if any(m["MilestoneName"] == name for m in workload["milestones"]):
            raise conflict(f"A milestone named {name} already exists in workload {workload['WorkloadId']}",
                           name, "MILESTONE")
        if len(workload["milestones"]) >= MAX_MILESTONES:
            raise quota(f"Workload {workload['WorkloadId']} has {MAX_MILESTONES} milestones, the most it can have",
                        workload["WorkloadId"], "MILESTONE")
        workload["milestones"].append({
            "MilestoneName": name, "MilestoneNumber": len(workload["milestones"]) + 1, "RecordedAt": time.time(),
            "lenses": copy.deepcopy(workload["lenses"]), "lens_versions": dict(workload["lens_versions"])})

    def list_milestones(self, p: dict) -> dict:
        workload = self.workload(p["WorkloadId"])
        out = self.page("ListMilestones", {"workload": workload["WorkloadId"]}, workload["milestones"], p,
                        "MilestoneSummaries", lambda m: {k: m[k] for k in ("MilestoneName", "MilestoneNumber", "RecordedAt")}
                        | {"WorkloadSummary": self.summary(workload)})
        return {"WorkloadId": workload["WorkloadId"]} | out

    def upgrade_lens_review(self, p: dict) -> dict:
        workload, lens, version, answers = self.review(p["WorkloadId"], p["LensAlias"])
        if version == lens.latest:
            raise validation(f"The review of lens {lens.key} is on the latest version {version} already")
        self.save_milestone(workload, p["MilestoneName"])
        upgraded = {}
        for question in lens.questions(lens.latest):
            old = answers.get(question["QuestionId"])
            upgraded[question["QuestionId"]] = copy.deepcopy(old) if old else {
                "SelectedChoices": [], "choice_answers": {}, "Notes": "", "IsApplicable": True}
        workload["lenses"][lens.key] = upgraded
        workload["lens_versions"][lens.key] = lens.latest
        workload["UpdatedAt"] = time.time()
        return {}

    def get_lens_version_difference(self, p: dict) -> dict:
        lens = self.lens(p["LensAlias"])
        base = p.get("BaseLensVersion") or lens.previous or lens.latest
        target = p.get("TargetLensVersion") or lens.latest
        for version in (base, target):
            if version not in lens.versions:
                raise not_found(f"Lens {lens.key} has no version {version}", version, "LENS")
        pillars = []
        for pillar in lens.pillars(target):
            changed = []
            for question in lens.questions(target):
                if question["PillarId"] != pillar:
                    continue
                before = next((q for q in lens.questions(base) if q["QuestionId"] == question["QuestionId"]), None)
                status = "NEW" if before is None else ("UPDATED" if before["choices"] != question["choices"] else None)
                if status:
                    changed.append({"QuestionId": question["QuestionId"], "QuestionTitle": question["QuestionTitle"],
                                    "DifferenceStatus": status})
            pillars.append({"PillarId": pillar, "PillarName": PILLAR_NAMES.get(pillar, pillar),
                            "DifferenceStatus": "UPDATED" if changed else "NO_CHANGE", "QuestionDifferences": changed})
        return {"LensAlias": lens.key, "LensArn": lens.arn, "BaseLensVersion": base, "TargetLensVersion": target,
                "LatestLensVersion": lens.latest, "VersionDifferences": {"PillarDifferences": pillars}}

    HANDLERS = {
        "CreateWorkload": create_workload, "GetWorkload": get_workload, "ListWorkloads": list_workloads,
        "AssociateLenses": associate_lenses, "ListLensReviews": list_lens_reviews, "GetLensReview": get_lens_review,
        "ListAnswers": list_answers, "GetAnswer": get_answer, "UpdateAnswer": update_answer,
        "CreateMilestone": create_milestone, "ListMilestones": list_milestones,
        "UpgradeLensReview": upgrade_lens_review, "GetLensVersionDifference": get_lens_version_difference,
    }

    # --- HTTP ----------------------------------------------------------------------------------
    def handle(self, method: str, path: str, query_string: str, raw: bytes) -> tuple[int, dict, str | None]:
        """One request: (status, body, error code)."""
        if method == "GET" and path == "/_fake/state":
            return 200, {"workloads": self.workloads, "calls": self.calls}, None
        operation, labels = self.model.route(method, path)
        if operation is None:
            return 404, {"Message": f"No operation at {method} {path}"}, "UnknownOperationException"
        self.calls[operation] = self.calls.get(operation, 0) + 1
        try:
            body = json.loads(raw) if raw.strip() else {}
        except ValueError:
            return 400, {"Message": "The request body is not JSON"}, "SerializationException"
        if not isinstance(body, dict):
            return 400, {"Message": "The request body is not a JSON object"}, "SerializationException"
        query = {k: v[0] for k, v in parse_qs(query_string, keep_blank_values=True).items()}
        handler = self.HANDLERS.get(operation)
        if handler is None:
            return 501, {"Message": f"{operation} is not implemented by the test double"}, "NotImplemented"
        try:
            params = self.model.parse(operation, labels, query, body)
            return 200, handler(self, params), None
        except ApiError as err:
            return err.status, err.body(), err.code

    def __call__(self, environ, start_response):
        length = int(environ.get("CONTENT_LENGTH") or 0)
        raw = environ["wsgi.input"].read(length) if length else b""
        with self.lock:
            # The raw path: a lens ARN in a URI label carries an encoded `/` (`%2F`), which
            # PATH_INFO has already decoded.
            path = environ.get("RAW_PATH", environ.get("PATH_INFO", "")).split("?")[0]
            status, payload, code = self.handle(environ["REQUEST_METHOD"], path,
                                                environ.get("QUERY_STRING", ""), raw)
        data = json.dumps(payload).encode()
        headers = [("Content-Type", "application/json"), ("Content-Length", str(len(data))),
                   ("x-amzn-RequestId", str(uuid.uuid4()))]
        if code:
            headers.append(("x-amzn-ErrorType", code))
        reasons = {200: "OK", 400: "Bad Request", 402: "Payment Required", 404: "Not Found", 409: "Conflict",
                   429: "Too Many Requests", 500: "Internal Server Error", 501: "Not Implemented",
                   503: "Service Unavailable"}
        start_response(f"{status} {reasons.get(status, 'Error')}", headers)
        return [data]


class Server(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class QuietHandler(WSGIRequestHandler):
    def get_environ(self):
        environ = super().get_environ()
        environ["RAW_PATH"] = self.path
        return environ

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        if VERBOSE:
            sys.stderr.write("wa_fake: " + (format % args) + "\n")


VERBOSE = False


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--model", help="the wellarchitected service-2.json(.gz) (default: botocore's)")
    p.add_argument("--fail-update-after", type=int, metavar="N",
                   help="every UpdateAnswer after the first N successful ones fails")
    p.add_argument("--fail-question", metavar="QUESTION_ID", help="only UpdateAnswer of this question fails")
    p.add_argument("--fail-status", type=int, default=500)
    p.add_argument("--fail-code", default="InternalServerException")
    p.add_argument("--drop-choice", action="append", default=[], metavar="CHOICE_ID",
                   help="new wellarchitected reviews start on a previous version that lacks this choice")
    p.add_argument("--old-lens", action="append", default=[], metavar="ALIAS",
                   help="new reviews of this lens start on its previous version")
    p.add_argument("--lens-file", action="append", default=[], metavar="FILE", help="serve this lens too")
    p.add_argument("--ignore-stdin", action="store_true", help="do not stop when stdin closes")
    p.add_argument("--verbose", action="store_true", help="log every request to stderr")
    return p


def make_fake(argv: list[str]) -> Fake:
    args = parser().parse_args(argv)
    global VERBOSE
    VERBOSE = args.verbose
    model = Model(load_model(args.model or find_model()))
    fake = Fake(args, model)
    fake.args = args
    return fake


def main() -> int:
    fake = make_fake(sys.argv[1:])
    server = make_server("127.0.0.1", 0, fake, server_class=Server, handler_class=QuietHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    print(f"WA_FAKE_READY http://127.0.0.1:{server.server_address[1]}", flush=True)
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    if not fake.args.ignore_stdin:
        threading.Thread(target=lambda: (sys.stdin.read(), stop.set()), daemon=True).start()
    stop.wait()
    server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
