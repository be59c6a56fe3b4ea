"""A country, person or author is public only once a published story names them:
until then no page, feed, sitemap entry or search filter shows their name."""

import pytest
from django.urls import reverse

from articles.models import Author, CountryTag, PersonTag
from tests.factories import BylineFactory, SectionFactory, StoryFactory

pytestmark = pytest.mark.django_db

SECRET = "Zanzibar Quorvath"
UNPUBLISHED = ["draft", "in_review", "scheduled", "embargoed"]


def make_subject(kind):
    if kind == "country":
        return CountryTag.objects.create(name=SECRET, slug="quorvath", code="XQ")
    if kind == "person":
        return PersonTag.objects.create(name=SECRET, slug="quorvath")
    return Author.objects.create(
        name=SECRET, slug="quorvath", bio="Joins from the rival paper next week."
    )


def name_on(story, kind, subject):
    if kind == "country":
        story.countries.add(subject)
    elif kind == "person":
        story.people.add(subject)
    else:
        BylineFactory(story=story, author=subject)


def surfaces(kind, subject):
    """Every public address that could name the subject."""
    urls = [subject.get_absolute_url()]
    for fmt in ("rss", "atom"):
        urls.append(
            reverse(
                "articles:feed",
                kwargs={"kind": kind, "slug": subject.slug, "fmt": fmt},
            )
        )
    return urls


SITEMAPS = {"country": "countries", "person": "people", "author": "authors"}


@pytest.mark.parametrize("state", UNPUBLISHED)
@pytest.mark.parametrize("kind", ["country", "person", "author"])
def test_subject_of_unpublished_stories_is_named_nowhere(client, kind, state):
    """Page and feeds 404, and no sitemap or search page names the subject."""
    subject = make_subject(kind)
    name_on(StoryFactory(**{state: True}), kind, subject)
    for url in surfaces(kind, subject):
        response = client.get(url)
        assert response.status_code == 404, url
        assert SECRET not in response.text, url
    sitemap = client.get(
        reverse("articles:sitemap", kwargs={"section": SITEMAPS[kind]})
    )
    assert subject.slug not in sitemap.text
    if kind != "author":
        search = client.get(reverse("articles:search"), {kind: subject.slug})
        assert search.status_code == 200
        assert SECRET not in search.text


@pytest.mark.parametrize("kind", ["country", "person", "author"])
def test_subject_is_public_once_a_story_naming_it_is_published(client, kind):
    """The first published story gives the subject its page, feeds and sitemap line."""
    subject = make_subject(kind)
    name_on(StoryFactory(), kind, subject)
    for url in surfaces(kind, subject):
        response = client.get(url)
        assert response.status_code == 200, url
        assert SECRET in response.text, url
    sitemap = client.get(
        reverse("articles:sitemap", kwargs={"section": SITEMAPS[kind]})
    )
    assert subject.slug in sitemap.text


def test_a_new_section_has_its_page_before_its_first_story(client):
    """Sections are the site's structure: an empty one has its (empty) page."""
    section = SectionFactory(slug="climate", name="Climate")
    StoryFactory(section=section, draft=True, headline="Not yet out")
    response = client.get(section.get_absolute_url())
    assert response.status_code == 200
    assert "Climate" in response.text
    assert "Not yet out" not in response.text
