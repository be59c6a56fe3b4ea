"""The page cache: anonymous readers' pages kept and served until a key of theirs is
purged; this process's memo; what is never kept."""

import time

import pytest
from django.core.cache import cache
from django.test import RequestFactory
from django.urls import reverse

from articles.cache import keys
from articles.cache.local import forget
from articles.cache.pages import page_name
from articles.cache.purging import apply
from articles.cache.stamps import stamp
from tests.factories import (
    AuthorFactory,
    BylineFactory,
    CountryFactory,
    StoryFactory,
    UserFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_redis")]


@pytest.fixture
def story():
    story = StoryFactory(headline="Paris summit")
    story.countries.add(CountryFactory())
    BylineFactory(story=story, author=AuthorFactory())
    return story


def state(client, url, **extra):
    return client.get(url, **extra)["X-Cache"]


def test_a_repeat_visit_is_served_from_the_cache_without_a_query(
    client, story, django_assert_num_queries
):
    """The first anonymous visit makes the page; the next is served with no SQL."""
    url = story.get_absolute_url()
    assert state(client, url) == "MISS"
    with django_assert_num_queries(0):
        response = client.get(url)
    assert response["X-Cache"] == "HIT" and "Paris summit" in response.text


def test_a_purge_of_a_key_the_page_shows_makes_it_again(client, story):
    """A page is served until a key it shows is purged, then made again once."""
    url = story.get_absolute_url()
    state(client, url)
    apply([keys.SEARCH])
    assert state(client, url) == "HIT"
    apply([keys.subject(story.countries.get())])
    assert [state(client, url), state(client, url)] == ["MISS", "HIT"]


def test_a_signed_in_visit_is_neither_served_nor_kept(client, story):
    """Someone signed in gets the page made for them, private, and leaves nothing in
    the cache for readers."""
    url = story.get_absolute_url()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.get(url)
    assert "X-Cache" not in response
    assert {"private", "no-store"} <= set(response["Cache-Control"].split(", "))
    client.logout()
    client.cookies.clear()
    assert state(client, url) == "MISS"


def test_junk_query_strings_share_one_page_and_page_numbers_do_not(client, story):
    """Campaign tags and junk parameters neither split the cache nor bypass it; a
    listing's page number is a page of its own."""
    url = story.get_absolute_url()
    assert state(client, f"{url}?x=1") == "MISS"
    assert state(client, f"{url}?x=2&utm_source=feed") == "HIT"
    assert state(client, url) == "HIT"
    section = story.section.get_absolute_url()
    assert state(client, section) == "MISS"
    assert state(client, f"{section}?page=1") == "MISS"


def test_errors_and_redirects_are_not_kept(client, story):
    """A 404 or a redirect is answered afresh each time, never kept as a page."""
    missing = story.get_absolute_url().replace("story-", "no-story-")
    moved = story.get_absolute_url().replace("/world/", "/asia/")
    for url, status in ((missing, 404), (moved, 301)):
        for _ in range(2):
            response = client.get(url)
            assert response.status_code == status
            assert "X-Cache" not in response


def test_this_process_trusts_its_memo_for_a_moment(client, story, settings):
    """A page this process served a moment ago is served again without asking the
    shared cache; a purge elsewhere reaches it once the memo's seconds are over, a
    purge from this process at once."""
    settings.NEWSROOM_PAGE_MEMO_SECONDS = 1
    url = story.get_absolute_url()
    state(client, url)
    assert state(client, url) == "HIT"
    # Another server purges: the shared cache knows, this process's memo not yet.
    stamp([keys.story(story)])
    assert state(client, url) == "HIT"
    time.sleep(1.05)
    assert state(client, url) == "MISS"
    assert state(client, url) == "HIT"
    apply([keys.story(story)])
    assert state(client, url) == "MISS"


@pytest.mark.parametrize("page", ["front_page", "story"])
def test_a_page_made_of_new_parts_is_fresh_for_the_next_process(client, story, page):
    """A page stored after its parts were made during its making is served from the
    shared cache to a process that never saw it: its parts never date their keys
    later than the page."""
    url = (
        reverse("articles:front_page")
        if page == "front_page"
        else story.get_absolute_url()
    )
    assert state(client, url) == "MISS"
    forget()
    assert state(client, url) == "HIT"


def test_with_replicas_a_page_made_right_after_a_purge_is_not_trusted(
    client, story, settings
):
    """A page made within the replica lag after a purge may have read a lagging
    replica: it is made again until the lag has passed."""
    settings.NEWSROOM_REPLICA_LAG_SECONDS = 30
    url = story.get_absolute_url()
    client.get(url)
    apply([keys.story(story)])
    assert [state(client, url), state(client, url)] == ["MISS", "MISS"]
    settings.NEWSROOM_REPLICA_LAG_SECONDS = 0
    assert state(client, url) == "HIT"


def test_a_flushed_cache_forgets_every_page(client, story):
    """After the shared cache is flushed (its purge times with it), no page kept
    before is served: each is made again."""
    url = story.get_absolute_url()
    client.get(url)
    entry = cache.get(page_name(RequestFactory().get(url)))
    cache.delete_pattern("*")
    forget()
    # Even if the page itself survived the flush, its keys' purge times did not.
    cache.set(page_name(RequestFactory().get(url)), entry, 60)
    assert state(client, url) == "MISS"
