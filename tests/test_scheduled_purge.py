"""With the task worker's backend, saves queue a CDN purge for a scheduled time, and
only then."""

import pytest
from django_tasks_db.models import DBTaskResult

from articles import services
from tests.factories import StoryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def worker_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def queued(name):
    return [r for r in DBTaskResult.objects.all() if r.task_path.endswith(name)]


def test_publishing_now_saves_with_the_worker_backend(worker_queue, now):
    """A story published now saves under the worker's backend, queuing no purge."""
    story = StoryFactory(draft=True)
    saved = services.publish_story(story=story)
    assert saved.status == "published"
    assert queued("purge_due") == []


def test_a_scheduled_story_queues_its_purge_at_its_time(
    worker_queue, tomorrow, django_capture_on_commit_callbacks
):
    """Scheduling a story queues the CDN purge for its publication time."""
    story = StoryFactory(draft=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_story(story=story, at=tomorrow)
    (result,) = queued("purge_due")
    assert result.run_after == tomorrow
