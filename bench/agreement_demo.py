"""Agreement on the demo account: the security checks of bench/security-checks.tsv, wascan
against Prowler, both scanning the seeded demo account (scripts/seed_demo.py) in the emulator.

The scale benchmark's account (bench/seed_scale.py) holds only EC2, S3 and IAM resources; the
demo account seeds a good and a bad case for every exposure and identity check (Lambda, SQS, SNS,
KMS, Secrets Manager, OpenSearch and ECR policies, network ACLs, secrets in plain text...), so
that is where those verdicts are compared.

    python3 bench/agreement_demo.py [--wascan target/debug/wascan] [--work DIR]

Needs Prowler in bench/.venv-prowler (bench/run installs it) and the emulator's virtualenv
(.venv, scripts/setup-emulator). Prints the table; the disagreements, with both tools'
messages, go to WORK/disagreements.txt.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

import agreement  # noqa: E402
from bench import environment  # noqa: E402

REGIONS = ["us-east-1", "eu-west-1"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--wascan", default=str(ROOT / "target" / "debug" / "wascan"))
    parser.add_argument("--prowler", default=str(BENCH / ".venv-prowler" / "bin" / "prowler"))
    parser.add_argument("--work", default=None, help="keep the work directory here")
    args = parser.parse_args()
    rows = agreement.read_rows(BENCH / "security-checks.tsv")
    work = Path(args.work or tempfile.mkdtemp(prefix="wascan-agreement-"))
    work.mkdir(parents=True, exist_ok=True)

    emulator = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "python"), str(ROOT / "scripts" / "emulator.py"),
         "--seed", "demo"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=open(work / "emulator.log", "w"),
        text=True)
    try:
        ready = emulator.stdout.readline().split()
        if len(ready) != 2 or ready[0] != "WASCAN_EMULATOR_READY":
            print(f"the emulator did not start; see {work / 'emulator.log'}", file=sys.stderr)
            return 1
        env = environment(ready[1], str(work))
        with open(work / "wascan.json", "w") as out, open(work / "wascan.log", "w") as log:
            subprocess.run([args.wascan, "scan", "--regions", ",".join(REGIONS), "--json",
                            "--no-output", "--checks", ",".join(row.wascan for row in rows)],
                           env=env, cwd=work, stdout=out, stderr=log, check=False)
        checks = [check for row in rows for check in row.prowler]
        with open(work / "prowler.log", "w") as log:
            subprocess.run([args.prowler, "aws", "--checks", *checks, "--region", *REGIONS,
                            "--output-formats", "csv", "--output-directory",
                            str(work / "prowler-out"), "--output-filename", "prowler-demo",
                            "--no-banner", "--ignore-exit-code-3"],
                           env=env, cwd=work, stdout=log, stderr=subprocess.STDOUT, check=False)
    finally:
        emulator.stdin.close()
        emulator.wait(timeout=30)
    print(agreement.report(work, rows))
    print(f"\ndisagreements: {work / 'disagreements.txt'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
