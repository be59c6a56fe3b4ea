"""The one visibility rule: readers see published stories whose time has come."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils.html import escape

from articles.models import Story
from tests.factories import (
    AuthorFactory,
    BylineFactory,
    CountryFactory,
    PersonFactory,
    RelatedLinkFactory,
    SectionFactory,
    StoryFactory,
)

pytestmark = pytest.mark.django_db

HIDDEN = ["draft", "in_review", "scheduled", "embargoed"]


@pytest.fixture
def desk():
    """A published story and its section, author, country and person."""
    section = SectionFactory(slug="europe", name="Europe")
    country, person, author = CountryFactory(), PersonFactory(), AuthorFactory()
    story = StoryFactory(section=section, headline="Visible lead story")
    story.countries.add(country)
    story.people.add(person)
    BylineFactory(story=story, author=author)
    return {"section": section, "country": country, "person": person, "author": author}


def hidden_story(kind, desk):
    story = StoryFactory(
        section=desk["section"], headline=f"Secret {kind} headline", **{kind: True}
    )
    story.countries.add(desk["country"])
    story.people.add(desk["person"])
    BylineFactory(story=story, author=desk["author"])
    return story


def reader_pages(desk):
    return [
        reverse("articles:front_page"),
        desk["section"].get_absolute_url(),
        desk["country"].get_absolute_url(),
        desk["person"].get_absolute_url(),
        desk["author"].get_absolute_url(),
    ]


@pytest.mark.parametrize("kind", HIDDEN)
def test_hidden_story_is_on_no_reader_page(client, desk, kind):
    """Drafts, stories in review, scheduled and embargoed stories are on no listing."""
    hidden_story(kind, desk)
    for url in reader_pages(desk):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Visible lead story" in response.text, url
        assert f"Secret {kind} headline" not in response.text, url


@pytest.mark.parametrize("kind", HIDDEN)
def test_hidden_story_url_is_404(client, desk, kind):
    """A hidden story's own address answers 404, even with the right date."""
    story = hidden_story(kind, desk)
    if story.published_at is None:
        story.published_at = Story.objects.get(
            headline="Visible lead story"
        ).published_at
    response = client.get(
        reverse(
            "articles:story_detail",
            kwargs={
                "section": "europe",
                "year": story.published_at.year,
                "month": story.published_at.month,
                "day": story.published_at.day,
                "slug": story.slug,
            },
        )
    )
    assert response.status_code == 404


@pytest.mark.parametrize("kind", HIDDEN)
def test_hidden_story_is_not_a_related_headline(client, desk, kind):
    """Neither a curated link nor the tag fill leads readers to a hidden story."""
    visible = Story.objects.get(headline="Visible lead story")
    hidden = hidden_story(kind, desk)
    RelatedLinkFactory(story=visible, target=hidden, position=1)
    response = client.get(visible.get_absolute_url())
    assert f"Secret {kind} headline" not in response.text
    assert hidden.slug not in response.text


def test_hidden_story_is_not_in_the_news_counts(client, desk):
    """Tags of hidden stories do not make a country or person 'in the news'."""
    lonely_country, lonely_person = CountryFactory(), PersonFactory()
    for kind in HIDDEN:
        story = hidden_story(kind, desk)
        story.countries.add(lonely_country)
        story.people.add(lonely_person)
    response = client.get(reverse("articles:front_page"))
    # As the page writes them: "Côte d'Ivoire" is "Côte d&#x27;Ivoire".
    assert escape(desk["country"].name) in response.text
    assert escape(lonely_country.name) not in response.text
    assert escape(lonely_person.name) not in response.text


def test_unpublished_story_vanishes_everywhere(
    client, desk, django_capture_on_commit_callbacks
):
    """Unpublishing takes a story off its page and every listing at once."""
    from articles import services

    story = Story.objects.get(headline="Visible lead story")
    url = story.get_absolute_url()
    assert client.get(url).status_code == 200
    for page in reader_pages(desk):
        assert "Visible lead story" in client.get(page).text, page
    with django_capture_on_commit_callbacks(execute=True):
        services.unpublish_story(story=story)
    assert client.get(url).status_code == 404
    for page in reader_pages(desk):
        assert "Visible lead story" not in client.get(page).text, page


def test_published_manager_is_the_rule(now):
    """published() keeps exactly the stories with status published and a past time."""
    visible = StoryFactory()
    StoryFactory(draft=True)
    StoryFactory(in_review=True)
    StoryFactory(scheduled=True)
    StoryFactory(status=Story.Status.DRAFT, published_at=now - timedelta(days=3))
    assert list(Story.objects.published()) == [visible]
