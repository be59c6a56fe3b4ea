"""The page cache: whole reader pages for anonymous readers, fresh by surrogate keys.

A view decorated with `cached_page` records what it shows (`shows`, and the parts it
uses record theirs). Anonymous GET and HEAD requests are answered from the shared cache
while no key of the page was purged since it was made and the page has not outlived
its lifetime or the next scheduled change.

A purge means "must not be shown": a purged copy is never served, not even while a
fresh one is being made or the database is away. A copy that only ran out of time may
be: one request makes the page again while the others are given that copy, and it
stands in for the page during a database outage.
"""

import hashlib
import time
from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import InterfaceError, OperationalError
from django.http import QueryDict

from .headers import from_entry, page_value, private
from .keys import EVERY_PAGE
from .local import remember, remembered
from .paired import keep_and_unlock, lock_and_read
from .schedule import valid_until
from .shown import collecting
from .stamps import making, unpurged, untracked

# The number changes with the shape of a kept page, so a deploy never reads the
# pages an older release kept.
PREFIX = "newsroom:page:2:"
LOCK_PREFIX = "newsroom:making:"
# Copies are kept this long past their lifetime: the stand-in of an outage.
KEEP_STALE_SECONDS = 24 * 3600
LOCK_SECONDS = 30
# A request finding a purged page being made waits for it (at most
# NEWSROOM_PAGE_WAIT_SECONDS), checking this often, then makes it itself.
WAIT_STEP = 0.02
# The only query parameters most pages read: listings' and sitemaps' page numbers.
# Anything else (campaign tags, junk) is dropped before the view sees it, so it can
# neither split the cache nor be echoed into a page stored for every reader.
PAGE_PARAMS = ("page", "p")


def is_anonymous(request):
    """No session, no credentials: a reader, as far as the cache is concerned."""
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
    )


def kept_params(request, params):
    """The request's query string reduced to `params`."""
    kept = QueryDict(mutable=True)
    for name in request.GET:
        if name in params:
            kept.setlist(name, request.GET.getlist(name))
    kept._mutable = False
    return kept


def page_name(request):
    params = sorted(request.GET.lists())
    digest = hashlib.sha256(repr((request.path, params)).encode()).hexdigest()
    return PREFIX + digest


def cached_page(view=None, *, params=PAGE_PARAMS, seconds=None):
    """Serve the view to anonymous readers from the shared cache (see module docs).

    `params` are the query parameters the view reads; `seconds` (a callable, read at
    each request) shortens the lifetime of its pages below NEWSROOM_PAGE_CACHE_SECONDS
    (search results).
    """
    if view is None:
        return lambda view: cached_page(view, params=params, seconds=seconds)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not is_anonymous(request):
            return private(view(request, *args, **kwargs))
        request.GET = kept_params(request, params)
        return _serve(request, lambda: view(request, *args, **kwargs), seconds)

    return wrapper


def _serve(request, render, seconds):
    name = page_name(request)
    now = time.time()
    memo = remembered(name)
    if memo is not None:
        entry, checked_at = memo
        if (
            now - checked_at < settings.NEWSROOM_PAGE_MEMO_SECONDS
            and entry["until"] > now
        ):
            return from_entry(entry, "HIT")
    entry = cache.get(name)
    purged = entry is None or not unpurged(entry["keys"], entry["at"])
    if not purged and entry["until"] > now:
        remember(name, (entry, now))
        return from_entry(entry, "HIT")
    # The page is read again with the lock taken: another request may have made it
    # and freed the lock since it was read.
    leader, latest = lock_and_read(LOCK_PREFIX + name, name, LOCK_SECONDS)
    lock = Lock(LOCK_PREFIX + name if leader else None)
    try:
        # None: the shared cache is away (its errors are shrugged off), so nobody can
        # be waited for; the page is made here and now.
        if leader is False:
            if not purged:
                return from_entry(entry, "STALE")
            if (made := _wait_for(name, now)) is not None:
                return from_entry(made, "HIT")
        elif leader and (made := _fresh(latest)) is not None:
            return from_entry(made, "HIT")
        stand_in = entry if not purged else None
        return _make(request, name, render, stand_in, seconds, lock)
    finally:
        lock.free()


@dataclass
class Lock:
    """The lock on making a page, while held: freed once, with the page kept or
    on the way out."""

    name: str | None

    def free(self):
        if name := self.take():
            cache.delete(name)

    def take(self):
        """The lock's name, for the caller to free, or None if not held."""
        name, self.name = self.name, None
        return name


def _wait_for(name, since):
    """The page made by the request making it now, if it arrives in time."""
    deadline = since + settings.NEWSROOM_PAGE_WAIT_SECONDS
    while time.time() < deadline:
        time.sleep(WAIT_STEP)
        if (entry := _fresh_copy(name)) is not None:
            return entry
    return None


def _fresh_copy(name):
    """The page kept under `name` if it is fresh, else None."""
    return _fresh(cache.get(name))


def _fresh(entry):
    """`entry` (a kept page, or None) if it is fresh, else None."""
    if entry is not None and entry["until"] > time.time():
        if unpurged(entry["keys"], entry["at"]):
            return entry
    return None


def _make(request, name, render, stand_in, seconds, lock):
    """Render the page, keep it if it is a 200, and serve it as a MISS."""
    started = time.time()
    with making(started), collecting(set(EVERY_PAGE)) as keys:
        try:
            response = render()
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
        except (OperationalError, InterfaceError):
            # The database is away: a copy nobody purged beats an error page.
            if stand_in is None:
                raise
            return from_entry(stand_in, "STALE")
        if response.status_code != 200 or response.streaming:
            return response
        entry = _keep(name, keys, response, started, seconds, lock)
    # With replicas a fresh render may still be stale (see stamps.unpurged).
    if not settings.NEWSROOM_REPLICA_LAG_SECONDS:
        remember(name, (entry, started))
    return from_entry(entry, "MISS")


def _keep(name, keys, response, started, seconds, lock):
    """Keep the page with the keys it shows and the time its making began, the
    keys' purge times started where they have none, and free the lock on making
    it: all in one go."""
    now = time.time()
    until = valid_until(now)
    if seconds is not None:
        until = min(until, now + seconds())
    value = page_value(response)
    value["etag"] = f'"{hashlib.sha256(value["content"]).hexdigest()[:32]}"'
    entry = {"value": value, "keys": sorted(keys), "at": started, "until": until}
    seconds = int(until - now) + KEEP_STALE_SECONDS
    keep_and_unlock(name, entry, seconds, lock.take(), untracked(keys, started))
    return entry
