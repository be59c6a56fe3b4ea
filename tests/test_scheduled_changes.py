"""Scheduled changes happen on time with nobody saving anything: a story scheduled or
under embargo appears at its time on every page readers had, a pin leaves at its
expiry; and no response tells anyone when that will be."""

import time
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import services
from tests.factories import (
    CountryFactory,
    FrontPageSlotFactory,
    SectionFactory,
    StoryFactory,
)
from tests.reading import lead

pytestmark = pytest.mark.django_db

HEADLINE = "Budget details released"
# Real time passes in these tests: long enough for the pages to be read before the
# change, short enough to wait for.
DUE_SECONDS = 3


@pytest.fixture
def desk():
    """A story on the front page, in Europe, about a country; a draft in Europe about
    the same country, to be scheduled."""
    europe = SectionFactory(slug="europe", name="Europe")
    country = CountryFactory()
    StoryFactory(section=europe, headline="Earlier news").countries.add(country)
    draft = StoryFactory(section=europe, headline=HEADLINE, draft=True)
    draft.countries.add(country)
    return {"draft": draft, "europe": europe, "country": country}


def pages(desk):
    """The pages a scheduled story in Europe about the country appears on."""
    country = desk["country"].slug
    return [
        reverse("articles:front_page"),
        desk["europe"].get_absolute_url(),
        desk["country"].get_absolute_url(),
        reverse("articles:feed_latest", kwargs={"fmt": "rss"}),
        reverse(
            "articles:feed", kwargs={"kind": "section", "slug": "europe", "fmt": "atom"}
        ),
        reverse(
            "articles:feed", kwargs={"kind": "country", "slug": country, "fmt": "rss"}
        ),
        reverse("articles:news_sitemap"),
    ]


def text(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.text


def wait_until(moment):
    time.sleep(max(0.0, (moment - timezone.now()).total_seconds()) + 0.2)


def schedule(story, committed, due):
    committed(services.publish_story, story=story, at=due)


def embargo(story, committed, due):
    committed(services.publish_story, story=story)
    committed(services.embargo_story, story=story, until=due)


@pytest.mark.parametrize("hold", [schedule, embargo])
def test_a_held_story_appears_everywhere_at_its_time(client, desk, committed, hold):
    """A story scheduled, or published under embargo, is on no page before its time
    and on its page, the front page, its section's and country's pages, the feeds
    and the news sitemap once its time has come."""
    for url in pages(desk):
        assert HEADLINE not in text(client, url), url
    due = timezone.now() + timedelta(seconds=DUE_SECONDS)
    hold(desk["draft"], committed, due)
    story_url = desk["draft"].get_absolute_url()
    assert client.get(story_url).status_code == 404
    for url in pages(desk):
        assert HEADLINE not in text(client, url), url
    assert timezone.now() < due, "the pages took longer to read than the wait"
    wait_until(due)
    assert HEADLINE in text(client, story_url)
    for url in pages(desk):
        assert HEADLINE in text(client, url), url


def test_a_pin_leaves_the_lead_slot_at_its_expiry(client, committed):
    """A story pinned to lead the front page until a time stops leading it then."""
    older = StoryFactory(
        headline="Lead of yesterday", published_at=timezone.now() - timedelta(days=1)
    )
    newest = StoryFactory(headline="Markets rally")
    expires = timezone.now() + timedelta(seconds=DUE_SECONDS)
    slot = FrontPageSlotFactory.build(story=older, position=1, expires_at=expires)
    committed(services.frontpage.save_slot, slot=slot)
    front = reverse("articles:front_page")
    assert older.headline in lead(client.get(front).text)
    assert timezone.now() < expires, "the page took longer to read than the wait"
    wait_until(expires)
    assert newest.headline in lead(client.get(front).text)


def cache_control(client, desk):
    return {url: client.get(url)["Cache-Control"] for url in pages(desk)}


@pytest.mark.parametrize("hold", [schedule, embargo])
def test_no_page_tells_when_a_held_story_is_due(client, desk, committed, hold):
    """Pages made while a story is due in 45 seconds say how long they may be kept
    exactly as they do with nothing due: a shorter lifetime would tell anyone when
    the embargo lifts."""
    quiet = cache_control(client, desk)
    hold(desk["draft"], committed, timezone.now() + timedelta(seconds=45))
    assert cache_control(client, desk) == quiet
    # A page nobody asked for yet is made now, with the story due.
    fresh = client.get(reverse("articles:front_page") + "?page=1")["Cache-Control"]
    assert fresh == quiet[reverse("articles:front_page")]
