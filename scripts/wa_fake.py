"""A small stateful fake of the AWS Well-Architected Tool API, for wascan's review tests.

moto does not implement the Well-Architected Tool, so this WSGI app (standard library only)
serves the REST-JSON operations `wascan review` uses, over HTTP on 127.0.0.1 (a port the OS
picks), with the documented limits and error codes:

    POST  /workloads                                        CreateWorkload (ConflictException on a duplicate name)
    GET   /workloads/{WorkloadId}                           GetWorkload
    POST  /workloadsSummaries                               ListWorkloads (WorkloadNamePrefix, paginated)
    GET   /workloads/{WorkloadId}/lensReviews/{LensAlias}   GetLensReview (risk counts per pillar)
    GET   /workloads/{WorkloadId}/lensReviews/{LensAlias}/answers                ListAnswers (paginated)
    GET   /workloads/{WorkloadId}/lensReviews/{LensAlias}/answers/{QuestionId}   GetAnswer
    PATCH /workloads/{WorkloadId}/lensReviews/{LensAlias}/answers/{QuestionId}   UpdateAnswer
    POST  /workloads/{WorkloadId}/milestones                CreateMilestone (ConflictException on a duplicate name)
    GET   /_fake/state                                      the whole state as JSON, and call counts (tests only)

The lens `wellarchitected` has the questions and choices of checks/data/wa-catalog.tsv (lens
2024-06-27) plus each question's "None of these" choice. UpdateAnswer replaces the selected
choices with SelectedChoices, applies ChoiceUpdates per choice (NOT_APPLICABLE unselects), and
rejects: notes over 2084 characters, choice notes over 250, unknown choice ids, "None of these"
together with another choice (ValidationException); unknown workload, lens or question
(ResourceNotFoundException). Risk per question as the Tool computes it: UNANSWERED when nothing
is selected, HIGH/MEDIUM when a choice of that risk is neither selected nor not applicable, else
NONE; NOT_APPLICABLE for a question marked so.

Faults: `--fail-update-after N` makes every UpdateAnswer after the first N successful ones fail
(`--fail-status`, default 500, `--fail-code`, default InternalServerException), optionally only
for `--fail-question ID`; `--drop-choice ID` leaves a choice out of the lens (an older lens
version).

Prints `WA_FAKE_READY http://127.0.0.1:<port>` on stdout when listening and serves until stdin
reaches EOF or SIGTERM/SIGINT arrives.
"""

from __future__ import annotations

import argparse
import copy
import csv
import json
import os
import signal
import sys
import threading
import time
import uuid
from socketserver import ThreadingMixIn
from urllib.parse import parse_qs, unquote
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

CATALOG = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "checks", "data", "wa-catalog.tsv")
LENS_ALIAS = "wellarchitected"
LENS_VERSION = "2024-06-27"
ANSWER_NOTES_MAX = 2084
CHOICE_NOTES_MAX = 250
PILLAR_NAMES = {
    "operationalExcellence": "Operational Excellence",
    "security": "Security",
    "reliability": "Reliability",
    "performance": "Performance Efficiency",
    "costOptimization": "Cost Optimization",
    "sustainability": "Sustainability",
}

# The "None of these" choice of each question (lens 2024-06-27), from shared wa-catalog.md.
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


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def validation(message: str) -> ApiError:
    return ApiError(400, "ValidationException", message)


def not_found(message: str) -> ApiError:
    return ApiError(404, "ResourceNotFoundException", message)


def conflict(message: str) -> ApiError:
    return ApiError(409, "ConflictException", message)


def load_lens(dropped: set[str]) -> list[dict]:
    """The lens's questions in the catalog's order, each with its choices and their risks."""
    questions: dict[str, dict] = {}
    with open(CATALOG, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            question = questions.setdefault(row["question_id"], {
                "QuestionId": row["question_id"],
                "PillarId": row["pillar_id"],
                "QuestionTitle": row["question_title"],
                "choices": [],
                "risk": {},
            })
            choice_id = row["choice_id"]
            if choice_id in dropped or choice_id in question["risk"]:
                continue
            question["choices"].append({"ChoiceId": choice_id, "Title": row["bp_title"], "Description": row["bp_title"]})
            question["risk"][choice_id] = row["risk"]
    for question_id, question in questions.items():
        question["none"] = NONE_OF_THESE[question_id]
        question["choices"].append({"ChoiceId": question["none"], "Title": "None of these", "Description": "None of these"})
    return list(questions.values())


class Fake:
    def __init__(self, args: argparse.Namespace):
        self.lock = threading.Lock()
        self.lens = load_lens(set(args.drop_choice))
        self.workloads: dict[str, dict] = {}
        self.calls: dict[str, int] = {}
        self.fail_after = args.fail_update_after
        self.fail_status = args.fail_status
        self.fail_code = args.fail_code
        self.fail_question = args.fail_question
        self.updates_done = 0
        self.region = "us-east-1"

    # --- state helpers -------------------------------------------------------------------
    def workload(self, workload_id: str) -> dict:
        workload = self.workloads.get(workload_id)
        if workload is None:
            raise not_found(f"No workload with id {workload_id}")
        return workload

    def answers(self, workload_id: str, lens_alias: str) -> dict:
        workload = self.workload(workload_id)
        if lens_alias not in workload["lenses"]:
            raise not_found(f"Lens {lens_alias} is not associated with workload {workload_id}")
        return workload["lenses"][lens_alias]

    def question(self, question_id: str) -> dict:
        for question in self.lens:
            if question["QuestionId"] == question_id:
                return question
        raise not_found(f"No question {question_id} in lens {LENS_ALIAS}")

    def risk(self, question: dict, answer: dict) -> str:
        if not answer["IsApplicable"]:
            return "NOT_APPLICABLE"
        if not answer["SelectedChoices"] and not any(
                s["Status"] == "NOT_APPLICABLE" for s in answer["choice_answers"].values()):
            return "UNANSWERED"
        missing = [
            question["risk"][c] for c in question["risk"]
            if c not in answer["SelectedChoices"]
            and answer["choice_answers"].get(c, {}).get("Status") != "NOT_APPLICABLE"
        ]
        if question["none"] in answer["SelectedChoices"] or "HIGH" in missing:
            return "HIGH"
        return "MEDIUM" if "MEDIUM" in missing else "NONE"

    def answer_json(self, question: dict, answer: dict, full: bool) -> dict:
        choice_answers = []
        for choice in question["choices"]:
            state = answer["choice_answers"].get(choice["ChoiceId"])
            status = "SELECTED" if choice["ChoiceId"] in answer["SelectedChoices"] else (
                state["Status"] if state else "UNSELECTED")
            entry = {"ChoiceId": choice["ChoiceId"], "Status": status}
            if state and state.get("Reason"):
                entry["Reason"] = state["Reason"]
            if full and state and state.get("Notes"):
                entry["Notes"] = state["Notes"]
            if state or status != "UNSELECTED":
                choice_answers.append(entry)
        out = {
            "QuestionId": question["QuestionId"],
            "PillarId": question["PillarId"],
            "QuestionTitle": question["QuestionTitle"],
            "Choices": question["choices"],
            "SelectedChoices": list(answer["SelectedChoices"]),
            "IsApplicable": answer["IsApplicable"],
            "Risk": self.risk(question, answer),
        }
        if full:
            out["ChoiceAnswers"] = choice_answers
            out["Notes"] = answer["Notes"]
        else:
            out["ChoiceAnswerSummaries"] = choice_answers
        if answer.get("Reason"):
            out["Reason"] = answer["Reason"]
        return out

    # --- operations ----------------------------------------------------------------------
    def create_workload(self, body: dict) -> dict:
        name = body.get("WorkloadName", "")
        if not 3 <= len(name) <= 100:
            raise validation("WorkloadName must have 3 to 100 characters")
        if not 3 <= len(body.get("Description", "")) <= 250:
            raise validation("Description must have 3 to 250 characters")
        if body.get("Environment") not in ("PRODUCTION", "PREPRODUCTION"):
            raise validation("Environment must be PRODUCTION or PREPRODUCTION")
        lenses = body.get("Lenses") or []
        if not lenses:
            raise validation("Lenses must name at least one lens")
        if any(lens != LENS_ALIAS for lens in lenses):
            raise not_found(f"Only lens {LENS_ALIAS} exists here")
        if any(w["WorkloadName"].lower() == name.lower() for w in self.workloads.values()):
            raise conflict(f"A workload named {name} already exists")
        workload_id = uuid.uuid4().hex
        arn = f"arn:aws:wellarchitected:{self.region}:123456789012:workload/{workload_id}"
        self.workloads[workload_id] = {
            "WorkloadId": workload_id,
            "WorkloadArn": arn,
            "WorkloadName": name,
            "Description": body["Description"],
            "Environment": body["Environment"],
            "AwsRegions": body.get("AwsRegions", []),
            "AccountIds": body.get("AccountIds", []),
            "ReviewOwner": body.get("ReviewOwner", ""),
            "UpdatedAt": time.time(),
            "lenses": {LENS_ALIAS: {
                q["QuestionId"]: {"SelectedChoices": [], "choice_answers": {}, "Notes": "", "IsApplicable": True}
                for q in self.lens
            }},
            "milestones": [],
        }
        return {"WorkloadId": workload_id, "WorkloadArn": arn}

    def summary(self, workload: dict) -> dict:
        return {key: workload[key] for key in ("WorkloadId", "WorkloadArn", "WorkloadName", "UpdatedAt")} | {
            "Lenses": list(workload["lenses"]), "RiskCounts": self.risk_counts(workload, None)}

    def risk_counts(self, workload: dict, pillar: str | None) -> dict:
        counts = {"HIGH": 0, "MEDIUM": 0, "NONE": 0, "UNANSWERED": 0, "NOT_APPLICABLE": 0}
        answers = workload["lenses"][LENS_ALIAS]
        for question in self.lens:
            if pillar is None or question["PillarId"] == pillar:
                counts[self.risk(question, answers[question["QuestionId"]])] += 1
        return counts

    def list_workloads(self, body: dict) -> dict:
        prefix = body.get("WorkloadNamePrefix", "")
        matching = [w for w in self.workloads.values() if w["WorkloadName"].lower().startswith(prefix.lower())]
        return self.page(matching, body.get("NextToken"), body.get("MaxResults", 50), "WorkloadSummaries", self.summary)

    def page(self, items: list, token, max_results, key: str, render) -> dict:
        start = int(token or 0)
        size = int(max_results or 50)
        if not 1 <= size <= 50:
            raise validation("MaxResults must be between 1 and 50")
        out = {key: [render(item) for item in items[start:start + size]]}
        if start + size < len(items):
            out["NextToken"] = str(start + size)
        return out

    def get_workload(self, workload_id: str) -> dict:
        workload = self.workload(workload_id)
        body = {k: v for k, v in workload.items() if k not in ("lenses", "milestones")}
        body["Lenses"] = list(workload["lenses"])
        return {"Workload": body}

    def list_answers(self, workload_id: str, lens_alias: str, query: dict) -> dict:
        answers = self.answers(workload_id, lens_alias)
        pillar = query.get("PillarId")
        questions = [q for q in self.lens if pillar is None or q["PillarId"] == pillar]
        out = self.page(questions, query.get("NextToken"), query.get("MaxResults", 50), "AnswerSummaries",
                        lambda q: self.answer_json(q, answers[q["QuestionId"]], full=False))
        return {"WorkloadId": workload_id, "LensAlias": lens_alias,
                "LensArn": f"arn:aws:wellarchitected::aws:lens/{lens_alias}"} | out

    def get_answer(self, workload_id: str, lens_alias: str, question_id: str) -> dict:
        answers = self.answers(workload_id, lens_alias)
        question = self.question(question_id)
        return {"WorkloadId": workload_id, "LensAlias": lens_alias,
                "LensArn": f"arn:aws:wellarchitected::aws:lens/{lens_alias}",
                "Answer": self.answer_json(question, answers[question_id], full=True)}

    def update_answer(self, workload_id: str, lens_alias: str, question_id: str, body: dict) -> dict:
        answers = self.answers(workload_id, lens_alias)
        question = self.question(question_id)
        if self.fail_after is not None and self.updates_done >= self.fail_after and (
                self.fail_question is None or self.fail_question == question_id):
            raise ApiError(self.fail_status, self.fail_code, f"injected failure for {question_id}")
        answer = copy.deepcopy(answers[question_id])  # committed only when valid
        known = {c["ChoiceId"] for c in question["choices"]}
        notes = body.get("Notes")
        if notes is not None and len(notes) > ANSWER_NOTES_MAX:
            raise validation(f"Notes must have at most {ANSWER_NOTES_MAX} characters (got {len(notes)})")
        selected = body.get("SelectedChoices")
        if selected is not None:
            unknown = [c for c in selected if c not in known]
            if unknown:
                raise validation(f"Unknown choice ids for {question_id}: {', '.join(unknown)}")
            if question["none"] in selected and len(set(selected)) > 1:
                raise validation(f"{question['none']} (None of these) cannot be selected with other choices")
        updates = body.get("ChoiceUpdates") or {}
        for choice_id, update in updates.items():
            if choice_id not in known:
                raise validation(f"Unknown choice id {choice_id} in ChoiceUpdates")
            if update.get("Status") not in ("SELECTED", "NOT_APPLICABLE", "UNSELECTED"):
                raise validation(f"ChoiceUpdates.{choice_id}.Status must be SELECTED, NOT_APPLICABLE or UNSELECTED")
            if len(update.get("Notes") or "") > CHOICE_NOTES_MAX:
                raise validation(f"ChoiceUpdates.{choice_id}.Notes must have at most {CHOICE_NOTES_MAX} characters")
        # Valid: apply it all.
        if selected is not None:
            answer["SelectedChoices"] = [c["ChoiceId"] for c in question["choices"] if c["ChoiceId"] in selected]
            for choice_id in answer["SelectedChoices"]:
                state = answer["choice_answers"].setdefault(choice_id, {"Status": "SELECTED"})
                state["Status"] = "SELECTED"
                state.pop("Reason", None)
            for choice_id, state in answer["choice_answers"].items():
                if state["Status"] == "SELECTED" and choice_id not in answer["SelectedChoices"]:
                    state["Status"] = "UNSELECTED"
        for choice_id, update in updates.items():
            state = answer["choice_answers"].setdefault(choice_id, {"Status": "UNSELECTED"})
            state["Status"] = update["Status"]
            if "Notes" in update:
                state["Notes"] = update["Notes"]
            if "Reason" in update:
                state["Reason"] = update["Reason"]
            if update["Status"] == "SELECTED" and choice_id not in answer["SelectedChoices"]:
                answer["SelectedChoices"] = [c["ChoiceId"] for c in question["choices"]
                                             if c["ChoiceId"] in answer["SelectedChoices"] or c["ChoiceId"] == choice_id]
            elif update["Status"] != "SELECTED" and choice_id in answer["SelectedChoices"]:
                answer["SelectedChoices"].remove(choice_id)
        if question["none"] in answer["SelectedChoices"] and len(answer["SelectedChoices"]) > 1:
            raise validation(f"{question['none']} (None of these) cannot be selected with other choices")
        if notes is not None:
            answer["Notes"] = notes
        if "IsApplicable" in body:
            answer["IsApplicable"] = bool(body["IsApplicable"])
        if "Reason" in body:
            answer["Reason"] = body["Reason"]
        answers[question_id] = answer
        self.workloads[workload_id]["UpdatedAt"] = time.time()
        self.updates_done += 1
        return self.get_answer(workload_id, lens_alias, question_id)

    def get_lens_review(self, workload_id: str, lens_alias: str) -> dict:
        workload = self.workload(workload_id)
        self.answers(workload_id, lens_alias)
        pillars = [{"PillarId": p, "PillarName": name, "RiskCounts": self.risk_counts(workload, p)}
                   for p, name in PILLAR_NAMES.items()]
        return {"WorkloadId": workload_id, "LensReview": {
            "LensAlias": lens_alias, "LensArn": f"arn:aws:wellarchitected::aws:lens/{lens_alias}",
            "LensVersion": LENS_VERSION, "LensName": "AWS Well-Architected Framework", "LensStatus": "CURRENT",
            "UpdatedAt": workload["UpdatedAt"], "PillarReviewSummaries": pillars,
            "RiskCounts": self.risk_counts(workload, None)}}

    def create_milestone(self, workload_id: str, body: dict) -> dict:
        workload = self.workload(workload_id)
        name = body.get("MilestoneName", "")
        if not 3 <= len(name) <= 100:
            raise validation("MilestoneName must have 3 to 100 characters")
        if any(m["MilestoneName"] == name for m in workload["milestones"]):
            raise conflict(f"A milestone named {name} already exists")
        number = len(workload["milestones"]) + 1
        snapshot = json.loads(json.dumps(workload["lenses"]))
        workload["milestones"].append({"MilestoneName": name, "MilestoneNumber": number, "lenses": snapshot})
        return {"WorkloadId": workload_id, "MilestoneNumber": number}

    # --- HTTP ----------------------------------------------------------------------------
    def route(self, method: str, parts: list[str], query: dict, body: dict):
        n = len(parts)
        if method == "POST" and parts == ["workloads"]:
            return "CreateWorkload", lambda: self.create_workload(body)
        if method == "POST" and parts == ["workloadsSummaries"]:
            return "ListWorkloads", lambda: self.list_workloads(body)
        if n == 2 and parts[0] == "workloads" and method == "GET":
            return "GetWorkload", lambda: self.get_workload(parts[1])
        if n == 3 and parts[0] == "workloads" and parts[2] == "milestones" and method == "POST":
            return "CreateMilestone", lambda: self.create_milestone(parts[1], body)
        if n >= 4 and parts[0] == "workloads" and parts[2] == "lensReviews":
            workload_id, lens_alias = parts[1], parts[3]
            if n == 4 and method == "GET":
                return "GetLensReview", lambda: self.get_lens_review(workload_id, lens_alias)
            if n == 5 and parts[4] == "answers" and method == "GET":
                return "ListAnswers", lambda: self.list_answers(workload_id, lens_alias, query)
            if n == 6 and parts[4] == "answers" and method == "GET":
                return "GetAnswer", lambda: self.get_answer(workload_id, lens_alias, parts[5])
            if n == 6 and parts[4] == "answers" and method == "PATCH":
                return "UpdateAnswer", lambda: self.update_answer(workload_id, lens_alias, parts[5], body)
        if method == "GET" and parts == ["_fake", "state"]:
            return None, lambda: {"workloads": self.workloads, "calls": self.calls}
        return None, None

    def __call__(self, environ, start_response):
        method = environ["REQUEST_METHOD"]
        parts = [unquote(p) for p in environ.get("PATH_INFO", "").split("/") if p]
        query = {k: v[0] for k, v in parse_qs(environ.get("QUERY_STRING", "")).items()}
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
            raw = environ["wsgi.input"].read(length) if length else b""
            body = json.loads(raw) if raw.strip() else {}
        except ValueError:
            return self.respond(start_response, 400, {"message": "body is not JSON"}, "SerializationException")
        with self.lock:
            operation, handler = self.route(method, parts, query, body)
            if handler is None:
                return self.respond(start_response, 404, {"message": f"no route {method} {environ.get('PATH_INFO')}"},
                                    "UnknownOperationException")
            if operation:
                self.calls[operation] = self.calls.get(operation, 0) + 1
            try:
                return self.respond(start_response, 200, handler())
            except ApiError as err:
                return self.respond(start_response, err.status, {"message": err.message}, err.code)

    @staticmethod
    def respond(start_response, status: int, payload: dict, error_code: str | None = None):
        data = json.dumps(payload).encode()
        headers = [("Content-Type", "application/json"), ("Content-Length", str(len(data))),
                   ("x-amzn-RequestId", str(uuid.uuid4()))]
        if error_code:
            headers.append(("x-amzn-ErrorType", error_code))
        reasons = {200: "OK", 400: "Bad Request", 404: "Not Found", 409: "Conflict", 429: "Too Many Requests",
                   500: "Internal Server Error", 503: "Service Unavailable"}
        start_response(f"{status} {reasons.get(status, 'Error')}", headers)
        return [data]


class Server(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        if VERBOSE:
            sys.stderr.write("wa_fake: " + (format % args) + "\n")


VERBOSE = False


def main() -> int:
    global VERBOSE
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fail-update-after", type=int, metavar="N",
                        help="every UpdateAnswer after the first N successful ones fails")
    parser.add_argument("--fail-question", metavar="QUESTION_ID", help="only UpdateAnswer of this question fails")
    parser.add_argument("--fail-status", type=int, default=500)
    parser.add_argument("--fail-code", default="InternalServerException")
    parser.add_argument("--drop-choice", action="append", default=[], metavar="CHOICE_ID",
                        help="leave this choice out of the lens (an older lens version)")
    parser.add_argument("--ignore-stdin", action="store_true", help="do not stop when stdin closes")
    parser.add_argument("--verbose", action="store_true", help="log every request to stderr")
    args = parser.parse_args()
    VERBOSE = args.verbose
    server = make_server("127.0.0.1", 0, Fake(args), server_class=Server, handler_class=QuietHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    print(f"WA_FAKE_READY http://127.0.0.1:{server.server_address[1]}", flush=True)
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    if not args.ignore_stdin:
        threading.Thread(target=lambda: (sys.stdin.read(), stop.set()), daemon=True).start()
    stop.wait()
    server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
