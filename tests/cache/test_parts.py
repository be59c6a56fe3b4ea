"""Parts of pages and kept values: made once, kept until a key of theirs is purged,
their keys added to the page using them; `bypassed()` keeps and reads none."""

import time
from datetime import timedelta

import pytest
from django.core.cache import cache, caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.cache import ahead, bypassed, keep, keys, parts
from articles.cache.local import forget as forget_remembered
from articles.cache.purging import apply
from articles.cache.shown import collecting
from articles.cache.stamps import making, stamp
from tests.factories import (
    AuthorFactory,
    BylineFactory,
    CountryFactory,
    FrontPageSlotFactory,
    StoryFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_redis")]

WANTED = dict.fromkeys(["1", "2", "3"])


class Maker:
    """`make` for parts(): one part per name, showing the story of that pk; it
    records what it was asked to make, and leaves out the names in `gone`."""

    def __init__(self, gone=()):
        self.calls, self.gone = [], set(gone)

    def __call__(self, missing):
        self.calls.append(sorted(missing))
        return {
            name: (f"<p>{name}</p>", [keys.story(int(name))])
            for name in missing
            if name not in self.gone
        }


def test_a_part_is_made_once_and_kept_until_a_key_of_it_is_purged():
    """Parts come from the cache once made; a purge makes that one part again."""
    make = Maker()
    first = parts(WANTED, make)
    assert first == {"1": "<p>1</p>", "2": "<p>2</p>", "3": "<p>3</p>"}
    assert parts(WANTED, make) == first
    assert make.calls == [["1", "2", "3"]]
    apply([keys.story(2)])
    assert parts(WANTED, make) == first
    assert make.calls[1:] == [["2"]]


def test_a_part_its_maker_leaves_out_is_neither_shown_nor_kept():
    """A part that cannot be made (its story was taken down) is left out, and asked
    for again next time."""
    make = Maker(gone={"2"})
    assert set(parts(WANTED, make)) == {"1", "3"}
    assert set(parts(WANTED, make)) == {"1", "3"}
    assert make.calls == [["1", "2", "3"], ["2"]]


def test_the_keys_of_parts_land_on_the_page_being_made():
    """A page made of parts shows their keys, whether the parts were made for it or
    taken from the cache."""
    for _ in range(2):
        with collecting(set()) as shown:
            parts(WANTED, Maker())
        assert shown >= {keys.story(1), keys.story(2), keys.story(3)}


def test_a_kept_value_is_computed_again_after_a_key_of_it_is_purged():
    """keep() computes once, and again once a key its value named is purged; the
    page using it shows those keys."""
    computed = []

    def compute():
        computed.append(1)
        return len(computed), [keys.PINS]

    with collecting(set()) as shown:
        assert keep("count", compute) == 1
    assert keys.PINS in shown
    assert keep("count", compute) == 1
    apply([keys.PINS])
    assert keep("count", compute) == 2


def test_a_kept_value_lasts_at_most_its_seconds():
    """A value kept for a second is computed again after it."""
    values = iter(["first", "second"])
    assert keep("short", lambda: (next(values), []), seconds=1) == "first"
    assert keep("short", lambda: (next(values), []), seconds=1) == "first"
    time.sleep(1.1)
    assert keep("short", lambda: (next(values), []), seconds=1) == "second"


def test_a_kept_value_never_outlives_the_next_scheduled_change():
    """A value kept before a story's scheduled time is computed again once the time
    has come, with nobody purging anything."""
    due = timezone.now() + timedelta(seconds=1)
    StoryFactory(published_at=due)
    values = iter(["before", "after"])
    assert keep("timed", lambda: (next(values), [])) == "before"
    assert keep("timed", lambda: (next(values), [])) == "before"
    time.sleep(max(0, (due - timezone.now()).total_seconds()) + 0.1)
    assert keep("timed", lambda: (next(values), [])) == "after"


def test_bypassed_reads_no_kept_part_and_keeps_none():
    """Within bypassed(), parts and values are made every time, a kept one is not
    read, and nothing made within is kept."""
    make, computed = Maker(), []

    def compute():
        computed.append(1)
        return len(computed), []

    parts(WANTED, make)
    keep("value", compute)
    with bypassed():
        parts(WANTED, make)
        assert keep("value", compute) == 2
    assert len(make.calls) == 2
    other = Maker()
    with bypassed():
        parts({"9": None}, other)
    parts({"9": None}, other)
    assert other.calls == [["9"], ["9"]]
    assert keep("value", compute) == 1


@pytest.fixture
def story():
    story = StoryFactory(headline="Paris summit")
    story.countries.add(CountryFactory())
    BylineFactory(story=story, author=AuthorFactory())
    return story


def test_a_story_page_made_again_takes_its_article_and_head_from_the_cache(
    client, story
):
    """A story page purged on its own is made again from its kept article and head:
    neither is rendered, and the story's bylines, tags and corrections are not read."""
    url = story.get_absolute_url()
    assert client.get(url)["X-Cache"] == "MISS"
    apply([keys.story_page(story)])
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response["X-Cache"] == "MISS" and "Paris summit" in response.text
    rendered = {template.name for template in response.templates}
    assert "articles/includes/story_article.html" not in rendered
    assert "articles/includes/meta_story.html" not in rendered
    assert not [q for q in queries if "articles_byline" in q["sql"]]


def test_an_edit_makes_again_only_the_teaser_that_shows_it(client, committed):
    """After an edit, the front page is made again with the edited story's teaser
    rendered anew and the four others from the cache."""
    stories = [StoryFactory(headline=f"Story {n}") for n in range(5)]
    front = reverse("articles:front_page")
    teaser = "articles/includes/teaser.html"
    first = client.get(front)
    assert [t.name for t in first.templates].count(teaser) == 5
    stories[3].headline = "Story 3, updated"
    committed(services.save_story, story=stories[3])
    response = client.get(front)
    assert response["X-Cache"] == "MISS" and "Story 3, updated" in response.text
    assert [t.name for t in response.templates].count(teaser) == 1


def test_parts_made_for_one_site_address_are_not_used_for_another(
    client, story, settings
):
    """A site moved to a new address makes its parts again: no page carries absolute
    links to the old address."""
    url = story.get_absolute_url()
    settings.SITE_URL = "https://old.example.com"
    assert "https://old.example.com" + url in client.get(url).text
    settings.SITE_URL = "https://news.example.com"
    apply([keys.story_page(story)])
    html = client.get(url).text
    assert "https://news.example.com" + url in html
    assert "old.example.com" not in html


def test_a_part_this_process_remembers_goes_stale_by_another_servers_purge(
    monkeypatch,
):
    """Parts this process read a moment ago are used without a new transfer, but
    never past a purge recorded by another server: their keys' purge times are read
    on every use."""
    make = Maker()
    first = parts(WANTED, make)
    reads = CountedReads(monkeypatch)
    assert parts(WANTED, make) == first
    assert reads.count == 1  # only the purge times: the parts are remembered
    time.sleep(0.01)
    stamp([keys.story(3)])  # another server's purge: nothing forgotten here
    assert parts(WANTED, make) == first
    assert make.calls[1:] == [["3"]]


def test_the_front_page_made_again_reads_its_pins_from_the_cache(client, committed):
    """After an edit to a story that is not pinned, the front page is made again with
    the pins kept: the slots are not read."""
    pinned, edited = StoryFactory(headline="Pinned"), StoryFactory(headline="Edited")
    FrontPageSlotFactory(story=pinned, position=1)
    front = reverse("articles:front_page")
    client.get(front)
    edited.headline = "Edited again"
    committed(services.save_story, story=edited)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(front)
    assert response["X-Cache"] == "MISS" and "Edited again" in response.text
    assert not [q for q in queries if "articles_frontpageslot" in q["sql"]]


class CountedReads:
    """Counts the shared cache's reads (get_many) while it is in use."""

    def __init__(self, monkeypatch):
        self.count = 0
        real = cache.get_many

        def get_many(names, *args, **kwargs):
            self.count += 1
            return real(names, *args, **kwargs)

        # On the cache itself: the proxy is another one once the test is over.
        monkeypatch.setattr(caches["default"], "get_many", get_many)


def test_parts_read_ahead_cost_no_further_reads_and_stay_fresh(monkeypatch):
    """Within a page's making, parts and kept values read ahead come with no more
    reads of the shared cache; one purged since it was kept is made again, and one
    found missing is made without being asked for again."""
    make = Maker()
    parts(dict.fromkeys(["1", "2"]), make)
    keep("column", lambda: ("kept once", [keys.story(1)]))
    apply([keys.story(2)])
    forget_remembered()
    reads = CountedReads(monkeypatch)
    with making(time.time()):
        ahead(["1", "2", "3"], kept=["column"])
        assert reads.count == 2  # the entries, then their keys' purge times
        found = parts(dict.fromkeys(["1", "2", "3"]), make)
        kept = keep("column", lambda: ("made again", [keys.story(1)]))
    assert found == {"1": "<p>1</p>", "2": "<p>2</p>", "3": "<p>3</p>"}
    assert kept == "kept once"
    # "2" was purged and "3" never kept: both made, in one call.
    assert make.calls[1:] == [["2", "3"]]
    # Making "2" and "3" tracked their keys (one read); nothing else was read.
    assert reads.count == 3


def test_reading_ahead_outside_a_page_reads_nothing(monkeypatch):
    reads = CountedReads(monkeypatch)
    ahead(["1"], kept=["column"])
    with making(time.time()), bypassed():
        ahead(["1"], kept=["column"])
    assert reads.count == 0


def test_a_shared_kept_value_is_read_and_kept_even_when_bypassed():
    """What every page shows alike (the newest headlines) is taken from the cache
    by a page made from nothing, and kept by it."""
    with bypassed():
        assert keep("newest", lambda: ("first", []), shared=True) == "first"
    assert keep("newest", lambda: ("second", []), shared=True) == "first"
    with bypassed():
        assert keep("newest", lambda: ("third", []), shared=True) == "first"
        assert keep("own", lambda: ("made", [])) == "made"
    assert keep("own", lambda: ("made again", [])) == "made again"
