"""wascan against Prowler on the same emulated account, at several scales. See bench/README.md.

For each N: start bench/server.py (moto, counting requests), seed the account at scale N
(seed_scale.py), run wascan then Prowler with the equivalent checks (checks.tsv) over the same three
regions, each under /usr/bin/time -v and each three times (cold: moto builds every answer; warm:
the server replays that tool's own recorded answers; warm+latency: the same with a round trip
added to each answer), and print wall time, peak RSS and API calls (counted at the server for
both; wascan's own count too) with the wascan/Prowler ratios.

With `--accounts K` (K > 1) the emulator holds an organisation of K accounts, each seeded at scale
N: wascan scans it in one run (`scan --org`, members through OrganizationAccountAccessRole);
Prowler, which scans one account per run, runs once per account (`--role` for the members), one
after another, and its figures are the sums (wall, CPU, calls, findings) and the largest peak RSS.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import agreement
import seed_scale

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
REGIONS = ["us-east-1", "eu-west-1", "us-west-2"]


def read_checks() -> tuple[list[str], list[str]]:
    rows = agreement.read_rows()
    return [row.wascan for row in rows], [check for row in rows for check in row.prowler]


class Server:
    """bench/server.py in its own process: stopped by closing its stdin."""

    def __init__(self, python: str, log: Path, organization: bool):
        with open(log, "w") as err:
            self.process = subprocess.Popen(
                [python, str(BENCH / "server.py"), *(["--organization"] if organization else [])],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE, stderr=err, text=True)
        line = self.process.stdout.readline() if self.process.stdout else ""
        match = re.match(r"BENCH_SERVER_READY (\S+)", line)
        if not match:
            self.stop()
            sys.exit(f"bench: the server did not start (printed {line!r})")
        self.endpoint = match.group(1)

    def cpu_by_operation(self) -> dict[str, float]:
        """CPU seconds the server spent per `service:Operation` since the last reset."""
        with urllib.request.urlopen(f"{self.endpoint}/__bench__/cpu", timeout=30) as answer:
            return json.load(answer)

    def calls(self, reset: bool = False) -> dict[str, int]:
        path = "reset" if reset else "calls"
        request = urllib.request.Request(f"{self.endpoint}/__bench__/{path}",
                                         method="POST" if reset else "GET")
        with urllib.request.urlopen(request, timeout=30) as answer:
            return json.load(answer)

    def control(self, mode: str) -> None:
        """Switches the server's recording of answers ("record", "replay", "off") or sets the
        round trip added to each answer ("latency/<ms>")."""
        request = urllib.request.Request(f"{self.endpoint}/__bench__/{mode}", method="POST")
        with urllib.request.urlopen(request, timeout=30):
            pass

    def cpu_seconds(self) -> float:
        """The CPU time the emulator has used so far (user + system)."""
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        if self.process.stdin:
            self.process.stdin.close()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()


def environment(endpoint: str, home: str) -> dict[str, str]:
    """Only the emulator: dummy credentials, its endpoint, and a dead proxy for anything else."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update({
        "HOME": home,
        "AWS_ENDPOINT_URL": endpoint,
        "AWS_ACCESS_KEY_ID": seed_scale.ACCESS_KEY_ID,
        "AWS_SECRET_ACCESS_KEY": seed_scale.SECRET_ACCESS_KEY,
        "AWS_REGION": REGIONS[0],
        "AWS_DEFAULT_REGION": REGIONS[0],
        "AWS_EC2_METADATA_DISABLED": "true",
        # Anything not for 127.0.0.1 (a version check, a real AWS endpoint) goes to a closed port.
        "HTTP_PROXY": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9",
        "http_proxy": "http://127.0.0.1:9", "https_proxy": "http://127.0.0.1:9",
        "NO_PROXY": "127.0.0.1,localhost", "no_proxy": "127.0.0.1,localhost",
    })
    return env


def timed(command: list[str], env: dict[str, str], cwd: str, log: Path) -> dict:
    """Runs `command` under /usr/bin/time -v: wall seconds, peak RSS (MiB), CPU seconds, exit."""
    started = time.monotonic()
    with open(log, "w") as out:
        process = subprocess.run(["/usr/bin/time", "-v", *command], env=env, cwd=cwd,
                                 stdout=out, stderr=subprocess.STDOUT)
    wall = time.monotonic() - started
    text = log.read_text(errors="replace")
    rss = re.findall(r"Maximum resident set size \(kbytes\): (\d+)", text)
    cpu = [float(x) for x in re.findall(r"(?:User|System) time \(seconds\): ([\d.]+)", text)]
    return {"wall_s": wall, "rss_mib": int(rss[-1]) / 1024 if rss else float("nan"),
            "cpu_s": sum(cpu[-2:]), "exit": process.returncode}


def run_wascan(binary: str, checks: list[str], endpoint: str, work: Path,
               organization: bool, accounts_at_once: int | None = None) -> dict:
    """One wascan scan. An organisation scan writes its scan directory (one result file per
    account, then summary.json: what users run), read back here into one result for
    agreement.py; a one-account scan prints its result."""
    out = work / "wascan.json"
    scan_out = work / "wascan-out"
    shutil.rmtree(scan_out, ignore_errors=True)
    org_flags = ["--org", "--role-name", seed_scale.MEMBER_ROLE, "--output-dir", str(scan_out)]
    if accounts_at_once:
        org_flags += ["--accounts-at-once", str(accounts_at_once)]
    stats = timed([binary, "scan", "--regions", ",".join(REGIONS), "--checks", ",".join(checks),
                   *(org_flags if organization else ["--no-output"]),
                   "--json", "-q"],
                  environment(endpoint, str(work)), str(work), work / "wascan.log")
    # The JSON (result, or summary) is on stdout, before time's report in the same log.
    text = (work / "wascan.log").read_text(errors="replace")
    body = text[: text.rfind("\tCommand being timed")] if "\tCommand being timed" in text else text
    try:
        result = json.loads(body[body.find("{"): body.rfind("}") + 1])
        stats["own_calls"] = result["api_calls"]["total"]
        if organization:
            stats["findings"] = result["findings"]
            stats["errors"] = result["errors"]["total"]
            scan_dir = next(p for p in scan_out.iterdir() if p.is_dir())
            findings = []
            for account in result["accounts"]:
                findings += json.loads((scan_dir / account["file"]).read_text())["findings"]
            body = json.dumps({"accounts": result["accounts"], "findings": findings})
        else:
            stats["findings"] = len(result["findings"])
            stats["errors"] = len(result["errors"])
    except (ValueError, KeyError, StopIteration, OSError) as err:
        stats["own_calls"] = stats["findings"] = stats["errors"] = None
        print(f"bench: cannot read wascan's result ({err}); see {work / 'wascan.log'}",
              file=sys.stderr)
    out.write_text(body)
    return stats


def run_prowler(prowler: str, checks: list[str], endpoint: str, work: Path,
                members: list[str]) -> dict:
    """Prowler over the management account, then once per member account through its role (one
    account per run, one run after another): summed wall, CPU and findings, the largest RSS."""
    output = work / "prowler-out"
    shutil.rmtree(output, ignore_errors=True)
    total: dict = {}
    for index, member in enumerate([None, *members]):
        role = ["--role", f"arn:aws:iam::{member}:role/{seed_scale.MEMBER_ROLE}"] if member else []
        stats = timed([prowler, "aws", "--checks", *checks, "--region", *REGIONS, *role,
                       "--output-formats", "csv", "--output-directory", str(output),
                       "--output-filename", f"prowler-{member or 'management'}",
                       "--no-banner", "--ignore-exit-code-3"],
                      environment(endpoint, str(work)), str(work),
                      work / ("prowler.log" if index == 0 else f"prowler-{member}.log"))
        total = stats if not total else {
            "wall_s": total["wall_s"] + stats["wall_s"],
            "rss_mib": max(total["rss_mib"], stats["rss_mib"]),
            "cpu_s": total["cpu_s"] + stats["cpu_s"],
            "exit": total["exit"] or stats["exit"],
        }
    # Prowler's CSV: `;`-separated, one row per finding (fields may span lines).
    total["findings"] = sum(len(list(csv.DictReader(p.open(newline=""), delimiter=";")))
                            for p in output.glob("*.csv")) if output.exists() else 0
    return total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1,10,100", help="comma-separated scales N")
    parser.add_argument("--wascan", default=str(ROOT / "target" / "release" / "wascan"))
    parser.add_argument("--prowler", default=str(BENCH / ".venv-prowler" / "bin" / "prowler"))
    parser.add_argument("--keep", action="store_true", help="keep the work directories")
    parser.add_argument("--accounts", type=int, default=1,
                        help="an organisation of this many accounts, each at scale N (default 1: "
                             "one account)")
    parser.add_argument("--wascan-only", action="store_true",
                        help="measure wascan alone (no Prowler, no verdict comparison): peak RSS "
                             "against the number of accounts, e.g. --accounts 200 --sizes 1")
    parser.add_argument("--accounts-at-once", type=int, default=None,
                        help="pass --accounts-at-once to wascan's organisation scan")
    parser.add_argument("--latency-ms", type=int, default=20,
                        help="a third run of each tool, warm with this round trip added to every "
                             "answer (0: none)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    if args.accounts < 1:
        sys.exit("bench: --accounts must be at least 1")
    organization = args.accounts > 1
    args.wascan = str(Path(args.wascan).resolve())
    if not os.access(args.wascan, os.X_OK):
        sys.exit(f"bench: no wascan binary at {args.wascan} (run `cargo build --release`)")
    wascan_checks, prowler_checks = read_checks()
    print(f"checks: {len(wascan_checks)} wascan, {len(prowler_checks)} Prowler "
          f"(bench/checks.tsv); regions: {', '.join(REGIONS)}", flush=True)

    kinds = runs(args.latency_ms)
    rows: dict[str, list] = {}
    for n in sizes:
        work = Path(tempfile.mkdtemp(prefix=f"wascan-bench-{n}-"))
        server = Server(sys.executable, work / "server.log", organization)
        try:
            started = time.monotonic()
            members: list[str] = []
            if organization:
                resources, members = seed_scale.seed_organization(
                    server.endpoint, n, REGIONS, args.accounts)
            else:
                resources = seed_scale.seed(server.endpoint, n, REGIONS)
            total = sum(resources.values())
            where = f" in {args.accounts} accounts" if organization else ""
            print(f"N={n}: seeded {total} resources{where} in {time.monotonic() - started:.0f} s "
                  f"({', '.join(f'{v} {k}' for k, v in resources.items())})", flush=True)

            ours = measure(server, "wascan", work, lambda: run_wascan(
                args.wascan, wascan_checks, server.endpoint, work, organization,
                args.accounts_at_once), kinds)
            if any(r["exit"] not in (0, 1) or r["own_calls"] is None for r in ours):
                sys.exit(f"bench: wascan failed; see {work / 'wascan.log'}")
            if args.wascan_only:
                for (name, *_), mine in zip(kinds, ours):
                    print(f"wascan-only N={n} accounts={args.accounts} {name}: wall "
                          f"{mine['wall_s']:.1f} s, peak RSS {mine['rss_mib']:.1f} MiB, "
                          f"{mine['own_calls']} calls, {mine['findings']} findings", flush=True)
                continue
            theirs = measure(server, "prowler", work, lambda: run_prowler(
                args.prowler, prowler_checks, server.endpoint, work, members), kinds)
            for (name, *_), mine, peer in zip(kinds, ours, theirs):
                rows.setdefault(name, []).append((n, total, mine, peer))
            ours_ops, theirs_ops = ours[0]["operations"], theirs[0]["operations"]
            operations = (n, ours_ops, theirs_ops)
            verdicts = (n, agreement.report(work, agreement.read_rows()))
        finally:
            server.stop()
            if args.keep:
                print(f"N={n}: kept {work}", file=sys.stderr)
            else:
                shutil.rmtree(work, ignore_errors=True)

    if args.wascan_only:
        return 0
    if organization:
        print()
        print(f"An organisation of {args.accounts} accounts at each N (resources: all of them). "
              f"wascan: one `scan --org`; Prowler: one run per account, one after another (wall, "
              f"CPU, calls and findings summed, the largest peak RSS).")
    for name, _, _, meaning in kinds:
        print()
        print(f"{name.capitalize()}: {meaning}")
        print()
        print(table(rows.get(name, [])))
    print()
    if rows:
        print(emulator_time(*operations))
        print()
        n, verdicts_table = verdicts
        print(f"Verdicts compared per resource at N={n} (bench/agreement.py; every disagreement "
              "is in the work directory's disagreements.txt, kept with --keep):")
        print()
        print(verdicts_table)
        print()
    print(machine())
    print(f"load average before / after: {LOAD_BEFORE} / {load()}")
    return 0


def runs(latency_ms: int) -> list[tuple[str, str, int, str]]:
    """The runs of each tool, in order: (name, the server's mode, added latency, what it means)."""
    kinds = [
        ("cold", "record", 0, "each tool's first run; the emulator builds every answer."),
        ("warm", "replay", 0, "each tool's second run; the emulator replays that tool's answers "
                              "from its first run."),
    ]
    if latency_ms > 0:
        kinds.append((f"warm+{latency_ms}ms", "replay", latency_ms,
                      f"as warm, each answer held back {latency_ms} ms, as a network round trip "
                      "would be (a model of real AWS, not a measure of it)."))
    return kinds


def measure(server: Server, tool: str, work: Path, run, kinds) -> list[dict]:
    """Runs a tool once per kind of run over the same account (the first records the emulator's
    answers, the others replay them). Each run's stats with the calls and CPU seconds the emulator
    counted for it."""
    results = []
    for name, mode, latency_ms, _ in kinds:
        server.control(mode)
        server.control(f"latency/{latency_ms}")
        server.calls(reset=True)
        cpu = server.cpu_seconds()
        stats = run()
        stats["emulator_cpu_s"] = server.cpu_seconds() - cpu
        stats["operations"] = (server.calls(), server.cpu_by_operation())
        stats["calls"] = sum(stats["operations"][0].values())
        label = f"{tool}-{name}"
        (work / f"{label}-calls.json").write_text(json.dumps(stats["operations"][0], indent=1))
        (work / f"{label}-emulator-cpu.json").write_text(json.dumps(stats["operations"][1], indent=1))
        print(f"{label}: " + ", ".join(f"{k} {v:.1f}" if isinstance(v, float) else f"{k} {v}"
                                       for k, v in stats.items() if k != "operations"), flush=True)
        if results and stats["findings"] != results[0]["findings"]:
            sys.exit(f"bench: {tool} found {results[0]['findings']} cold but {stats['findings']} "
                     f"in its {name} run: the replayed answers differ from the emulator's")
        results.append(stats)
    server.control("off")
    server.control("latency/0")
    return results


def ratio(a, b) -> str:
    return f"{a / b:.3f}" if a and b else "n/a"


def table(rows) -> str:
    lines = [
        "| N | resources | wall s wascan / Prowler | wall ratio | peak RSS MiB wascan / Prowler "
        "| RSS ratio | API calls wascan (own count) / Prowler | calls ratio "
        "| CPU s wascan / Prowler | emulator CPU s for wascan / Prowler "
        "| findings wascan / Prowler |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for n, total, ours, theirs in rows:
        lines.append(
            f"| {n} | {total} | {ours['wall_s']:.1f} / {theirs['wall_s']:.1f} "
            f"| {ratio(ours['wall_s'], theirs['wall_s'])} "
            f"| {ours['rss_mib']:.0f} / {theirs['rss_mib']:.0f} "
            f"| {ratio(ours['rss_mib'], theirs['rss_mib'])} "
            f"| {ours['calls']} ({ours['own_calls']}) / {theirs['calls']} "
            f"| {ratio(ours['calls'], theirs['calls'])} "
            f"| {ours['cpu_s']:.1f} / {theirs['cpu_s']:.1f} "
            f"| {ours['emulator_cpu_s']:.1f} / {theirs['emulator_cpu_s']:.1f} "
            f"| {ours['findings']} / {theirs['findings']} |")
    return "\n".join(lines)


def emulator_time(n: int, ours: tuple[dict, dict], theirs: tuple[dict, dict], top: int = 10) -> str:
    """Where the emulator's CPU went at the largest N: per operation, calls and seconds for each."""
    ours_calls, ours_cpu = ours
    theirs_calls, theirs_cpu = theirs
    by_total = sorted(set(ours_cpu) | set(theirs_cpu),
                      key=lambda op: -(ours_cpu.get(op, 0) + theirs_cpu.get(op, 0)))
    lines = [
        f"Emulator CPU per operation at N={n}, cold runs (the {top} costliest; calls / seconds):",
        "",
        "| operation | wascan | Prowler |",
        "|---|---|---|",
    ]
    for op in by_total[:top]:
        lines.append(f"| {op} | {ours_calls.get(op, 0)} / {ours_cpu.get(op, 0):.2f} "
                     f"| {theirs_calls.get(op, 0)} / {theirs_cpu.get(op, 0):.2f} |")
    rest = by_total[top:]
    lines.append(f"| {len(rest)} other operations | "
                 f"{sum(ours_calls.get(op, 0) for op in rest)} / "
                 f"{sum(ours_cpu.get(op, 0) for op in rest):.2f} | "
                 f"{sum(theirs_calls.get(op, 0) for op in rest)} / "
                 f"{sum(theirs_cpu.get(op, 0) for op in rest):.2f} |")
    return "\n".join(lines)


def load() -> str:
    """The 1-minute load average: the benchmark shares its cores with whatever else runs."""
    try:
        return Path("/proc/loadavg").read_text().split()[0]
    except OSError:
        return "?"


LOAD_BEFORE = load()


def machine() -> str:
    cpus = os.cpu_count()
    mem = ""
    try:
        kib = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        mem = f", {kib / 1024 / 1024:.0f} GiB RAM"
    except (OSError, AttributeError):
        pass
    return f"machine: {platform.machine()}, {cpus} cores{mem}, {platform.platform()}"


if __name__ == "__main__":
    sys.exit(main())
