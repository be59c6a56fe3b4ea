"""Embargo: a published story stays off every public surface until its time."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse

from articles.cache.local import forget as forget_remembered
from articles.models import Story
from tests.factories import CountryFactory, StoryFactory

pytestmark = pytest.mark.django_db


def test_embargoed_story_goes_live_at_its_time(client, now):
    """An embargoed story appears on its page, section and front page at its time."""
    story = StoryFactory(headline="Budget details", embargoed=True)
    pages = [reverse("articles:front_page"), story.section.get_absolute_url()]
    assert client.get(story.get_absolute_url()).status_code == 404
    for url in pages:
        assert "Budget details" not in client.get(url).text
    # Lift it behind the app's back, and forget the cached copies as their own expiry
    # would (tests/test_page_cache.py covers that timing).
    Story.objects.filter(pk=story.pk).update(embargoed_until=now - timedelta(minutes=1))
    cache.clear()
    forget_remembered()
    assert client.get(story.get_absolute_url()).status_code == 200
    for url in pages:
        assert "Budget details" in client.get(url).text


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
