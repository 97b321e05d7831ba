"""What every answer under /api/ carries: validators for conditional GET, caching rules, and
CORS open to any site for reading without credentials.

- **Validators without building the answer.** Everything the API serves is part of the record,
  and every write to the record moves a counter (`core.cache`: the generations) in its own
  transaction. The `ETag` is a digest of the counters, the day (current roles and an event's
  status change with it), the reader's access, the API's schema, and the address asked for; so
  a conditional request whose `ETag` still matches is answered 304 after one small query,
  without building the answer. `Last-Modified` is when this server first gave out that `ETag`
  for the address, and always a second later at least than the one it gave with the `ETag`
  before (kept in the cache, shared by the servers as the pages' is), so an
  `If-Modified-Since` never gets a 304 for an answer that has changed since.
- **Kept answers.** An answer is kept in the cache under its `ETag`
  (settings.API_CACHE_SECONDS), so asking again for an unchanged list costs what a 304 does,
  and a read of the cache.
- **Caching by others.** `Cache-Control: no-cache` (revalidate each time, cheaply) and
  `public` for the public; `private` for a signed-in reader, whose answers may hold what the
  public may not see, and `Vary: Cookie` always.
- **CORS.** `Access-Control-Allow-Origin: *` and never `Allow-Credentials`: another site's
  script may read what the public may, and a browser refuses it a signed-in reader's answer.
  A preflight is answered for GET and the conditional headers only.
"""

from __future__ import annotations

import hashlib
import json
import math
import time
from functools import cache

from django.conf import settings
from django.core.cache import cache as django_cache
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date

from cspboard.boards.access import access_for
from cspboard.core.cache import every_generation_key, request_generations

from .api import api

PREFIX = "/api/"
SEEN_SECONDS = 30 * 24 * 3600
CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Expose-Headers": "ETag, Last-Modified",
}
PREFLIGHT_HEADERS = {
    "Access-Control-Allow-Methods": "GET, OPTIONS",
    "Access-Control-Allow-Headers": "Accept, If-None-Match, If-Modified-Since",
    "Access-Control-Max-Age": "86400",
}


@cache
def _schema_digest() -> str:
    """The API's description, so answers change validators when a release changes them."""
    text = json.dumps(api.get_openapi_schema(path_prefix="/api/v1/"), sort_keys=True, default=str)
    return hashlib.blake2b(text.encode(), digest_size=8).hexdigest()


def _audience(request) -> str:
    access = access_for(request.user)
    if not access.authenticated:
        return "public"
    return repr(access)


def _resource(request) -> str:
    """The answer asked for, whatever the state of the record: the address, as whom."""
    parts = [_audience(request), _schema_digest(), request.scheme, request.get_host()]
    parts.append(request.get_full_path())
    return hashlib.blake2b("\n".join(parts).encode(), digest_size=16).hexdigest()


def validator_for(request, resource: str) -> str:
    """The resource in this state of the record, on this day."""
    state = [every_generation_key(request_generations(request)), timezone.localdate().isoformat()]
    text = "\n".join([resource, *state])
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def last_modified_for(resource: str, etag: str) -> int:
    """When the resource last changed, as far as this server can tell: the time it first gave
    out this `ETag` for it, and always later than the time it gave with the `ETag` before (HTTP
    dates are in whole seconds), so `If-Modified-Since` never matches a changed answer."""
    key = f"api:modified:{resource}"
    known = django_cache.get(key)
    if known is not None and known[0] == etag:
        return known[1]
    modified = math.floor(time.time())
    if known is not None:
        modified = max(modified, known[1] + 1)
    django_cache.set(key, (etag, modified), SEEN_SECONDS)
    return modified


class OpenDataMiddleware:
    """Acts on /api/ only; after authentication, so it knows the reader's access."""

    def __init__(self, get_response):
        self.get_response = get_response

    def answer(self, request, etag: str):
        """The answer, kept in the cache under its `ETag` (which names the record's state, the
        reader's access and the address: everything the answer depends on), as the site keeps
        its pages (`core/cache.py`)."""
        seconds = settings.API_CACHE_SECONDS
        key = f"api:answer:{etag}"
        kept = django_cache.get(key) if seconds else None
        if kept is not None:
            content_type, content = kept
            return HttpResponse(content, content_type=content_type)
        response = self.get_response(request)
        if seconds and response.status_code == 200 and not response.streaming:
            django_cache.set(key, (response["Content-Type"], response.content), seconds)
        return response

    def __call__(self, request):
        if not request.path_info.startswith(PREFIX):
            return self.get_response(request)
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            for name, value in PREFLIGHT_HEADERS.items():
                response.headers[name] = value
        elif request.method == "GET":
            resource = _resource(request)
            etag = f'"{validator_for(request, resource)}"'
            last_modified = last_modified_for(resource, etag)
            response = get_conditional_response(request, etag=etag, last_modified=last_modified)
            if response is None:
                response = self.answer(request, etag)
            if response.status_code in (200, 304):
                response.headers["ETag"] = etag
                response.headers["Last-Modified"] = http_date(last_modified)
        else:
            response = self.get_response(request)
        authenticated = access_for(request.user).authenticated
        response.headers["Cache-Control"] = (
            "private, no-cache" if authenticated else ("public, no-cache")
        )
        patch_vary_headers(response, ["Cookie"])
        for name, value in CORS_HEADERS.items():
            response.headers[name] = value
        return response
