"""A published story's former address stays its own: no other story may take it."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from articles import services
from articles.models import FormerSlug, Story
from tests.factories import SectionFactory, StoryFactory
from tests.workflow import (
    add_url,
    change_url,
    csrf_client,
    csrf_post,
    story_form_data,
)

pytestmark = pytest.mark.django_db

TAKEN = "This address belongs to another story"


@pytest.fixture
def renamed(client):
    """A published story renamed from old-name to new-name; old-name redirects."""
    story = StoryFactory(slug="old-name", headline="The renamed story")
    old_url = story.get_absolute_url()
    story.slug = "new-name"
    services.save_story(story=story)
    assert client.get(old_url).status_code == 301
    story.old_url = old_url
    return story


def test_reporter_cannot_add_a_draft_at_a_former_address(client, reporter, renamed):
    """A new draft with another story's former slug is a slug error; old links work."""
    data = story_form_data(
        headline="Squatter", slug="old-name", section=SectionFactory().pk
    )
    response = csrf_post(csrf_client(reporter), add_url(), data)
    assert response.status_code == 200
    assert TAKEN in response.text
    assert not Story.objects.filter(headline="Squatter").exists()
    assert FormerSlug.objects.filter(slug="old-name", story=renamed).exists()
    response = client.get(renamed.old_url)
    assert response.status_code == 301
    assert response["Location"] == renamed.get_absolute_url()


def test_reporter_cannot_rename_a_draft_to_a_former_address(client, reporter, renamed):
    """Renaming a draft to another story's former slug is refused on the form."""
    draft = StoryFactory(draft=True, slug="my-draft")
    data = story_form_data(draft, slug="old-name")
    response = csrf_post(csrf_client(reporter), change_url(draft), data)
    assert response.status_code == 200
    assert TAKEN in response.text
    draft.refresh_from_db()
    assert draft.slug == "my-draft"
    assert client.get(renamed.old_url)["Location"] == renamed.get_absolute_url()


def test_the_service_refuses_another_storys_former_address(renamed):
    """save_story refuses the slug too, whoever calls it, and keeps the redirect."""
    draft = StoryFactory.build(
        draft=True, slug="old-name", section=renamed.section, headline="Squatter"
    )
    with pytest.raises(ValidationError) as refused:
        services.save_story(story=draft)
    assert TAKEN in refused.value.message_dict["slug"][0]
    assert FormerSlug.objects.filter(slug="old-name", story=renamed).exists()


def test_editor_renames_their_story_back_through_the_form(client, desk_editor, renamed):
    """A story may take its own former slug back; its address answers 200 again."""
    story = Story.objects.get(pk=renamed.pk)
    response = csrf_post(
        csrf_client(desk_editor),
        change_url(story),
        story_form_data(story, slug="old-name"),
    )
    assert response.status_code == 302
    assert not FormerSlug.objects.filter(slug="old-name").exists()
    assert client.get(renamed.old_url).status_code == 200


def test_restoring_a_revision_keeps_off_a_former_address(client, reporter):
    """A draft restored to a slug another story has since left keeps its slug."""
    draft = StoryFactory(draft=True, slug="working-title")
    services.save_story(story=draft)
    first = draft.history.order_by("history_id").first()
    draft.slug = "second-title"
    services.save_story(story=draft)
    published = StoryFactory(slug="working-title")
    published.slug = "final-title"
    services.save_story(story=published)
    old_url = published.get_absolute_url().replace("final-title", "working-title")
    url = reverse("admin:articles_story_restore", args=[draft.pk, first.history_id])
    response = csrf_post(csrf_client(reporter), url, {}, form_url=change_url(draft))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.slug == "second-title"
    assert client.get(old_url)["Location"] == published.get_absolute_url()
