"""The desk's buttons: each workflow step through the services, refused by rights."""

import re
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from articles.models import AuditEntry, Story
from tests.factories import StoryFactory, UserFactory
from tests.workflow import csrf_client, csrf_post

pytestmark = pytest.mark.django_db

DESK = reverse("admin:index")


def step_url(story, step):
    return reverse("admin:desk_step", args=[story.pk, step])


def take(user, story, step, **data):
    """Press a desk button as `user`, CSRF and all; return the response."""
    client = csrf_client(user)
    return csrf_post(client, step_url(story, step), data, form_url=DESK)


def said(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_editor_publishes_a_story_in_review_in_one_click(desk_editor, client):
    """Publish now puts the story live, records who did it and says so."""
    story = StoryFactory(in_review=True, headline="Port reopens")
    response = take(desk_editor, story, "publish")
    assert response.status_code == 302 and response["Location"] == DESK
    story.refresh_from_db()
    assert Story.objects.published().filter(pk=story.pk).exists()
    assert story.audit_entries.get().action == AuditEntry.Action.PUBLISHED
    assert said(response) == ["Published “Port reopens”: readers see it now."]
    assert client.get(story.get_absolute_url()).status_code == 200


def test_editor_schedules_in_the_newsrooms_time_zone(desk_editor, settings, now):
    """A time typed as 14:00 means 14:00 in the newsroom's zone; the message says
    when, and how far off."""
    settings.TIME_ZONE = "Europe/Paris"
    story = StoryFactory(in_review=True, headline="Budget vote")
    paris = (now + timedelta(hours=2, minutes=1)).astimezone(ZoneInfo("Europe/Paris"))
    typed = paris.replace(second=0, microsecond=0)
    response = take(desk_editor, story, "schedule", at=f"{typed:%Y-%m-%dT%H:%M}")
    story.refresh_from_db()
    assert story.is_scheduled
    assert story.published_at == typed
    (message,) = said(response)
    when = rf"(\w{{3}} \d+ \w{{3}}, )?{typed:%H:%M} {typed.tzname()}"
    assert re.fullmatch(rf"Scheduled “Budget vote” for {when}, in 2 hours\.", message)
    assert story.audit_entries.get().action == AuditEntry.Action.SCHEDULED


@pytest.mark.parametrize(
    "typed", ["", "tomorrow", "2020-01-01T10:00", "99999-01-01T00:00", "1-1-1"]
)
def test_a_schedule_needs_a_real_future_time(desk_editor, typed):
    """A missing, unreadable or past time schedules nothing and says why."""
    story = StoryFactory(in_review=True)
    response = take(desk_editor, story, "schedule", at=typed)
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.status == Story.Status.IN_REVIEW and story.published_at is None
    (message,) = said(response)
    assert "future" in message or "Give the date and time" in message


def test_editor_unschedules_and_lifts_an_embargo(desk_editor):
    """Back to draft cancels a schedule; Lift embargo shows a story to readers."""
    scheduled = StoryFactory(scheduled=True)
    embargoed = StoryFactory(embargoed=True)
    take(desk_editor, scheduled, "unschedule")
    take(desk_editor, embargoed, "lift")
    scheduled.refresh_from_db(), embargoed.refresh_from_db()
    assert scheduled.status == Story.Status.DRAFT
    assert Story.objects.published().filter(pk=embargoed.pk).exists()


def test_reporter_submits_a_draft_from_the_desk(reporter):
    """Submit for review moves the draft into the editors' queue, audited."""
    story = StoryFactory(draft=True, headline="Floods close the port")
    response = take(reporter, story, "submit")
    story.refresh_from_db()
    assert story.status == Story.Status.IN_REVIEW
    assert story.audit_entries.get().action == AuditEntry.Action.SUBMITTED
    assert said(response) == [
        "Submitted “Floods close the port” for review: it is in the editors' queue."
    ]


@pytest.mark.parametrize(
    ("step", "trait"),
    [
        ("publish", "in_review"),
        ("schedule", "in_review"),
        ("publish", "scheduled"),
        ("unschedule", "scheduled"),
        ("lift", "embargoed"),
    ],
)
def test_reporter_crafted_step_is_refused_and_changes_nothing(reporter, step, trait):
    """A reporter posting an editor's step by hand gets 403; the story is as it was."""
    story = StoryFactory(**{trait: True})
    before = Story.objects.values().get(pk=story.pk)
    response = take(reporter, story, step, at="2099-01-01T10:00")
    assert response.status_code == 403
    assert Story.objects.values().get(pk=story.pk) == before
    assert not AuditEntry.objects.exists()
    assert story.history.count() == 1


def test_reporter_cannot_submit_a_published_story_back(reporter):
    """Submit on a published story is refused: reporters never change one."""
    story = StoryFactory()
    assert take(reporter, story, "submit").status_code == 403
    story.refresh_from_db()
    assert story.status == Story.Status.PUBLISHED


def test_a_step_that_no_longer_applies_does_nothing(desk_editor):
    """Publish on a story taken back to draft meanwhile changes nothing and says so."""
    story = StoryFactory(draft=True, headline="Pulled")
    response = take(desk_editor, story, "publish")
    story.refresh_from_db()
    assert story.status == Story.Status.DRAFT
    assert said(response) == [
        "Nothing was done: “Pulled” is draft now, so “Publish now” no longer applies."
    ]


def test_steps_answer_only_posts_from_staff_with_a_token(desk_editor, client):
    """GET is 405, a missing CSRF token 403, a visitor is sent to log in, an unknown
    step or story 404; nothing changes."""
    story = StoryFactory(in_review=True)
    editor = csrf_client(desk_editor)
    assert editor.get(step_url(story, "publish")).status_code == 405
    assert editor.post(step_url(story, "publish")).status_code == 403
    response = client.post(step_url(story, "publish"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert take(desk_editor, story, "delete").status_code == 404
    for pk in [story.pk + 100, 2**64]:
        gone = reverse("admin:desk_step", args=[pk, "publish"])
        assert csrf_post(editor, gone, {}, form_url=DESK).status_code == 404
    story.refresh_from_db()
    assert story.status == Story.Status.IN_REVIEW


def test_staff_without_story_rights_are_refused(desk_editor):
    """Staff outside the Reporter and Editor groups may take no step."""
    clerk = UserFactory(username="clerk", is_staff=True)
    story = StoryFactory(draft=True)
    assert take(clerk, story, "submit").status_code == 403


def test_a_step_returns_to_its_page_never_off_site(desk_editor):
    """After a step the editor is back where the form was; an outside address is
    not followed."""
    first, second = StoryFactory(in_review=True), StoryFactory(in_review=True)
    listed = reverse("admin:articles_story_changelist") + "?status=review"
    assert take(desk_editor, first, "publish", next=listed)["Location"] == listed
    elsewhere = take(desk_editor, second, "publish", next="https://evil.example/")
    assert elsewhere["Location"] == DESK
