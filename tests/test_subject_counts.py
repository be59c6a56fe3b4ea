"""A story page's second column counts each subject's published stories once for
every page naming it: the count is shared and may lag a few minutes, never showing
a story readers cannot see, and a story page is not purged when a count changes."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles import services
from articles.models import Story
from tests.factories import CountryFactory, StoryFactory

pytestmark = pytest.mark.django_db


def column_counts(client, story):
    html = client.get(story.get_absolute_url()).text
    return dict(re.findall(r'</span> ([^<]+)</a> <span class="count">(\d+) stor', html))


def test_counts_leave_out_what_readers_cannot_see(client):
    """Drafts and embargoed stories naming the country are not counted."""
    country = CountryFactory()
    story = StoryFactory()
    story.countries.add(country)
    for hidden in (StoryFactory(draft=True), StoryFactory(embargoed=True)):
        hidden.countries.add(country)
    other = StoryFactory()
    other.countries.add(country)
    assert column_counts(client, story) == {country.name: "2"}


def counting(client, story):
    """The queries counting subjects' stories while `story`'s page is made."""
    with CaptureQueriesContext(connection) as captured:
        counts = column_counts(client, story)
    sqls = [query["sql"] for query in captured.captured_queries]
    return counts, [sql for sql in sqls if 'FROM "articles_storycountry" WHERE' in sql]


def test_a_count_is_shared_by_every_page_naming_the_subject(client):
    """A second story page naming the same country reads its count from the cache."""
    country = CountryFactory()
    first, second = StoryFactory(), StoryFactory()
    for story in (first, second):
        story.countries.add(country)
    counts, queries = counting(client, first)
    assert (counts, len(queries)) == ({country.name: "2"}, 1)
    counts, queries = counting(client, second)
    assert (counts, queries) == ({country.name: "2"}, [])


def test_publishing_elsewhere_does_not_purge_a_story_page(client):
    """A new story about the same country leaves a cached story page cached."""
    country = CountryFactory()
    story = StoryFactory()
    story.countries.add(country)
    client.get(story.get_absolute_url())
    assert client.get(story.get_absolute_url())["X-Cache"] == "HIT"
    draft = StoryFactory(draft=True, published_at=None)
    draft.countries.add(country)
    services.publish_story(story=draft, user=None)
    assert Story.objects.published().filter(pk=draft.pk).exists()
    assert client.get(story.get_absolute_url())["X-Cache"] == "HIT"
