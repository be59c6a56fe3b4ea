"""Deleting a story takes away the related headlines other stories have to it: only
someone who may change those stories may, and their history says so."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from articles import services
from articles.models import RelatedLink, Story
from tests.factories import RelatedLinkFactory, StoryFactory
from tests.workflow import changelist_url, csrf_client, csrf_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def linked_draft():
    """A never-published draft that a published story curates as a related link."""
    draft = StoryFactory(draft=True, headline="Draft follow-up")
    published = StoryFactory(headline="Published lead story")
    RelatedLinkFactory(story=published, target=draft, title="Read the follow-up")
    return draft, published


def delete_url(story):
    return reverse("admin:articles_story_delete", args=[story.pk])


def test_reporter_is_told_which_stories_link_to_the_draft(reporter, linked_draft):
    """The delete page names the published story linking to it, and offers no
    confirmation."""
    draft, published = linked_draft
    page = csrf_client(reporter).get(delete_url(draft))
    assert page.status_code == 200
    assert "Cannot delete story" in page.text
    assert (
        "“Published lead story” links to “Draft follow-up”: only an editor may "
        "remove the link" in page.text
    )
    assert 'name="post"' not in page.text


def test_reporter_cannot_delete_a_draft_a_published_story_links_to(
    reporter, linked_draft
):
    """Confirming anyway deletes nothing: the draft and the link stay."""
    draft, published = linked_draft
    client = csrf_client(reporter)
    csrf_post(client, delete_url(draft), {"post": "yes"})
    assert Story.objects.filter(pk=draft.pk).exists()
    assert RelatedLink.objects.filter(story=published, target=draft).exists()


def test_reporter_bulk_delete_spares_a_linked_draft(reporter, linked_draft):
    """The delete action on a selection with such a draft deletes nothing."""
    draft, published = linked_draft
    other = StoryFactory(draft=True)
    csrf_post(
        csrf_client(reporter),
        changelist_url(),
        {
            "action": "delete_selected",
            "_selected_action": [draft.pk, other.pk],
            "post": "yes",
        },
    )
    assert Story.objects.filter(pk__in=[draft.pk, other.pk]).count() == 2
    assert RelatedLink.objects.filter(story=published, target=draft).exists()


def test_the_service_refuses_the_reporter_too(reporter, linked_draft):
    """delete_story refuses a Reporter whatever the caller."""
    draft, _ = linked_draft
    with pytest.raises(PermissionDenied):
        services.delete_story(story=draft, user=reporter)
    assert Story.objects.filter(pk=draft.pk).exists()


def test_reporter_deletes_a_draft_only_other_drafts_link_to(reporter):
    """Links from stories the Reporter may change go with the draft, recorded."""
    draft = StoryFactory(draft=True, headline="Draft follow-up")
    sibling = StoryFactory(draft=True)
    RelatedLinkFactory(story=sibling, target=draft)
    response = csrf_post(csrf_client(reporter), delete_url(draft), {"post": "yes"})
    assert response.status_code == 302
    assert not Story.objects.filter(pk=draft.pk).exists()
    assert not sibling.related_links.exists()


def test_editor_deletes_it_and_the_linking_storys_history_says_so(
    desk_editor, linked_draft
):
    """An Editor may delete the draft; the published story's newest revision
    records the related headline taken away, by whom and why."""
    draft, published = linked_draft
    response = csrf_post(csrf_client(desk_editor), delete_url(draft), {"post": "yes"})
    assert response.status_code == 302
    assert not RelatedLink.objects.filter(story=published).exists()
    latest = published.history.order_by("-history_date", "-history_id").first()
    assert latest.history_user == desk_editor
    assert latest.history_change_reason == (
        "Related headline removed: “Draft follow-up” was deleted"
    )
    assert latest.relations["links"] == []
