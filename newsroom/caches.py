"""The shared cache: Redis when REDIS_URL is set, else each process's own memory."""


def caches(redis_url):
    """CACHES with two aliases over one store.

    "default" shrugs off a Redis outage (readers get slower pages, not errors);
    "purges" raises, so that a purge the cache could not record is kept for a retry
    (articles.cache.purging) instead of silently lost.
    """
    if not redis_url:
        # The same LOCATION shares one store between the two aliases.
        local = {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "newsroom",
        }
        return {"default": local, "purges": dict(local)}
    redis = {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": redis_url,
        "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1},
        "KEY_PREFIX": "newsroom",
    }
    return {
        "default": {
            **redis,
            "OPTIONS": {**redis["OPTIONS"], "IGNORE_EXCEPTIONS": True},
        },
        "purges": redis,
    }
