"""Anonymous API reads come from the page cache, with validators and Cache-Control,
and go stale with the pages' own surrogate keys; token reads never touch it."""

import pytest
from django.urls import reverse

from articles import services
from articles.models import ApiToken, Story
from articles.services.tokens import create_token
from tests.factories import CountryFactory, SectionFactory, StoryFactory

pytestmark = pytest.mark.django_db

STORIES = reverse("api:stories")


def token_header(scope=ApiToken.Scope.PUBLISHED):
    secret = create_token(token=ApiToken(name="Partner", scope=scope))
    return {"authorization": f"Bearer {secret}"}


def test_anonymous_reads_are_cached_with_validators(client):
    """The second read is a HIT, public, with an ETag and Last-Modified."""
    story = StoryFactory()
    url = reverse("api:story", args=[story.pk])
    assert client.get(url)["X-Cache"] == "MISS"
    response = client.get(url)
    assert response["X-Cache"] == "HIT"
    assert "public" in response["Cache-Control"]
    assert "s-maxage=" in response["Cache-Control"]
    assert response["ETag"] and response["Last-Modified"]
    assert f"story:{story.pk}" in response["Surrogate-Key"].split()
    assert response["Content-Type"] == "application/json; charset=utf-8"


def test_a_matching_etag_is_answered_304(client):
    """If-None-Match with the current ETag gets 304 Not Modified."""
    StoryFactory()
    etag = client.get(STORIES)["ETag"]
    assert client.get(STORIES, headers={"if-none-match": etag}).status_code == 304


def test_an_edit_shows_at_once(client, django_capture_on_commit_callbacks):
    """A headline change purges the story's cached JSON, in lists and alone."""
    story = StoryFactory(headline="Before")
    url = reverse("api:story", args=[story.pk])
    client.get(url), client.get(STORIES)
    story.headline = "After"
    with django_capture_on_commit_callbacks(execute=True):
        services.save_story(story=story)
    assert client.get(url).json()["headline"] == "After"
    assert client.get(STORIES).json()["items"][0]["headline"] == "After"


def test_a_new_publication_joins_every_list_it_belongs_to(
    client, django_capture_on_commit_callbacks
):
    """Publishing purges the latest list and the story's section and country lists."""
    section, country = SectionFactory(slug="europe"), CountryFactory()
    StoryFactory(section=section).countries.add(country)
    lists = [STORIES, f"{STORIES}?section=europe", f"{STORIES}?country={country.slug}"]
    for url in lists:
        assert len(client.get(url).json()["items"]) == 1
    story = StoryFactory(draft=True, section=section)
    story.countries.add(country)
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_story(story=story)
    for url in lists:
        assert len(client.get(url).json()["items"]) == 2, url


def test_an_unpublished_story_leaves_at_once(
    client, django_capture_on_commit_callbacks
):
    """Unpublishing makes the cached JSON a 404 and drops it from the list."""
    story = StoryFactory()
    url = reverse("api:story", args=[story.pk])
    assert client.get(url).status_code == 200
    client.get(STORIES)
    with django_capture_on_commit_callbacks(execute=True):
        services.unpublish_story(story=story)
    assert client.get(url).status_code == 404
    assert client.get(STORIES).json()["items"] == []


def test_token_reads_are_private_and_never_from_the_cache(client):
    """A token's read is marked private, no-store, and is never a cached copy."""
    story = StoryFactory(headline="Fresh")
    url = reverse("api:story", args=[story.pk])
    client.get(url)
    Story.objects.filter(pk=story.pk).update(headline="Changed behind the cache")
    headers = token_header()
    response = client.get(url, headers=headers)
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]
    assert "X-Cache" not in response
    assert response.json()["headline"] == "Changed behind the cache"
    assert client.get(url)["X-Cache"] == "HIT"
