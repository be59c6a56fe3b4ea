"""What an Editor may do in the story admin, and both roles' rights side by side."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.models import AuditEntry, Correction, ShareLink, Story
from tests.factories import StoryFactory
from tests.workflow import (
    action_post,
    add_url,
    change_url,
    changelist_url,
    csrf_client,
    csrf_post,
    story_form_data,
)

pytestmark = pytest.mark.django_db


def test_editor_publishes_and_unpublishes(
    desk_editor, client, django_capture_on_commit_callbacks
):
    """An editor's publish action puts a story live; unpublish takes it off at once."""
    story = StoryFactory(in_review=True)
    editor = csrf_client(desk_editor)
    action_post(editor, "publish", [story])
    story.refresh_from_db()
    assert client.get(story.get_absolute_url()).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        action_post(editor, "unpublish", [story])
    assert client.get(story.get_absolute_url()).status_code == 404
    assert (
        client.get(reverse("articles:front_page"))
        .content.decode()
        .count(story.headline)
        == 0
    )
    actions = list(story.audit_entries.values_list("action", "user__username"))
    assert actions == [("unpublished", "aisha"), ("published", "aisha")]


def test_editor_schedules_from_the_form(desk_editor, tomorrow):
    """An editor schedules a story; the list says “Scheduled for …”."""
    story = StoryFactory(in_review=True)
    data = story_form_data(
        story, workflow="schedule", schedule_at=f"{tomorrow:%Y-%m-%d}T09:30"
    )
    client = csrf_client(desk_editor)
    assert csrf_post(client, change_url(story), data).status_code == 302
    story.refresh_from_db()
    assert story.is_scheduled
    page = client.get(changelist_url()).content.decode()
    assert '<span class="badge badge-scheduled">Scheduled</span>' in page
    assert f'datetime="{tomorrow:%Y-%m-%d}T09:30:00+00:00"' in page
    assert story.audit_entries.get().action == AuditEntry.Action.SCHEDULED


def test_editor_embargoes_and_lifts(desk_editor, tomorrow):
    """An editor embargoes a story from the form and lifts it with the action."""
    story = StoryFactory()
    client = csrf_client(desk_editor)
    data = story_form_data(story, embargoed_until=f"{tomorrow:%Y-%m-%d}T06:00")
    assert csrf_post(client, change_url(story), data).status_code == 302
    assert not Story.objects.published().filter(pk=story.pk).exists()
    assert "embargoed until" in client.get(changelist_url()).content.decode()
    action_post(client, "lift_embargo", [story])
    assert Story.objects.published().filter(pk=story.pk).exists()
    assert list(story.audit_entries.values_list("action", flat=True)) == [
        "embargo-lifted",
        "embargoed",
    ]


def test_editor_adds_a_correction_from_the_story_page(desk_editor, client):
    """An editor's correction is saved, dated, audited and sets “Updated”."""
    story = StoryFactory()
    data = story_form_data(
        story,
        **{
            "corrections-TOTAL_FORMS": 1,
            "corrections-0-kind": "correction",
            "corrections-0-text": "The port is in Odesa, not Mykolaiv.",
        },
    )
    response = csrf_post(csrf_client(desk_editor), change_url(story), data)
    assert response.status_code == 302
    story.refresh_from_db()
    correction = story.corrections.get()
    assert correction.created_by == desk_editor
    assert story.updated_at == correction.created_at
    assert (
        "AuditEntry.Action.CORRECTED"
        and story.audit_entries.filter(action="corrected").exists()
    )
    assert "not Mykolaiv" in client.get(story.get_absolute_url()).content.decode()


def test_reporter_cannot_add_a_correction(reporter):
    """A correction crafted into a reporter's post is not saved."""
    story = StoryFactory(draft=True)
    data = story_form_data(
        story,
        **{
            "corrections-TOTAL_FORMS": 1,
            "corrections-0-kind": "correction",
            "corrections-0-text": "Sneaky",
        },
    )
    csrf_post(csrf_client(reporter), change_url(story), data)
    assert not Correction.objects.exists()


def test_editor_shares_and_revokes_a_link(desk_editor, client):
    """An editor makes a share link from the story page, then revokes it."""
    story = StoryFactory(draft=True)
    editor = csrf_client(desk_editor)
    data = story_form_data(
        story,
        **{
            "share_links-TOTAL_FORMS": 1,
            "share_links-0-note": "Legal",
            "share_links-0-expires_at_0": "",
        },
    )
    data.pop("share_links-0-expires_at_0")
    csrf_post(editor, change_url(story), data)
    link = ShareLink.objects.get()
    assert link.created_by == desk_editor
    assert client.get(link.get_absolute_url()).status_code == 200
    story.refresh_from_db()
    expires = link.expires_at
    data = story_form_data(
        story,
        **{
            "share_links-TOTAL_FORMS": 1,
            "share_links-INITIAL_FORMS": 1,
            "share_links-0-id": link.pk,
            "share_links-0-story": story.pk,
            "share_links-0-note": "Legal",
            "share_links-0-expires_at_0": expires.strftime("%Y-%m-%d"),
            "share_links-0-expires_at_1": expires.strftime("%H:%M:%S"),
            "share_links-0-revoke": "on",
        },
    )
    assert csrf_post(editor, change_url(story), data).status_code == 302
    assert client.get(link.get_absolute_url()).status_code == 404


def test_reporter_cannot_make_a_share_link(reporter):
    """A share link crafted into a reporter's post is not created."""
    story = StoryFactory(draft=True)
    data = story_form_data(
        story, **{"share_links-TOTAL_FORMS": 1, "share_links-0-note": "Leak"}
    )
    csrf_post(csrf_client(reporter), change_url(story), data)
    assert not ShareLink.objects.exists()


def test_audit_trail_shows_on_the_story_admin_page(desk_editor):
    """The change form lists who published, embargoed and corrected, and when."""
    story = StoryFactory(in_review=True)
    services.publish_story(story=story, user=desk_editor)
    services.embargo_story(
        story=story, until=timezone.now() + timedelta(hours=1), user=desk_editor
    )
    services.add_correction(story=story, text="Fixed a name.", user=desk_editor)
    page = csrf_client(desk_editor).get(change_url(story)).content.decode()
    trail = page[page.index('class="audit-trail"') :]
    for action in ["Published", "Embargoed", "Corrected"]:
        assert action in trail
    assert "aisha" in trail


MATRIX = [
    # (page, reporter's status, editor's status)
    ("list", 200, 200),
    ("add", 200, 200),
    ("change draft", 200, 200),
    ("delete draft", 200, 200),
    ("delete published", 403, 200),
    ("history", 200, 200),
    ("compare", 200, 200),
    ("preview draft", 200, 200),
    ("preview published", 403, 200),
    ("front-page slots", 403, 200),
]


def matrix_url(page, draft, live):
    history = live.history.order_by("history_id")
    return {
        "list": changelist_url(),
        "add": add_url(),
        "change draft": change_url(draft),
        "delete draft": reverse("admin:articles_story_delete", args=[draft.pk]),
        "delete published": reverse("admin:articles_story_delete", args=[live.pk]),
        "history": reverse("admin:articles_story_history", args=[live.pk]),
        "compare": reverse("admin:articles_story_compare", args=[live.pk])
        + f"?a={history.first().history_id}&b={history.last().history_id}",
        "preview draft": reverse("articles:story_preview", args=[draft.pk]),
        "preview published": reverse("articles:story_preview", args=[live.pk]),
        "front-page slots": reverse("admin:articles_frontpageslot_changelist"),
    }[page]


@pytest.mark.parametrize(("page", "as_reporter", "as_editor"), MATRIX)
def test_rights_matrix(reporter, desk_editor, page, as_reporter, as_editor):
    """Each admin page answers each role as the rights table says."""
    draft = StoryFactory(draft=True)
    live = StoryFactory()
    services.mark_updated(story=live)
    url = matrix_url(page, draft, live)
    assert csrf_client(reporter).get(url).status_code == as_reporter
    assert csrf_client(desk_editor).get(url).status_code == as_editor
