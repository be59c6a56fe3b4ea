"""A share link's life changed after it was made is in the editorial record: who
re-opened an expired link or moved an expiry, and until when."""

from datetime import timedelta

import pytest

from articles import services
from articles.models import AuditEntry, ShareLink
from tests.factories import StoryFactory
from tests.workflow import change_url, csrf_client, csrf_post, story_form_data

pytestmark = pytest.mark.django_db


def link_row(link, expires_at, **extra):
    """The link's row as a browser posts it, with the hidden copy of the expiry it
    was shown (the admin compares the two to see what changed)."""
    shown = link.expires_at
    return {
        "initial-share_links-0-expires_at_0": shown.strftime("%Y-%m-%d"),
        "initial-share_links-0-expires_at_1": shown.strftime("%H:%M:%S"),
        "share_links-TOTAL_FORMS": 1,
        "share_links-INITIAL_FORMS": 1,
        "share_links-0-id": link.pk,
        "share_links-0-story": link.story_id,
        "share_links-0-note": link.note,
        "share_links-0-expires_at_0": expires_at.strftime("%Y-%m-%d"),
        "share_links-0-expires_at_1": expires_at.strftime("%H:%M:%S"),
        **extra,
    }


def save_row(user, link, expires_at):
    story = link.story
    data = story_form_data(story, **link_row(link, expires_at))
    return csrf_post(csrf_client(user), change_url(story), data)


@pytest.fixture
def expired(now):
    story = StoryFactory(draft=True)
    link = services.share_story(story=story, note="Legal")
    ShareLink.objects.filter(pk=link.pk).update(expires_at=now - timedelta(hours=1))
    link.refresh_from_db()
    return link


def test_reopening_an_expired_link_is_recorded(client, desk_editor, expired, now):
    """An editor giving an expired link a new expiry re-opens it, on the record."""
    assert client.get(expired.get_absolute_url()).status_code == 404
    response = save_row(desk_editor, expired, now + timedelta(days=1))
    assert response.status_code == 302
    assert client.get(expired.get_absolute_url()).status_code == 200
    entry = AuditEntry.objects.get(action=AuditEntry.Action.SHARE_REOPENED)
    assert entry.user == desk_editor
    assert entry.detail.startswith("Legal: until ")
    page = csrf_client(desk_editor).get(change_url(expired.story)).text
    assert "Share link re-opened" in page[page.index('class="audit-trail"') :]


def test_moving_an_active_links_expiry_is_recorded(desk_editor, now):
    """Extending a link that still works is recorded as a changed expiry."""
    link = services.share_story(story=StoryFactory(draft=True), note="Lawyer")
    save_row(desk_editor, link, now + timedelta(days=5))
    entry = AuditEntry.objects.get(action=AuditEntry.Action.SHARE_EXPIRY_CHANGED)
    assert entry.user == desk_editor
    assert entry.detail.startswith("Lawyer: until ")


def test_saving_a_story_without_touching_its_links_records_nothing(desk_editor):
    """A link saved unchanged with its story adds nothing to the record."""
    link = services.share_story(story=StoryFactory(draft=True), note="Lawyer")
    before = AuditEntry.objects.count()
    save_row(desk_editor, link, link.expires_at)
    assert AuditEntry.objects.count() == before


def test_editing_only_the_note_records_nothing(desk_editor):
    """A note changed on its own is no change of the link's life."""
    link = services.share_story(story=StoryFactory(draft=True), note="Lawyer")
    before = AuditEntry.objects.count()
    story = link.story
    data = story_form_data(
        story, **link_row(link, link.expires_at, **{"share_links-0-note": "Counsel"})
    )
    assert (
        csrf_post(csrf_client(desk_editor), change_url(story), data).status_code == 302
    )
    assert ShareLink.objects.get().note == "Counsel"
    assert AuditEntry.objects.count() == before


def test_a_revoked_link_stays_revoked_whatever_its_expiry(client, desk_editor, now):
    """Moving a revoked link's expiry does not make it work again."""
    link = services.share_story(story=StoryFactory(draft=True), note="Legal")
    services.revoke_share_link(link=link)
    save_row(desk_editor, link, now + timedelta(days=3))
    assert client.get(link.get_absolute_url()).status_code == 404
