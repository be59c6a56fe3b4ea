"""Outages: with the database away, readers get the copies of pages nobody changed
since, and a 503 for the rest, never a story taken down; with Redis away, pages are
made from the database."""

import pytest

from articles import services
from tests.conftest import UNREACHABLE_REDIS_URL, redis_caches
from tests.factories import SectionFactory, StoryFactory
from tests.outage import database_away

# A real outage on PostgreSQL closes the connections: no test transaction survives.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def story():
    europe = SectionFactory(slug="europe", name="Europe")
    return StoryFactory(
        section=europe,
        headline="Ceasefire talks open in Geneva",
        body="<p>The full text, which must not outlive the story.</p>",
    )


def test_a_page_nobody_changed_stays_readable_through_an_outage(
    client, story, settings
):
    """A story page whose copy only ran out of time is still read, in full, while the
    database is away."""
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0
    url = story.get_absolute_url()
    assert client.get(url).status_code == 200
    with database_away():
        response = client.get(url)
    assert response.status_code == 200
    assert "The full text" in response.text


def test_a_story_taken_down_does_not_come_back_in_an_outage(client, story, committed):
    """A story unpublished just before the database goes away is not brought back by
    the outage: its page answers 503 without its text, and its section never lists
    it."""
    url, section = story.get_absolute_url(), story.section.get_absolute_url()
    assert "The full text" in client.get(url).text
    assert story.headline in client.get(section).text
    committed(services.unpublish_story, story=story)
    with database_away():
        page, listing = client.get(url), client.get(section)
    assert page.status_code == 503
    assert "The full text" not in page.text and story.headline not in page.text
    assert listing.status_code == 503
    assert story.headline not in listing.text


@pytest.mark.django_db
def test_with_redis_away_pages_come_from_the_database(client, settings, committed):
    """With Redis unreachable, reader pages are made from the database, and an edit
    saves and shows at once."""
    settings.CACHES = redis_caches(UNREACHABLE_REDIS_URL)
    story = StoryFactory(headline="No cache today")
    for _ in range(2):
        response = client.get(story.get_absolute_url())
        assert response.status_code == 200
        assert "No cache today" in response.text
    story.headline = "Saved anyway"
    committed(services.save_story, story=story)
    assert "Saved anyway" in client.get(story.get_absolute_url()).text
