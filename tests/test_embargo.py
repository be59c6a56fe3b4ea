"""Embargo: a published story stays off every public surface until its time."""

from datetime import timedelta

import pytest

from articles.models import Story
from tests.factories import CountryFactory, StoryFactory

pytestmark = pytest.mark.django_db


def test_embargo_outlasts_publication_and_schedule(now):
    """published() honours the later of publication time and embargo."""
    soon = now + timedelta(hours=1)
    StoryFactory(embargoed_until=soon)
    StoryFactory(scheduled=True, embargoed_until=now - timedelta(hours=1))
    visible = StoryFactory(embargoed_until=now - timedelta(hours=1))
    assert list(Story.objects.published(now)) == [visible]
    assert Story.objects.published(soon + timedelta(seconds=1)).count() == 2


def test_embargoed_story_has_no_tag_page_entry(client):
    """A country page does not list a story still under embargo."""
    country = CountryFactory()
    StoryFactory(headline="Not yet", embargoed=True).countries.add(country)
    assert "Not yet" not in client.get(country.get_absolute_url()).text
