"""Search under traffic: repeated queries from the cache, never stale; a reader
sending distinct queries is held back with a clear 429, the reader pages are not."""

import pytest
from django.test import Client
from django.urls import reverse

from articles import services
from articles.services.subjects import save_subject
from tests.factories import PersonFactory, StoryFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Runs what a write does once it commits (its purges)."""
    return django_capture_on_commit_callbacks


def search(client, q, **headers):
    return client.get(reverse("articles:search"), {"q": q}, headers=headers)


def test_a_repeated_search_is_answered_from_the_cache(client):
    """The second reader asking the same question gets the kept page."""
    StoryFactory(headline="Harbour reopens")
    assert "Harbour reopens" in search(client, "harbour").text
    assert search(Client(), "harbour")["X-Cache"] == "HIT"


def test_a_kept_search_shows_a_story_published_after_it(client, committed):
    """A story published after a search was kept appears in that search at once."""
    StoryFactory(headline="Harbour reopens")
    search(client, "harbour")
    story = StoryFactory(draft=True, headline="Harbour closes again")
    with committed(execute=True):
        services.publish_story(story=story)
    assert "Harbour closes again" in search(Client(), "harbour").text


def test_a_kept_search_drops_a_story_taken_down(client, committed):
    """An unpublished story leaves a kept search at once, snippet and all."""
    story = StoryFactory(headline="Harbour reopens")
    assert "Harbour reopens" in search(client, "harbour").text
    with committed(execute=True):
        services.unpublish_story(story=story)
    assert "Harbour reopens" not in search(Client(), "harbour").text


def test_a_kept_search_follows_a_person_renamed_at_the_desk(client, committed):
    """Renaming a person through the desk changes which kept searches find them."""
    story = StoryFactory(headline="Talks", body="<p>Nothing else.</p>")
    person = PersonFactory(name="Jane Roe")
    services.set_relations(story=story, people=[person])
    assert "Talks" in search(client, "roe").text
    person.name = "Janet Doe"
    with committed(execute=True):
        save_subject(subject=person)
    assert "Talks" not in search(Client(), "roe").text
    assert "Talks" in search(Client(), "janet").text


def test_distinct_searches_past_the_rate_get_a_clear_429(client, settings):
    """A reader sending new queries past NEWSROOM_SEARCH_RATE a minute gets a 429
    page that says to wait, with Retry-After; the front page still answers."""
    settings.NEWSROOM_SEARCH_RATE = 3
    StoryFactory(headline="Harbour reopens")
    statuses = [search(client, f"word{n}").status_code for n in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = search(client, "word9")
    assert refused["Retry-After"] == "60"
    assert "wait a minute" in refused.text
    assert refused["Cache-Control"] == "no-store"
    assert client.get(reverse("articles:front_page")).status_code == 200


def test_kept_searches_do_not_count_against_the_rate(client, settings):
    """Asking again what the cache already answers costs nothing of the rate."""
    settings.NEWSROOM_SEARCH_RATE = 2
    StoryFactory(headline="Harbour reopens")
    statuses = [search(client, "harbour").status_code for _ in range(10)]
    assert statuses == [200] * 10


def test_the_rate_is_counted_per_reader(client, settings):
    """One reader's burst does not hold back another reader."""
    settings.NEWSROOM_SEARCH_RATE = 1
    assert search(client, "first", REMOTE_ADDR="10.0.0.1").status_code == 200
    assert search(client, "second", REMOTE_ADDR="10.0.0.1").status_code == 429
    other = Client(REMOTE_ADDR="10.0.0.2")
    assert other.get(reverse("articles:search"), {"q": "third"}).status_code == 200


def test_staff_are_never_held_back(client, settings):
    """An editor searching the site is never refused."""
    settings.NEWSROOM_SEARCH_RATE = 1
    client.force_login(UserFactory(is_staff=True))
    statuses = [search(client, f"word{n}").status_code for n in range(3)]
    assert statuses == [200, 200, 200]
