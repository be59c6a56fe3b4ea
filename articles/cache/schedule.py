"""When what readers see changes next with nobody saving anything: the next scheduled
publication, embargo lift or front-page pin expiry. Nothing cached outlives it."""

import time

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from ..models import FrontPageSlot, Story
from .keys import SCHEDULE
from .stamps import current, fetched, track, unpurged

NAME = "newsroom:next-change"


def next_change():
    """Epoch seconds of the next scheduled change, or None.

    Kept in the shared cache until the schedule key is purged (a save of a story that
    is or was published, a pin) or the time passes; read once per entry being made.
    """
    making = current()
    if making is not None and NAME in making.values:
        return making.values[NAME]
    upcoming = _next_change()
    if making is not None:
        making.values[NAME] = upcoming
    return upcoming


def _next_change():
    started = time.time()
    kept = fetched(NAME)
    if kept is not None:
        computed_at, upcoming = kept
        if (upcoming is None or upcoming > started) and unpurged(
            [SCHEDULE], computed_at
        ):
            return upcoming
    track([SCHEDULE], started)
    upcoming = compute_next_change(timezone.now())
    cache.set(NAME, (started, upcoming), None)
    return upcoming


def valid_until(now):
    """Until when something read at `now` may be served: NEWSROOM_PAGE_CACHE_SECONDS
    later, and never past the next scheduled change."""
    upcoming = next_change()
    limit = now + settings.NEWSROOM_PAGE_CACHE_SECONDS
    return limit if upcoming is None else min(limit, upcoming)


def compute_next_change(now):
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
