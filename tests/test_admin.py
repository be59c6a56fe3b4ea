"""The editors' admin: its pages answer, list, filter, save and act as they should."""

import re
from datetime import timedelta
from html import unescape
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Image, RelatedLink, Story
from tests.factories import (
    AuthorFactory,
    BylineFactory,
    CountryFactory,
    FrontPageSlotFactory,
    PersonFactory,
    SectionFactory,
    StoryFactory,
)

pytestmark = pytest.mark.django_db

# Measured on SQLite and PostgreSQL; it must not grow with the number of stories.
STORY_CHANGELIST_QUERIES = 9


def url(name, *args):
    return reverse(f"admin:articles_{name}", args=args)


def linked(response, field="headline"):
    """The link texts of one changelist column, a row each, in order."""
    assert response.status_code == 200
    return re.findall(rf'field-{field}"><a href="[^"]*">([^<]*)</a>', response.text)


def row(response, text):
    """The one changelist row that mentions `text`."""
    rows = re.findall(r"<tr>.*?</tr>", response.text, re.S)
    (found,) = [each for each in rows if text in each]
    return found


INPUT = r'<input type="(?!checkbox|submit)[^"]*" name="([^"]+)"(?: value="([^"]*)")?'
SELECT = r'<select name="([^"]+)"[^>]*>(.*?)</select>'
TEXTAREA = r'<textarea name="([^"]+)"[^>]*>\n(.*?)</textarea>'


def form_values(response):
    """What a browser would submit from the page's fields if nothing were typed: a
    list for a name given more than once (tokens, bylines' roles)."""
    assert response.status_code == 200
    html = response.text
    pairs = re.findall(INPUT, html) + re.findall(TEXTAREA, html, re.S)
    for name, options in re.findall(SELECT, html, re.S):
        chosen = re.search(r'<option value="([^"]*)"[^>]*selected>', options)
        pairs.append((name, chosen[1] if chosen else ""))
    data = {}
    for name, value in pairs:
        # The blank "__prefix__" forms are templates for "Add another"; browsers
        # skip them.
        if "__prefix__" not in name:
            data.setdefault(name, []).append(unescape(value))
    return {
        name: values[0] if len(values) == 1 else values for name, values in data.items()
    }


def formset(prefix, rows):
    """A fresh inline formset: `rows` are new forms, after no existing ones."""
    data = {f"{prefix}-TOTAL_FORMS": len(rows), f"{prefix}-INITIAL_FORMS": 0}
    for i, fields in enumerate(rows):
        data.update({f"{prefix}-{i}-{key}": value for key, value in fields.items()})
    return data


def errors(response):
    """Why a save that should have redirected did not, for the assertion message."""
    context = response.context
    return list(context["errors"]) if context and "errors" in context else response


def change(client, story, **fields):
    """Post the story's change form as rendered, with `fields` changed."""
    data = form_values(client.get(url("story_change", story.pk)))
    data.update(fields)
    return client.post(url("story_change", story.pk), data)


def autocomplete(client, model, field, term):
    query = {"model_name": model, "field_name": field, "term": term}
    return client.get(reverse("admin:autocomplete"), {"app_label": "articles", **query})


@pytest.fixture
def reader():
    return Client()


@pytest.fixture
def desk(now):
    """Three stories, each with its own section, tags and authors to filter by."""
    world = SectionFactory(slug="world", name="World")
    politics = SectionFactory(slug="politics", name="Politics")
    ada = AuthorFactory(name="Ada Reporter", slug="ada")
    ben = AuthorFactory(name="Ben Writer", slug="ben")
    ukraine, france = CountryFactory(code="UA"), CountryFactory(code="FR")
    envoy = PersonFactory(name="Jane Envoy", slug="jane-envoy")
    minister = PersonFactory(name="John Minister", slug="john-minister")
    image = Image.objects.create(
        file="images/summit.jpg", alt_text="Leaders", caption="At the summit.",
        width=1600, height=900,
    )  # fmt: skip
    kyiv = StoryFactory(
        headline="Kyiv talks resume", dek="Envoys meet again.", section=world,
        lead_image=image, published_at=now - timedelta(hours=3),
        updated_at=now - timedelta(hours=1),
    )  # fmt: skip
    # Created out of order: the byline follows position, not creation.
    BylineFactory(story=kyiv, author=ben, position=1)
    BylineFactory(story=kyiv, author=ada, position=0)
    kyiv.countries.add(ukraine)
    kyiv.people.add(envoy)
    budget = StoryFactory(
        headline="Budget vote delayed", dek="A setback for the coalition.",
        section=politics, draft=True,
    )  # fmt: skip
    BylineFactory(story=budget, author=ben)
    budget.countries.add(france)
    budget.people.add(minister)
    markets = StoryFactory(
        headline="Markets rally", dek="Shares rise.", section=politics,
        credit="Reuters", scheduled=True,
    )  # fmt: skip
    return SimpleNamespace(**locals())


def test_story_list_shows_each_storys_desk_facts(editor_client, desk):
    """Rows show a status badge, headline, section, byline, when the story was last
    worked on (from now) and its page; a scheduled one says when it appears."""
    response = editor_client.get(url("story_changelist"))
    headlines = ["Budget vote delayed", "Kyiv talks resume", "Markets rally"]
    assert sorted(linked(response)) == headlines
    kyiv = row(response, "Kyiv talks resume")
    assert '<span class="badge badge-published">Published</span>' in kyiv
    assert 'field-section nowrap">World<' in kyiv
    assert 'field-byline">Ada Reporter, Ben Writer<' in kyiv
    modified = timezone.localtime(desk.kyiv.modified_at)
    assert f'<time datetime="{modified.isoformat(timespec="seconds")}"' in kyiv
    assert ">just now</time>" in kyiv
    assert f'<a href="{desk.kyiv.get_absolute_url()}">View</a>' in kyiv
    markets = row(response, "Markets rally")
    when = timezone.localtime(desk.markets.published_at)
    assert '<span class="badge badge-scheduled">Scheduled</span>' in markets
    assert f'for <time datetime="{when.isoformat(timespec="seconds")}"' in markets
    assert ", in a day</time>" in markets
    assert 'field-byline">Reuters<' in markets
    budget = row(response, "Budget vote delayed")
    assert '<span class="badge badge-draft">Draft</span>' in budget
    preview = reverse("articles:story_preview", args=[desk.budget.pk])
    assert f'<a href="{preview}">Preview</a>' in budget


def test_story_list_headlines_stay_within_two_lines(editor_client, desk):
    """The list's stylesheet clamps headlines to two lines and gives the list the
    page's width (no app sidebar)."""
    page = editor_client.get(url("story_changelist")).text
    assert "/static/css/admin-desk.css" in page
    assert 'id="nav-sidebar"' not in page
    css = (settings.BASE_DIR / "static" / "css" / "admin-desk.css").read_text()
    clamp = re.search(r"#result_list \.field-headline a \{(.*?)\}", css, re.S)[1]
    assert "-webkit-line-clamp: 2" in clamp


# A value naming a desk object stands for its primary key.
@pytest.mark.parametrize(
    "param, value, shown",
    [
        ("status", "draft", "budget"),
        ("status", "published", "kyiv"),
        ("status", "scheduled", "markets"),
        ("section__id__exact", "world", "kyiv"),
        ("country_items__tag__id__exact", "ukraine", "kyiv"),
        ("person_items__tag__id__exact", "minister", "budget"),
        ("bylines__author__id__exact", "ada", "kyiv"),
        ("bylines__author__id__exact", "ben", "kyiv budget"),
        ("q", "rally", "markets"),
        ("q", "coalition", "budget"),
        ("q", "Ukraine", "kyiv"),
        ("q", "Minister", "budget"),
    ],
)
def test_story_filters_and_search_narrow_the_list(
    editor_client, desk, param, value, shown
):
    """Each filter or search lists the matching stories and none of the others."""
    value = getattr(desk, value).pk if hasattr(desk, value) else value
    response = editor_client.get(url("story_changelist"), {param: value})
    expected = sorted(getattr(desk, key).headline for key in shown.split())
    assert sorted(linked(response)) == expected


def test_searching_a_shared_tag_name_lists_a_story_once(editor_client, desk):
    """A story that matches by dek and by two people is still a single row."""
    desk.kyiv.people.add(PersonFactory(name="Jim Envoy", slug="jim-envoy"))
    response = editor_client.get(url("story_changelist"), {"q": "envoy"})
    assert linked(response) == ["Kyiv talks resume"]


def changelist_queries(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url("story_changelist")).status_code == 200
    return len(queries)


def add_stories(count, when):
    for _ in range(count):
        story = StoryFactory(published_at=when)
        BylineFactory.create_batch(2, story=story)
        story.countries.add(*CountryFactory.create_batch(2))
        story.people.add(*PersonFactory.create_batch(2))


def test_story_list_query_count_does_not_grow(editor_client, now):
    """Listing 20 stories with bylines and tags costs the same queries as listing 2."""
    when = now - timedelta(hours=1)
    add_stories(2, when)
    small = changelist_queries(editor_client)
    add_stories(18, when)
    large = changelist_queries(editor_client)
    assert small == large == STORY_CHANGELIST_QUERIES


@pytest.mark.parametrize("page", ["add", "change"])
def test_story_form_types_relations_in_place(editor_client, desk, page):
    """The story form has one typed field each for byline, countries, people and
    related headlines, holding the story's own, and no inline tables for them."""
    args = [desk.kyiv.pk] if page == "change" else []
    html = editor_client.get(url(f"story_{page}", *args)).text
    for name in ("byline_list", "country_list", "person_list", "link_list"):
        assert f'name="{name}-shown"' in html
        assert f'id="id_{name}"' in html
    assert 'id="country_items-group"' not in html
    if page == "change":
        tokens = re.findall(r'class="desk-token-label">([^<]*)<', html)
        assert tokens == ["Ukraine", "Jane Envoy", "Ada Reporter", "Ben Writer"]


def test_adding_a_story_saves_relations_in_the_order_given(editor_client, desk):
    """Bylines, countries, people and related links typed on the add form are saved."""
    data = form_values(editor_client.get(url("story_add")))
    data.update(
        headline="Grain deal extended",
        slug="grain-deal-extended",
        section=desk.world.pk,
        body="<p>Ships sail.</p>",
        byline_list=[desk.ben.pk, desk.ada.pk],
        **{"byline_list-role": ["writing", "reporting"]},
        country_list=[desk.ukraine.pk, desk.france.pk],
        person_list=[desk.envoy.pk],
        link_list=[desk.kyiv.pk, "url:https://example.org/un"],
        **{"link_list-title": ["", "UN report"]},
    )
    response = editor_client.post(url("story_add"), data)
    assert response.status_code == 302, errors(response)
    story = Story.objects.get(slug="grain-deal-extended")
    names = [(b.author.name, b.role) for b in story.bylines.all()]
    assert names == [("Ben Writer", "writing"), ("Ada Reporter", "reporting")]
    assert sorted(story.countries.names()) == ["France", "Ukraine"]
    assert list(story.people.names()) == ["Jane Envoy"]
    titles = [link.display_title for link in story.related_links.all()]
    assert titles == ["Kyiv talks resume", "UN report"]


def test_renaming_a_published_story_keeps_the_old_address(editor_client, reader, desk):
    """After a slug change the old address answers 301 to the new one."""
    old = desk.kyiv.get_absolute_url()
    response = change(editor_client, desk.kyiv, slug="kyiv-talks-resume-in-geneva")
    assert response.status_code == 302, errors(response)
    desk.kyiv.refresh_from_db()
    new = desk.kyiv.get_absolute_url()
    assert new.endswith("/kyiv-talks-resume-in-geneva/")
    response = reader.get(old)
    assert (response.status_code, response["Location"]) == (301, new)
    assert reader.get(new).status_code == 200


@pytest.mark.parametrize(
    "links, message",
    [
        (["kyiv"], "A story cannot link to itself."),
        (["markets", "markets"], "“Markets rally” is listed twice."),
        (["url:https://example.org/"], "needs a title"),
        (["url:javascript:alert(1)"], "is not a web address"),
        (["999999"], "no longer there"),
    ],
    ids=["itself", "twice", "untitled", "not-web", "gone"],
)
def test_a_bad_related_link_is_a_form_error(editor_client, desk, links, message):
    """A related link to the story itself, twice to one story, to an outside page
    with no title or no web address, or to a story gone is refused, saying why."""
    links = [str(getattr(desk, v).pk) if hasattr(desk, v) else v for v in links]
    response = change(editor_client, desk.kyiv, link_list=links)
    assert response.status_code == 200
    assert message in unescape(response.text)
    assert not RelatedLink.objects.exists()


def act(client, action, *stories):
    selected = [story.pk for story in stories]
    response = client.post(
        url("story_changelist"), {"action": action, "_selected_action": selected}
    )
    assert response.status_code == 302
    for story in stories:
        story.refresh_from_db()


def test_publish_action_puts_selected_drafts_online(editor_client, reader, desk):
    """Publishing selected drafts makes them readable; an unselected one stays draft."""
    harbour = StoryFactory(headline="Harbour reopens", draft=True)
    waiting = StoryFactory(headline="Still drafting", draft=True)
    act(editor_client, "publish", desk.budget, harbour)
    for story in (desk.budget, harbour):
        assert story.status == Story.Status.PUBLISHED
        assert reader.get(story.get_absolute_url()).status_code == 200
    waiting.refresh_from_db()
    assert (waiting.status, waiting.published_at) == (Story.Status.DRAFT, None)


def test_unpublish_action_takes_stories_off_the_site(
    editor_client, reader, desk, django_capture_on_commit_callbacks
):
    """Unpublished stories answer 404 to readers; an unselected one stays up."""
    harbour = StoryFactory(headline="Harbour reopens")
    address = desk.kyiv.get_absolute_url()
    assert reader.get(address).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        act(editor_client, "unpublish", desk.kyiv)
    assert desk.kyiv.status == Story.Status.DRAFT
    assert reader.get(address).status_code == 404
    assert reader.get(harbour.get_absolute_url()).status_code == 200


def test_lead_image_autocomplete_offers_what_the_editor_types(editor_client, desk):
    """Typing part of a caption in the lead image's search box finds that image."""
    response = autocomplete(editor_client, "story", "lead_image", "summit")
    assert response.status_code == 200
    assert [item["text"] for item in response.json()["results"]] == ["At the summit."]


@pytest.mark.parametrize(
    "name, term, shown, hidden",
    [
        ("section", "wor", "World", "Politics"),
        ("author", "ada", "Ada Reporter", "Ben Writer"),
        ("countrytag", "ukr", "Ukraine", "France"),
        ("persontag", "envoy", "Jane Envoy", "John Minister"),
    ],
)
def test_vocabulary_lists_answer_and_search(
    editor_client, desk, name, term, shown, hidden
):
    """Sections, authors, countries and people are listed and found by name."""
    assert hidden in linked(editor_client.get(url(f"{name}_changelist")), "name")
    found = linked(editor_client.get(url(f"{name}_changelist"), {"q": term}), "name")
    assert found == [shown]


def test_front_page_slots_show_whether_each_pin_is_live(editor_client, desk, now):
    """Only an unexpired pin of a published story shows in the lineup; the others are
    listed apart with the reason."""
    expired = StoryFactory(headline="Yesterday in brief")
    FrontPageSlotFactory(story=desk.kyiv, position=1)
    FrontPageSlotFactory(story=desk.budget, position=2)
    FrontPageSlotFactory(story=expired, position=3, expires_at=now - timedelta(hours=1))
    response = editor_client.get(url("frontpageslot_changelist"))
    assert response.status_code == 200
    lineup, waiting = response.text.split("Pins readers do not see now")
    assert "Kyiv talks resume" in lineup
    assert "Budget vote delayed</a> — shows" in waiting
    assert "Yesterday in brief</a> — expired" in waiting
