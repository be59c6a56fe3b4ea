"""Corrections: dated at the foot of the story and on /corrections/."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles import services
from articles.models import Correction
from tests.factories import StoryFactory

pytestmark = pytest.mark.django_db


def test_correction_shows_on_the_story_and_sets_updated(client):
    """A correction appears, dated, at the foot of the story; “Updated” moves."""
    story = StoryFactory()
    correction = services.add_correction(
        story=story,
        kind=Correction.Kind.CLARIFICATION,
        text="The minister spoke on Tuesday.",
    )
    page = client.get(story.get_absolute_url()).text
    assert "Clarification" in page
    assert "The minister spoke on Tuesday." in page
    assert correction.created_at.strftime("%Y-%m-%dT%H:%M") in page
    story.refresh_from_db()
    assert story.updated_at == correction.created_at
    assert "Updated" in page


def test_corrections_page_lists_only_published_stories(client):
    """/corrections/ lists recent corrections, never those of hidden stories."""
    services.add_correction(story=StoryFactory(), text="Visible fix.")
    services.add_correction(story=StoryFactory(draft=True), text="Draft fix.")
    services.add_correction(story=StoryFactory(embargoed=True), text="Embargo fix.")
    page = client.get(reverse("articles:corrections")).text
    assert "Visible fix." in page
    assert "Draft fix." not in page
    assert "Embargo fix." not in page


@pytest.mark.parametrize("size", [2, 20])
def test_corrections_page_query_count_is_constant(client, size, now):
    """The corrections page runs the same queries for 2 or 20 corrections."""
    for n in range(size):
        story = StoryFactory(published_at=now - timedelta(hours=n + 1))
        services.add_correction(story=story, text=f"Fix {n}.")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("articles:corrections"))
    assert response.status_code == 200
    assert response.text.count("<li>") >= size
    # Corrections and sections, plus the page cache's look at the next scheduled change.
    assert len(queries) == 3
