"""CACHES from one environment variable, read by settings.py (no Django imports here).

    CACHE_URL unset or ""        each process keeps its own pages (LocMemCache): nothing to set up
    CACHE_URL=redis://host:6379/0 (or rediss://)   Django's RedisCache, shared by every server;
                                 needs the `redis` package (pip install 'cspboard[redis]')
    CACHE_URL=db                 Django's DatabaseCache in the application's database, shared by
                                 every server; its table is made by `migrate` (core/apps.py)
    CACHE_URL=locmem             the default, said explicitly
    CACHE_URL=dummy              no caching at all

Pages are kept under generations the writes move in the database (core/cache.py), so whichever
cache is used a page is never served stale; a shared cache only saves each server from drawing
every page once for itself.
"""

from __future__ import annotations

DATABASE_TABLE = "cspboard_cache"


def caches_from_url(url: str, *, timeout: int = 3600) -> dict:
    url = (url or "").strip()
    scheme = url.split("://", 1)[0].lower() if "://" in url else url.lower()
    common = {"TIMEOUT": timeout, "KEY_PREFIX": "cspboard"}
    if scheme in ("", "locmem"):
        backend = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
        backend["OPTIONS"] = {"MAX_ENTRIES": 2000}
    elif scheme in ("redis", "rediss", "unix"):
        backend = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    elif scheme == "db":
        backend = {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": DATABASE_TABLE,
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
    elif scheme == "dummy":
        backend = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    else:
        raise ValueError(
            f"CACHE_URL must be empty, locmem, db, dummy or a redis:// address, not {scheme!r}"
        )
    return {"default": {**backend, **common}}
