#!/usr/bin/env python3
"""How long the example custom checks take at scale (bench/RESULTS.md, "Custom checks (Rego)").

    .venv/bin/python bench/custom_checks.py            # N = 100
    .venv/bin/python bench/custom_checks.py --n 10 --wascan target/debug/wascan

Seeds the bench account at scale N (bench/seed_scale.py against bench/server.py), collects a
snapshot of it with `wascan collect` (EC2, S3, IAM over the bench's three regions), then times
`custom_eval_time`, a release build of the checks crate alone (no AWS SDK): the policies of
examples/custom-checks loaded, then evaluated over the snapshot beside the built-in checks, best
of five. Not part of the test suite.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

import bench  # noqa: E402  (the Server and the emulator-only environment)
import seed_scale  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100, help="the scale (default 100)")
    parser.add_argument("--wascan", default=None,
                        help="the wascan binary that collects (default: target/release/wascan, "
                             "else target/debug/wascan; collection speed is not measured)")
    parser.add_argument("--snapshot", default=None,
                        help="a snapshot collected by an earlier run: skip seeding and collecting")
    parser.add_argument("--keep-snapshot", default=None, metavar="PATH",
                        help="copy the collected snapshot to PATH (for --snapshot, or a profiler)")
    args = parser.parse_args()
    if args.snapshot:
        return evaluate(Path(args.snapshot))
    binary = args.wascan or next(
        (str(p) for p in (ROOT / "target/release/wascan", ROOT / "target/debug/wascan")
         if p.is_file()), None)
    if binary is None:
        sys.exit("bench: no wascan binary: build one (cargo build) or pass --wascan")
    binary = str(Path(binary).resolve())
    python = str(ROOT / ".venv/bin/python")
    with tempfile.TemporaryDirectory(prefix="wascan-custom-bench-") as work:
        work = Path(work)
        server = bench.Server(python, work / "server.log", organization=False)
        try:
            resources = seed_scale.seed(server.endpoint, args.n, bench.REGIONS)
            print(f"seeded N={args.n}: {sum(resources.values())} resources", flush=True)
            snapshot = work / "snapshot.json"
            env = bench.environment(server.endpoint, str(work))
            collect = subprocess.run(
                [binary, "collect", "--regions", ",".join(bench.REGIONS), "--services",
                 "ec2,s3,iam", "--call-timeout", "300", "--output", str(snapshot)],
                env=env, cwd=work, capture_output=True, text=True)
            if not snapshot.is_file():
                sys.exit(f"bench: wascan collect wrote no snapshot:\n{collect.stderr}")
            if args.keep_snapshot:
                shutil.copyfile(snapshot, args.keep_snapshot)
        finally:
            server.stop()
        return evaluate(snapshot)


def evaluate(snapshot: Path) -> int:
    """Times the custom checks over `snapshot` (the release build of the checks crate alone)."""
    timing = subprocess.run(
        ["cargo", "run", "--quiet", "--release", "-p", "wascan-checks", "--example",
         "custom_eval_time", "--", str(snapshot), str(ROOT / "examples/custom-checks")],
        cwd=ROOT)
    return timing.returncode


if __name__ == "__main__":
    sys.exit(main())
