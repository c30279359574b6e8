"""Tests of the Well-Architected Tool test double (scripts/wa_fake.py): each request the service
rejects is rejected here too, with the service's status, error code and error shape.

Run on the venv's python (botocore provides the service model):
    .venv/bin/python -m unittest discover -s scripts -p 'test_wa_fake.py'
The Rust test `review::the_double_rejects_what_the_service_rejects` runs it in `scripts/test`.
"""

from __future__ import annotations

import json
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import wa_fake  # noqa: E402


def workload_body(**overrides) -> dict:
    body = {
        "WorkloadName": "shop",
        "Description": "the shop",
        "Environment": "PRODUCTION",
        "ReviewOwner": "team-shop@example.com",
        "AwsRegions": ["us-east-1"],
        "AccountIds": ["123456789012"],
        "Lenses": ["wellarchitected"],
        "ClientRequestToken": os.urandom(8).hex(),
    }
    body.update(overrides)
    return {k: v for k, v in body.items() if v is not None}


class DoubleTest(unittest.TestCase):
    def setUp(self):
        self.fake = wa_fake.make_fake(["--ignore-stdin"])

    def call(self, method: str, path: str, body=None, query: str = ""):
        raw = json.dumps(body).encode() if body is not None else b""
        return self.fake.handle(method, path, query, raw)

    def ok(self, method: str, path: str, body=None, query: str = "") -> dict:
        status, payload, code = self.call(method, path, body, query)
        self.assertEqual((status, code), (200, None), payload)
        return payload

    def rejects(self, status: int, code: str, method: str, path: str, body=None, query: str = "") -> dict:
        got_status, payload, got_code = self.call(method, path, body, query)
        self.assertEqual((got_status, got_code), (status, code), payload)
        self.assertIn("Message", payload)
        self.assertNotIn("message", payload)
        if code in ("ResourceNotFoundException", "ConflictException"):
            self.assertTrue(payload.get("ResourceId"), payload)
            self.assertTrue(payload.get("ResourceType"), payload)
        return payload

    def workload(self, name: str = "shop", lenses=("wellarchitected",)) -> str:
        return self.ok("POST", "/workloads", workload_body(WorkloadName=name, Lenses=list(lenses)))["WorkloadId"]

    # --- CreateWorkload --------------------------------------------------------------------
    def test_create_workload_needs_a_review_owner(self):
        payload = self.rejects(400, "ValidationException", "POST", "/workloads", workload_body(ReviewOwner=None))
        self.assertIn("ReviewOwner", payload["Message"])

    def test_create_workload_needs_regions(self):
        self.rejects(400, "ValidationException", "POST", "/workloads", workload_body(AwsRegions=None))
        self.rejects(400, "ValidationException", "POST", "/workloads", workload_body(AwsRegions=[]))
        self.ok("POST", "/workloads", workload_body(AwsRegions=None, NonAwsRegions=["on-premises"]))

    def test_create_workload_takes_at_most_50_regions(self):
        regions = [f"region-{i}" for i in range(51)]
        payload = self.rejects(400, "ValidationException", "POST", "/workloads", workload_body(AwsRegions=regions))
        self.assertIn("at 'awsRegions' failed to satisfy constraint: Member must have length less than or equal to 50",
                      payload["Message"])

    def test_account_ids_are_12_digits(self):
        for bad in ["", "12345", "12345678901a"]:
            payload = self.rejects(400, "ValidationException", "POST", "/workloads", workload_body(AccountIds=[bad]))
            self.assertIn("accountIds.1.member", payload["Message"])

    def test_names_lengths_and_required_members(self):
        self.rejects(400, "ValidationException", "POST", "/workloads", workload_body(WorkloadName="x" * 101))
        self.rejects(400, "ValidationException", "POST", "/workloads", workload_body(WorkloadName="ab"))
        self.rejects(400, "ValidationException", "POST", "/workloads", workload_body(Description=None))
        self.rejects(400, "ValidationException", "POST", "/workloads", workload_body(Environment="STAGING"))
        self.rejects(400, "ValidationException", "POST", "/workloads", workload_body(ClientRequestToken=None))
        self.rejects(400, "ValidationException", "POST", "/workloadsSummaries", {"WorkloadNamePrefix": "x" * 101})

    def test_workload_names_are_unique_ignoring_case_and_spaces(self):
        first = self.workload("shop prod")
        payload = self.rejects(409, "ConflictException", "POST", "/workloads", workload_body(WorkloadName="SHOP  Prod"))
        self.assertEqual(payload["ResourceId"], first)
        self.assertEqual(payload["ResourceType"], "WORKLOAD")
        self.rejects(409, "ConflictException", "POST", "/workloads", workload_body(WorkloadName="shopprod"))

    def test_client_request_token_is_idempotent(self):
        body = workload_body(WorkloadName="same")
        first = self.ok("POST", "/workloads", body)
        again = self.ok("POST", "/workloads", body)
        self.assertEqual(first, again)
        self.assertEqual(len(self.fake.workloads), 1)
        self.rejects(409, "ConflictException", "POST", "/workloads", body | {"Description": "something else"})

    def test_lenses_are_aliases_or_arns_of_the_right_shape(self):
        self.rejects(400, "ValidationException", "POST", "/workloads",
                     workload_body(Lenses=["arn:aws:wellarchitected::aws:lens/wellarchitected"]))
        self.rejects(404, "ResourceNotFoundException", "POST", "/workloads", workload_body(Lenses=["no-such-lens"]))
        workload = self.workload("lensy", ["arn:aws:wellarchitected:us-east-1::lens/serverless"])
        reviews = self.ok("GET", f"/workloads/{workload}/lensReviews")["LensReviewSummaries"]
        self.assertEqual([r["LensArn"] for r in reviews],
                         ["arn:aws:wellarchitected:us-east-1::lens/wellarchitected",
                          "arn:aws:wellarchitected:us-east-1::lens/serverless"])

    # --- ids, tokens, errors ---------------------------------------------------------------
    def test_a_malformed_workload_id_is_a_validation_error(self):
        self.rejects(400, "ValidationException", "GET", "/workloads/shop")
        self.rejects(400, "ValidationException", "GET", "/workloads/D7CCE3CBF50348CE9B08CF9D3A570140")
        self.rejects(404, "ResourceNotFoundException", "GET", "/workloads/" + "0" * 32)

    def test_a_forged_next_token_is_a_validation_error(self):
        workload = self.workload()
        path = f"/workloads/{workload}/lensReviews/wellarchitected/answers"
        first = self.ok("GET", path, query="MaxResults=10")
        self.assertIn("NextToken", first)
        self.ok("GET", path, query=f"MaxResults=10&NextToken={first['NextToken']}")
        self.rejects(400, "ValidationException", "GET", path, query="NextToken=10")
        self.rejects(400, "ValidationException", "GET", path, query="NextToken=bad!token")
        # A token of another listing is not accepted either.
        self.rejects(400, "ValidationException", "POST", "/workloadsSummaries", {"NextToken": first["NextToken"]})
        self.rejects(400, "ValidationException", "GET", path, query="MaxResults=51")
        self.rejects(400, "ValidationException", "GET", path, query="MaxResults=ten")

    def test_unknown_operations_are_not_pretended(self):
        status, _, code = self.call("GET", "/lenses")
        self.assertEqual((status, code), (501, "NotImplemented"))
        status, _, code = self.call("GET", "/nothing/here")
        self.assertEqual(status, 404)

    # --- UpdateAnswer ----------------------------------------------------------------------
    def answer_path(self, workload: str, question: str = "protect-data-rest", lens: str = "wellarchitected") -> str:
        return f"/workloads/{workload}/lensReviews/{lens}/answers/{question}"

    def test_update_answer_checks_types_enums_and_limits(self):
        path = self.answer_path(self.workload())
        self.rejects(400, "ValidationException", "PATCH", path, {"IsApplicable": "no"})
        self.rejects(400, "ValidationException", "PATCH", path, {"IsApplicable": 0})
        self.rejects(400, "ValidationException", "PATCH", path, {"Reason": "BECAUSE"})
        self.rejects(400, "ValidationException", "PATCH", path, {
            "ChoiceUpdates": {"sec_protect_data_rest_encrypt": {"Status": "NOT_APPLICABLE", "Reason": "LAZY"}}})
        self.rejects(400, "ValidationException", "PATCH", path, {
            "ChoiceUpdates": {"sec_protect_data_rest_encrypt": {"Notes": "no status"}}})
        self.rejects(400, "ValidationException", "PATCH", path, {"Notes": "n" * 2085})
        self.rejects(400, "ValidationException", "PATCH", path, {
            "ChoiceUpdates": {"sec_protect_data_rest_encrypt": {"Status": "SELECTED", "Notes": "n" * 251}}})
        self.rejects(400, "ValidationException", "PATCH", path, {"SelectedChoices": ["not_a_choice"]})
        self.rejects(400, "ValidationException", "PATCH", path, {
            "SelectedChoices": ["sec_protect_data_rest_no", "sec_protect_data_rest_encrypt"]})
        self.ok("PATCH", path, {"Notes": "n" * 2084, "IsApplicable": False, "Reason": "OUT_OF_SCOPE"})
        self.rejects(404, "ResourceNotFoundException", "PATCH", self.answer_path(self.workload("two"), "nope"), {})

    def test_where_the_reference_is_silent_the_double_loses_data(self):
        workload = self.workload()
        path = self.answer_path(workload)
        self.ok("PATCH", path, {
            "SelectedChoices": ["sec_protect_data_rest_key_mgmt"], "Notes": "person",
            "ChoiceUpdates": {
                "sec_protect_data_rest_encrypt": {"Status": "NOT_APPLICABLE", "Reason": "OUT_OF_SCOPE", "Notes": "no data"},
                "sec_protect_data_rest_key_mgmt": {"Status": "SELECTED", "Notes": "KMS"}}})
        # A full SelectedChoices that leaves out the not applicable choice unmarks it; a choice
        # update without notes clears them; no Notes clears the answer's notes.
        answer = self.ok("PATCH", path, {
            "SelectedChoices": ["sec_protect_data_rest_key_mgmt"],
            "ChoiceUpdates": {"sec_protect_data_rest_key_mgmt": {"Status": "SELECTED"}}})["Answer"]
        states = {c["ChoiceId"]: c for c in answer["ChoiceAnswers"]}
        self.assertEqual(states["sec_protect_data_rest_encrypt"]["Status"], "UNSELECTED")
        self.assertNotIn("Notes", states["sec_protect_data_rest_key_mgmt"])
        self.assertNotIn("Notes", answer)

    # --- milestones ------------------------------------------------------------------------
    def test_milestones_are_unique_and_at_most_100(self):
        workload = self.workload()
        path = f"/workloads/{workload}/milestones"
        for number in range(1, 101):
            out = self.ok("POST", path, {"MilestoneName": f"milestone {number}", "ClientRequestToken": f"t{number}"})
            self.assertEqual(out["MilestoneNumber"], number)
        payload = self.rejects(402, "ServiceQuotaExceededException", "POST", path,
                               {"MilestoneName": "one too many", "ClientRequestToken": "t101"})
        self.assertEqual(payload["ResourceType"], "MILESTONE")
        other = self.workload("other")
        self.ok("POST", f"/workloads/{other}/milestones", {"MilestoneName": "release-1", "ClientRequestToken": "a"})
        self.rejects(409, "ConflictException", "POST", f"/workloads/{other}/milestones",
                     {"MilestoneName": "release-1", "ClientRequestToken": "b"})
        self.rejects(400, "ValidationException", "POST", f"/workloads/{other}/milestones",
                     {"MilestoneName": "m", "ClientRequestToken": "c"})

    # --- lenses and versions ---------------------------------------------------------------
    def test_the_serverless_lens_is_served_and_upgraded_only_when_asked(self):
        self.fake = wa_fake.make_fake(["--ignore-stdin", "--old-lens", "serverless"])
        workload = self.workload("sls", ["serverless"])
        review = self.ok("GET", f"/workloads/{workload}/lensReviews/serverless")["LensReview"]
        self.assertEqual((review["LensVersion"], review["LensStatus"]), ("1.0", "NOT_CURRENT"))
        answers = self.ok("GET", f"/workloads/{workload}/lensReviews/serverless/answers")["AnswerSummaries"]
        health = next(a for a in answers if a["QuestionId"] == "serverless-ops-health")
        self.assertNotIn("serverless_ops_health_tracing", [c["ChoiceId"] for c in health["Choices"]])
        diff = self.ok("GET", "/lenses/serverless/versionDifference", query="BaseLensVersion=1.0")
        changed = [q["QuestionId"] for p in diff["VersionDifferences"]["PillarDifferences"]
                   for q in p["QuestionDifferences"]]
        self.assertEqual(changed, ["serverless-ops-health"])
        self.rejects(400, "ValidationException", "PUT", f"/workloads/{workload}/lensReviews/serverless/upgrade",
                     {"ClientRequestToken": "u"})
        self.ok("PUT", f"/workloads/{workload}/lensReviews/serverless/upgrade",
                {"MilestoneName": "before upgrade", "ClientRequestToken": "u"})
        review = self.ok("GET", f"/workloads/{workload}/lensReviews/serverless")["LensReview"]
        self.assertEqual((review["LensVersion"], review["LensStatus"]), ("2.0", "CURRENT"))


if __name__ == "__main__":
    unittest.main()
