"""Previews and share links are private: what they show never reaches readers, and no
shared cache may keep them."""

import pytest
from django.urls import reverse

from articles import services
from tests.factories import RelatedLinkFactory, SectionFactory, StoryFactory
from tests.workflow import change_url, csrf_client, csrf_post, story_form_data

pytestmark = pytest.mark.django_db


def assert_not_kept(response):
    """Neither a browser's shared cache nor a CDN may keep the response."""
    control = set(response["Cache-Control"].replace(" ", "").split(","))
    assert {"private", "no-store"} <= control


def test_a_preview_of_unsaved_edits_never_reaches_readers(client, editor, committed):
    """An editor previewing unsaved edits to a published story leaves readers'
    pages as they were, even when they are made again from what was kept."""
    europe = SectionFactory(slug="europe", name="Europe")
    story = StoryFactory(section=europe, headline="Paris summit opens")
    draft = StoryFactory(draft=True, headline="Analysis: the summit")
    RelatedLinkFactory(story=story, target=draft)
    pages = [story.get_absolute_url(), reverse("articles:front_page")]
    for url in pages:
        assert "Paris summit opens" in client.get(url).text
    desk = csrf_client(editor)
    preview = csrf_post(
        desk,
        reverse("admin:articles_story_preview", args=[story.pk]),
        story_form_data(
            story, headline="Unsaved headline", body="<p>Unsaved paragraph.</p>"
        ),
        form_url=change_url(story),
    )
    assert preview.status_code == 200 and "Unsaved paragraph." in preview.text
    assert_not_kept(preview)
    # Publishing the linked story makes the story's page again, from kept parts.
    committed(services.publish_story, story=draft)
    for url in pages:
        html = client.get(url).text
        assert "Paris summit opens" in html, url
        assert "Unsaved" not in html, url
    assert "Analysis: the summit" in client.get(pages[0]).text


def test_a_draft_previewed_by_staff_stays_out_of_reach(client, editor_client):
    """A draft an editor previewed is still a 404 at its preview address and on no
    reader page for anyone signed out."""
    europe = SectionFactory(slug="europe", name="Europe")
    StoryFactory(section=europe, headline="Published story")
    draft = StoryFactory(section=europe, headline="Draft budget", draft=True)
    url = reverse("articles:story_preview", args=[draft.pk])
    preview = editor_client.get(url)
    assert preview.status_code == 200 and "Draft budget" in preview.text
    assert_not_kept(preview)
    editor_client.logout()
    assert client.get(url).status_code == 404
    for page in (reverse("articles:front_page"), europe.get_absolute_url()):
        html = client.get(page).text
        assert "Published story" in html and "Draft budget" not in html


def test_a_revoked_share_link_shows_nothing_even_to_who_opened_it(client, committed):
    """A share link's page may not be kept by any shared cache, and once the link is
    revoked it answers 404, also to the reviewer who read it a moment before."""
    draft = StoryFactory(draft=True, headline="For the lawyers")
    link = committed(services.share_story, story=draft)
    url = link.get_absolute_url()
    response = client.get(url)
    assert response.status_code == 200 and "For the lawyers" in response.text
    assert_not_kept(response)
    committed(services.revoke_share_link, link=link)
    response = client.get(url)
    assert response.status_code == 404
    assert "For the lawyers" not in response.text
