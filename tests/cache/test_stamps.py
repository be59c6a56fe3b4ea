"""Purge times: when each key was last purged, and what that makes stale."""

import time

import pytest
from django.core.cache import cache, caches

from articles.cache import keys
from articles.cache.stamps import (
    PREFIX,
    making,
    purge_times,
    stamp,
    track,
    unpurged,
)
from tests.conftest import UNREACHABLE_REDIS_URL, redis_caches

pytestmark = pytest.mark.usefixtures("shared_redis")

KEY = keys.FRONT


def test_an_entry_made_before_a_purge_is_stale_and_one_made_after_is_fresh():
    """A purge makes stale what was made before it, not what is made after."""
    before = time.time()
    track([KEY, keys.PINS], before)
    time.sleep(0.01)
    stamp([KEY])
    time.sleep(0.01)
    after = time.time()
    assert not unpurged([KEY], before)
    assert unpurged([KEY], after)
    assert unpurged([keys.PINS], before), "another key was not purged"


def test_a_key_never_purged_is_tracked_from_the_first_time_it_is_asked_for():
    """A key nobody purged yet is given a purge time when first asked for, and keeps
    it: what was made before is stale, what is made after stays fresh."""
    made_earlier = time.time() - 1
    first = purge_times([KEY])[KEY]
    assert first >= made_earlier
    time.sleep(0.01)
    assert purge_times([KEY])[KEY] == first
    assert not unpurged([KEY], made_earlier)
    assert unpurged([KEY], time.time())


def test_a_key_evicted_from_the_cache_makes_older_entries_stale():
    """When the shared cache evicts a key's purge time, every entry made before
    showing that key is stale, as if the key had been purged."""
    made = time.time()
    track([KEY], made)
    assert unpurged([KEY], made)
    cache.delete(PREFIX + KEY)
    assert not unpurged([KEY], made)


def test_tracking_never_hides_a_real_purge():
    """Tracking a key for content read before its last purge leaves the purge time
    as it is: that content stays stale."""
    read = time.time()
    time.sleep(0.01)
    stamp([KEY])
    track([KEY], read)
    assert not unpurged([KEY], read)


def test_parts_made_during_a_page_date_their_keys_no_later_than_the_page():
    """Keys first tracked while a page is being made are dated when the page began,
    so the page, dated then too, is fresh though its parts were made later."""
    started = time.time()
    with making(started):
        time.sleep(0.01)
        track([keys.SEARCH], time.time())
    assert unpurged([keys.SEARCH], started)


def test_with_replicas_an_entry_made_soon_after_a_purge_is_stale(settings):
    """With read replicas, what was made within the replica lag after a purge may
    have read old rows: it is stale until the lag has passed."""
    settings.NEWSROOM_REPLICA_LAG_SECONDS = 30
    stamp([KEY])
    assert not unpurged([KEY], time.time() + 1)
    assert unpurged([KEY], time.time() + 31)


def test_a_purge_the_shared_cache_cannot_record_raises(settings):
    """Recording a purge with Redis out of reach raises, where a reader's lookup
    in the same outage is only a miss."""
    settings.CACHES = redis_caches(UNREACHABLE_REDIS_URL)
    assert caches["default"].get(PREFIX + KEY) is None
    with pytest.raises(Exception, match="(?i)connect"):
        stamp([KEY])
