"""A second opinion: does Prowler reach wascan's verdict on the same resource and the same check?

For each row of checks.tsv (a wascan check and the Prowler checks that test the same thing), the
findings of both tools are matched by resource and their verdicts compared: wascan's `pass` with
Prowler's PASS, `fail` with FAIL (a resource fails on Prowler's side when any of the row's
Prowler checks fails it). Resources are matched by their account and the last part of their ARN
(instance, volume and security group ids, bucket names, user names), unique in an account.

A row whose third column is `account` judges a setting of the account rather than resources,
which the two tools name differently (wascan the account, Prowler a pseudo-resource such as
`password-policy`): it compares one verdict per region, or one for the account when wascan reports
the setting as global.

    python bench/agreement.py WORKDIR    # a work directory kept by `bench/run --keep`

prints the table and writes every disagreement, with both tools' messages, to
WORKDIR/disagreements.txt. bench.py prints the same table for the largest N.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent


@dataclass
class Row:
    """One line of checks.tsv."""

    wascan: str
    prowler: list[str]
    scope: str = "resource"  # or "account"


@dataclass
class Agreement:
    """How the two tools' verdicts on one row compare."""

    row: Row
    agree: int = 0
    # (key, wascan's message, Prowler's message) for each resource the tools judge differently.
    wascan_fails_prowler_passes: list[tuple[str, str, str]] = field(default_factory=list)
    wascan_passes_prowler_fails: list[tuple[str, str, str]] = field(default_factory=list)
    only_wascan: int = 0
    only_prowler: int = 0

    @property
    def judged_by_both(self) -> int:
        return (self.agree + len(self.wascan_fails_prowler_passes)
                + len(self.wascan_passes_prowler_fails))


def read_rows(path: Path = BENCH / "checks.tsv") -> list[Row]:
    rows = []
    for line in path.read_text().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        columns = line.split("\t")
        rows.append(Row(columns[0], columns[1].split(),
                        columns[2].strip() if len(columns) > 2 else "resource"))
    return rows


def resource_key(arn_or_id: str) -> str:
    """The last part of an ARN (after its last `/` or `:`): an id or name, unique in the account.
    An ECS task definition keeps its family (`family:revision`): the revision alone is not."""
    arn_or_id = arn_or_id.strip()
    if ":task-definition/" in arn_or_id:
        return arn_or_id.split(":task-definition/", 1)[1]
    return re.split(r"[/:]", arn_or_id)[-1]


def wascan_verdicts(result: dict, row: Row) -> dict[str, tuple[str, str]]:
    """wascan's pass/fail per key for the row's check (not_evaluated findings are left out)."""
    findings = [f for f in result.get("findings", []) if f.get("check_id") == row.wascan]
    account_wide = any(f.get("region") == "global" for f in findings)
    verdicts: dict[str, tuple[str, str]] = {}
    for finding in findings:
        status = finding.get("status")
        if status not in ("pass", "fail"):
            continue
        if row.scope == "account":
            key = "account" if account_wide else finding.get("region", "")
        else:
            resource = finding.get("resource", {})
            key = resource_key(resource.get("arn") or resource.get("id") or "")
        key = f"{finding.get('account_id', '')}/{key}"
        verdicts[key] = worse(verdicts.get(key), (status, finding.get("message", "")))
    return verdicts


def prowler_verdicts(rows: list[dict], row: Row, account_wide: bool) -> dict[str, tuple[str, str]]:
    """Prowler's PASS/FAIL per key over the row's Prowler checks (MANUAL and others left out)."""
    verdicts: dict[str, tuple[str, str]] = {}
    for finding in rows:
        if finding.get("CHECK_ID") not in row.prowler:
            continue
        status = finding.get("STATUS", "").lower()
        if status not in ("pass", "fail"):
            continue
        if row.scope == "account":
            key = "account" if account_wide else finding.get("REGION", "")
        else:
            key = resource_key(finding.get("RESOURCE_UID") or finding.get("RESOURCE_NAME") or "")
        key = f"{finding.get('ACCOUNT_UID', '')}/{key}"
        verdicts[key] = worse(verdicts.get(key), (status, finding.get("STATUS_EXTENDED", "")))
    return verdicts


def worse(a: tuple[str, str] | None, b: tuple[str, str]) -> tuple[str, str]:
    """Of two verdicts on one key, the failing one: a key fails when anything on it fails."""
    if a is None or (b[0] == "fail" and a[0] != "fail"):
        return b
    return a


def compare(result: dict, prowler_rows: list[dict], rows: list[Row]) -> list[Agreement]:
    agreements = []
    for row in rows:
        ours = wascan_verdicts(result, row)
        account_wide = any(key.endswith("/account") for key in ours)
        theirs = prowler_verdicts(prowler_rows, row, account_wide)
        agreement = Agreement(row)
        for key in sorted(set(ours) | set(theirs)):
            if key not in theirs:
                agreement.only_wascan += 1
            elif key not in ours:
                agreement.only_prowler += 1
            elif ours[key][0] == theirs[key][0]:
                agreement.agree += 1
            elif ours[key][0] == "fail":
                agreement.wascan_fails_prowler_passes.append((key, ours[key][1], theirs[key][1]))
            else:
                agreement.wascan_passes_prowler_fails.append((key, ours[key][1], theirs[key][1]))
        agreements.append(agreement)
    return agreements


def read_work(work: Path) -> tuple[dict, list[dict]]:
    """wascan's JSON result and Prowler's CSV rows, as bench.py leaves them in a work directory."""
    result = json.loads((work / "wascan.json").read_text())
    prowler_rows: list[dict] = []
    for path in sorted((work / "prowler-out").glob("*.csv")):
        with path.open(newline="") as handle:
            prowler_rows.extend(csv.DictReader(handle, delimiter=";"))
    return result, prowler_rows


def table(agreements: list[Agreement]) -> str:
    lines = [
        "| wascan check | Prowler checks | judged by both | agree | wascan fail, Prowler pass "
        "| wascan pass, Prowler fail | judged by wascan only / Prowler only |",
        "|---|---|---|---|---|---|---|",
    ]
    for a in agreements:
        scope = " (per account/region)" if a.row.scope == "account" else ""
        lines.append(
            f"| {a.row.wascan}{scope} | {' '.join(a.row.prowler)} | {a.judged_by_both} "
            f"| {a.agree} | {len(a.wascan_fails_prowler_passes)} "
            f"| {len(a.wascan_passes_prowler_fails)} | {a.only_wascan} / {a.only_prowler} |")
    both = sum(a.judged_by_both for a in agreements)
    agree = sum(a.agree for a in agreements)
    lines.append(f"| all | | {both} | {agree} ({agree / both:.1%}) | "
                 f"{sum(len(a.wascan_fails_prowler_passes) for a in agreements)} | "
                 f"{sum(len(a.wascan_passes_prowler_fails) for a in agreements)} | "
                 f"{sum(a.only_wascan for a in agreements)} / "
                 f"{sum(a.only_prowler for a in agreements)} |" if both else "| all | | 0 | | | | |")
    return "\n".join(lines)


def disagreements(agreements: list[Agreement]) -> str:
    """Every resource the tools judge differently, with both messages: where to look first."""
    lines = []
    for a in agreements:
        for label, cases in (("wascan fails, Prowler passes", a.wascan_fails_prowler_passes),
                             ("wascan passes, Prowler fails", a.wascan_passes_prowler_fails)):
            for key, ours, theirs in cases:
                lines.append(f"{a.row.wascan} / {' '.join(a.row.prowler)}: {key}: {label}\n"
                             f"  wascan:  {ours}\n  Prowler: {theirs}")
    return "\n".join(lines) if lines else "no disagreements"


def report(work: Path, rows: list[Row]) -> str:
    """The table for a work directory; the disagreements go to WORK/disagreements.txt."""
    agreements = compare(*read_work(work), rows)
    (work / "disagreements.txt").write_text(disagreements(agreements) + "\n")
    return table(agreements)


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    work = Path(sys.argv[1])
    print(report(work, read_rows()))
    print(f"\ndisagreements: {work / 'disagreements.txt'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
