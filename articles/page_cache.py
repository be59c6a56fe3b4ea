"""The anonymous page cache: whole reader pages, kept fresh by surrogate keys.

A reader view decorated with `cached_page` records what it shows with
`show(request, key, ...)`. Anonymous GET and HEAD requests are answered from the
shared cache while every key still has the version it had at render time and the
page has not outlived the next scheduled change. When a hot page goes stale, one
request renders it again while the others are given the previous copy.
"""

import hashlib
import math
import threading
import time
from collections import OrderedDict
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, QueryDict
from django.utils.cache import patch_cache_control
from django.utils.http import http_date

from .invalidation import rendering, track, unchanged_since

PAGE_PREFIX = "newsroom:page:"
LOCK_PREFIX = "newsroom:render:"
# Stale copies are kept this long for stampede protection and cache outages.
STALE_SECONDS = 24 * 3600
LOCK_SECONDS = 30
# Campaign parameters change nothing on the page; they must not split the cache.
# The only query parameters cached pages read: listings' and sitemaps' page numbers.
# Anything else (campaign tags, junk) is dropped before the view sees it, so it can
# neither split the cache nor be echoed into a page stored for every reader.
READER_PARAMS = {"page", "p"}
SITE_KEYS = ("site", "sections")


def show(request, *keys):
    """Record that the page being rendered shows the objects named by `keys`."""
    if hasattr(request, "surrogate_keys"):
        request.surrogate_keys.update(key for key in keys if key)


def is_anonymous(request):
    """No session, no credentials: a reader, as far as the cache is concerned."""
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
    )


def reader_params(request):
    """The request's query string reduced to READER_PARAMS."""
    kept = QueryDict(mutable=True)
    for name in READER_PARAMS & set(request.GET):
        kept.setlist(name, request.GET.getlist(name))
    kept._mutable = False
    return kept


def page_key(request):
    params = sorted(request.GET.lists())
    digest = hashlib.sha256(repr((request.path, params)).encode()).hexdigest()
    return PAGE_PREFIX + digest


def is_fresh(entry, now):
    return entry["valid_until"] > now and unchanged_since(
        entry["keys"], entry["rendered_at"]
    )


# A process keeps the pages it served a moment ago, so a hot page costs no round trip
# to the shared cache. A purge clears this memo in its own process at once, and in
# the other processes within NEWSROOM_PAGE_MEMO_SECONDS.
_memo = OrderedDict()
_memo_lock = threading.Lock()
MEMO_SIZE = 256


def remembered(key, now):
    with _memo_lock:
        item = _memo.get(key)
    if item is None:
        return None
    entry, checked_at = item
    if (
        now - checked_at < settings.NEWSROOM_PAGE_MEMO_SECONDS
        and entry["valid_until"] > now
    ):
        return entry
    return None


def remember(key, entry, now):
    with _memo_lock:
        _memo[key] = (entry, now)
        _memo.move_to_end(key)
        while len(_memo) > MEMO_SIZE:
            _memo.popitem(last=False)


def forget_remembered():
    with _memo_lock:
        _memo.clear()
        _values.clear()


# What every page shows besides its own content (the sections menu) is read once per
# NEWSROOM_PAGE_MEMO_SECONDS in a process, on the same terms as the pages above.
_values = {}


def remembered_value(name, load):
    """`load()`, or its result from less than NEWSROOM_PAGE_MEMO_SECONDS ago."""
    now = time.time()
    with _memo_lock:
        item = _values.get(name)
    if item is not None and now - item[1] < settings.NEWSROOM_PAGE_MEMO_SECONDS:
        return item[0]
    value = load()
    with _memo_lock:
        _values[name] = (value, now)
    return value


def cached_page(view):
    """Serve the view to anonymous readers from the shared cache (see module docs)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not is_anonymous(request):
            response = view(request, *args, **kwargs)
            patch_cache_control(response, private=True, no_store=True)
            return response
        request.GET = reader_params(request)
        key = page_key(request)
        now = time.time()
        if (entry := remembered(key, now)) is not None:
            return from_entry(entry, "HIT")
        entry = cache.get(key)
        locked = False
        if entry is not None:
            if is_fresh(entry, now):
                remember(key, entry, now)
                return from_entry(entry, "HIT")
            locked = cache.add(LOCK_PREFIX + key, 1, LOCK_SECONDS)
            if not locked:
                return from_entry(entry, "STALE")
            # Another request may have stored a fresh copy just before the lock freed.
            latest = cache.get(key)
            if latest is not None and is_fresh(latest, now):
                cache.delete(LOCK_PREFIX + key)
                return from_entry(latest, "HIT")
        try:
            request.surrogate_keys = set(SITE_KEYS)
            with rendering(now):
                try:
                    response = view(request, *args, **kwargs)
                except (OperationalError, InterfaceError):
                    # The database is away: the last copy beats an error page.
                    if entry is None:
                        raise
                    return from_entry(entry, "STALE")
                if hasattr(response, "render") and not response.is_rendered:
                    response.render()
                if response.status_code != 200 or response.streaming:
                    return response
                entry = store(key, request, response, now)
            # With replicas a fresh render may still be stale (see unchanged_since).
            if not settings.NEWSROOM_REPLICA_LAG_SECONDS:
                remember(key, entry, now)
            return from_entry(entry, "MISS")
        finally:
            if locked:
                cache.delete(LOCK_PREFIX + key)

    return wrapper


def store(key, request, response, started):
    """Cache the page with the keys it shows and the time its rendering began."""
    from .schedule import valid_until

    now = time.time()
    track(request.surrogate_keys, started)
    until = valid_until(now)
    entry = {
        "keys": sorted(request.surrogate_keys),
        "rendered_at": started,
        "content": response.content,
        "content_type": response["Content-Type"],
        "headers": {
            name: value
            for name, value in response.items()
            if name.lower() in ("content-language", "x-robots-tag", "link")
        },
        "valid_until": until,
        "etag": f'"{hashlib.sha256(response.content).hexdigest()[:32]}"',
    }
    cache.set(key, entry, int(until - now) + STALE_SECONDS)
    return entry


def from_entry(entry, state):
    response = HttpResponse(entry["content"], content_type=entry["content_type"])
    for name, value in entry["headers"].items():
        response[name] = value
    response["ETag"] = entry["etag"]
    response["Last-Modified"] = http_date(entry["rendered_at"])
    response["Surrogate-Key"] = " ".join(entry["keys"])
    response["X-Cache"] = state
    # Neither browsers nor a CDN may keep the page past the next scheduled change.
    remaining = max(0, math.ceil(entry["valid_until"] - time.time()))
    max_age = min(settings.NEWSROOM_BROWSER_CACHE_SECONDS, remaining)
    patch_cache_control(
        response,
        public=True,
        max_age=max_age,
        s_maxage=min(settings.NEWSROOM_PAGE_CACHE_SECONDS, remaining),
        stale_while_revalidate=max_age,
        stale_if_error=STALE_SECONDS,
    )
    return response
