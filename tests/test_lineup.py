"""The front page lineup: pins in their slots, the rest filled newest first."""

from datetime import timedelta

import pytest
from django.urls import reverse

from articles import services
from articles.lineup import in_the_news, lineup_ids
from articles.models import Story
from tests.factories import (
    CountryFactory,
    FrontPageSlotFactory,
    PersonFactory,
    StoryFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def stories(now):
    """Six published stories, s[0] the newest."""
    return [
        StoryFactory(headline=f"Story {n}", published_at=now - timedelta(hours=n + 1))
        for n in range(6)
    ]


def headlines(pks):
    by_pk = Story.objects.in_bulk(pks)
    return [by_pk[pk].headline for pk in pks]


def test_empty_slots_fill_newest_first(stories):
    """With no pins the lead is the newest story and the rest follow by time."""
    lineup = lineup_ids(slots=4)
    assert headlines(lineup.stories) == ["Story 0", "Story 1", "Story 2", "Story 3"]


def test_pins_take_their_slots_and_fill_around_them(stories):
    """A pinned story sits in its slot; the others are filled around it."""
    FrontPageSlotFactory(story=stories[5], position=1)
    FrontPageSlotFactory(story=stories[4], position=3)
    lineup = lineup_ids(slots=4)
    assert lineup.lead == stories[5].pk
    assert headlines(lineup.stories) == ["Story 5", "Story 0", "Story 4", "Story 1"]


def test_a_pinned_story_shows_once(stories):
    """A pin wins over the fill: the newest story, pinned to slot 3, does not lead."""
    FrontPageSlotFactory(story=stories[0], position=3)
    assert headlines(lineup_ids(slots=4).stories) == [
        "Story 1",
        "Story 2",
        "Story 0",
        "Story 3",
    ]


def test_expired_pin_drops_out(stories, now):
    """A pin past its expiry time no longer holds its slot."""
    FrontPageSlotFactory(
        story=stories[5], position=1, expires_at=now - timedelta(minutes=1)
    )
    FrontPageSlotFactory(
        story=stories[4], position=2, expires_at=now + timedelta(hours=1)
    )
    assert headlines(lineup_ids(slots=3).stories) == ["Story 0", "Story 4", "Story 1"]


def test_unpublished_pin_drops_out(client, stories):
    """A pinned story that is unpublished leaves the front page at once."""
    FrontPageSlotFactory(story=stories[5], position=1)
    services.unpublish_story(story=stories[5])
    assert "Story 5" not in headlines(lineup_ids(slots=3).stories)
    assert "Story 5" not in client.get(reverse("articles:front_page")).text


def test_scheduled_pin_waits_for_its_time(stories):
    """A pin on a scheduled story holds no slot until the story is out."""
    scheduled = StoryFactory(headline="Later", scheduled=True)
    FrontPageSlotFactory(story=scheduled, position=1)
    assert headlines(lineup_ids(slots=2).stories) == ["Story 0", "Story 1"]


def test_front_page_renders_lineup_in_order(client, stories):
    """Readers see the pinned lead first on the front page."""
    FrontPageSlotFactory(story=stories[3], position=1)
    html = client.get(reverse("articles:front_page")).text
    assert html.index("Story 3") < html.index("Story 0")
    assert html.count(">Story 3</a>") == 1


def test_latest_follows_the_slots_without_repeating_them(stories):
    """“Latest” lists the next newest stories, none of them already in a slot."""
    FrontPageSlotFactory(story=stories[1], position=1)
    lineup = lineup_ids(slots=2, latest=3)
    assert headlines(lineup.stories) == ["Story 1", "Story 0"]
    assert headlines(lineup.latest) == [
        "Story 2",
        "Story 3",
        "Story 4",
    ]


def test_in_the_news_ranks_subjects_by_recent_stories_readers_can_see(now, settings):
    """The busiest subjects of the last days first, ties by name, each with its count
    of stories readers can see; older, draft and scheduled stories count for nothing,
    and each vocabulary keeps its own `size` busiest."""
    settings.NEWSROOM_IN_THE_NEWS_DAYS = 7
    peru, chad, fiji, mali = (CountryFactory(code=c) for c in ("PE", "TD", "FJ", "ML"))
    envoy, mayor = PersonFactory(name="Zed Envoy"), PersonFactory(name="Ann Mayor")

    def story(*tags, **fields):
        made = StoryFactory(**fields)
        made.countries.add(*(t for t in tags if t in (peru, chad, fiji, mali)))
        made.people.add(*(t for t in tags if t in (envoy, mayor)))

    for _ in range(3):
        story(peru, envoy)
    story(chad, mayor)
    story(chad)
    story(fiji, mayor)
    story(fiji, mayor, published_at=now - timedelta(days=8))
    story(mali, mayor, draft=True)
    story(mali, mayor, scheduled=True)

    news = in_the_news(now, size=3)
    assert [(t.name, t.story_count) for t in news["country"]] == [
        ("Peru", 3),
        ("Chad", 2),
        ("Fiji", 1),
    ]
    assert [(t.name, t.story_count) for t in news["person"]] == [
        ("Zed Envoy", 3),
        ("Ann Mayor", 2),
    ]
    assert [t.get_absolute_url() for t in news["country"][:1]] == [
        peru.get_absolute_url()
    ]
    assert [t.name for t in in_the_news(now, size=1)["country"]] == ["Peru"]
