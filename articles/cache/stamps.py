"""Purge times: when each surrogate key was last purged, kept in the shared cache.

An entry (a page, a part of one, a kept value) made at time t and showing keys K is
fresh while no key of K was purged after t. Purging stamps a key with the time; nothing
is flushed wholesale and no index of entries is kept.

Purge times and render times are compared across app servers: keep their clocks in
sync (NTP); a skew of d seconds can keep an entry purged within d of its render.
"""

import time
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache, caches

PREFIX = "newsroom:purged:"


@dataclass
class Making:
    """An entry being made: when it began, the purge times read or tracked since,
    what its parts computed (each read or computed once per entry) and which were
    found missing when read ahead."""

    started: float
    times: dict = field(default_factory=dict)
    values: dict = field(default_factory=dict)
    # Names read ahead (articles.cache.parts.ahead) and not in the shared cache.
    absent: set = field(default_factory=set)
    # Other values read ahead with purge times ({name: value or None}), for the
    # one use that asked for them (see purge_times).
    fetched: dict = field(default_factory=dict)


_making = ContextVar("making", default=None)


def current():
    """The entry being made, or None."""
    return _making.get()


def purge_times(keys, fetch=()):
    """{key: epoch seconds of its last purge} for `keys`.

    A key with no purge time on record (never purged, or evicted) is given one now,
    or when the entry being made began, so what was made before can never outlive an
    eviction. Within `making()`, each key is read once, and the shared cache's
    values named `fetch` are read in the same go, for `fetched()`.
    """
    making = _making.get()
    seen = making.times if making is not None else {}
    times = {key: seen[key] for key in keys if key in seen}
    names = {PREFIX + key: key for key in keys if key not in times}
    fetch = list(fetch) if making is not None else []
    found = cache.get_many([*names, *fetch]) if names or fetch else {}
    for name in fetch:
        making.fetched[name] = found.pop(name, None)
    times.update({names[name]: stamp for name, stamp in found.items()})
    moment = time.time() if making is None else making.started
    for name, key in names.items():
        if name not in found:
            cache.add(name, moment, timeout=None)
            times[key] = moment
    seen.update(times)
    return times


def fetched(name):
    """The shared cache's value `name`, as read with purge times by the entry being
    made (None if absent), else read now; once: a second use reads it again."""
    making = _making.get()
    if making is not None and name in making.fetched:
        return making.fetched.pop(name)
    return cache.get(name)


def unpurged(keys, moment, times=None):
    """True if none of `keys` was purged after `moment` (epoch seconds)."""
    times = purge_times(keys) if times is None else times
    # With read replicas, an entry made soon after a purge may have read old rows.
    lag = settings.NEWSROOM_REPLICA_LAG_SECONDS
    return all(key in times and times[key] + lag <= moment for key in keys)


@contextmanager
def making(started):
    """Within, keys are tracked as of `started` at the latest: the parts of a page
    made after the page began must not date themselves later than the page, or the
    page would never be fresh. Each key's purge time is read once within."""
    token = _making.set(Making(started))
    try:
        yield
    finally:
        _making.reset(token)


def track(keys, moment):
    """Start tracking `keys` for content read at `moment`, if not tracked yet.

    Stamping a key with `moment` means: no purge since, as far as this entry knows. An
    existing stamp (a real purge) is left as it is: an atomic add cannot overwrite it.
    """
    if (making := _making.get()) is not None:
        moment = min(moment, making.started)
        keys = [key for key in keys if key not in making.times]
    names = {PREFIX + key: key for key in keys}
    found = cache.get_many(list(names)) if names else {}
    for name in names:
        if name not in found:
            cache.add(name, moment, timeout=None)
    if making is not None:
        making.times.update(
            {key: found.get(name, moment) for name, key in names.items()}
        )


def untracked(keys, moment):
    """{stamp name: moment} of the `keys` the entry being made has neither read nor
    tracked: the stamps track() would add where absent, for a caller that adds
    them (never overwriting one) in the same go as it keeps the entry."""
    if (making := _making.get()) is not None:
        moment = min(moment, making.started)
        keys = [key for key in keys if key not in making.times]
    return {PREFIX + key: moment for key in keys}


def stamp(keys, moment=None):
    """Record a purge of `keys` at `moment` (now); raises if the shared cache cannot
    record it, where readers' lookups (the default cache) would shrug it off."""
    moment = time.time() if moment is None else moment
    caches["purges"].set_many({PREFIX + key: moment for key in keys}, timeout=None)
