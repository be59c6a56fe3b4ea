"""Staff preview, saved or unsaved, only of the stories the viewer may change."""

import pytest
from django.urls import reverse

from tests.factories import StoryFactory
from tests.workflow import change_url, csrf_client, csrf_post, story_form_data

pytestmark = pytest.mark.django_db

KINDS = {
    "draft": {"draft": True},
    "in review": {"in_review": True},
    "published": {},
    "scheduled": {"scheduled": True},
    "embargoed": {"embargoed": True},
}
REPORTER_MAY = {"draft", "in review"}


def saved_preview(client, story):
    return client.get(reverse("articles:story_preview", args=[story.pk]))


def unsaved_preview(client, story):
    url = reverse("admin:articles_story_preview", args=[story.pk])
    return csrf_post(client, url, story_form_data(story), form_url=change_url(story))


@pytest.mark.parametrize("preview", [saved_preview, unsaved_preview])
@pytest.mark.parametrize("kind", KINDS)
def test_reporter_previews_only_what_they_may_change(reporter, kind, preview):
    """A Reporter previews drafts and stories in review; no other story's text."""
    story = StoryFactory(headline="The secret text", **KINDS[kind])
    response = preview(csrf_client(reporter), story)
    if kind in REPORTER_MAY:
        assert response.status_code == 200
        assert "The secret text" in response.text
    else:
        assert response.status_code == 403
        assert "The secret text" not in response.text


@pytest.mark.parametrize("preview", [saved_preview, unsaved_preview])
@pytest.mark.parametrize("kind", KINDS)
def test_editor_previews_every_story(desk_editor, kind, preview):
    """An Editor previews a story in any state."""
    story = StoryFactory(headline="The secret text", **KINDS[kind])
    response = preview(csrf_client(desk_editor), story)
    assert response.status_code == 200
    assert "The secret text" in response.text
