"""When the set of stories readers see changes next, with nobody saving anything."""

import time

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from .invalidation import track, unchanged_since

CACHE_KEY = "newsroom:next-change"


def next_change():
    """Epoch seconds of the next publication, embargo lift or pin expiry, or None.

    Cached until the `schedule` key is purged (any story save) or the time passes.
    """
    started = time.time()
    cached = cache.get(CACHE_KEY)
    if cached is not None:
        computed_at, upcoming = cached
        if (upcoming is None or upcoming > started) and unchanged_since(
            ["schedule"], computed_at
        ):
            return upcoming
    track(["schedule"], started)
    upcoming = compute_next_change(timezone.now())
    cache.set(CACHE_KEY, (started, upcoming), None)
    return upcoming


def valid_until(now):
    """Until when something read at `now` may be served: NEWSROOM_PAGE_CACHE_SECONDS
    later, and never past the next scheduled change."""
    upcoming = next_change()
    limit = now + settings.NEWSROOM_PAGE_CACHE_SECONDS
    return limit if upcoming is None else min(limit, upcoming)


def compute_next_change(now):
    from .models import FrontPageSlot, Story

    scheduled = Story.objects.scheduled(now).order_by()
    publications = scheduled.filter(published_at__gt=now).values_list("published_at")
    embargoes = scheduled.filter(embargoed_until__gt=now).values_list("embargoed_until")
    expiries = (
        FrontPageSlot.objects.filter(expires_at__gt=now)
        .order_by()
        .values_list("expires_at")
    )
    upcoming = publications.union(embargoes, expiries, all=True).order_by(
        "published_at"
    )[:1]
    return upcoming[0][0].timestamp() if upcoming else None
