"""A WSGI application's whole answer, for middleware that needs it before answering itself."""

from __future__ import annotations


def call(app, environ: dict) -> tuple[str, list[tuple[str, str]], bytes]:
    """Asks `app` and returns its status line, headers and body."""
    answered: list = ["500 Internal Server Error", []]

    def start_response(status, headers, _exc_info=None):
        answered[:] = [status, list(headers)]
        return lambda _data: None

    chunks = app(environ, start_response)
    try:
        body = b"".join(chunks)
    finally:
        if hasattr(chunks, "close"):
            chunks.close()
    return answered[0], answered[1], body
