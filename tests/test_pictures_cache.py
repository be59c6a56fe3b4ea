"""Cached reader pages pick up new renditions and picture edits at once."""

import pytest

from articles.images.tasks import make_renditions
from articles.services import images as library
from tests.factories import ImageFactory, StoryFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_kept_page_offers_renditions_once_they_are_made(
    client, django_assert_num_queries
):
    """A page kept while its picture had no renditions (served again without reading
    the database) offers them as soon as they are made."""
    image = ImageFactory(file__width=800, file__height=450)
    story = StoryFactory(lead_image=image)
    url = story.get_absolute_url()
    assert "image/avif" not in client.get(url).content.decode()
    with django_assert_num_queries(0):
        assert "image/avif" not in client.get(url).content.decode()
    make_renditions.enqueue(image.pk)
    assert "image/avif" in client.get(url).content.decode()


def test_a_new_caption_reaches_cached_pages(client):
    """Editing a picture's caption refreshes the cached pages that show it."""
    image = ImageFactory(caption="Old caption")
    story = StoryFactory(lead_image=image)
    assert "Old caption" in client.get(story.get_absolute_url()).content.decode()
    image.caption = "New caption"
    library.save_image(image=image)
    page = client.get(story.get_absolute_url()).content.decode()
    assert "New caption" in page and "Old caption" not in page
