"""Tag suggestions in the story form: countries and people from the story's text,
explained, without the tags it has, for those who may change the story."""

import json
import os
import re
from html import escape
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.urls import reverse

from articles.intake.source import read_wire
from articles.models import CountryTag, PersonTag
from articles.services.intake import import_wire
from tests.factories import PersonFactory, SectionFactory, StoryFactory, UserFactory
from tests.workflow import csrf_client, csrf_token

pytestmark = pytest.mark.django_db

SEED = Path(
    os.environ.get("NEWSROOM_SEED_DIR")
    or Path(settings.BASE_DIR).parent / "shared" / "seed"
)

SEED_LIKE = {
    "headline": "US backs security guarantees for Ukraine at Paris summit",
    "dek": "Allies pledge to deter future Russian aggression.",
    "body": (
        "<p>The United States has, for the first time, publicly backed a coalition "
        "of Ukraine’s allies pledging security guarantees against Russian "
        "aggression, at a summit in Paris.</p>"
        "<p>U.S. envoys Steve Witkoff and Jared Kushner joined European and "
        "Ukrainian leaders. Witkoff said President Donald Trump strongly supports "
        "the protocols.</p>"
        "<p>Ukrainian President Volodymyr Zelenskiy welcomed the talks; France and "
        "Britain said they would lead. Russia did not comment.</p>"
    ),
}


def url(story=None):
    if story is None:
        return reverse("admin:articles_story_tag_suggestions_new")
    return reverse("admin:articles_story_tag_suggestions", args=[story.pk])


def labels(data, field):
    return [item["label"] for item in data[field]]


def by_label(data, field, label):
    return next(item for item in data[field] if item["label"] == label)


@pytest.fixture
def draft():
    return StoryFactory(draft=True, headline="Draft", body="<p>Nothing yet.</p>")


def test_a_reporter_gets_suggestions_for_their_draft(reporter, client, draft):
    """A Reporter asks for their draft's text and is offered tags, each explained."""
    client.force_login(reporter)
    response = client.post(url(draft), SEED_LIKE)
    assert response.status_code == 200
    data = response.json()
    assert {"United States", "Ukraine", "Russia", "France", "United Kingdom"} <= set(
        labels(data, "countries")
    )
    assert {"Steve Witkoff", "Jared Kushner", "Donald Trump"} <= set(
        labels(data, "people")
    )
    us = by_label(data, "countries", "United States")
    assert us["explanation"].startswith("mentioned 3 times, first in the headline")
    assert "“U.S.”" in us["explanation"]
    assert us["value"] == str(CountryTag.objects.get(code="US").pk)
    trump = by_label(data, "people", "Donald Trump")
    assert (trump["value"], trump["is_new"]) == ("new:Donald Trump", True)
    assert trump["explanation"] == (
        "mentioned once, first in paragraph 2, after “President”"
    )


def test_the_dek_is_named_as_the_place_of_a_first_mention(editor_client, draft):
    """A country first named in the dek is explained as such; body paragraphs keep
    their own numbers."""
    data = editor_client.post(url(draft), SEED_LIKE).json()
    assert by_label(data, "countries", "Russia")["explanation"] == (
        "mentioned 3 times, first in the dek (as “Russian”)"
    )
    assert by_label(data, "countries", "France")["explanation"].endswith(
        "first in paragraph 3"
    )


def test_tags_already_on_the_story_are_not_suggested(editor_client, draft):
    """Countries and people in the fields (or typed as new) are left out."""
    witkoff = PersonFactory(name="Steve Witkoff")
    ukraine = CountryTag.objects.get(code="UA")
    data = editor_client.post(
        url(draft),
        {
            **SEED_LIKE,
            "tags-shown": "1",
            "country_list": [str(ukraine.pk)],
            "person_list": [str(witkoff.pk), "new:donald TRUMP"],
        },
    ).json()
    assert "Ukraine" not in labels(data, "countries")
    assert "United States" in labels(data, "countries")
    assert "Steve Witkoff" not in labels(data, "people")
    assert "Donald Trump" not in labels(data, "people")
    assert "Jared Kushner" in labels(data, "people")


def test_the_saved_tags_count_when_the_fields_are_not_posted(editor_client, draft):
    """Asked without the fields (a plain GET), the story's saved tags are left out."""
    draft.countries.add(CountryTag.objects.get(code="FR"))
    data = editor_client.get(url(draft), SEED_LIKE).json()
    assert "France" not in labels(data, "countries")
    assert "Ukraine" in labels(data, "countries")


def test_a_person_in_the_vocabulary_is_offered_as_that_person(editor_client, draft):
    """A known person is offered by id, not as a new person."""
    kushner = PersonFactory(name="Jared Kushner")
    data = editor_client.post(url(draft), SEED_LIKE).json()
    found = by_label(data, "people", "Jared Kushner")
    assert (found["value"], found["is_new"]) == (str(kushner.pk), False)


def test_suggesting_creates_no_one(editor_client, draft):
    """New people are proposed, never made: the vocabulary stays as it was."""
    editor_client.post(url(draft), SEED_LIKE)
    assert PersonTag.objects.count() == 0
    assert draft.people.count() == 0


def test_a_new_story_can_be_asked_about_before_it_is_saved(reporter, client):
    """The add form asks at its own address, with the right to add stories."""
    client.force_login(reporter)
    response = client.post(url(), SEED_LIKE)
    assert "Ukraine" in labels(response.json(), "countries")


def test_without_the_right_to_add_people_no_new_person_is_proposed(client, draft):
    """Someone who could not save a new person is not offered one."""
    user = UserFactory(is_staff=True)
    user.user_permissions.set(
        Permission.objects.filter(codename__in=["change_story", "view_story"])
    )
    client.force_login(user)
    data = client.post(url(draft), SEED_LIKE).json()
    assert data["people"] == []
    assert "Ukraine" in labels(data, "countries")


def test_staff_without_change_rights_are_refused(client, draft):
    """Staff who may only view stories get a 403, and no suggestions."""
    viewer = UserFactory(is_staff=True)
    viewer.user_permissions.set(Permission.objects.filter(codename="view_story"))
    client.force_login(viewer)
    for address in [url(draft), url()]:
        response = client.post(address, SEED_LIKE)
        assert response.status_code == 403
        assert "countries" not in response.json()


def test_a_reporter_is_refused_on_a_published_story(reporter, client):
    """A published story is editors' to change: its suggestions too."""
    story = StoryFactory(body=SEED_LIKE["body"])
    client.force_login(reporter)
    assert client.post(url(story), SEED_LIKE).status_code == 403


def test_readers_are_sent_to_log_in(client, draft):
    """Without logging in, the address leads to the admin's login page."""
    response = client.post(url(draft), SEED_LIKE)
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_a_post_needs_the_forms_csrf_token(reporter, draft):
    """A cross-site post is refused; the story form's own token lets it through."""
    client = csrf_client(reporter)
    assert client.post(url(draft), SEED_LIKE).status_code == 403
    token = csrf_token(client, reverse("admin:articles_story_change", args=[draft.pk]))
    response = client.post(url(draft), SEED_LIKE, headers={"X-CSRFToken": token})
    assert response.status_code == 200


def test_empty_text_suggests_nothing(editor_client, draft):
    data = editor_client.post(url(draft), {}).json()
    assert data == {"countries": [], "people": []}


@pytest.mark.skipif(not SEED.is_dir(), reason="the shared seed is not here")
def test_the_seed_story_suggests_its_countries_and_people(editor_client, draft):
    """The day's first wire story, as a body, suggests the countries and people an
    editor tags it with, each explained."""
    item = read_wire(sorted(SEED.glob("*.txt"))[0].read_bytes())
    body = "".join(f"<p>{escape(text)}</p>" for text in item.paragraphs)
    data = editor_client.post(
        url(draft), {"headline": item.headline, "body": body}
    ).json()
    assert {"United States", "Ukraine", "Russia", "France", "United Kingdom"} <= set(
        labels(data, "countries")
    )
    assert {
        "Steve Witkoff",
        "Jared Kushner",
        "Alexus Grynkewich",
        "Donald Trump",
        "Volodymyr Zelenskiy",
    } <= set(labels(data, "people"))
    assert all(
        re.fullmatch(r"mentioned (once|\d+ times), first in .+", item["explanation"])
        for item in data["countries"] + data["people"]
    )


def test_the_form_offers_suggestions_only_to_those_who_may_change_it(
    reporter, client, draft
):
    """A Reporter's draft form carries the suggestions' address; the read-only page
    of a published story, which a Reporter may not change, does not."""
    client.force_login(reporter)
    page = client.get(reverse("admin:articles_story_change", args=[draft.pk])).text
    assert f'data-url="{url(draft)}"' in page
    assert "js/desk-suggest.js" in page
    published = StoryFactory()
    page = client.get(reverse("admin:articles_story_change", args=[published.pk]))
    assert page.status_code == 200
    assert "desk-tag-suggest" not in page.text
    page = client.get(reverse("admin:articles_story_add")).text
    assert f'data-url="{url()}"' in page


WIRE_COPY = """\
PARIS, Jan 6 (Reuters) - Ukraine's allies met in Paris on Tuesday, and U.S. envoy \
Steve Witkoff said President Donald Trump backed security guarantees for Ukraine.

Russia did not comment. Witkoff said France and Britain would lead the force.
"""


def test_an_imported_draft_opens_with_its_suggestions_drawn_in(reporter, client):
    """The form of a draft made from wire copy carries its suggestions, explained,
    without those the import already tagged; a typed draft's form asks instead."""
    SectionFactory()
    story = import_wire(source=WIRE_COPY, user=reporter).story
    story.countries.add(CountryTag.objects.get(code="FR"))
    client.force_login(reporter)
    page = client.get(reverse("admin:articles_story_change", args=[story.pk])).text
    drawn = re.search(
        r'<script id="desk-tag-suggest-initial" type="application/json">(.*?)</script>',
        page,
    )
    data = json.loads(drawn[1])
    assert {"Ukraine", "United States", "Russia", "United Kingdom"} == set(
        labels(data, "countries")
    )
    assert by_label(data, "people", "Steve Witkoff")["explanation"] == (
        "mentioned 2 times, first in paragraph 1 (as “Witkoff”), after “envoy”"
    )
    typed = StoryFactory(draft=True, body=SEED_LIKE["body"])
    page = client.get(reverse("admin:articles_story_change", args=[typed.pk])).text
    assert "desk-tag-suggest-initial" not in page
