"""The benchmark's emulated account: moto's server with wascan's emulator fixes, counting requests.

Runs in its own process (so its memory is not counted as a scanner's), serves on 127.0.0.1 at a
port the OS picks, prints `BENCH_SERVER_READY http://127.0.0.1:<port>` and serves until stdin
reaches EOF. Every request is counted per `service:Operation` (the scanners' SigV4 scope names the
service); `GET /__bench__/calls` answers the counts as JSON, `GET /__bench__/cpu` the CPU seconds
the server spent answering each operation, and `POST /__bench__/reset` zeroes both, so each
scanner's calls are counted at the server, the same way for both (a call moto fails on counts
too). `GET /__bench__/statuses` answers, per `service:Operation`, how many answers had each HTTP
status, with the error code of the answer's body for an error answered while recording or
replaying (`404 NoSuchBucketPolicy`), or the exception moto raised (`500
raised:NotImplementedError` for an action it does not implement), so a scanner's failed calls can
be told from its served ones (bench/full_scan.py). `POST /__bench__/unserved/400` answers a call
moto raises on as AWS answers an action it does not know, HTTP 400 `InvalidAction` or
`UnknownOperationException`, which no SDK retries; `unserved/500`, the default, leaves moto's
server to answer 500, which every SDK retries with backoff. A REST call the emulator's parser does
not name is counted as its method and the first two parts of its path (`lambda:GET
/2015-03-31/functions`).

`POST /__bench__/record` empties the server's recording of answers and records every answer from
then on (each request is still answered by moto); `POST /__bench__/replay` answers a request the
recording has (the same method, path, query, body, service, region and `X-Amz-Target`; signatures,
dates and invocation ids aside) from it, without moto, in the order recorded (a report that was
"started" and then "complete" is so again); `POST /__bench__/off` stops both.
`POST /__bench__/latency/<ms>` holds every answer back that long before sending it (a model of a
network round trip; the wait holds only that request's thread, not the server). The
benchmark's warm runs use it: a scanner's second run over an account that has not changed, where
the emulator no longer spends its CPU building answers (see README.md).

`server.py --organization` serves an organisation: each request lands in the account its
credentials belong to (moto maps the keys AssumeRole hands out to the role's account; any other
key is the management account's), and a recorded answer is replayed only to a request made in the
same account.
"""

from __future__ import annotations

import io
import json
import logging
import os
import re
import sys
import threading
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

import emulator  # noqa: E402  (scripts/emulator.py: the same moto fixes as wascan's e2e tests)
import wsgi  # noqa: E402  (scripts/wsgi.py)


class RequestCounter:
    """WSGI middleware: counts requests per `service:Operation`, answers `/__bench__/*` itself."""

    def __init__(self, app, organization: bool):
        self.app = app
        self.organization = organization
        self.counts: Counter[str] = Counter()
        self.cpu: Counter[str] = Counter()
        self.statuses: dict[str, Counter[str]] = {}
        self.lock = threading.Lock()
        self.mode = "off"  # or "record", "replay"
        # Per request, the answers recorded in order, and how many of them replay has given.
        self.recording: dict[tuple, list[tuple[str, list, bytes]]] = {}
        self.replayed: Counter[tuple] = Counter()
        self.latency_s = 0.0
        self.unserved_400 = False

    def __call__(self, environ: dict, start_response):
        path = environ.get("PATH_INFO", "")
        if path.startswith("/__bench__/"):
            return self.control(path, start_response)
        started = time.thread_time()
        request = emulator.Request(environ)
        operation = f"{request.service or 'unknown'}:{request.operation or rest_call(request)}"
        given: list[str] = []

        def seen(status, headers, exc_info=None):
            given.append(status)
            return start_response(status, headers, exc_info)

        try:
            if self.mode == "off":
                answer = self.app(environ, seen)
            else:
                answer = self.recorded(environ, request, seen)
        except Exception as error:
            # moto raised (NotImplementedError for an action it does not implement): the
            # server answers 500, or in `unserved/400` mode an AWS-style 400 that no SDK
            # retries; count the call, and why.
            status = "400" if self.unserved_400 else "500"
            with self.lock:
                self.counts[operation] += 1
                self.cpu[operation] += time.thread_time() - started
                self.statuses.setdefault(operation, Counter())[
                    f"{status} raised:{type(error).__name__}"] += 1
            if not self.unserved_400:
                raise
            return unknown_operation(request, error, start_response)
        spent = time.thread_time() - started
        status = given[-1].split()[0] if given else "?"
        if status[:1] in ("4", "5") and isinstance(answer, list):
            status = f"{status} {error_code(b''.join(answer))}".rstrip()
        with self.lock:
            self.counts[operation] += 1
            self.cpu[operation] += spent
            self.statuses.setdefault(operation, Counter())[status] += 1
        if self.latency_s:
            time.sleep(self.latency_s)  # a network round trip: holds this request only
        return answer

    def recorded(self, environ: dict, request: emulator.Request, start_response):
        """Answers from the recording in replay mode; otherwise asks moto and records its answer."""
        body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
        environ["wsgi.input"] = io.BytesIO(body)
        key = (self.account(request), request.method, request.path,
               environ.get("QUERY_STRING", ""), body, request.service, request.region,
               request.target)
        answer = self.replay(key) if self.mode == "replay" else None
        if answer is None:
            answer = wsgi.call(self.app, environ)
            with self.lock:
                self.recording.setdefault(key, []).append(answer)
        status, headers, content = answer
        start_response(status, headers)
        return [content]

    def account(self, request: emulator.Request) -> str:
        """The account a request is made in (one account unless serving an organisation)."""
        if not self.organization:
            return MANAGEMENT_ACCOUNT_ID
        from moto.iam.models import get_account_id_from
        return get_account_id_from(request.access_key or "")

    def replay(self, key: tuple) -> tuple[str, list, bytes] | None:
        """The next recorded answer to this request (the last one again once all were given)."""
        with self.lock:
            answers = self.recording.get(key)
            if not answers:
                return None
            given = self.replayed[key]
            self.replayed[key] += 1
            return answers[min(given, len(answers) - 1)]

    def control(self, path: str, start_response):
        with self.lock:
            if path == "/__bench__/reset":
                self.counts.clear()
                self.cpu.clear()
                self.statuses.clear()
            if path in ("/__bench__/record", "/__bench__/replay", "/__bench__/off"):
                self.mode = path.rsplit("/", 1)[1]
                self.replayed.clear()
                if self.mode == "record":
                    self.recording.clear()
            if path.startswith("/__bench__/unserved/"):
                self.unserved_400 = path.rsplit("/", 1)[1] == "400"
            if path.startswith("/__bench__/latency/"):
                self.latency_s = int(path.rsplit("/", 1)[1]) / 1000
            if path == "/__bench__/cpu":
                body = json.dumps({k: round(v, 3) for k, v in self.cpu.most_common()}).encode()
            elif path == "/__bench__/statuses":
                body = json.dumps({k: dict(v) for k, v in sorted(self.statuses.items())}).encode()
            else:
                body = json.dumps(dict(sorted(self.counts.items()))).encode()
        start_response("200 OK", [("Content-Type", "application/json")])
        return [body]


MANAGEMENT_ACCOUNT_ID = "123456789012"

# An error answer's code: XML (`<Code>`), JSON (`__type`, `code`, `Code`), else none (moto's HTML
# page for an exception it did not turn into an AWS error, e.g. an action it does not implement).
ERROR_CODES = [re.compile(p) for p in (
    rb"<Code>([^<]{1,80})</Code>",
    rb'"__type"\s*:\s*"(?:[^"#]*#)?([^"]{1,80})"',
    rb'"[cC]ode"\s*:\s*"([^"]{1,80})"',
)]


def rest_call(request: emulator.Request) -> str:
    """A REST call the emulator's parser does not name: its method and the first two parts of its
    path (`GET /2015-03-31/functions`), so the calls of one kind count together."""
    parts = [part for part in request.path.split("/") if part][:2]
    return f"{request.method} /{'/'.join(parts)}"


def unknown_operation(request: emulator.Request, error: Exception, start_response):
    """HTTP 400, as AWS answers an action it does not know (`InvalidAction` for the query and
    EC2 protocols, `UnknownOperationException` for the JSON ones): an error the SDKs do not
    retry, unlike the 500 moto's server answers when moto raises."""
    message = f"the emulator does not serve this operation ({type(error).__name__})"
    if request.protocol in ("json", "cbor") or (request.protocol == "query"
                                                and not request.params.get("Action")):
        body = json.dumps({"__type": "UnknownOperationException", "message": message}).encode()
        headers = [("Content-Type", "application/json"),
                   ("x-amzn-ErrorType", "UnknownOperationException")]
    else:
        body = (f"<ErrorResponse><Error><Type>Sender</Type><Code>InvalidAction</Code>"
                f"<Message>{message}</Message></Error><RequestId>bench</RequestId>"
                f"</ErrorResponse>").encode()
        headers = [("Content-Type", "text/xml")]
    start_response("400 Bad Request", [*headers, ("Content-Length", str(len(body)))])
    return [body]


def error_code(body: bytes) -> str:
    for pattern in ERROR_CODES:
        match = pattern.search(body[:4096])
        if match:
            return match.group(1).decode("utf-8", "replace")
    return ""


def main() -> int:
    organization = "--organization" in sys.argv[1:]
    if not organization:
        # moto reads this on every request: all requests land in this one account.
        os.environ["MOTO_ACCOUNT_ID"] = MANAGEMENT_ACCOUNT_ID
    os.environ["MOTO_EC2_LOAD_DEFAULT_AMIS"] = "false"
    ready_out, sys.stdout = sys.stdout, sys.stderr
    logging.getLogger("werkzeug").setLevel(logging.WARNING)

    from moto.moto_server.werkzeug_app import (
        DomainDispatcherApplication, MotoRequestHandler, create_backend_app)
    from werkzeug.serving import make_server

    if organization:
        import moto.iam.models
        moto.iam.models.DEFAULT_ACCOUNT_ID = MANAGEMENT_ACCOUNT_ID
    emulator.fidelity_fixes()
    app = RequestCounter(DomainDispatcherApplication(create_backend_app), organization)
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=MotoRequestHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"BENCH_SERVER_READY http://127.0.0.1:{server.server_port}", file=ready_out, flush=True)
    while os.read(sys.stdin.fileno(), 65536):
        pass
    server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
