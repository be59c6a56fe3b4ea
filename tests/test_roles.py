"""What a Reporter may do in the story admin, with CSRF enforced as in a browser."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.models import AuditEntry, Story
from tests.factories import SectionFactory, StoryFactory
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
    """A reporter's form has no publication time, embargo or publishing buttons."""
    story = StoryFactory(draft=True)
    page = csrf_client(reporter).get(change_url(story)).content.decode()
    assert 'name="published_at"' not in page
    assert 'name="embargoed_until"' not in page
    assert 'name="schedule_at"' not in page
    for action in ["publish", "schedule", "unpublish"]:
        assert f'name="workflow" value="{action}"' not in page
    assert 'name="workflow" value="submit"' in page
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
        story_form_data(story, workflow="submit"),
    )
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.status == Story.Status.IN_REVIEW
    assert story.audit_entries.get().action == AuditEntry.Action.SUBMITTED


def test_reporter_cannot_add_a_published_story(reporter):
    """A crafted add form with Publish pressed is refused and creates nothing."""
    data = story_form_data(
        headline="Sneaky",
        slug="sneaky",
        section=SectionFactory().pk,
        workflow="publish",
        status="published",
        published_at="2020-01-01T10:00",
    )
    response = csrf_post(csrf_client(reporter), add_url(), data)
    assert response.status_code == 200
    assert "Only editors may publish a story. Nothing was saved." in response.text
    assert not Story.objects.filter(slug="sneaky").exists()


def test_reporter_crafted_schedule_and_embargo_are_ignored(reporter, tomorrow):
    """Publication time and embargo posted by a reporter change nothing."""
    story = StoryFactory(draft=True)
    data = story_form_data(
        story,
        status="published",
        published_at=f"{tomorrow:%Y-%m-%d}T10:00",
        embargoed_until=f"{tomorrow:%Y-%m-%d}T10:00",
        schedule_at=f"{tomorrow:%Y-%m-%d}T10:00",
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
    assert 'name="workflow"' not in page
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


def test_reporter_reads_a_published_storys_body_as_text(reporter):
    """The read-only story shows its body as paragraphs and links, not HTML source."""
    story = StoryFactory(
        body='<p>Ships <strong>left</strong> at dawn.</p><p>See <a href="https://'
        'example.org/">the report</a>.</p>'
    )
    page = csrf_client(reporter).get(change_url(story)).content.decode()
    assert "<p>Ships <strong>left</strong> at dawn.</p>" in page
    link = '<a href="https://example.org/" rel="noopener noreferrer">the report</a>'
    assert link in page
    assert "&lt;p&gt;" not in page and "&lt;a" not in page
