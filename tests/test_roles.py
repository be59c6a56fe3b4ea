"""Each role's rights in the story admin, with CSRF enforced as in a browser."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.models import AuditEntry, Correction, ShareLink, Story
from tests.factories import SectionFactory, StoryFactory
from tests.workflow import (
    add_url,
    change_url,
    changelist_url,
    csrf_client,
    csrf_post,
    story_form_data,
)

pytestmark = pytest.mark.django_db


def action_post(client, action, stories):
    return csrf_post(
        client,
        changelist_url(),
        {
            "action": action,
            "_selected_action": [story.pk for story in stories],
            "index": 0,
        },
    )


def test_groups_exist_and_only_editors_publish():
    """The Reporter and Editor groups exist; only Editor carries the publish right."""
    reporter = Group.objects.get(name="Reporter").permissions
    editor = Group.objects.get(name="Editor").permissions
    assert reporter.filter(codename="change_story").exists()
    assert not reporter.filter(codename="publish_story").exists()
    assert editor.filter(codename="publish_story").exists()
    assert editor.filter(codename="add_correction").exists()
    assert not reporter.filter(codename="add_correction").exists()


def test_reporter_sees_no_publishing_controls(reporter, desk_editor):
    """A reporter's story list has no publish or embargo actions; an editor's has."""
    StoryFactory(draft=True)
    page = csrf_client(reporter).get(changelist_url()).content.decode()
    assert 'value="delete_selected"' in page
    assert 'value="publish"' not in page
    assert 'value="lift_embargo"' not in page
    page = csrf_client(desk_editor).get(changelist_url()).content.decode()
    assert 'value="publish"' in page and 'value="unpublish"' in page


def test_reporter_change_form_hides_publication_fields(reporter):
    """A reporter's form has no editable publication time, embargo or Published."""
    story = StoryFactory(draft=True)
    page = csrf_client(reporter).get(change_url(story)).content.decode()
    assert 'name="published_at_0"' not in page
    assert 'name="embargoed_until_0"' not in page
    assert 'value="published"' not in page
    assert 'value="review"' in page
    assert "corrections-TOTAL_FORMS" not in page
    assert "share_links-TOTAL_FORMS" not in page


def test_reporter_writes_and_submits_a_story(reporter):
    """A reporter adds a draft, then submits it for review; the act is audited."""
    client = csrf_client(reporter)
    section = SectionFactory()
    data = story_form_data(
        headline="Floods close the port",
        slug="floods-close-the-port",
        section=section.pk,
        status="draft",
        body="<p>Water <script>x()</script>rose.</p>",
    )
    response = csrf_post(client, add_url(), data)
    assert response.status_code == 302
    story = Story.objects.get(slug="floods-close-the-port")
    assert story.status == Story.Status.DRAFT
    assert story.body == "<p>Water rose.</p>"
    response = csrf_post(
        client,
        change_url(story),
        story_form_data(story, status="review"),
    )
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.status == Story.Status.IN_REVIEW
    assert story.audit_entries.get().action == AuditEntry.Action.SUBMITTED


def test_reporter_cannot_add_a_published_story(reporter):
    """A crafted add form marked Published is refused and creates nothing."""
    data = story_form_data(
        headline="Sneaky",
        slug="sneaky",
        section=SectionFactory().pk,
        status="published",
        published_at_0="2020-01-01",
        published_at_1="10:00:00",
    )
    response = csrf_post(csrf_client(reporter), add_url(), data)
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Story.objects.filter(slug="sneaky").exists()


def test_reporter_crafted_schedule_and_embargo_are_ignored(reporter, tomorrow):
    """Publication time and embargo posted by a reporter change nothing."""
    story = StoryFactory(draft=True)
    data = story_form_data(
        story,
        published_at_0=tomorrow.strftime("%Y-%m-%d"),
        published_at_1="10:00:00",
        embargoed_until_0=tomorrow.strftime("%Y-%m-%d"),
        embargoed_until_1="10:00:00",
    )
    csrf_post(csrf_client(reporter), change_url(story), data)
    story.refresh_from_db()
    assert story.published_at is None
    assert story.embargoed_until is None
    assert story.status == Story.Status.DRAFT


def test_reporter_cannot_change_a_published_story(reporter):
    """A published story is read-only to a reporter; a crafted save is refused."""
    story = StoryFactory(headline="Original")
    client = csrf_client(reporter)
    page = client.get(change_url(story)).content.decode()
    assert 'name="_save"' not in page
    data = story_form_data(story, headline="Rewritten")
    response = csrf_post(client, change_url(story), data)
    assert response.status_code == 403
    story.refresh_from_db()
    assert story.headline == "Original"


@pytest.mark.parametrize("action", ["publish", "unpublish", "lift_embargo"])
def test_reporter_crafted_publishing_action_changes_nothing(reporter, action, now):
    """A reporter posting a publishing action by hand changes no story."""
    draft = StoryFactory(draft=True)
    live = StoryFactory(embargoed_until=now + timedelta(hours=2))
    response = action_post(csrf_client(reporter), action, [draft, live])
    assert response.status_code == 302
    draft.refresh_from_db(), live.refresh_from_db()
    assert draft.status == Story.Status.DRAFT
    assert live.status == Story.Status.PUBLISHED
    assert live.embargoed_until is not None
    assert not AuditEntry.objects.exists()


def test_reporter_deletes_a_draft_but_not_a_published_story(reporter):
    """A reporter may delete a draft; deleting a published story is refused."""
    draft, live = StoryFactory(draft=True), StoryFactory()
    client = csrf_client(reporter)
    url = reverse("admin:articles_story_delete", args=[draft.pk])
    assert csrf_post(client, url, {"post": "yes"}).status_code == 302
    assert not Story.objects.filter(pk=draft.pk).exists()
    url = reverse("admin:articles_story_delete", args=[live.pk])
    assert client.get(url).status_code == 403
    assert (
        csrf_post(client, url, {"post": "yes"}, form_url=changelist_url()).status_code
        == 403
    )
    assert Story.objects.filter(pk=live.pk).exists()


def test_reporter_bulk_delete_with_a_published_story_is_refused(reporter):
    """Bulk-deleting a selection that includes a published story deletes nothing."""
    draft, live = StoryFactory(draft=True), StoryFactory()
    response = csrf_post(
        csrf_client(reporter),
        changelist_url(),
        {
            "action": "delete_selected",
            "_selected_action": [draft.pk, live.pk],
            "post": "yes",
        },
    )
    assert response.status_code == 403
    assert Story.objects.filter(pk__in=[draft.pk, live.pk]).count() == 2


def test_services_refuse_a_reporter(reporter):
    """Every caller is covered: the services themselves refuse a reporter."""
    story = StoryFactory(draft=True)
    for call in [
        lambda: services.publish_story(story=story, user=reporter),
        lambda: services.embargo_story(
            story=story, until=timezone.now(), user=reporter
        ),
        lambda: services.add_correction(story=story, text="x", user=reporter),
        lambda: services.share_story(story=story, user=reporter),
    ]:
        with pytest.raises(PermissionDenied):
            call()
    story.refresh_from_db()
    assert story.status == Story.Status.DRAFT
    live = StoryFactory()
    with pytest.raises(PermissionDenied):
        services.unpublish_story(story=live, user=reporter)
    assert Story.objects.published().filter(pk=live.pk).exists()


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
        story,
        status="published",
        published_at_0=tomorrow.strftime("%Y-%m-%d"),
        published_at_1="09:30:00",
    )
    client = csrf_client(desk_editor)
    assert csrf_post(client, change_url(story), data).status_code == 302
    story.refresh_from_db()
    assert story.is_scheduled
    page = client.get(changelist_url()).content.decode()
    assert f"Scheduled for {tomorrow:%d %b %Y} 09:30" in page
    assert story.audit_entries.get().action == AuditEntry.Action.SCHEDULED


def test_editor_embargoes_and_lifts(desk_editor, tomorrow):
    """An editor embargoes a story from the form and lifts it with the action."""
    story = StoryFactory()
    client = csrf_client(desk_editor)
    data = story_form_data(
        story,
        embargoed_until_0=tomorrow.strftime("%Y-%m-%d"),
        embargoed_until_1="06:00:00",
    )
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
    ("preview", 200, 200),
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
        "preview": reverse("articles:story_preview", args=[live.pk]),
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
