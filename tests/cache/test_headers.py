"""What cached pages tell browsers and CDNs: fixed lifetimes, validators answered
with 304 by ConditionalGetMiddleware, and the keys of what they show."""

import pytest
from django.core.cache import cache
from django.test import RequestFactory

from articles import services
from articles.cache import keys
from articles.cache.pages import LOCK_PREFIX, page_name
from tests.factories import (
    AuthorFactory,
    BylineFactory,
    CountryFactory,
    StoryFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_redis")]


@pytest.fixture
def story():
    story = StoryFactory(headline="Paris summit")
    story.countries.add(CountryFactory())
    BylineFactory(story=story, author=AuthorFactory())
    return story


def directives(response):
    return set(response["Cache-Control"].replace(" ", "").split(","))


def test_lifetimes_are_the_settings_whatever_the_copy(client, story, settings):
    """A page made now and the same page served from the cache give the lifetimes
    set for the site, to the second."""
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 300
    settings.NEWSROOM_BROWSER_CACHE_SECONDS = 30
    url = story.get_absolute_url()
    made, served = client.get(url), client.get(url)
    assert (made["X-Cache"], served["X-Cache"]) == ("MISS", "HIT")
    expected = {
        "public",
        "max-age=30",
        "s-maxage=300",
        "stale-while-revalidate=30",
        "stale-if-error=86400",
    }
    assert directives(made) == directives(served) == expected


def test_a_stand_in_copy_is_kept_only_briefly(client, story, settings):
    """A copy served while another request makes the page again tells CDNs to keep
    it ten seconds, browsers not at all."""
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0
    url = story.get_absolute_url()
    client.get(url)
    # Another server is making the page now.
    cache.add(LOCK_PREFIX + page_name(RequestFactory().get(url)), 1, 30)
    response = client.get(url)
    assert response["X-Cache"] == "STALE"
    assert {"max-age=0", "s-maxage=10"} <= directives(response)


def test_an_unchanged_page_answers_304_to_its_validators(client, story):
    """A browser revalidating with the page's ETag or Last-Modified gets 304; with
    another ETag, the page."""
    url = story.get_absolute_url()
    first = client.get(url)
    assert first["ETag"] and first["Last-Modified"]
    etag = client.get(url, headers={"if-none-match": first["ETag"]})
    since = client.get(url, headers={"if-modified-since": first["Last-Modified"]})
    assert (etag.status_code, since.status_code) == (304, 304)
    other = client.get(url, headers={"if-none-match": '"other"'})
    assert other.status_code == 200


def test_an_edited_page_has_a_new_etag(client, story, committed):
    """After an edit, the old ETag no longer matches: the browser gets the new page."""
    url = story.get_absolute_url()
    old = client.get(url)["ETag"]
    story.headline = "Paris summit ends"
    committed(services.save_story, story=story)
    response = client.get(url, headers={"if-none-match": old})
    assert response.status_code == 200 and "Paris summit ends" in response.text
    assert response["ETag"] != old


def test_surrogate_keys_name_what_the_page_shows(client, story):
    """A story page's Surrogate-Key names the story, its section, country and
    author, for a CDN to purge by."""
    response = client.get(story.get_absolute_url())
    shown = set(response["Surrogate-Key"].split())
    assert {
        keys.story(story),
        keys.subject(story.section),
        keys.subject(story.countries.get()),
        keys.subject(story.bylines.get().author),
    } <= shown
