import pytest

from cspboard.core.cache_config import caches_from_url


def backend(url: str) -> str:
    return caches_from_url(url)["default"]["BACKEND"].rsplit(".", 1)[1]


def test_each_process_keeps_its_own_by_default():
    assert backend("") == backend("locmem") == "LocMemCache"


def test_a_shared_cache_in_redis_or_the_database():
    redis = caches_from_url("redis://cache.internal:6379/1")["default"]
    assert redis["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert redis["LOCATION"] == "redis://cache.internal:6379/1"
    assert backend("rediss://cache.internal:6380/0") == "RedisCache"
    db = caches_from_url("db", timeout=60)["default"]
    assert db["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    assert db["LOCATION"] == "cspboard_cache" and db["TIMEOUT"] == 60


def test_anything_else_is_refused():
    with pytest.raises(ValueError, match="CACHE_URL"):
        caches_from_url("memcached://127.0.0.1:11211")
