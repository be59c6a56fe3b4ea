"""The upload policy: only real, sane images get in, and they get in clean."""

import io
import random

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage

from articles.images.validation import clean_upload
from articles.models import Image
from articles.services import images as library
from tests import imagefiles

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:articles_image_add")


def upload(editor_client, name, data):
    """Post `data` as `name` to the admin's add-image form."""
    return editor_client.post(
        ADD_URL,
        {
            "file": SimpleUploadedFile(name, data),
            "alt_text": "A test photo",
            "focal_x": "0.5",
            "focal_y": "0.5",
        },
    )


def stored_files(settings):
    root = settings.MEDIA_ROOT
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def assert_refused(response, message, settings):
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["file"]
    assert any(message in error for error in errors), errors
    assert not Image.objects.exists()
    assert stored_files(settings) == []


def test_a_good_jpeg_is_accepted(editor_client, settings):
    """A plain JPEG uploads, and is stored under a generated name."""
    response = upload(editor_client, "Holiday Photo.JPG", imagefiles.jpeg())
    assert response.status_code == 302
    image = Image.objects.get()
    assert image.file.name.startswith("images/")
    assert image.file.name.endswith(".jpg")
    assert "Holiday" not in image.file.name
    assert (image.width, image.height) == (400, 300)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("photo.png", imagefiles.png()),
        ("photo.webp", imagefiles.encode(imagefiles.picture(), "WEBP")),
        ("photo.avif", imagefiles.encode(imagefiles.picture(), "AVIF")),
        ("photo.gif", imagefiles.animated_gif()),
        ("print.jpg", imagefiles.encode(imagefiles.picture().convert("CMYK"), "JPEG")),
        ("deep.png", imagefiles.encode(PILImage.new("I;16", (50, 50), 3000), "PNG")),
        ("anim.png", imagefiles.animated_png()),
    ],
)
def test_every_accepted_format_uploads(editor_client, name, data):
    """PNG, WebP, AVIF and GIF upload as well as JPEG, print CMYK and 16-bit too."""
    assert upload(editor_client, name, data).status_code == 302
    assert Image.objects.get().width > 0


def test_over_the_pixel_cap_is_refused(editor_client, settings):
    """An image with more pixels than the cap is refused with the cap in the message."""
    settings.NEWSROOM_IMAGE_MAX_PIXELS = 10_000
    response = upload(editor_client, "big.png", imagefiles.png((200, 100)))
    assert_refused(response, "more than 0.01 megapixels", settings)


def test_every_frame_counts_toward_the_pixel_cap(editor_client, settings):
    """Three 100×100 frames are 30,000 pixels, over a 25,000 cap."""
    settings.NEWSROOM_IMAGE_MAX_PIXELS = 25_000
    response = upload(editor_client, "anim.gif", imagefiles.animated_gif(frames=3))
    assert_refused(response, "all frames counted", settings)


@pytest.mark.parametrize("side", [7_000, 50_000])
def test_a_decompression_bomb_is_refused(editor_client, settings, side):
    """A tiny PNG declaring a huge canvas is refused before it is decoded."""
    response = upload(editor_client, "bomb.png", imagefiles.png_header(side, side))
    assert_refused(response, "megapixels", settings)


def test_png_named_jpg_is_refused(editor_client, settings):
    """A PNG named .jpg is refused: the extension must match the content."""
    response = upload(editor_client, "photo.jpg", imagefiles.png())
    assert_refused(response, "is a PNG image but its name ends in “.jpg”", settings)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("cut.jpg", imagefiles.truncated(imagefiles.jpeg((800, 600)))),
        ("cut.png", imagefiles.truncated(imagefiles.png((800, 600)))),
    ],
)
def test_a_truncated_image_is_refused(editor_client, settings, name, data):
    """A cut-off JPEG or PNG is refused as damaged, not stored half grey."""
    assert_refused(upload(editor_client, name, data), "damaged or incomplete", settings)


def test_a_gif_with_a_script_appended_is_stored_without_it(editor_client):
    """A GIF carrying a trailing <script> is stored re-encoded, the script gone."""
    response = upload(editor_client, "trap.gif", imagefiles.gif_with_script())
    assert response.status_code == 302
    stored = Image.objects.get().file.read()
    assert b"<script" not in stored
    assert PILImage.open(io.BytesIO(stored)).format == "PNG"


@pytest.mark.parametrize(
    ("name", "maker"),
    [
        ("document.pdf", imagefiles.pdf),
        ("figure.eps", imagefiles.eps),
        ("layers.psd", imagefiles.psd),
        ("scan.tiff", imagefiles.tiff),
        ("logo.svg", imagefiles.svg),
        ("scan.jpg", imagefiles.tiff),
        ("logo.png", imagefiles.svg),
    ],
)
def test_other_file_types_are_refused(editor_client, settings, name, maker):
    """PDF, EPS, PSD, TIFF and SVG are refused, whatever they are named."""
    response = upload(editor_client, name, maker())
    assert_refused(response, "This is not a JPEG, PNG, GIF, WebP or AVIF", settings)


def test_an_oversize_file_is_refused(editor_client, settings):
    """A file over the size cap is refused with the cap in the message."""
    settings.NEWSROOM_IMAGE_MAX_BYTES = 1000
    response = upload(editor_client, "photo.jpg", imagefiles.jpeg((800, 600)))
    assert_refused(response, "larger than 1000", settings)


def test_an_empty_file_is_refused(editor_client, settings):
    """An empty upload is a form error."""
    response = upload(editor_client, "photo.jpg", b"")
    assert response.status_code == 200
    assert not Image.objects.exists()


@pytest.mark.parametrize(
    "name", ["../../etc/passwd.jpg", "..\\..\\boot.ini.jpg", "/etc/cron.d/x.jpg"]
)
def test_a_hostile_file_name_never_steers_the_path(settings, name):
    """A path in the uploaded name is ignored: the file lands under a generated name."""
    image = library.add_image(
        upload=File(io.BytesIO(imagefiles.jpeg()), name=name), alt_text="x"
    )
    assert image.file.name.startswith("images/")
    assert ".." not in image.file.name and "passwd" not in image.file.name
    assert image.file.name.count("/") == 3
    media = settings.MEDIA_ROOT.resolve()
    assert [p.resolve().is_relative_to(media) for p in stored_files(settings)] == [True]


def test_a_file_name_with_a_nul_byte_is_refused():
    """A name hiding a NUL byte (photo.php\\0.jpg) is refused with a clear message."""
    with pytest.raises(ValidationError, match="control characters"):
        clean_upload(File(io.BytesIO(imagefiles.jpeg()), name="photo.php\x00.jpg"))


def test_a_hostile_name_through_the_admin_is_a_clean_answer(editor_client, settings):
    """Path and NUL tricks in the admin's upload never give a 500."""
    for name in ["../../etc/passwd.jpg", "photo.php\x00.jpg", "a" * 300 + ".jpg"]:
        response = upload(editor_client, name, imagefiles.jpeg())
        assert response.status_code in {200, 302}, name
    for image in Image.objects.all():
        assert image.file.name.startswith("images/")


def test_stored_files_carry_no_camera_or_location_metadata(editor_client):
    """GPS position, camera serial and XMP are gone; the colour profile stays."""
    response = upload(editor_client, "phone.jpg", imagefiles.camera_jpeg())
    assert response.status_code == 302
    stored = Image.objects.get().file.read()
    with PILImage.open(io.BytesIO(stored)) as image:
        assert not image.getexif()
        assert "xmp" not in image.info and "exif" not in image.info
        assert image.info.get("icc_profile") == imagefiles.srgb_profile()
    for marker in (b"Exif", b"GPS", b"PhoneMaker", b"SN-1234567890", b"xmpmeta"):
        assert marker not in stored


def test_orientation_is_applied(editor_client):
    """A photo tagged 'rotate 90°' is stored upright, with no orientation tag left."""
    response = upload(editor_client, "sideways.jpg", imagefiles.rotated_jpeg())
    assert response.status_code == 302
    image = Image.objects.get()
    assert (image.width, image.height) == (100, 200)
    with PILImage.open(image.file) as stored:
        assert stored.getexif().get(imagefiles.ORIENTATION) is None
        red, _, blue = stored.convert("RGB").getpixel((50, 20))
        assert red > 200 and blue < 60
        assert stored.convert("RGB").getpixel((50, 180)) > (200, 200, 200)


def test_randomly_damaged_files_never_crash_the_policy():
    """Hundreds of corrupted JPEG, PNG, GIF, WebP and AVIF files: each is refused
    with a form error or stored re-encoded, never an unexpected exception."""
    seeds = [
        ("a.jpg", imagefiles.jpeg((64, 48))),
        ("b.jpg", imagefiles.camera_jpeg()),
        ("c.jpg", imagefiles.rotated_jpeg()),
        ("a.png", imagefiles.png((64, 48))),
        ("a.gif", imagefiles.animated_gif((32, 32))),
        ("a.webp", imagefiles.encode(imagefiles.picture((64, 48)), "WEBP")),
        ("a.avif", imagefiles.encode(imagefiles.picture((64, 48)), "AVIF")),
    ]
    rng = random.Random(20261126)
    for _ in range(400):
        name, data = rng.choice(seeds)
        data = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            position = rng.randrange(len(data))
            if rng.random() < 0.7:
                data[position] = rng.randrange(256)
            else:
                del data[position : position + rng.randint(1, 50)]
        try:
            clean = clean_upload(File(io.BytesIO(bytes(data)), name=name))
        except ValidationError:
            continue
        with PILImage.open(clean.file) as stored:
            stored.load()
