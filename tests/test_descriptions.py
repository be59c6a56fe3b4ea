"""Every indexable list page tells search engines what it lists, in words."""

import re

import pytest
from django.urls import reverse

from articles import services
from tests.factories import (
    AuthorFactory,
    BylineFactory,
    CountryFactory,
    PersonFactory,
    SectionFactory,
    StoryFactory,
)

pytestmark = pytest.mark.django_db

DESCRIPTION = re.compile(r'<meta name="description" content="([^"]*)">')


def description(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    found = DESCRIPTION.findall(response.text)
    assert len(found) == 1, f"{url}: {found}"
    return found[0]


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("country", "Stories about France from The Newsroom, newest first."),
        ("section", "Sport: the latest stories from The Newsroom, newest first."),
        ("person", "Stories about Ana Ruiz from The Newsroom, newest first."),
        ("author", "Stories by Lea Martin for The Newsroom, newest first."),
    ],
)
def test_list_page_without_text_of_its_own_says_what_it_lists(client, kind, expected):
    """A list page whose subject has no description gets a sentence naming it."""
    story = StoryFactory(section=SectionFactory(slug="sport", name="Sport"))
    subjects = {
        "section": story.section,
        "country": CountryFactory(code="FR"),
        "person": PersonFactory(name="Ana Ruiz"),
        "author": AuthorFactory(name="Lea Martin"),
    }
    story.countries.add(subjects["country"])
    story.people.add(subjects["person"])
    BylineFactory(story=story, author=subjects["author"])
    assert description(client, subjects[kind].get_absolute_url()) == expected


def test_list_page_keeps_the_subjects_own_description(client):
    """A section or author with its own text is described by that text."""
    section = SectionFactory(slug="sport", name="Sport", description="Games & wins.")
    author = AuthorFactory(bio="Covers the courts.")
    BylineFactory(story=StoryFactory(section=section), author=author)
    assert description(client, section.get_absolute_url()) == "Games &amp; wins."
    assert description(client, author.get_absolute_url()) == "Covers the courts."


def test_corrections_page_describes_itself(client):
    """/corrections/ has a description saying what it lists."""
    services.add_correction(story=StoryFactory(), text="A fix.")
    assert description(client, reverse("articles:corrections")) == (
        "Corrections, clarifications and editor’s notes on stories from "
        "The Newsroom, newest first."
    )
