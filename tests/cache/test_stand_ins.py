"""Copies standing in for a page being made: one render for a crowd, followers wait
for it; a copy that only ran out of time may stand in (STALE), a purged one never,
not even during a database outage."""

import threading
import time

import pytest
from django.core.cache import cache
from django.test import Client, RequestFactory

from articles import services
from articles.cache import keys, pages
from articles.cache.pages import LOCK_PREFIX, page_name
from articles.cache.purging import apply
from tests.conftest import UNREACHABLE_REDIS_URL, redis_caches
from tests.factories import StoryFactory
from tests.outage import database_away

# Readers in other threads read what the test wrote; a real outage on PostgreSQL
# closes the connections: the test's writes are committed.
pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("shared_redis"),
]


@pytest.fixture
def story():
    return StoryFactory(headline="Breaking")


def someone_else_is_making(url):
    """Take the lock another server takes while it makes the page at `url`."""
    lock = LOCK_PREFIX + page_name(RequestFactory().get(url))
    assert cache.add(lock, 1, 30)
    return lock


def test_a_reader_taking_the_lock_after_the_page_was_made_gets_that_page(
    story, monkeypatch
):
    """A reader who found the page purged, and takes the lock only after another
    reader has made the page and let the lock go, gets that page: one render."""
    url = story.get_absolute_url()
    assert Client().get(url)["X-Cache"] == "MISS"
    apply([keys.story(story)])
    take_lock = pages.lock_and_read
    other = []

    def lock_and_read(lock, *args, **kwargs):
        if not other:
            # Between this reader's look and its lock, another makes the page.
            other.append("making")
            other[0] = Client().get(url)["X-Cache"]
        return take_lock(lock, *args, **kwargs)

    monkeypatch.setattr(pages, "lock_and_read", lock_and_read)
    assert Client().get(url)["X-Cache"] == "HIT"
    assert other == ["MISS"]


def test_a_crowd_at_a_purged_page_causes_one_render(story):
    """Twelve readers arriving together at a just-purged hot page cause one render;
    the others wait for it and get it, never the purged copy."""
    url = story.get_absolute_url()
    assert Client().get(url)["X-Cache"] == "MISS"
    apply([keys.story(story)])
    start = threading.Barrier(12)
    states = []

    def read():
        start.wait()
        states.append(Client().get(url)["X-Cache"])

    threads = [threading.Thread(target=read) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert states.count("MISS") == 1
    assert states.count("HIT") == 11


def test_a_reader_at_a_purged_page_waits_for_the_one_being_made(
    client, story, settings
):
    """While another server makes a purged page again, a reader waits for that page
    and gets it, the new headline with it."""
    url = story.get_absolute_url()
    client.get(url)
    story.headline = "Breaking: update"
    story.save(update_fields=["headline"])
    apply([keys.story(story)])
    lock = someone_else_is_making(url)
    waited = {}

    def read():
        began = time.monotonic()
        waited["response"] = Client().get(url)
        waited["seconds"] = time.monotonic() - began

    reader = threading.Thread(target=read)
    reader.start()
    time.sleep(0.3)
    cache.delete(lock)
    assert client.get(url)["X-Cache"] == "MISS"
    reader.join()
    response = waited["response"]
    assert response["X-Cache"] == "HIT" and "Breaking: update" in response.text
    assert 0.3 <= waited["seconds"] < settings.NEWSROOM_PAGE_WAIT_SECONDS


def test_a_purged_copy_never_stands_in(client, story):
    """When the page being made does not come in time, the reader makes it: a
    purged copy is never served, even as a stand-in."""
    url = story.get_absolute_url()
    client.get(url)
    story.headline = "Breaking: update"
    story.save(update_fields=["headline"])
    apply([keys.story(story)])
    someone_else_is_making(url)
    response = client.get(url)
    assert response["X-Cache"] == "MISS"
    assert "Breaking: update" in response.text


def test_a_copy_that_ran_out_of_time_stands_in(client, story, settings):
    """While another server makes again a page that only ran out of time, readers
    get the copy at once."""
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0
    url = story.get_absolute_url()
    client.get(url)
    someone_else_is_making(url)
    response = client.get(url)
    assert response["X-Cache"] == "STALE" and "Breaking" in response.text


def test_in_an_outage_a_copy_that_ran_out_of_time_stands_in(client, story, settings):
    """With the database away, a copy that only ran out of time is served."""
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0
    url = story.get_absolute_url()
    client.get(url)
    with database_away():
        response = client.get(url)
    assert response.status_code == 200
    assert response["X-Cache"] == "STALE" and "Breaking" in response.text


def test_in_an_outage_a_purged_copy_is_a_503(client, story, committed):
    """With the database away, a page purged since its copy was made answers 503
    with Retry-After, never the copy."""
    url = story.get_absolute_url()
    client.get(url)
    committed(services.unpublish_story, story=story)
    with database_away():
        response = client.get(url)
    assert response.status_code == 503 and response["Retry-After"]
    assert "X-Cache" not in response and "Breaking" not in response.text


@pytest.mark.django_db
def test_with_redis_away_nobody_waits_for_a_page_being_made(client, settings):
    """With Redis out of reach no other server can be making the page through it: a
    reader's page is made at once, not after the wait for someone else's."""
    settings.CACHES = redis_caches(UNREACHABLE_REDIS_URL)
    story = StoryFactory(headline="No cache today")
    began = time.monotonic()
    response = client.get(story.get_absolute_url())
    took = time.monotonic() - began
    assert response.status_code == 200 and "No cache today" in response.text
    assert took < settings.NEWSROOM_PAGE_WAIT_SECONDS, f"the page took {took:.2f} s"
