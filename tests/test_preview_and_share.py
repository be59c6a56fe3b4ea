"""Staff preview (saved or unsaved) and share links for outside reviewers."""

from datetime import timedelta

import pytest
from django.urls import reverse

from articles import services
from articles.models import ShareLink, Story
from tests.factories import StoryFactory, UserFactory
from tests.workflow import change_url, csrf_client, csrf_post, story_form_data

pytestmark = pytest.mark.django_db


def preview_url(story):
    return reverse("articles:story_preview", args=[story.pk])


def assert_private(response):
    assert {"private", "no-store"} <= set(response["Cache-Control"].split(", "))
    assert "noindex" in response["X-Robots-Tag"]
    assert '<meta name="robots" content="noindex, nofollow">' in response.text
    assert "preview-banner" in response.text


def test_preview_rights(client, reporter):
    """A draft's preview: 404 for readers, 403 for staff without rights, 200 else."""
    story = StoryFactory(draft=True, headline="Draft budget")
    assert client.get(preview_url(story)).status_code == 404
    client.force_login(UserFactory(username="intern", is_staff=True))
    assert client.get(preview_url(story)).status_code == 403
    response = csrf_client(reporter).get(preview_url(story))
    assert response.status_code == 200
    assert "Draft budget" in response.text
    assert_private(response)


def test_preview_of_unsaved_changes_saves_nothing(reporter):
    """Previewing the change form shows the edits, cleaned, without saving them."""
    story = StoryFactory(draft=True, headline="Old headline")
    client = csrf_client(reporter)
    data = story_form_data(
        story,
        headline="New headline",
        body='<p onclick="x()">Fresh <script>bad()</script>copy</p>',
    )
    url = reverse("admin:articles_story_preview", args=[story.pk])
    response = csrf_post(client, url, data, form_url=change_url(story))
    assert response.status_code == 200
    assert "New headline" in response.text
    assert "<p>Fresh copy</p>" in response.text
    assert "bad()" not in response.text
    assert_private(response)
    story.refresh_from_db()
    assert story.headline == "Old headline"


def test_unsaved_preview_refused_without_rights(reporter):
    """A reporter cannot preview edits to a published story through the form."""
    story = StoryFactory()
    url = reverse("admin:articles_story_preview", args=[story.pk])
    response = csrf_post(
        csrf_client(reporter), url, story_form_data(story), form_url=change_url(story)
    )
    assert response.status_code == 403


def test_share_link_shows_one_story_privately(client, desk_editor):
    """A share link shows the draft read-only, never cached, never indexed."""
    story = StoryFactory(draft=True, headline="For the lawyers")
    link = services.share_story(story=story, user=desk_editor, note="Legal")
    response = client.get(link.get_absolute_url())
    assert response.status_code == 200
    assert "For the lawyers" in response.text
    assert_private(response)
    assert story.audit_entries.filter(action="shared").exists()


def test_share_link_expires_after_48_hours_by_default(client, now):
    """A new link lasts 48 hours; after that it is a clean 404."""
    link = services.share_story(story=StoryFactory(draft=True))
    assert abs(link.expires_at - (now + timedelta(hours=48))) < timedelta(minutes=1)
    ShareLink.objects.filter(pk=link.pk).update(expires_at=now - timedelta(seconds=1))
    assert client.get(link.get_absolute_url()).status_code == 404


def test_revoked_or_forged_link_is_404(client):
    """A revoked link, a forged token and a link to a deleted story all answer 404."""
    link = services.share_story(story=StoryFactory(draft=True))
    url = link.get_absolute_url()
    services.revoke_share_link(link=link)
    assert client.get(url).status_code == 404
    other = services.share_story(story=StoryFactory(draft=True))
    assert client.get(other.get_absolute_url()[:-3] + "x/").status_code == 404
    assert client.get("/share/not-a-token/").status_code == 404
    Story.objects.filter(pk=other.story_id).delete()
    assert client.get(other.get_absolute_url()).status_code == 404


def test_share_link_shows_as_an_absolute_address_to_copy(desk_editor, settings):
    """The story page shows a share link in full, on the site's own address, with a
    button to copy it."""
    settings.SITE_URL = "https://news.example.com"
    story = StoryFactory(draft=True)
    link = services.share_story(story=story, user=desk_editor, note="Legal")
    page = csrf_client(desk_editor).get(change_url(story)).text
    address = f"https://news.example.com{link.get_absolute_url()}"
    assert f'<a href="{address}">{address}</a>' in page
    assert f'data-copy="{address}">Copy link</button>' in page
    assert "/static/js/copy-link.js" in page
