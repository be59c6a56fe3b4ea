"""The page cache under load and outages: one render per expiry, no errors."""

import http.server
import logging
import threading
from unittest import mock

import pytest
from django.core.cache import caches
from django.db import OperationalError
from django.test import Client

from articles import services
from articles.cache import purge
from newsroom.caches import caches as newsroom_caches
from tests.factories import StoryFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_stampede_on_an_expired_page_renders_it_once(client):
    """Many readers hitting a just-purged hot page cause one render, not many."""
    story = StoryFactory(headline="Breaking")
    url = story.get_absolute_url()
    assert client.get(url)["X-Cache"] == "MISS"
    purge(f"story:{story.pk}")
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
    assert set(states) <= {"MISS", "STALE", "HIT"}


def test_cached_page_outlives_a_database_outage(client, settings):
    """With the database down, a copy that only ran out of time is served rather
    than an error."""
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0
    story = StoryFactory(headline="Still readable")
    url = story.get_absolute_url()
    client.get(url)
    with mock.patch(
        "articles.views.stories.Story.objects.published", side_effect=OperationalError
    ):
        response = client.get(url)
    assert response.status_code == 200
    assert response["X-Cache"] == "STALE"
    assert "Still readable" in response.text


def test_uncached_page_during_outage_is_a_503(client):
    """A page never cached answers 503 with Retry-After while the database is down."""
    with mock.patch(
        "articles.views.stories.Story.objects.published", side_effect=OperationalError
    ):
        response = client.get("/")
    assert response.status_code == 503
    assert response["Retry-After"]


@pytest.fixture
def redis_cache(settings):
    settings.CACHES = newsroom_caches("redis://127.0.0.1:6379/5")
    caches["default"].clear()
    yield
    caches["default"].clear()


def test_pages_are_shared_through_redis(client, redis_cache):
    """With Redis as the shared cache, a second reader gets the stored page."""
    story = StoryFactory()
    assert client.get(story.get_absolute_url())["X-Cache"] == "MISS"
    assert Client().get(story.get_absolute_url())["X-Cache"] == "HIT"
    story.headline = "Edited through Redis"
    services.save_story(story=story)
    response = Client().get(story.get_absolute_url())
    assert response["X-Cache"] == "MISS"
    assert "Edited through Redis" in response.text


def test_redis_down_means_slower_pages_not_errors(client, settings):
    """With Redis unreachable, pages render from the database and edits still save."""
    settings.CACHES = newsroom_caches("redis://127.0.0.1:6390/0")
    story = StoryFactory(headline="No cache today")
    for _ in range(2):
        response = client.get(story.get_absolute_url())
        assert response.status_code == 200
        assert "No cache today" in response.text
    story.headline = "Saved anyway"
    services.save_story(story=story)
    assert "Saved anyway" in client.get(story.get_absolute_url()).text


class PurgeCatcher(http.server.BaseHTTPRequestHandler):
    received = []

    def do_PURGE(self):  # noqa: N802 (the HTTP method's name)
        PurgeCatcher.received.append(self.headers["Surrogate-Key"])
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_changes_are_purged_at_the_cdn(settings):
    """After a save, the configured purge URL receives the story's surrogate keys."""
    server = http.server.HTTPServer(("127.0.0.1", 0), PurgeCatcher)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.NEWSROOM_PURGE_URL = f"http://127.0.0.1:{server.server_port}/"
    PurgeCatcher.received.clear()
    try:
        story = StoryFactory()
        story.headline = "Changed for the CDN"
        services.save_story(story=story)
    finally:
        server.shutdown()
    assert PurgeCatcher.received
    assert f"story:{story.pk}" in PurgeCatcher.received[-1].split()


def test_purge_failures_are_logged_never_raised(settings, caplog):
    """A CDN that is down never fails an editor's save; the failure is logged."""
    settings.NEWSROOM_PURGE_URL = "http://127.0.0.1:9/"
    story = StoryFactory()
    story.headline = "Saved while the CDN is down"
    with caplog.at_level(logging.WARNING, logger="articles.cache.cdn"):
        services.save_story(story=story)
    story.refresh_from_db()
    assert story.headline == "Saved while the CDN is down"
    assert any("failed" in record.getMessage() for record in caplog.records)
