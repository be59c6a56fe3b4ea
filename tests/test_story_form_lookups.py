"""What the story form's boxes find: tags and authors whatever the accents and
capitals, stories by headline, suggested stories sharing the tags; who may ask."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse

from articles.models import Story
from tests.factories import (
    AuthorFactory,
    CountryFactory,
    PersonFactory,
    StoryFactory,
    UserFactory,
)
from tests.workflow import csrf_client

pytestmark = pytest.mark.django_db


def lookup(client, kind, text, **extra):
    url = reverse("admin:articles_story_lookup", args=[kind])
    return client.get(url, {"q": text, **extra})


def found(response):
    assert response.status_code == 200
    return [item["label"] for item in response.json()["results"]]


@pytest.mark.parametrize(
    "stored, typed",
    [
        ("Volodymyr Zelenskiy", "zelenskiy"),
        ("Volodymyr Zelenskíy", "Zelenskiy"),
        ("Volodymyr Zelenskiy", "Zelenskíy"),
        ("Volodymyr Zelenskíy", "ZELENS"),
        ("Volodymyr Zelenskíy", "volodymyr zel"),
        ("Jean-Pierre Raffarin", "jean pierre"),
        ("Lech Wałęsa", "walesa"),
    ],
)
def test_people_are_found_whatever_the_accents_and_capitals(reporter, stored, typed):
    """Typing a name without its accents, or with others, finds the person."""
    PersonFactory(name=stored)
    PersonFactory(name="Someone Else")
    assert found(lookup(csrf_client(reporter), "person", typed)) == [stored]


def test_a_name_is_found_from_the_start_of_any_of_its_words(reporter):
    """“zel” finds Zelenskíy and Zelenska, names starting with it first; “lensk”
    (inside a word) finds nothing."""
    for name in ["Olena Zelenska", "Zelda Fitzgerald", "Volodymyr Zelenskíy"]:
        PersonFactory(name=name)
    client = csrf_client(reporter)
    assert found(lookup(client, "person", "zel")) == [
        "Zelda Fitzgerald",
        "Olena Zelenska",
        "Volodymyr Zelenskíy",
    ]
    assert found(lookup(client, "person", "lensk")) == []


@pytest.mark.parametrize(
    "typed, country", [("cote", "Côte d'Ivoire"), ("ci", "Côte d'Ivoire")]
)
def test_countries_are_found_by_name_without_accents_or_by_code(
    reporter, typed, country
):
    """The closed list of countries answers to a plain spelling or the ISO code."""
    CountryFactory(code="CI")
    assert country in found(lookup(csrf_client(reporter), "country", typed))


def test_authors_are_found_by_name(reporter):
    """The byline box finds authors by any word of their name."""
    AuthorFactory(name="Ada Lindqvist")
    AuthorFactory(name="Ben Ortiz")
    assert found(lookup(csrf_client(reporter), "author", "lindq")) == ["Ada Lindqvist"]


def test_stories_are_found_by_the_words_of_their_headline(reporter):
    """Headline words typed in part find the story, drafts too, newest first, and
    not the stories left out (the story itself, those already linked)."""
    older = StoryFactory(headline="Grain corridor reopens after talks")
    newer = StoryFactory(headline="Grain corridor closes again", draft=True)
    linked = StoryFactory(headline="Grain corridor in numbers")
    StoryFactory(headline="Ports count the cost")
    client = csrf_client(reporter)
    assert found(lookup(client, "story", "grain corr", exclude=[linked.pk])) == [
        newer.headline,
        older.headline,
    ]
    notes = lookup(client, "story", "corridor closes").json()["results"]
    assert notes[0]["note"] == "Draft: shown once published"


def test_suggestions_are_published_stories_sharing_the_tags(editor_client, now):
    """Suggestions share the story's tags, most shared then newest first; drafts,
    scheduled stories and those left out are not suggested."""
    ukraine, france = CountryFactory(code="UA"), CountryFactory(code="FR")
    person = PersonFactory()
    both = StoryFactory(headline="Both", published_at=now - timedelta(days=2))
    both.countries.add(ukraine)
    both.people.add(person)
    for n, headline in enumerate(["Newer", "Older", "Left out"]):
        story = StoryFactory(headline=headline, published_at=now - timedelta(hours=n))
        story.countries.add(ukraine)
    for hidden in [StoryFactory(draft=True), StoryFactory(scheduled=True)]:
        hidden.countries.add(ukraine)
    StoryFactory(headline="Elsewhere").countries.add(france)
    left_out = Story.objects.get(headline="Left out")
    response = editor_client.get(
        reverse("admin:articles_story_suggestions"),
        {"country": ukraine.pk, "person": person.pk, "exclude": left_out.pk},
    )
    assert found(response) == ["Both", "Newer", "Older"]


@pytest.mark.parametrize("kind", ["country", "person", "author", "story"])
def test_lookups_need_the_right_to_see_what_they_list(kind):
    """Staff without the view right get 403; a visitor is sent to log in."""
    assert (
        Client().get(reverse("admin:articles_story_lookup", args=[kind])).status_code
        == 302
    )
    nobody = UserFactory(username="nobody", is_staff=True)
    group = Group.objects.create(name="Stories only")
    group.permissions.set(Permission.objects.filter(codename="view_story"))
    if kind != "story":
        nobody.groups.add(group)
    assert lookup(csrf_client(nobody), kind, "a").status_code == 403


def test_suggestions_need_the_right_to_see_stories():
    """Staff who may not see stories get no suggestions."""
    nobody = UserFactory(username="nobody", is_staff=True)
    response = csrf_client(nobody).get(reverse("admin:articles_story_suggestions"))
    assert response.status_code == 403


@pytest.mark.parametrize(
    "kind, query",
    [
        ("person", {"q": "\x00"}),
        ("person", {"q": "a\x00b"}),
        ("person", {"q": "((([[*+?"}),
        ("country", {"q": "é" * 5000}),
        ("story", {"q": "\x00", "exclude": ["x", "9" * 40]}),
        ("story", {"q": '"unclosed -'}),
    ],
)
def test_bad_lookup_input_is_never_an_error(reporter, kind, query):
    """NULs, regex characters, huge or junk input give an empty or short list."""
    CountryFactory(code="UA")
    response = csrf_client(reporter).get(
        reverse("admin:articles_story_lookup", args=[kind]), query
    )
    assert response.status_code == 200
    assert isinstance(response.json()["results"], list)


def test_an_unknown_lookup_is_not_found(reporter):
    """Only tags, authors and stories are looked up; anything else is a 404."""
    assert lookup(csrf_client(reporter), "user", "a").status_code == 404
    assert lookup(csrf_client(reporter), "section", "a").status_code == 404


def test_junk_suggestion_parameters_are_never_an_error(reporter):
    """Junk ids in the suggestions' query give an empty list, not an error."""
    response = csrf_client(reporter).get(
        reverse("admin:articles_story_suggestions"),
        {"story": "\x00", "country": ["x", "1" * 40], "person": "-1", "exclude": "²"},
    )
    assert found(response) == []
