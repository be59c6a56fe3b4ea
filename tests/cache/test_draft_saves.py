"""Work on stories readers cannot see leaves readers' pages alone: a newsroom saving
drafts all day never empties the cache of the front page or the lists."""

import pytest
from django.test import Client
from django.urls import reverse

from articles import services
from articles.models import Section
from tests.factories import CountryFactory, StoryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(django_capture_on_commit_callbacks):
    """The front page and a country page, each read once (now kept)."""
    country = CountryFactory()
    story = StoryFactory(headline="Already out")
    story.countries.add(country)
    urls = [reverse("articles:front_page"), country.get_absolute_url()]
    for url in urls:
        assert Client().get(url)["X-Cache"] == "MISS"
    return urls, country


def test_saving_a_draft_keeps_readers_pages(pages, django_capture_on_commit_callbacks):
    """A draft written, tagged and saved again leaves the front page and the country
    page as they were kept."""
    urls, country = pages
    section = Section.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        draft = services.save_story(
            story=StoryFactory.build(draft=True, slug="d", section=section)
        )
        services.set_relations(story=draft, countries=[country])
        draft.headline = "Still a draft"
        services.save_story(story=draft)
    assert [Client().get(url)["X-Cache"] for url in urls] == ["HIT", "HIT"]


def test_publishing_the_draft_reaches_those_pages(
    pages, django_capture_on_commit_callbacks
):
    """The moment the draft is published, both pages show it."""
    urls, country = pages
    section = Section.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        draft = services.save_story(
            story=StoryFactory.build(
                draft=True, slug="d", headline="Now out", section=section
            )
        )
        services.set_relations(story=draft, countries=[country])
        services.publish_story(story=draft)
    assert all("Now out" in Client().get(url).text for url in urls)
