"""Before `collectstatic`: the demo loader says what to run, and saves log no error."""

import logging
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from articles import services
from articles.models import Section, Story
from tests.factories import StoryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def production_static(settings, tmp_path):
    """Static files named as production names them (from a manifest), uncollected."""
    settings.STATIC_ROOT = tmp_path / "staticfiles"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        },
    }
    return settings.STATIC_ROOT


def test_the_demo_desk_asks_for_collectstatic_before_writing_anything(
    production_static,
):
    """Without collected static files the loader refuses, naming the command to run."""
    with pytest.raises(CommandError, match=r"manage\.py collectstatic"):
        call_command("load_demo", stdout=StringIO())
    assert not Story.objects.exists()
    assert not Section.objects.exists()


def test_the_demo_desk_loads_once_static_files_are_collected(production_static):
    """After `collectstatic`, the same production setup loads the demo desk."""
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("load_demo", stdout=StringIO())
    assert Story.objects.published().count() > 10


def test_publishing_before_collectstatic_logs_no_error(
    production_static, caplog, django_capture_on_commit_callbacks
):
    """A story published before static files are collected leaves no traceback."""
    story = StoryFactory(draft=True)
    with caplog.at_level(logging.WARNING):
        with django_capture_on_commit_callbacks(execute=True):
            services.publish_story(story=story)
    assert Story.objects.published().filter(pk=story.pk).exists()
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []
