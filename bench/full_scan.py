#!/usr/bin/env python3
"""Full scans side by side: wascan, Prowler and ScoutSuite, each with everything it checks.

    python3 bench/full_scan.py                      # N = 10, cold runs
    python3 bench/full_scan.py --n 1 --warm         # N = 1, and a warm replay of each tool
    python3 bench/full_scan.py --wascan target/debug/wascan --tools wascan,scoutsuite

What a user actually runs: `wascan scan` with no --services/--checks (every service, every
check), `prowler aws` with no --checks (every check), `scout aws` with ScoutSuite's default
ruleset, over the bench's three regions of the same emulated account (bench/server.py, seeded
at scale N by bench/seed_scale.py). Each run is under /usr/bin/time -v (wall, user+sys CPU, peak
RSS), in the emulator-only environment of bench.py (dummy credentials, AWS_ENDPOINT_URL at the
emulator, HTTP(S)_PROXY at a closed port so nothing reaches real AWS), with the server's counters
reset before it. The table has, per tool, its calls as the emulator counted them and how many of
them failed there: an operation moto does not serve (HTTP 5xx, or an error without an AWS error
code), or an AWS-style error answer (4xx with a code: some are the answer AWS gives too, like
NoSuchBucketPolicy for a bucket without a policy). Each tool read only what its served calls
returned. A call moto raises on is answered HTTP 400 InvalidAction/UnknownOperationException, as
AWS answers an action it does not know, so no tool spends the run in retry backoff on the
emulator's gaps (`--unserved 500`: moto's own 500, which the SDKs retry). See bench/README.md
("Full scans").
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
EMULATOR_PYTHON = ROOT / os.environ.get("WASCAN_VENV", ".venv") / "bin" / "python"

try:
    import moto  # noqa: F401  (the emulator's virtualenv: scripts/setup-emulator)
except ImportError:
    # Run by another python: install the emulator's virtualenv (as bench/run does), then go on
    # in it.
    if Path(sys.executable) == EMULATOR_PYTHON:
        sys.exit("bench: moto is not installed in .venv: run scripts/setup-emulator")
    subprocess.run([str(ROOT / "scripts" / "setup-emulator")], check=True)
    os.execv(str(EMULATOR_PYTHON), [str(EMULATOR_PYTHON), *sys.argv])

sys.path.insert(0, str(BENCH))
import bench  # noqa: E402  (Server, environment, timed, REGIONS, load, machine)
import seed_scale  # noqa: E402

PROWLER_VERSION = "5.46.0"  # as bench/run
SCOUTSUITE_VERSION = "5.14.0"
TOOLS = ["wascan", "prowler", "scoutsuite"]
# Error codes that say the emulator does not serve the operation (not an answer AWS would give).
NOT_SERVED_CODES = {"InvalidAction", "UnknownOperationException", "UnknownOperation",
                    "NotImplemented", "InternalFailure", "InternalError", "NotFoundException"}


def virtualenv(directory: Path, package: str, version: str, command: str) -> str:
    """`command` from `package==version`, installed from PyPI into its own virtualenv once."""
    binary = directory / "bin" / command
    python = directory / "bin" / "python"
    installed = subprocess.run(
        [str(python), "-c", f"import importlib.metadata as m; print(m.version({package!r}))"],
        capture_output=True, text=True) if python.exists() else None
    if installed is None or installed.stdout.strip() != version:
        print(f"bench: installing {package} {version} into {directory} (a few minutes)",
              file=sys.stderr, flush=True)
        subprocess.run(["python3", "-m", "venv", str(directory)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet",
                        "--disable-pip-version-check", f"{package}=={version}"], check=True)
    return str(binary)


def wascan_checks(binary: str) -> dict[str, str]:
    """wascan's built-in checks and the service of each (`wascan checks list --json`)."""
    listed = subprocess.run([binary, "checks", "list", "--json"], capture_output=True,
                            text=True)
    try:
        return {check["id"]: check["service"] for check in json.loads(listed.stdout)}
    except (ValueError, KeyError, TypeError):
        return {}


def run_wascan(binary: str, checks: dict[str, str], env: dict, work: Path) -> dict:
    """`wascan scan` with no selection: every service, every check, JSON on stdout."""
    out = work / "wascan"
    out.mkdir(exist_ok=True)
    log = out / "run.log"
    stats = bench.timed([binary, "scan", "--regions", ",".join(bench.REGIONS), "--no-output",
                         "--json", "-q"], env, str(out), log)
    text = log.read_text(errors="replace")
    body = text[: text.rfind("\tCommand being timed")] if "\tCommand being timed" in text else text
    try:
        result = json.loads(body[body.find("{"): body.rfind("}") + 1])
        findings = result["findings"]
        stats["findings"] = len(findings)
        stats["checks_run"] = len(checks)  # no selection: every check runs
        stats["services"] = len(set(checks.values()))
        stats["with_finding"] = len({f["check_id"] for f in findings})
        statuses = Counter(f["status"] for f in findings)
        stats["detail"] = (f"{dict(statuses)}; {len(result['errors'])} collection errors "
                           f"reported; own call count {result['api_calls']['total']}")
        (out / "result.json").write_text(body)
    except (ValueError, KeyError, TypeError) as err:
        stats.update(findings=None, checks_run=None, services=None, with_finding=None,
                     detail=f"cannot read wascan's result ({err}); see {log}")
    return stats


def prowler_checks(prowler: str, env: dict, cwd: str) -> dict[str, list[str]]:
    """Prowler's AWS checks by service (`prowler aws --list-checks-json`: {"aws": [ids]}; an id
    starts with its service, `ec2_instance_imdsv2_enabled`)."""
    listed = subprocess.run([prowler, "aws", "--list-checks-json"], env=env, cwd=cwd,
                            capture_output=True, text=True)
    text = listed.stdout
    try:
        ids = json.loads(text[text.find("{"): text.rfind("}") + 1]).get("aws", [])
    except (ValueError, AttributeError):
        return {}
    services: dict[str, list[str]] = {}
    for check in ids:
        services.setdefault(check.split("_")[0], []).append(check)
    return services


def run_prowler(prowler: str, checks: dict[str, list[str]], env: dict, work: Path) -> dict:
    """`prowler aws` with no --checks: every check, the bench's regions, CSV into a work dir."""
    out = work / "prowler"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir()
    stats = bench.timed([prowler, "aws", "--region", *bench.REGIONS, "--output-formats", "csv",
                         "--output-directory", str(out / "output"), "--output-filename",
                         "prowler-full", "--no-banner", "--ignore-exit-code-3"],
                        env, str(out), out / "run.log")
    rows = []
    for path in (out / "output").glob("*.csv"):
        with path.open(newline="") as handle:
            rows.extend(csv.DictReader(handle, delimiter=";"))
    stats["findings"] = len(rows)
    # No --checks: all of them, less those Prowler leaves out by default ("Executing N checks").
    executing = re.search(r"Executing (\d+) checks", (out / "run.log").read_text(errors="replace"))
    stats["checks_run"] = (int(executing.group(1)) if executing
                           else sum(len(names) for names in checks.values()))
    stats["services"] = len(checks)
    stats["with_finding"] = len({row.get("CHECK_ID") for row in rows})
    statuses = Counter(row.get("STATUS") for row in rows)
    errors = len(re.findall(r"\bERROR\b", (out / "run.log").read_text(errors="replace")))
    stats["detail"] = (f"{dict(statuses)}; {errors} ERROR lines in its log; "
                       f"{len({row.get('SERVICE_NAME') for row in rows})} services with a finding")
    return stats


def scout_results(report_dir: Path) -> dict | None:
    """ScoutSuite's results: `scoutsuite_results = {...}` in scoutsuite-results/*.js."""
    for path in sorted(report_dir.glob("scoutsuite-results/scoutsuite_results_*.js")):
        text = path.read_text(errors="replace")
        try:
            return json.loads(text[text.find("{"):])
        except ValueError:
            continue
    return None


def run_scoutsuite(scout: str, env: dict, work: Path) -> dict:
    """`scout aws` with its default ruleset over the bench's regions, report into a work dir."""
    out = work / "scoutsuite"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir()
    stats = bench.timed([scout, "aws", "--regions", *bench.REGIONS, "--no-browser",
                         "--report-dir", str(out / "report"), "--force", "--logfile",
                         str(out / "scout.log")], env, str(out), out / "run.log")
    results = scout_results(out / "report")
    if results is None:
        stats.update(findings=None, checks_run=None, services=None, with_finding=None,
                     detail=f"no results in {out / 'report'}; see {out / 'run.log'}")
        return stats
    rules = flagged = checked = with_finding = services = 0
    for service in (results.get("services") or {}).values():
        findings = (service or {}).get("findings") or {}
        services += 1 if findings else 0
        for finding in findings.values():
            rules += 1
            flagged += int(finding.get("flagged_items") or 0)
            checked += int(finding.get("checked_items") or 0)
            with_finding += 1 if finding.get("flagged_items") else 0
    stats["findings"] = flagged
    stats["checks_run"] = rules
    stats["services"] = services
    stats["with_finding"] = with_finding
    parameters = results.get("last_run", {}).get("run_parameters", {})
    stats["detail"] = (f"{flagged} flagged items of {checked} checked by {rules} rules over "
                       f"{services} services with rules ({len(results.get('services') or {})} "
                       f"services fetched); run parameters {parameters}")
    return stats


def failures(statuses: dict[str, dict[str, int]]) -> tuple[int, int, int, list[str]]:
    """Of a tool's calls at the emulator: served, error answers (4xx with an AWS error code), and
    not served (5xx, an error without a code, or a code saying the operation is not there); and
    the operations that were not served, most calls first."""
    served = answered = unserved = 0
    missing: Counter[str] = Counter()
    for operation, by_status in statuses.items():
        for status, count in by_status.items():
            code, _, error = status.partition(" ")
            if code[:1] in ("2", "3"):
                served += count
            elif (code[:1] == "4" and error and error not in NOT_SERVED_CODES
                  and not error.startswith("raised:")):
                answered += count
            else:
                unserved += count
                missing[f"{operation} ({status})"] += count
    return served, answered, unserved, [f"{op}: {n}" for op, n in missing.most_common()]


def measure(server: bench.Server, tool: str, work: Path, run, kind: str) -> dict:
    """One run of a tool: the server's counters reset before it, its calls read after it."""
    server.control("record" if kind == "cold" else "replay")
    server.calls(reset=True)
    cpu = server.cpu_seconds()
    stats = run()
    stats["emulator_cpu_s"] = server.cpu_seconds() - cpu
    calls = server.calls()
    with urllib.request.urlopen(f"{server.endpoint}/__bench__/statuses",
                                      timeout=30) as answer:
        statuses = json.load(answer)
    server.control("off")
    cpu_by_operation = server.cpu_by_operation()
    stats["calls"] = sum(calls.values())
    stats["operations"] = len(calls)
    stats["served"], stats["error_answers"], stats["not_served"], missing = failures(statuses)
    (work / f"{tool}-{kind}-calls.json").write_text(json.dumps(calls, indent=1))
    (work / f"{tool}-{kind}-statuses.json").write_text(json.dumps(statuses, indent=1))
    (work / f"{tool}-{kind}-not-served.txt").write_text("\n".join(missing) + "\n")
    (work / f"{tool}-{kind}-emulator-cpu.json").write_text(json.dumps(cpu_by_operation, indent=1))
    stats["costliest"] = [f"{op} {seconds:.2f} s" for op, seconds in
                          list(cpu_by_operation.items())[:3]]
    stats["missing"] = missing
    stats["tool"], stats["kind"] = tool, kind
    print(f"{tool} {kind}: wall {stats['wall_s']:.1f} s, CPU {stats['cpu_s']:.1f} s, peak RSS "
          f"{stats['rss_mib']:.0f} MiB, {stats['calls']} calls ({stats['not_served']} not served, "
          f"{stats['error_answers']} error answers), {stats['findings']} findings, "
          f"{stats['checks_run']} checks run, {stats['with_finding']} with a finding, "
          f"exit {stats['exit']}", flush=True)
    return stats


def ratio(a, b) -> str:
    return f"{a / b:.3f}" if a and b else "n/a"


def table(rows: list[dict]) -> str:
    lines = [
        "| tool | run | wall s | CPU s | peak RSS MiB | API calls at the emulator "
        "| not served / error answers | emulator CPU s | findings | checks run (services) "
        "| checks with a finding "
        "| exit |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['tool']} | {r['kind']} | {r['wall_s']:.1f} | {r['cpu_s']:.1f} "
            f"| {r['rss_mib']:.0f} | {r['calls']} ({r['operations']} operations) "
            f"| {r['not_served']} / {r['error_answers']} | {r['emulator_cpu_s']:.1f} "
            f"| {r['findings']} | {r['checks_run']} ({r['services']}) | {r['with_finding']} "
            f"| {r['exit']} |")
    return "\n".join(lines)


def ratios(rows: list[dict]) -> str:
    lines = ["| wascan / peer | run | wall | CPU | peak RSS | API calls |", "|---|---|---|---|---|---|"]
    for kind in sorted({r["kind"] for r in rows}):
        ours = next((r for r in rows if r["tool"] == "wascan" and r["kind"] == kind), None)
        if ours is None:
            continue
        for peer in (r for r in rows if r["tool"] != "wascan" and r["kind"] == kind):
            lines.append(
                f"| wascan / {peer['tool']} | {kind} | {ratio(ours['wall_s'], peer['wall_s'])} "
                f"| {ratio(ours['cpu_s'], peer['cpu_s'])} "
                f"| {ratio(ours['rss_mib'], peer['rss_mib'])} "
                f"| {ratio(ours['calls'], peer['calls'])} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10, help="the scale of the account (default 10)")
    parser.add_argument("--wascan", default=None,
                        help="the wascan binary (default: target/release/wascan)")
    parser.add_argument("--tools", default=",".join(TOOLS),
                        help=f"which tools, in order (default {','.join(TOOLS)})")
    parser.add_argument("--warm", action="store_true",
                        help="also a warm run of each tool: the emulator replays that tool's "
                             "answers from its cold run (as bench/run's warm runs)")
    parser.add_argument("--unserved", choices=["400", "500"], default="400",
                        help="how the emulator answers a call moto raises on (an operation it "
                             "does not implement): 400, as AWS answers an action it does not "
                             "know, which no SDK retries (default); 500, moto's own answer, "
                             "which every SDK retries with backoff")
    parser.add_argument("--no-prime", dest="prime", action="store_false",
                        help="measure each tool's very first run: by default each tool runs "
                             "once unmeasured first, so that moto has loaded the code of every "
                             "service any tool asks about before the measured runs")
    parser.add_argument("--keep", action="store_true", help="keep the work directory")
    args = parser.parse_args()
    tools = [t for t in args.tools.split(",") if t]
    unknown = set(tools) - set(TOOLS)
    if unknown:
        sys.exit(f"bench: unknown tools {sorted(unknown)} (known: {', '.join(TOOLS)})")
    binary = str(Path(args.wascan or ROOT / "target" / "release" / "wascan").resolve())
    if "wascan" in tools and not os.access(binary, os.X_OK):
        sys.exit(f"bench: no wascan binary at {binary} (cargo build --release, or --wascan)")
    prowler = (virtualenv(BENCH / ".venv-prowler", "prowler", PROWLER_VERSION, "prowler")
               if "prowler" in tools else "")
    scout = (virtualenv(BENCH / ".venv-scoutsuite", "ScoutSuite", SCOUTSUITE_VERSION, "scout")
             if "scoutsuite" in tools else "")

    kinds = ["cold", "warm"] if args.warm else ["cold"]
    work = Path(tempfile.mkdtemp(prefix=f"wascan-fullscan-{args.n}-"))
    loads = [bench.load()]
    rows: list[dict] = []
    notes: list[str] = []
    server = bench.Server(str(EMULATOR_PYTHON), work / "server.log", organization=False)
    try:
        started = time.monotonic()
        resources = seed_scale.seed(server.endpoint, args.n, bench.REGIONS)
        print(f"N={args.n}: seeded {sum(resources.values())} resources in "
              f"{time.monotonic() - started:.0f} s ({', '.join(f'{v} {k}' for k, v in resources.items())}); "
              f"regions {', '.join(bench.REGIONS)}", flush=True)
        server.control(f"unserved/{args.unserved}")
        env = bench.environment(server.endpoint, str(work))
        checks = wascan_checks(binary) if "wascan" in tools else {}
        peer_checks = prowler_checks(prowler, env, str(work)) if "prowler" in tools else {}
        runners = {
            "wascan": lambda: run_wascan(binary, checks, env, work),
            "prowler": lambda: run_prowler(prowler, peer_checks, env, work),
            "scoutsuite": lambda: run_scoutsuite(scout, env, work),
        }
        if args.prime:
            # moto loads a service's code and models the first time it is asked about it
            # (tenths of a second each): without this, the first tool to ask pays it for all.
            for tool in tools:
                server.control("off")
                started = time.monotonic()
                runners[tool]()
                print(f"{tool}: primed the emulator (unmeasured run, "
                      f"{time.monotonic() - started:.0f} s)", flush=True)
        for tool in tools:
            for kind in kinds:
                rows.append(measure(server, tool, work, runners[tool], kind))
                loads.append(bench.load())
        if "wascan" in tools:
            notes.append(f"wascan: every one of its {len(checks)} built-in checks "
                         f"(`wascan checks list`), {len(set(checks.values()))} services, no "
                         "--services/--checks")
        if "prowler" in tools:
            notes.append(f"Prowler {PROWLER_VERSION}: no --checks; it has "
                         f"{sum(len(v) for v in peer_checks.values())} AWS checks over "
                         f"{len(peer_checks)} services (`prowler aws --list-checks-json`) and "
                         "runs those it prints as `Executing N checks`")
        if "scoutsuite" in tools:
            notes.append(f"ScoutSuite {SCOUTSUITE_VERSION}: its default ruleset; rules and "
                         "services counted from its results (a rule over a service whose "
                         "resources it could not list still counts)")
    finally:
        server.stop()

    print()
    print(f"Full scans at N={args.n} ({sum(resources.values())} resources), regions "
          f"{', '.join(bench.REGIONS)}; calls moto raises on answered {args.unserved}"
          + (f"; wascan {binary}" if "wascan" in tools else ""))
    print()
    print(table(rows))
    print()
    print(ratios(rows))
    print()
    for row in rows:
        print(f"- {row['tool']} {row['kind']}: {row['served']} calls served, "
              f"{row['error_answers']} error answers, {row['not_served']} not served "
              f"(the most: {'; '.join(row['missing'][:6]) or 'none'}); {row['detail']}; "
              f"emulator CPU, costliest: {', '.join(row['costliest'])}")
    for note in notes:
        print(f"- {note}")
    print()
    print(bench.machine())
    print(f"load average (1 min) before and after each run: {' / '.join(loads)}")
    if args.keep:
        print(f"kept {work}", file=sys.stderr)
    else:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
