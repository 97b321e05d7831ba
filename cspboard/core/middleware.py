"""One log line per request, with an id that follows the request through the proxy's logs."""

from __future__ import annotations

import logging
import re
import time
import uuid

from csp.middleware import CSPMiddleware

logger = logging.getLogger("cspboard.request")

# An id the proxy passed on (nginx's $request_id) is kept when it looks like one; anything else
# is replaced, so a client cannot write what it likes into the logs.
_REQUEST_ID = re.compile(r"\A[A-Za-z0-9._-]{8,64}\Z")


def request_id_for(request) -> str:
    given = request.headers.get("X-Request-ID", "")
    return given if _REQUEST_ID.match(given) else uuid.uuid4().hex


def _user_id(request) -> int | None:
    """The signed-in user's id, when the request looked the user up: reading `request.user`
    here would cost anonymous (cached) pages a session query they never made."""
    user = getattr(request, "_cached_user", None)
    if user is None or not user.is_authenticated:
        return None
    return user.pk


class RequestLogMiddleware:
    """Logs method, path, status, duration in milliseconds, user id and request id: one line
    (JSON with LOG_FORMAT=json) on the `cspboard.request` logger, after the response is made.
    The request id is also sent back as the X-Request-ID header and kept as
    `request.request_id`."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        request.request_id = request_id_for(request)
        response = self.get_response(request)
        response.headers.setdefault("X-Request-ID", request.request_id)
        if logger.isEnabledFor(logging.INFO):
            fields = {
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                "user_id": _user_id(request),
                "request_id": request.request_id,
            }
            logger.info(
                "%(method)s %(path)s %(status)s %(duration_ms)sms",
                fields,
                extra=fields,
            )
        return response


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's policy (settings.CONTENT_SECURITY_POLICY) on every response but PDFs.

    A PDF opened in the browser is shown by its built-in viewer inside a document that the
    response's policy would govern, and `object-src 'none'` can stop the viewer loading it; a
    PDF runs none of our scripts, so the policy protects nothing there."""

    def process_response(self, request, response):
        if response.get("Content-Type", "").startswith("application/pdf"):
            return response
        return super().process_response(request, response)
