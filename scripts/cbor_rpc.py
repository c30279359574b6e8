"""Smithy RPC v2 CBOR in front of moto, which speaks only the older protocols.

The AWS SDKs now call some services (CloudWatch, for one) with the RPC v2 CBOR protocol:
`POST /service/<ServiceShape>/operation/<Operation>`, a CBOR map in and a CBOR map out, headers
`smithy-protocol: rpc-v2-cbor`. moto 5.2 answers CloudWatch only over the query protocol and
returns 404 for these requests. This WSGI middleware translates: the CBOR request becomes the same
operation's query-protocol request (serialised by botocore from the service's own model), moto
answers it, and its XML answer (parsed by botocore) goes back as CBOR, errors as the protocol's
`{"__type", "message"}` maps. Timestamps are CBOR tag 1 (epoch seconds), as the protocol says.
"""

from __future__ import annotations

import datetime
import io
import re
from urllib.parse import urlencode

import cbor2

import wsgi

PATH = re.compile(r"^/service/([^/]+)/operation/([^/]+)$")
# The RPC v2 CBOR services moto knows under another protocol: the service shape's name in the
# request path -> botocore's service name.
SERVICES = {"GraniteServiceVersion20100801": "cloudwatch"}


def operation_of(path: str) -> str | None:
    """The operation a CBOR request's path names, or None for another kind of request."""
    match = PATH.match(path)
    return match.group(2) if match and match.group(1) in SERVICES else None


def encode(value) -> bytes:
    return cbor2.dumps(value, datetime_as_timestamp=True, timezone=datetime.timezone.utc)


def error_body(code: str, message: str) -> bytes:
    return encode({"__type": code, "message": message})


def headers(length: int) -> list[tuple[str, str]]:
    return [("Content-Type", "application/cbor"), ("smithy-protocol", "rpc-v2-cbor"),
            ("Content-Length", str(length))]


class CborRpc:
    """WSGI middleware: answers RPC v2 CBOR requests through moto's query protocol."""

    def __init__(self, app):
        self.app = app
        self.models: dict[str, object] = {}

    def __call__(self, environ: dict, start_response):
        match = PATH.match(environ.get("PATH_INFO", ""))
        if environ.get("REQUEST_METHOD") != "POST" or not match or match.group(1) not in SERVICES:
            return self.app(environ, start_response)
        service, operation = SERVICES[match.group(1)], match.group(2)
        body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
        try:
            model = self.service_model(service).operation_model(operation)
        except Exception:  # botocore's OperationNotFoundError
            return self.answer(start_response, "400 Bad Request",
                               error_body("UnknownOperationException", operation))
        try:
            params = cbor2.loads(body) if body else {}
        except (cbor2.CBORDecodeError, ValueError):
            params = None
        if not isinstance(params, dict):
            return self.answer(start_response, "400 Bad Request",
                               error_body("SerializationException", "the body is not a CBOR map"))
        query = self.query_request(model, params)
        status, xml = self.ask_moto(environ, query)
        return self.answer(start_response, status, self.cbor_answer(model, status, xml))

    def service_model(self, service: str):
        if service not in self.models:
            import botocore.session
            session = botocore.session.get_session()
            self.models[service] = session.get_service_model(service)
        return self.models[service]

    @staticmethod
    def query_request(model, params: dict) -> bytes:
        from botocore.serialize import create_serializer
        request = create_serializer("query", include_validation=False).serialize_to_request(
            params, model)
        return urlencode(request["body"]).encode("utf-8")

    def ask_moto(self, environ: dict, body: bytes) -> tuple[str, bytes]:
        inner = dict(environ)
        inner.update({
            "PATH_INFO": "/",
            "QUERY_STRING": "",
            "CONTENT_TYPE": "application/x-www-form-urlencoded; charset=utf-8",
            "CONTENT_LENGTH": str(len(body)),
            "wsgi.input": io.BytesIO(body),
        })
        inner.pop("HTTP_SMITHY_PROTOCOL", None)
        status, _, content = wsgi.call(self.app, inner)
        return status, content

    @staticmethod
    def cbor_answer(model, status: str, xml: bytes) -> bytes:
        from botocore.parsers import create_parser
        code = int(status.split()[0])
        parsed = create_parser("query").parse(
            {"body": xml, "headers": {}, "status_code": code}, model.output_shape)
        if code >= 300:
            error = parsed.get("Error", {})
            return error_body(error.get("Code") or "InternalFailure", error.get("Message") or "")
        parsed.pop("ResponseMetadata", None)
        return encode(parsed)

    @staticmethod
    def answer(start_response, status: str, body: bytes):
        start_response(status, headers(len(body)))
        return [body]
