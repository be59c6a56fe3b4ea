"""Surrogate keys: which objects a page shows, and purging the pages that show one.

A page records the keys of what it shows (`story:12`, `country-list:7`, `front`...).
Purging a key stamps it with the time; every cached page rendered before that time
and showing the key is stale from then on. Nothing is flushed wholesale, and no index
of pages is kept.
"""

import logging
import time
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

logger = logging.getLogger(__name__)

VERSION_PREFIX = "newsroom:purged:"
# A page being rendered: (when it began, {key: purge time} read or stamped since).
_rendering = ContextVar("rendering", default=None)
# Purge times and render times are compared across app servers: keep their clocks
# in sync (NTP); a skew of d seconds can keep a page purged within d of its render.


def purge_times(keys):
    """{key: epoch seconds of its last purge} for `keys`.

    A key with no purge time on record (never purged, or evicted from the cache) is
    given one now, or when the page being rendered began, so what was rendered
    before can never outlive an eviction.
    """
    # Within a page's render, each key's time is read once (see rendering).
    page = _rendering.get()
    seen = page[1] if page is not None else {}
    times = {key: seen[key] for key in keys if key in seen}
    names = {VERSION_PREFIX + key: key for key in keys if key not in times}
    found = cache.get_many(list(names)) if names else {}
    times.update({names[name]: stamp for name, stamp in found.items()})
    stamp = time.time() if page is None else page[0]
    for name, key in names.items():
        if name not in found:
            cache.add(name, stamp, timeout=None)
            times[key] = stamp
    seen.update(times)
    return times


def fresh(keys, moment, times):
    """True if none of `keys` was purged after `moment`, by `times` (purge_times)."""
    # With read replicas, a render soon after a purge may have read old rows.
    lag = settings.NEWSROOM_REPLICA_LAG_SECONDS
    return all(key in times and times[key] + lag <= moment for key in keys)


def unchanged_since(keys, moment):
    """True if none of `keys` was purged after `moment` (epoch seconds)."""
    return fresh(keys, moment, purge_times(keys))


@contextmanager
def rendering(started):
    """Within, keys are tracked as of `started` at the latest: a page's parts (its
    fragments, kept lists) rendered after the page began must not stamp a key later
    than the page's own render time, or the page would never be fresh. Keys whose
    purge time was read within are known to be tracked: no second read."""
    token = _rendering.set((started, {}))
    try:
        yield
    finally:
        _rendering.reset(token)


def track(keys, moment):
    """Start tracking `keys` for content read at `moment`, if not tracked yet.

    Stamping them with `moment` means: no purge since, as far as this page knows. An
    existing stamp (a real purge) is left as it is. One read for all the keys; only
    keys never seen are added, one by one (an atomic add cannot overwrite a purge).
    """
    if (page := _rendering.get()) is not None:
        started, seen = page
        moment = min(moment, started)
        keys = [key for key in keys if key not in seen]
    names = {VERSION_PREFIX + key: key for key in keys}
    found = cache.get_many(list(names)) if names else {}
    for name in names:
        if name not in found:
            cache.add(name, moment, timeout=None)
    if page is not None:
        seen.update({key: found.get(name, moment) for name, key in names.items()})


def purge(*keys, more=None):
    """Make every page showing any of `keys` stale, once the transaction commits.

    `more`, a callable, adds keys worked out at commit time, when related rows (an
    admin form's inlines) are saved too.
    """

    def mark():
        try:
            names = {key for key in keys if key} | set(more() if more else ())
            stamp = time.time()
            cache.set_many({VERSION_PREFIX + key: stamp for key in names}, timeout=None)
        except Exception:
            # The save is committed; a cache outage must not turn it into an error.
            logger.exception("Could not purge %s", keys)
            return
        from .page_cache import forget_remembered
        from .purge import send_purge

        forget_remembered()
        send_purge(sorted(names))

    transaction.on_commit(mark)


def story_placement(story):
    """Where a story appears besides its own page: the listings and shared pages."""
    if story.pk is None:
        return set()
    from .models import Byline, RelatedLink, StoryCountry, StoryPerson

    keys = {
        "front",
        "feeds",
        "sitemaps",
        "corrections",
        f"section-list:{story.section_id}",
    }
    keys |= {
        f"country-list:{pk}"
        for pk in StoryCountry.objects.filter(content_object=story).values_list(
            "tag_id", flat=True
        )
    }
    keys |= {
        f"person-list:{pk}"
        for pk in StoryPerson.objects.filter(content_object=story).values_list(
            "tag_id", flat=True
        )
    }
    keys |= {
        f"author-list:{pk}"
        for pk in Byline.objects.filter(story=story).values_list("author_id", flat=True)
    }
    # The pages of stories whose curated links point here show it once it is visible.
    keys |= {
        f"story-page:{pk}"
        for pk in RelatedLink.objects.filter(target=story).values_list(
            "story_id", flat=True
        )
    }
    return keys


def purge_story(story, placement_before=()):
    """Purge a changed story: the pages that show it, and every list it was or is on."""
    purge(
        f"story:{story.pk}",
        "schedule",
        *placement_before,
        more=lambda: story_placement(story),
    )
    from .fragments import prerender

    # After the purge above (commit callbacks run in order): rendered fresh.
    pk = story.pk
    transaction.on_commit(lambda: prerender(pk))


def story_keys(story):
    """Keys of a teaser: the story, its section, its picture and its authors (no
    queries)."""
    keys = [f"story:{story.pk}", f"section:{story.section_id}"]
    # Headline lists defer the picture (and do not show it): no query for its id.
    if image_id := story.__dict__.get("lead_image_id"):
        keys.append(f"image:{image_id}")
    if "bylines" in getattr(story, "_prefetched_objects_cache", {}):
        keys += [f"author:{byline.author_id}" for byline in story.bylines.all()]
    return keys
