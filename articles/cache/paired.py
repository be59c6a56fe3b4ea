"""Commands to the shared cache that go together, in one round trip on Redis.

Making a page takes its lock and reads the page again (made by the lock's last
holder meanwhile?), then keeps the page, with the purge times its keys lack, and
frees the lock: each is sent as one pipeline when the shared cache is Redis, one
command after the other otherwise. A page made saves three round trips.

Like the default cache, an unreachable Redis is shrugged off: the lock is then
neither taken nor refused (None), nothing is read, nothing kept.
"""

from django.core.cache import DEFAULT_CACHE_ALIAS, cache, caches
from django_redis.cache import RedisCache
from redis.exceptions import RedisError

# What django-redis shrugs off for the default cache.
AWAY = (RedisError, OSError)
# Sets each of KEYS to ARGV[1] where it is absent: a page's forty stamps are one
# command, not forty.
ADD_EACH = "for _, key in ipairs(KEYS) do redis.call('SET', key, ARGV[1], 'NX') end"


def lock_and_read(lock, name, seconds):
    """(taken, value): take `lock` for `seconds` if free (True, False when held
    elsewhere, None when the cache is away), then read `name`."""
    client = _redis()
    if client is None:
        return cache.add(lock, 1, seconds), cache.get(name)
    keys = cache.client
    try:
        pipe = client.pipeline(transaction=False)
        pipe.set(keys.make_key(lock), keys.encode(1), nx=True, ex=seconds)
        pipe.get(keys.make_key(name))
        taken, raw = pipe.execute()
    except AWAY:
        return None, None
    return bool(taken), None if raw is None else keys.decode(raw)


def keep_and_unlock(name, value, seconds, lock, stamps=None):
    """Add each of `stamps` ({name: value}, kept for good) where absent, keep
    `value` under `name` for `seconds`, then free `lock` (if given)."""
    stamps = stamps or {}
    client = _redis()
    if client is None:
        for stamp, moment in stamps.items():
            cache.add(stamp, moment, timeout=None)
        cache.set(name, value, seconds)
        if lock:
            cache.delete(lock)
        return
    keys = cache.client
    try:
        pipe = client.pipeline(transaction=False)
        by_moment = {}
        for stamp, moment in stamps.items():
            by_moment.setdefault(moment, []).append(keys.make_key(stamp))
        for moment, names in by_moment.items():
            pipe.eval(ADD_EACH, len(names), *names, keys.encode(moment))
        pipe.set(keys.make_key(name), keys.encode(value), ex=seconds)
        if lock:
            pipe.delete(keys.make_key(lock))
        pipe.execute()
    except AWAY:
        return


def _redis():
    """The Redis client behind the default cache, or None for another backend."""
    if not isinstance(caches[DEFAULT_CACHE_ALIAS], RedisCache):
        return None
    return cache.client.get_client(write=True)
