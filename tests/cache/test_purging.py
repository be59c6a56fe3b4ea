"""Purging: on commit, kept in the database while the shared cache is away and
applied later, retried with backoff, and told to a CDN only once recorded."""

import http.server
import logging
import threading
import time
from datetime import timedelta

import pytest
from django.core.cache import caches
from django.db import transaction
from django.tasks import default_task_backend
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.cache import keys, purge
from articles.cache.purging import apply, apply_pending, purge_due, retry_pending
from articles.cache.stamps import PREFIX
from articles.models import PendingPurge
from tests.conftest import UNREACHABLE_REDIS_URL, redis_caches
from tests.factories import SectionFactory, StoryFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_redis")]

DEFERRING = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def story():
    return StoryFactory(headline="Paris summit")


def states(client, *urls):
    return [client.get(url)["X-Cache"] for url in urls]


def test_a_purge_happens_when_the_write_commits_and_never_if_it_rolls_back(
    client, story, django_capture_on_commit_callbacks
):
    """A page stays kept while the purging transaction is open, goes stale when it
    commits, and a rolled-back purge purges nothing."""
    url = story.get_absolute_url()
    client.get(url)
    with django_capture_on_commit_callbacks() as pending:
        with pytest.raises(RuntimeError), transaction.atomic():
            purge(keys.story(story))
            raise RuntimeError("the write failed")
        assert pending == []
        purge(keys.story(story))
        assert states(client, url) == ["HIT"]
    assert len(pending) == 1
    pending[0]()
    assert states(client, url, url) == ["MISS", "HIT"]


def test_an_edit_leaves_the_pages_that_do_not_show_the_story_kept(
    client, story, committed
):
    """An edit makes again the pages showing the story, and no other."""
    asia = SectionFactory(slug="asia")
    other = StoryFactory(section=asia, headline="Asia news")
    # Newer stories fill the other page's "Latest" column: the story is not in it.
    StoryFactory.create_batch(6, section=asia, published_at=timezone.now())
    showing = [story.get_absolute_url(), reverse("articles:front_page")]
    others = [other.get_absolute_url(), other.section.get_absolute_url()]
    for url in showing + others:
        client.get(url)
    story.headline = "Paris summit ends"
    committed(services.save_story, story=story)
    assert states(client, *showing) == ["MISS", "MISS"]
    assert states(client, *others) == ["HIT", "HIT"]


def test_a_purge_redis_cannot_record_is_kept_and_applied_by_the_next_one(
    client, story, settings
):
    """A purge made while Redis is out of reach is kept in the database, pages keep
    being served meanwhile, and the next purge from any server applies it."""
    url = story.get_absolute_url()
    client.get(url)
    settings.CACHES = redis_caches(UNREACHABLE_REDIS_URL)
    apply([keys.story(story)])
    assert PendingPurge.objects.get().keys == [keys.story(story)]
    settings.CACHES = redis_caches()
    assert states(client, url) == ["HIT"]
    apply([keys.SEARCH])
    assert not PendingPurge.objects.exists()
    assert states(client, url) == ["MISS"]


def test_pending_purges_are_retried_later_and_later_until_they_are_recorded(
    client, story, settings
):
    """With a task worker, a purge kept for Redis's return is retried after 2, then
    4 seconds while Redis stays away, and recorded once it is back."""
    settings.TASKS = DEFERRING
    url = story.get_absolute_url()
    client.get(url)
    settings.CACHES = redis_caches(UNREACHABLE_REDIS_URL)
    start = timezone.now()
    apply([keys.story(story)])
    retry_pending.call(1)
    queued = default_task_backend.results
    assert [r.task.name for r in queued] == [retry_pending.name] * 2
    assert [r.args for r in queued] == [[1], [2]]
    waits = [(r.task.run_after - start).total_seconds() for r in queued]
    assert 2 <= waits[0] < 3 and 4 <= waits[1] < 6
    settings.CACHES = redis_caches()
    default_task_backend.clear()
    retry_pending.call(2)
    assert default_task_backend.results == []
    assert not PendingPurge.objects.exists()
    assert states(client, url) == ["MISS"]


class PurgeCatcher(http.server.BaseHTTPRequestHandler):
    """A CDN on 127.0.0.1: notes each PURGE's keys and whether, as it arrived, each
    key's purge was already recorded in the shared cache."""

    received = []

    def do_PURGE(self):  # noqa: N802 (the HTTP method's name)
        names = self.headers["Surrogate-Key"].split()
        recorded = caches["default"].get_many([PREFIX + name for name in names])
        PurgeCatcher.received.append((names, len(recorded) == len(names)))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def cdn(settings):
    server = http.server.HTTPServer(("127.0.0.1", 0), PurgeCatcher)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.NEWSROOM_PURGE_URL = f"http://127.0.0.1:{server.server_port}/"
    PurgeCatcher.received.clear()
    yield PurgeCatcher.received
    server.shutdown()
    server.server_close()


def test_a_save_tells_the_cdn_the_keys_it_purged(story, committed, cdn):
    """After a save, the CDN receives a PURGE naming the story's surrogate keys."""
    story.headline = "Paris summit ends"
    committed(services.save_story, story=story)
    assert keys.story(story) in cdn[-1][0]


def test_the_cdn_is_told_only_once_the_purge_is_recorded(story, settings, cdn):
    """While Redis cannot record a purge the CDN is not told (it would fetch the old
    page straight back); once recorded, it is."""
    settings.CACHES = redis_caches(UNREACHABLE_REDIS_URL)
    apply([keys.story(story)])
    assert cdn == []
    settings.CACHES = redis_caches()
    assert apply_pending()
    assert cdn == [([keys.story(story)], True)]


def test_a_cdn_that_is_down_never_fails_a_save(story, settings, caplog, committed):
    """With the CDN unreachable, a save still saves, and the failure is logged."""
    settings.NEWSROOM_PURGE_URL = "http://127.0.0.1:9/"
    story.headline = "Saved while the CDN is down"
    with caplog.at_level(logging.WARNING, logger="articles.cache.cdn"):
        committed(services.save_story, story=story)
    story.refresh_from_db()
    assert story.headline == "Saved while the CDN is down"
    assert any("failed" in record.getMessage() for record in caplog.records)


def test_a_scheduled_story_is_purged_at_the_cdn_at_its_time(settings, committed):
    """Scheduling a story asks the task worker to purge its pages at its time, for
    a CDN that keeps them by its own clock; the purge then applies."""
    settings.TASKS = DEFERRING
    due = timezone.now() + timedelta(hours=2)
    draft = StoryFactory(draft=True)
    committed(services.publish_story, story=draft, at=due)
    (queued,) = [
        r for r in default_task_backend.results if r.task.name == purge_due.name
    ]
    assert queued.task.run_after == due
    assert keys.story(draft) in queued.args[0]
    assert keys.FRONT in queued.args[0]
    before = time.time()
    purge_due.call(*queued.args)
    stamped = caches["default"].get(PREFIX + keys.story(draft))
    assert stamped >= before
