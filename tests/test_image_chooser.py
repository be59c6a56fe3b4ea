"""The story form's image chooser: finding, uploading and describing pictures, and
what a Reporter may not do there or by crafted post."""

from importlib import import_module

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.models import Image
from tests.factories import ImageFactory, StoryFactory, UserFactory
from tests.imagefiles import jpeg, png
from tests.workflow import csrf_client

pytestmark = pytest.mark.django_db

LIST = reverse("admin:articles_story_images")
UPLOAD = reverse("admin:articles_story_image_upload")
DETAILS = {
    "alt_text": "Boats leave the harbour",
    "caption": "Dawn in Odesa.",
    "credit": "Reuters",
    "focal_x": "0.25",
    "focal_y": "0.4",
}


def describe_url(image):
    return reverse("admin:articles_story_image_describe", args=[image.pk])


def post(user, url, data):
    """Post as the form's script does: with the CSRF token the admin set."""
    client = csrf_client(user)
    client.get(reverse("admin:index"))
    token = client.cookies["csrftoken"].value
    return client.post(url, {**data, "csrfmiddlewaretoken": token})


def upload(user, name, data, **details):
    return post(
        user, UPLOAD, {**DETAILS, **details, "file": SimpleUploadedFile(name, data)}
    )


def test_the_migration_lets_reporters_and_editors_describe_not_delete():
    """Both groups have the change right on images, and still not the delete right."""
    for name in ["Reporter", "Editor"]:
        codenames = set(
            Group.objects.get(name=name).permissions.values_list("codename", flat=True)
        )
        assert {"add_image", "change_image", "view_image"} <= codenames
        assert "delete_image" not in codenames
    migration = import_module("articles.migrations.0022_desk_image_rights")
    assert migration.GROUPS == ["Reporter", "Editor"]


def test_a_reporter_uploads_a_described_photo_from_the_form(reporter):
    """The new photo is stored through the upload policy with all it was given."""
    response = upload(reporter, "dawn.jpg", jpeg((800, 600)))
    assert response.status_code == 200
    image = Image.objects.get()
    assert response.json()["image"]["id"] == image.pk
    assert (image.alt_text, image.caption, image.credit) == (
        "Boats leave the harbour",
        "Dawn in Odesa.",
        "Reuters",
    )
    assert (image.focal_x, image.focal_y) == (0.25, 0.4)
    assert (image.width, image.height) == (800, 600)
    assert image.uploaded_by == reporter


@pytest.mark.parametrize(
    ("name", "data", "details", "said"),
    [
        ("notes.jpg", b"just some text", {}, "This is not a"),
        ("empty.jpg", b"", {}, "The file is empty."),
        ("photo.jpg", png(), {}, "is a PNG image but its name ends in “.jpg”"),
        ("cut.jpg", jpeg()[:200], {}, "damaged or incomplete"),
        ("dawn.jpg", jpeg(), {"alt_text": ""}, "This field is required."),
        ("dawn.jpg", jpeg(), {"focal_x": "7"}, "less than or equal to 1"),
    ],
)
def test_a_bad_upload_is_a_clear_error_not_a_500(reporter, name, data, details, said):
    """A file the policy refuses, or a photo without alt text, is refused with why."""
    response = upload(reporter, name, data, **details)
    assert response.status_code == 400
    messages = " ".join(response.json()["errors"].values())
    assert said in messages
    assert not Image.objects.exists()


def test_an_upload_without_a_file_is_refused(reporter):
    response = post(reporter, UPLOAD, DETAILS)
    assert response.status_code == 400
    assert "Choose a photo to upload." in response.json()["errors"]["__all__"]


def test_staff_without_the_right_cannot_upload():
    """A staff member outside the groups is refused, and nothing is stored."""
    stranger = UserFactory(is_staff=True)
    response = upload(stranger, "dawn.jpg", jpeg())
    assert response.status_code == 403
    assert not Image.objects.exists()


def test_the_library_is_searched_by_its_words(reporter):
    """The grid shows the pictures whose alt text, caption or credit match."""
    ImageFactory(caption="Harbour at dawn", alt_text="Boats")
    ImageFactory(caption="Parliament", alt_text="Benches", credit="AP")
    found = csrf_client(reporter).get(LIST, {"q": "harbour"}).json()["results"]
    assert [image["caption"] for image in found] == ["Harbour at dawn"]
    assert found[0]["thumb"]
    everything = csrf_client(reporter).get(LIST).json()["results"]
    assert len(everything) == 2


def test_a_reporter_describes_a_picture_no_published_story_leads_with(reporter):
    """Focal point, alt text, caption and credit change in place."""
    image = ImageFactory(caption="Old caption")
    StoryFactory(draft=True, lead_image=image)
    response = post(reporter, describe_url(image), DETAILS)
    assert response.status_code == 200
    image.refresh_from_db()
    assert (image.caption, image.focal_x) == ("Dawn in Odesa.", 0.25)


def test_a_reporter_cannot_describe_a_published_storys_picture(reporter):
    """Refused in the chooser (shown read-only), by crafted post and on the image's
    own page; nothing changes."""
    image = ImageFactory(caption="As readers see it")
    StoryFactory(lead_image=image)
    found = csrf_client(reporter).get(LIST).json()["results"]
    assert found[0]["may_change"] is False
    response = post(reporter, describe_url(image), DETAILS)
    assert response.status_code == 403
    assert "Only editors may change a picture" in response.json()["error"]
    change = reverse("admin:articles_image_change", args=[image.pk])
    crafted = post(reporter, change, {**DETAILS, "_save": "Save"})
    assert crafted.status_code == 403
    page = csrf_client(reporter).get(change)
    assert page.status_code == 200
    assert 'name="caption"' not in page.text
    assert "only editors may move it" in page.text
    assert "Click the picture to set it" not in page.text
    image.refresh_from_db()
    assert image.caption == "As readers see it"


def test_an_editor_describes_a_published_storys_picture(desk_editor):
    image = ImageFactory(caption="As readers see it")
    StoryFactory(lead_image=image)
    assert post(desk_editor, describe_url(image), DETAILS).status_code == 200
    image.refresh_from_db()
    assert image.caption == "Dawn in Odesa."


def test_a_reporter_now_edits_an_unused_image_on_its_page(reporter):
    """The image page is a form for a Reporter, as its focal-point text promises."""
    image = ImageFactory()
    page = csrf_client(reporter).get(
        reverse("admin:articles_image_change", args=[image.pk])
    )
    assert 'name="focal_x"' in page.text
    assert "Delete" not in page.text


def test_the_story_form_shows_the_lead_image_and_the_chooser(reporter):
    """The side column shows the chosen picture and opens the chooser, no select."""
    image = ImageFactory(alt_text="Grain ships at sea")
    story = StoryFactory(draft=True, lead_image=image)
    page = csrf_client(reporter).get(
        reverse("admin:articles_story_change", args=[story.pk])
    )
    html = page.text
    assert f'name="lead_image" id="id_lead_image" value="{image.pk}"' in html
    assert 'alt="Grain ships at sea"' in html
    assert "Choose or upload a photo…" in html
    assert "<dialog" in html
    assert "js/desk-images.js" in html
