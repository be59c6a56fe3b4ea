"""The demo desk's lead pictures: drawn locally, described, and loaded once."""

from io import StringIO

import pytest
from django.core.management import call_command
from PIL import Image as PILImage

from articles.models import Image, Story

pytestmark = pytest.mark.django_db


def load():
    call_command("load_demo", stdout=StringIO())


def test_every_demo_story_leads_with_a_described_picture():
    """Each demo story has a lead picture with alt text, a caption and a credit."""
    load()
    stories = Story.objects.select_related("lead_image")
    assert stories.exists()
    for story in stories:
        image = story.lead_image
        assert image is not None, story.slug
        assert image.alt_text and image.caption and image.credit
        assert (image.width, image.height) == (1280, 720)
        assert 0 <= image.focal_x <= 1 and 0 <= image.focal_y <= 1
        with PILImage.open(image.file) as stored:
            assert stored.format == "JPEG" and not stored.getexif()


def test_loading_twice_adds_no_pictures():
    """A second load adds no image and changes no story's picture."""
    load()
    before = list(Story.objects.order_by("pk").values_list("pk", "lead_image"))
    count = Image.objects.count()
    load()
    assert Image.objects.count() == count
    assert list(Story.objects.order_by("pk").values_list("pk", "lead_image")) == before


def test_the_demo_renditions_are_made_after_the_load_commits(
    django_capture_on_commit_callbacks, monkeypatch
):
    """Once the load commits, the demo pictures get their renditions."""
    # Smaller pictures, the same pipeline: keeps this test quick.
    monkeypatch.setattr("articles.demo.pictures.SIZE", (480, 270))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo", stdout=StringIO())
    image = Story.objects.select_related("lead_image").first().lead_image
    formats = set(image.renditions.values_list("format", flat=True))
    assert formats == {"avif", "webp", "jpeg"}
