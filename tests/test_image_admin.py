"""The image library in the admin: list, search, usage, chooser, focal point, delete."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.images.tasks import make_renditions
from articles.models import Image
from tests import imagefiles
from tests.factories import ImageFactory, StoryFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:articles_image_changelist")


def test_the_list_shows_thumbnails_and_usage(editor_client):
    """Each image shows a square thumbnail and how many stories lead with it."""
    image = ImageFactory()
    make_renditions.call(image.pk)
    StoryFactory(lead_image=image)
    StoryFactory(lead_image=image)
    ImageFactory(alt_text="Unused photo")
    html = editor_client.get(CHANGELIST).content.decode()
    thumb = image.renditions.get(ratio="1:1", format="jpeg")
    assert f'class="library-thumb" src="{thumb.file.url}"' in html
    assert "2 stories" in html


def test_the_list_runs_the_same_queries_for_2_and_20_images(editor_client):
    """The changelist's query count does not grow with its images and their usage."""
    counts = []
    for size in (2, 20):
        for _ in range(size - Image.objects.count()):
            image = ImageFactory()
            StoryFactory(lead_image=image)
        with CaptureQueriesContext(connection) as queries:
            assert editor_client.get(CHANGELIST).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


@pytest.mark.parametrize("term", ["Lagarde", "Reuters", "podium"])
def test_search_covers_caption_credit_and_alt_text(editor_client, term):
    """Editors find a photo by its caption, its credit or its alt text."""
    ImageFactory(
        caption="Christine Lagarde speaks", credit="Reuters", alt_text="A podium"
    )
    ImageFactory(caption="Something else", credit="AP", alt_text="A river")
    response = editor_client.get(CHANGELIST, {"q": term})
    assert response.context["cl"].result_count == 1


def test_the_change_form_has_a_focal_point_picker(editor_client):
    """The change form shows the picture to click, beside the two numeric fields."""
    image = ImageFactory()
    html = editor_client.get(
        reverse("admin:articles_image_change", args=[image.pk])
    ).content.decode()
    assert 'class="focal-picker" data-x="id_focal_x" data-y="id_focal_y"' in html
    assert 'id="id_focal_x"' in html and 'id="id_focal_y"' in html
    assert "js/focal-point.js" in html


def test_saving_a_new_focal_point_remakes_the_crops(
    editor_client, django_capture_on_commit_callbacks
):
    """Saving the form with a new focal point recrops the renditions."""
    image = ImageFactory(file__width=800, file__height=450)
    make_renditions.call(image.pk)
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            reverse("admin:articles_image_change", args=[image.pk]),
            {
                "alt_text": image.alt_text,
                "caption": image.caption,
                "credit": image.credit,
                "focal_x": "1",
                "focal_y": "0.5",
            },
        )
    assert response.status_code == 302
    assert image.renditions.get(ratio="1:1", format="jpeg").crop == "350,0,800,450"


def test_a_focal_point_outside_the_picture_is_a_form_error(editor_client):
    """A focal point beyond 0..1 is refused with a message, not saved."""
    image = ImageFactory()
    response = editor_client.post(
        reverse("admin:articles_image_change", args=[image.pk]),
        {"alt_text": "x", "focal_x": "1.5", "focal_y": "-2"},
    )
    assert response.status_code == 200
    assert set(response.context["adminform"].form.errors) == {"focal_x", "focal_y"}


def test_an_upload_records_who_and_makes_renditions(
    editor_client, editor, django_capture_on_commit_callbacks
):
    """An uploaded photo records its uploader and gets its renditions after commit."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            reverse("admin:articles_image_add"),
            {
                "file": SimpleUploadedFile("p.jpg", imagefiles.jpeg()),
                "alt_text": "A photo",
                "focal_x": "0.5",
                "focal_y": "0.5",
            },
        )
    assert response.status_code == 302
    image = Image.objects.get()
    assert image.uploaded_by == editor
    assert image.renditions.count() == 7


def test_deleting_an_image_in_use_is_refused_with_its_stories(editor_client):
    """Deleting an image a story leads with is refused, naming the stories."""
    image = ImageFactory()
    StoryFactory(lead_image=image, headline="Summit opens in Geneva")
    url = reverse("admin:articles_image_delete", args=[image.pk])
    page = editor_client.get(url).content.decode()
    assert "Cannot delete" in page and "Summit opens in Geneva" in page
    response = editor_client.post(url, {"post": "yes"})
    assert response.status_code == 200
    assert Image.objects.filter(pk=image.pk).exists()


def test_bulk_deleting_images_in_use_is_refused(editor_client):
    """The bulk delete action refuses too, and lists the stories in the way."""
    used, unused = ImageFactory(), ImageFactory()
    StoryFactory(lead_image=used, headline="Floods in the valley")
    response = editor_client.post(
        CHANGELIST,
        {
            "action": "delete_selected",
            "_selected_action": [used.pk, unused.pk],
            "post": "yes",
        },
    )
    assert "Floods in the valley" in response.content.decode()
    assert Image.objects.count() == 2


def test_deleting_an_unused_image_works(editor_client):
    """An image no story uses deletes normally."""
    image = ImageFactory()
    response = editor_client.post(
        reverse("admin:articles_image_delete", args=[image.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not Image.objects.exists()


def test_a_failed_rendition_task_never_breaks_the_save(
    editor_client, django_capture_on_commit_callbacks
):
    """With its original lost from storage, saving an image still works; pages keep
    the renditions they had."""
    image = ImageFactory(file__width=800, file__height=450)
    make_renditions.call(image.pk)
    before = set(image.renditions.values_list("file", flat=True))
    image.file.storage.delete(image.file.name)
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            reverse("admin:articles_image_change", args=[image.pk]),
            {"alt_text": "x", "focal_x": "0", "focal_y": "0"},
        )
    assert response.status_code == 302
    assert set(image.renditions.values_list("file", flat=True)) == before


def test_replacing_the_picture_in_the_admin_updates_size_and_renditions(
    editor_client, django_capture_on_commit_callbacks
):
    """Uploading a new file for an image stores its size and remakes its renditions."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    image = ImageFactory()
    make_renditions.call(image.pk)
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            reverse("admin:articles_image_change", args=[image.pk]),
            {
                "file": SimpleUploadedFile("new.png", imagefiles.png((1000, 600))),
                "alt_text": "x",
                "focal_x": "0.5",
                "focal_y": "0.5",
            },
        )
    assert response.status_code == 302
    image.refresh_from_db()
    assert (image.width, image.height) == (1000, 600)
    assert image.file.name.endswith(".png")
    widths = set(image.renditions.filter(ratio="16:9").values_list("width", flat=True))
    assert widths == {320, 640, 960}


def test_the_change_form_lists_the_stories_using_the_image(editor_client):
    """An editor sees which stories lead with an image before changing it."""
    image = ImageFactory()
    story = StoryFactory(lead_image=image, headline="Harbour reopens")
    html = editor_client.get(
        reverse("admin:articles_image_change", args=[image.pk])
    ).content.decode()
    assert reverse("admin:articles_story_change", args=[story.pk]) in html
    assert "Harbour reopens" in html
