"""Old and non-canonical story addresses answer 301 to the story's address."""

from datetime import timedelta

import pytest

from articles import services
from articles.models import Story
from tests.factories import SectionFactory, StoryFactory

pytestmark = pytest.mark.django_db


def test_renamed_slug_redirects_old_url(client):
    """After a slug change the old address 301s to the new one."""
    story = StoryFactory(slug="first-slug")
    old_url = story.get_absolute_url()
    story.slug = "second-slug"
    services.save_story(story=story)
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == story.get_absolute_url()
    assert client.get(response["Location"]).status_code == 200


def test_moved_section_and_date_redirect(client):
    """A story moved to another section or redated keeps its old address working."""
    story = StoryFactory(section=SectionFactory(slug="europe"))
    old_url = story.get_absolute_url()
    story.section = SectionFactory(slug="world")
    story.published_at -= timedelta(days=3)
    services.save_story(story=story)
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == story.get_absolute_url()


def test_chain_of_renames_goes_straight_to_the_current_url(client):
    """Every former slug leads in one hop to where the story is now."""
    story = StoryFactory(slug="one")
    urls = [story.get_absolute_url()]
    for slug in ["two", "three"]:
        story.slug = slug
        services.save_story(story=story)
        urls.append(story.get_absolute_url())
    for url in urls[:-1]:
        assert client.get(url)["Location"] == urls[-1]


def test_renaming_back_restores_the_slug(client):
    """A slug given back to its story answers 200 again, not a redirect loop."""
    story = StoryFactory(slug="original")
    story.slug = "changed"
    services.save_story(story=story)
    story.slug = "original"
    services.save_story(story=story)
    assert client.get(story.get_absolute_url()).status_code == 200


def test_draft_renames_leave_no_redirects(client):
    """Slugs a story had before it was ever published are not kept."""
    story = StoryFactory(draft=True, slug="working-title")
    story.slug = "final-title"
    services.save_story(story=story)
    services.publish_story(story=story)
    old = story.get_absolute_url().replace("final-title", "working-title")
    assert client.get(old).status_code == 404


def test_former_slug_of_unpublished_story_is_404(client):
    """An old address does not reveal a story that is no longer published."""
    story = StoryFactory(slug="before")
    old_url = story.get_absolute_url()
    story.slug = "after"
    services.save_story(story=story)
    services.unpublish_story(story=Story.objects.get(pk=story.pk))
    assert client.get(old_url).status_code == 404


def test_trailing_slash_added(client):
    """A story address without its trailing slash is redirected, not lost."""
    story = StoryFactory()
    response = client.get(story.get_absolute_url().rstrip("/"))
    assert response.status_code == 301
    assert response["Location"] == story.get_absolute_url()
