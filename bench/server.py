"""The benchmark's emulated account: moto's server with wascan's emulator fixes, counting requests.

Runs in its own process (so its memory is not counted as a scanner's), serves on 127.0.0.1 at a
port the OS picks, prints `BENCH_SERVER_READY http://127.0.0.1:<port>` and serves until stdin
reaches EOF. Every request is counted per `service:Operation` (the scanners' SigV4 scope names the
service); `GET /__bench__/calls` answers the counts as JSON, `GET /__bench__/cpu` the CPU seconds
the server spent answering each operation, and `POST /__bench__/reset` zeroes both, so each
scanner's calls are counted at the server, the same way for both.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import threading
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

import emulator  # noqa: E402  (scripts/emulator.py: the same moto fixes as wascan's e2e tests)


class RequestCounter:
    """WSGI middleware: counts requests per `service:Operation`, answers `/__bench__/*` itself."""

    def __init__(self, app):
        self.app = app
        self.counts: Counter[str] = Counter()
        self.cpu: Counter[str] = Counter()
        self.lock = threading.Lock()

    def __call__(self, environ: dict, start_response):
        path = environ.get("PATH_INFO", "")
        if path.startswith("/__bench__/"):
            return self.control(path, start_response)
        request = emulator.Request(environ)
        key = f"{request.service or 'unknown'}:{request.operation or 'unknown'}"
        started = time.thread_time()
        answer = self.app(environ, start_response)
        spent = time.thread_time() - started
        with self.lock:
            self.counts[key] += 1
            self.cpu[key] += spent
        return answer

    def control(self, path: str, start_response):
        with self.lock:
            if path == "/__bench__/reset":
                self.counts.clear()
                self.cpu.clear()
            if path == "/__bench__/cpu":
                body = json.dumps({k: round(v, 3) for k, v in self.cpu.most_common()}).encode()
            else:
                body = json.dumps(dict(sorted(self.counts.items()))).encode()
        start_response("200 OK", [("Content-Type", "application/json")])
        return [body]


def main() -> int:
    os.environ["MOTO_ACCOUNT_ID"] = "123456789012"
    os.environ["MOTO_EC2_LOAD_DEFAULT_AMIS"] = "false"
    ready_out, sys.stdout = sys.stdout, sys.stderr
    logging.getLogger("werkzeug").setLevel(logging.WARNING)

    from moto.moto_server.werkzeug_app import (
        DomainDispatcherApplication, MotoRequestHandler, create_backend_app)
    from werkzeug.serving import make_server

    emulator.fidelity_fixes()
    app = RequestCounter(DomainDispatcherApplication(create_backend_app))
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=MotoRequestHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"BENCH_SERVER_READY http://127.0.0.1:{server.server_port}", file=ready_out, flush=True)
    while os.read(sys.stdin.fileno(), 65536):
        pass
    server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
