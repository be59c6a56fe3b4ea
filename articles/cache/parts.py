"""Parts of pages kept between renders: per-story fragments and computed values.

A part is kept with the surrogate keys of what it shows and the time it was made; it
is fresh while none of those keys was purged since, exactly like a page. A purge that
makes a page stale therefore makes stale the parts of it that changed, and only those:
the page rendered next makes again one teaser of the front page's thirty, not thirty.

Whatever a part shows, the page using it shows too: its keys are added to the page
being rendered, so a page can never miss a key of one of its parts.

Only what the public may see goes in: no request data, nothing about the user.
"""

import hashlib
import math
import time
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache as once
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.core.cache import cache

from .keys import SCHEDULE, SITE
from .local import remember_many, remembered_many
from .schedule import NAME as NEXT_CHANGE
from .schedule import valid_until
from .shown import shown_so_far, shows
from .stamps import current, purge_times, track, unpurged

PREFIX = "newsroom:part:"
# A purge, not this timeout, makes a part stale; the timeout lets the parts of
# stories nobody reads any more leave the cache.
PART_SECONDS = 24 * 3600

_bypassed = ContextVar("parts_bypassed", default=False)


@contextmanager
def bypassed():
    """Within, parts are made afresh, never read from or put in the cache."""
    token = _bypassed.set(True)
    try:
        yield
    finally:
        _bypassed.reset(token)


@once
def code_release():
    """A digest of the code and templates that shape parts: a deploy that changes
    how a part looks starts with none of them cached."""
    root = Path(settings.BASE_DIR)
    paths = [*root.glob("templates/**/*.html"), *root.glob("articles/**/*.py")]
    if settings.STATIC_ROOT:
        paths.append(Path(settings.STATIC_ROOT) / "staticfiles.json")
    digest = hashlib.sha256()
    for path in sorted(paths):
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


@lru_cache(maxsize=8)
def _site(url, name):
    # The site's name and address are in parts too (absolute links, page heads).
    return hashlib.sha256(f"{url}|{name}".encode()).hexdigest()[:8]


def part_name(name):
    site = _site(settings.SITE_URL, settings.SITE_NAME)
    return f"{PREFIX}{code_release()}:{site}:{name}"


def _read(names):
    """{name: entry} from this process's memo, else from the shared cache (unless
    the page being made read it ahead and found nothing)."""
    found = remembered_many(names)
    making = current()
    absent = making.absent if making is not None else ()
    if missing := [name for name in names if name not in found and name not in absent]:
        fetched = cache.get_many(missing)
        remember_many(fetched)
        found.update(fetched)
    return found


def _fresh_entries(names, now):
    """{name: entry} of `names` kept and fresh: two reads of the shared cache at
    most, the entries and their keys' purge times."""
    found = _read(list(names))
    times = purge_times({key for entry in found.values() for key in entry["keys"]})
    return {
        name: entry
        for name, entry in found.items()
        if (entry["until"] is None or entry["until"] > now)
        and unpurged(entry["keys"], entry["at"], times)
    }


def ahead(names=(), kept=(), shared=()):
    """Read at once what the page being made will ask next of `parts()` (part
    `names`) and `keep()` (`kept` names, and `shared` ones): their entries and their
    keys' purge times, with those of the keys the page has shown so far and the
    schedule's: two reads of the shared cache where each of those calls would make
    two of its own. Outside a page's making nothing is read; bypassed, only what
    is read anyway (the shared values, the purge times)."""
    making = current()
    if making is None or (_bypassed.get() and not shared):
        return
    full = [] if _bypassed.get() else [part_name(name) for name in names]
    full += [
        part_name(f"kept:{name}")
        for name in [*([] if _bypassed.get() else kept), *shared]
    ]
    found = _read(full)
    making.absent.update(name for name in full if name not in found)
    shown = {key for entry in found.values() for key in entry["keys"]}
    # The schedule's too, and its next change: whatever is kept is kept no later.
    purge_times(shown | shown_so_far() | {SCHEDULE}, fetch=[NEXT_CHANGE])


def _keep(entries):
    """Put fresh entries {name: entry} in the shared cache and this process's memo."""
    track(
        {key for entry in entries.values() for key in entry["keys"]},
        min(entry["at"] for entry in entries.values()),
    )
    by_timeout = {}
    for name, entry in entries.items():
        seconds = PART_SECONDS
        if entry["until"] is not None:
            seconds = math.ceil(entry["until"] - entry["at"])
        by_timeout.setdefault(seconds, {})[name] = entry
    for seconds, batch in by_timeout.items():
        cache.set_many(batch, seconds)
    remember_many(entries)


def parts(wanted, make):
    """{name: value} for each of `wanted` ({name: anything `make` needs}).

    Fresh parts come from the cache; the others come from one call of
    `make({name: ...})`, which returns {name: (value, keys)} for those it can make
    (a story taken down in the meantime is left out), and are kept.
    """
    if not wanted:
        return {}
    now = time.time()
    bypass = _bypassed.get()
    names = {part_name(name): name for name in wanted}
    found = {} if bypass else _fresh_entries(names, now)
    values = {names[full]: entry for full, entry in found.items()}
    missing = {name: wanted[name] for name in wanted if name not in values}
    if missing:
        made = {
            name: {"value": value, "keys": sorted(keys), "at": now, "until": None}
            for name, (value, keys) in make(missing).items()
        }
        # Nothing made (every missing story was taken down): nothing to keep.
        if made and not bypass:
            _keep({part_name(name): entry for name, entry in made.items()})
        values.update(made)
    for entry in values.values():
        shows(*entry["keys"])
    return {name: entry["value"] for name, entry in values.items()}


def keep(name, compute, seconds=None, shared=False):
    """`compute()`'s value, kept while none of the keys it names is purged: `compute`
    returns (value, keys). Kept at most `seconds` (a value that may lag behind
    publications that long) and never past the next scheduled change: a story due at
    14:00 shows at 14:00.

    A `shared` value is the same for every page using it (the newest headlines):
    read and kept even within `bypassed()`, as a page of the archive's long tail
    finds it made by the pages read before it. It must hold only what anyone may see.
    """
    now = time.time()
    bypass = _bypassed.get() and not shared
    full = part_name(f"kept:{name}")
    making = current()
    if making is not None and full in making.values:
        entry = making.values[full]
        shows(*entry["keys"])
        return entry["value"]
    if not bypass and (entry := _fresh_entries([full], now).get(full)):
        shows(*entry["keys"])
        if making is not None:
            making.values[full] = entry
        return entry["value"]
    value, keys = compute()
    until = valid_until(now)
    if seconds is not None:
        until = min(until, now + seconds)
    entry = {"value": value, "keys": sorted({SITE, *keys}), "at": now, "until": until}
    if not bypass and until > now:
        _keep({full: entry})
    if making is not None:
        making.values[full] = entry
    shows(*entry["keys"])
    return value
