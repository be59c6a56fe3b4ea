"""The story form's workflow buttons: what each role is offered, what each button
does through the services, what it says it did, and every refusal by crafted post."""

import re
from datetime import timedelta
from html import unescape
from zoneinfo import ZoneInfo

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import AuditEntry, PersonTag, Story
from tests.factories import (
    AuthorFactory,
    CountryFactory,
    PersonFactory,
    SectionFactory,
    StoryFactory,
)
from tests.workflow import (
    add_url,
    change_url,
    csrf_client,
    csrf_post,
    role_user,
    story_form_data,
)

pytestmark = pytest.mark.django_db

CLOCK = r"\d\d:\d\d CES?T"


@pytest.fixture(autouse=True)
def _paris(settings):
    settings.TIME_ZONE = "Europe/Paris"


def _paris_time(when):
    """A time as the form's date-and-time field posts it, in Paris."""
    return when.astimezone(ZoneInfo("Europe/Paris")).strftime("%Y-%m-%dT%H:%M")


def buttons(client, story=None):
    page = client.get(change_url(story) if story else add_url()).text
    return re.findall(r'name="workflow" value="(\w+)"', page)


def message(response):
    """The success message shown after the redirect back to the story."""
    page = response.client.get(response["Location"]).text
    return unescape(re.search(r'<li class="success">(.*?)</li>', page, re.S)[1])


def error(response):
    """The form's first list of errors, as text."""
    assert response.status_code == 200
    found = re.search(
        r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', response.text, re.S
    )
    return unescape(re.sub(r"<[^>]+>", "", found[1])).strip()


@pytest.mark.parametrize(
    "role, story, offered",
    [
        ("Reporter", None, ["save", "submit"]),
        ("Reporter", "draft", ["save", "submit"]),
        ("Reporter", "in_review", ["save"]),
        ("Editor", None, ["save", "submit", "publish", "schedule"]),
        ("Editor", "in_review", ["save", "publish", "schedule"]),
        ("Editor", "scheduled", ["save", "publish", "unpublish", "schedule"]),
        ("Editor", "published", ["save", "unpublish"]),
    ],
)
def test_each_role_is_offered_the_buttons_its_rights_allow(role, story, offered):
    """Reporters save and submit; editors also publish, schedule and unpublish."""
    if story is not None:
        story = StoryFactory(**({story: True} if story != "published" else {}))
    assert buttons(csrf_client(role_user(role)), story) == offered


def test_a_reporter_sees_no_buttons_on_a_published_story(reporter):
    """A published story is read-only to a reporter: no workflow button at all."""
    assert buttons(csrf_client(reporter), StoryFactory()) == []


def test_submit_for_review_files_a_new_story_and_says_so(reporter):
    """A reporter's new story goes straight to review, in one save, audited."""
    data = story_form_data(
        headline="Floods close the port",
        slug="floods-close-the-port",
        section=SectionFactory().pk,
        workflow="submit",
    )
    response = csrf_post(csrf_client(reporter), add_url(), data)
    story = Story.objects.get(slug="floods-close-the-port")
    assert response["Location"] == change_url(story)
    assert story.status == Story.Status.IN_REVIEW
    assert [e.action for e in story.audit_entries.all()] == ["submitted"]
    said = message(response)
    assert re.fullmatch(
        f"Submitted for review at {CLOCK}: editors see it in their queue.", said
    )


def test_publish_now_publishes_the_edits_too(desk_editor, client):
    """Publish now saves what the editor changed and puts the story online."""
    story = StoryFactory(in_review=True, headline="Old headline")
    data = story_form_data(story, headline="Ships sail", workflow="publish")
    response = csrf_post(csrf_client(desk_editor), change_url(story), data)
    story.refresh_from_db()
    assert story.status == Story.Status.PUBLISHED
    assert story.headline == "Ships sail"
    assert client.get(story.get_absolute_url()).status_code == 200
    assert re.fullmatch(f"Published at {CLOCK}; readers see it now.", message(response))


def test_schedule_says_when_in_the_newsrooms_time(desk_editor, now):
    """Scheduling says the time in the newsroom's zone and how far off it is."""
    story = StoryFactory(draft=True)
    data = story_form_data(
        story, workflow="schedule", schedule_at=_paris_time(now + timedelta(hours=2))
    )
    response = csrf_post(csrf_client(desk_editor), change_url(story), data)
    story.refresh_from_db()
    assert story.is_scheduled
    said = message(response)
    assert re.fullmatch(f"Scheduled for {CLOCK}( tomorrow)?, in 2 hours.", said)
    assert said.startswith(f"Scheduled for {data['schedule_at'][11:]} ")
    assert story.audit_entries.get().action == AuditEntry.Action.SCHEDULED


def test_schedule_needs_a_time_to_come(desk_editor, now):
    """Scheduling for a past time, or none, is refused and saves nothing."""
    story = StoryFactory(draft=True, headline="Kept")
    client = csrf_client(desk_editor)
    for when in ["", _paris_time(now - timedelta(hours=1))]:
        data = story_form_data(
            story, headline="Changed", workflow="schedule", schedule_at=when
        )
        said = error(csrf_post(client, change_url(story), data))
        assert "Choose a publication time in the future" in said
    story.refresh_from_db()
    assert (story.headline, story.status) == ("Kept", Story.Status.DRAFT)


def test_unpublish_takes_the_story_down_and_says_so(
    desk_editor, client, django_capture_on_commit_callbacks
):
    """Unpublish takes the story off the site at once and back to draft."""
    story = StoryFactory()
    address = story.get_absolute_url()
    assert client.get(address).status_code == 200
    data = story_form_data(story, workflow="unpublish")
    with django_capture_on_commit_callbacks(execute=True):
        response = csrf_post(csrf_client(desk_editor), change_url(story), data)
    story.refresh_from_db()
    assert story.status == Story.Status.DRAFT
    assert client.get(address).status_code == 404
    assert "off every public page and back to draft" in message(response)


def test_saving_keeps_the_status_and_says_what_readers_see(desk_editor):
    """Saving a published story keeps it published, and says readers see it now."""
    story = StoryFactory()
    data = story_form_data(story, dek="A new dek.")
    response = csrf_post(csrf_client(desk_editor), change_url(story), data)
    story.refresh_from_db()
    assert (story.status, story.dek) == (Story.Status.PUBLISHED, "A new dek.")
    assert re.fullmatch(f"Saved at {CLOCK}; readers see it now.", message(response))


@pytest.mark.parametrize("action", ["publish", "schedule", "unpublish", "nonsense"])
def test_a_reporters_crafted_publishing_button_changes_nothing(reporter, action, now):
    """A publishing button posted by a reporter is refused, and nothing is saved."""
    story = StoryFactory(draft=True, headline="Kept")
    data = story_form_data(
        story,
        headline="Changed",
        workflow=action,
        schedule_at=_paris_time(now + timedelta(days=1)),
    )
    said = error(csrf_post(csrf_client(reporter), change_url(story), data))
    assert said.endswith("Nothing was saved.")
    story.refresh_from_db()
    assert (story.headline, story.status, story.published_at) == (
        "Kept",
        Story.Status.DRAFT,
        None,
    )
    assert not AuditEntry.objects.exists()


def test_a_reporter_cannot_unpublish_or_save_a_published_story(reporter, client):
    """Any button posted by a reporter on a published story is refused outright."""
    story = StoryFactory(headline="Live")
    for action in ["unpublish", "save", "submit"]:
        data = story_form_data(story, headline="Changed", workflow=action)
        response = csrf_post(csrf_client(reporter), change_url(story), data)
        assert response.status_code == 403
    story.refresh_from_db()
    assert (story.headline, story.status) == ("Live", Story.Status.PUBLISHED)
    assert client.get(story.get_absolute_url()).status_code == 200


def test_submitting_a_story_already_in_review_is_refused(reporter):
    """Only a draft can be submitted; a crafted second submission saves nothing."""
    story = StoryFactory(in_review=True, headline="Kept")
    data = story_form_data(story, headline="Changed", workflow="submit")
    assert "Only a draft" in error(
        csrf_post(csrf_client(reporter), change_url(story), data)
    )
    story.refresh_from_db()
    assert story.headline == "Kept"


def test_a_new_person_typed_in_is_made_on_save(reporter):
    """A name nobody has is added as a person when the story is saved."""
    story = StoryFactory(draft=True)
    data = story_form_data(
        story, **{"person_list-shown": "1", "person_list": ["new:Olena Marchenko"]}
    )
    csrf_post(csrf_client(reporter), change_url(story), data)
    assert list(story.people.names()) == ["Olena Marchenko"]
    assert PersonTag.objects.get().slug == "olena-marchenko"


def test_a_name_typed_with_other_accents_is_the_same_person(reporter):
    """“zelenskiy” typed as new joins the story to Zelenskíy, not to a twin."""
    president = PersonFactory(name="Volodymyr Zelenskíy")
    story = StoryFactory(draft=True)
    data = story_form_data(
        story,
        **{"person_list-shown": "1", "person_list": ["new:volodymyr  ZELENSKIY"]},
    )
    csrf_post(csrf_client(reporter), change_url(story), data)
    assert list(story.people.all()) == [president]
    assert PersonTag.objects.count() == 1


def test_without_the_right_to_add_people_a_new_name_is_refused():
    """Staff who may write stories but not add people cannot make one by typing."""
    group = Group.objects.create(name="Writers only")
    group.permissions.set(
        Permission.objects.filter(
            codename__in=["add_story", "change_story", "view_story", "view_persontag"]
        )
    )
    writer = role_user("Reporter", username="writer")
    writer.groups.set([group])
    story = StoryFactory(draft=True, headline="Kept")
    data = story_form_data(
        story,
        headline="Changed",
        **{"person_list-shown": "1", "person_list": ["new:Someone New"]},
    )
    said = error(csrf_post(csrf_client(writer), change_url(story), data))
    assert "You may not add new people" in said
    assert not PersonTag.objects.exists()
    story.refresh_from_db()
    assert story.headline == "Kept"


def test_relations_left_off_the_post_stay_as_they_are(desk_editor):
    """A post without a relation's field (an older form) keeps the story's tags."""
    story = StoryFactory()
    country, author = CountryFactory(), AuthorFactory()
    story.countries.add(country)
    story.bylines.create(author=author)
    csrf_post(csrf_client(desk_editor), change_url(story), story_form_data(story))
    assert list(story.countries.all()) == [country]
    assert [b.author for b in story.bylines.all()] == [author]


def test_a_reporters_own_byline_is_filled_in_on_a_new_story(reporter):
    """A reporter with an author page finds their name already in the byline."""
    AuthorFactory(name="Rita Reporter", user=reporter)
    page = csrf_client(reporter).get(add_url()).text
    assert re.findall(r'class="desk-token-label">([^<]*)<', page) == ["Rita Reporter"]


def form_queries(client, story):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(change_url(story)).status_code == 200
    return len(queries)


def relate(story, count):
    for _ in range(count):
        story.bylines.create(author=AuthorFactory())
        story.countries.add(CountryFactory())
        story.people.add(PersonFactory())
        story.related_links.create(target=StoryFactory(), position=0)


def test_the_form_costs_the_same_queries_however_many_relations(desk_editor):
    """The form with 20 bylines, tags and links costs the queries of one with 2."""
    client = csrf_client(desk_editor)
    small, large = StoryFactory(), StoryFactory()
    relate(small, 2)
    relate(large, 20)
    client.get(change_url(small))
    assert form_queries(client, small) == form_queries(client, large)


def test_a_schedule_time_that_is_no_time_is_shown_by_the_schedule_button(desk_editor):
    """A junk schedule time is refused where it was typed, with the panel open."""
    story = StoryFactory(draft=True)
    data = story_form_data(story, workflow="schedule", schedule_at="soon-ish")
    page = csrf_post(csrf_client(desk_editor), change_url(story), data).text
    panel = page[page.index('<details class="desk-schedule" open>') :]
    assert "Enter a valid date/time." in panel[: panel.index("</details>")]


def test_the_admin_log_names_only_what_changed(desk_editor):
    """Saving a story with its tags and links as they were names only the dek."""
    story = StoryFactory()
    story.countries.add(CountryFactory())
    story.bylines.create(author=AuthorFactory())
    link = story.related_links.create(target=StoryFactory(), position=0)
    data = story_form_data(
        story,
        dek="A sharper dek.",
        **{
            "country_list-shown": "1",
            "country_list": [str(story.countries.get().pk)],
            "person_list-shown": "1",
            "byline_list-shown": "1",
            "byline_list": [str(story.bylines.get().author_id)],
            "byline_list-role": ["reporting"],
            "link_list-shown": "1",
            "link_list": [str(link.target_id)],
            "link_list-title": [""],
        },
    )
    csrf_post(csrf_client(desk_editor), change_url(story), data)
    entry = LogEntry.objects.get(object_id=str(story.pk))
    assert entry.get_change_message() == "Changed Dek."


def test_a_story_added_from_a_front_page_slot_goes_back_to_it(desk_editor):
    """A story added in the pop-up a front-page slot opens is handed back to it."""
    data = story_form_data(
        headline="Pinned", slug="pinned", section=SectionFactory().pk, _popup="1"
    )
    response = csrf_post(csrf_client(desk_editor), add_url(), data)
    assert response.status_code == 200
    assert "popup_response" in response.text
    assert Story.objects.filter(slug="pinned").exists()
