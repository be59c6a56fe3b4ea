"""Renditions: the right crops, sizes and formats, remade and removed with the image."""

import io

import pytest
from django.core.files.base import File
from PIL import Image as PILImage

from articles.images.crops import WIDTHS, focal_crop
from articles.images.tasks import make_renditions
from articles.images.validation import clean_upload
from articles.models import Image, Rendition
from articles.services import images as library
from tests import imagefiles

pytestmark = pytest.mark.django_db

PILLOW_FORMATS = {"avif": "AVIF", "webp": "WEBP", "jpeg": "JPEG"}


def stored_files(settings):
    root = settings.MEDIA_ROOT
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def add(django_capture_on_commit_callbacks, size=(400, 300), **fields):
    """Upload a picture and run the queued rendition task, as after a real commit."""
    with django_capture_on_commit_callbacks(execute=True):
        return library.add_image(
            upload=File(io.BytesIO(imagefiles.jpeg(size)), name="photo.jpg"),
            alt_text="A photo",
            **fields,
        )


@pytest.mark.parametrize(
    "size", [(6000, 4000), (4000, 6000), (1000, 1000), (333, 777), (1, 1)]
)
@pytest.mark.parametrize("ratio", [(16, 9), (1, 1), (1200, 630)])
@pytest.mark.parametrize("focal", [(0, 0), (1, 1), (0.5, 0.5), (0.97, 0.03), (0.2, 1)])
def test_the_focal_point_is_inside_every_crop(size, ratio, focal):
    """Wherever the focal point is, every crop keeps it and stays inside the picture."""
    width, height = size
    box = focal_crop(width, height, ratio, *focal)
    assert 0 <= box.left < box.right <= width
    assert 0 <= box.top < box.bottom <= height
    assert box.left <= focal[0] * width <= box.right
    assert box.top <= focal[1] * height <= box.bottom
    assert abs(box.width / box.height - ratio[0] / ratio[1]) < 0.02 or min(size) < 10


def test_renditions_have_the_right_sizes_and_formats(
    django_capture_on_commit_callbacks,
):
    """A 2400×1600 photo gets every width up to its size, in AVIF, WebP and JPEG."""
    image = add(django_capture_on_commit_callbacks, size=(2400, 1600))
    renditions = list(image.renditions.all())
    by_ratio = {}
    for rendition in renditions:
        by_ratio.setdefault(rendition.ratio, set()).add(
            (rendition.width, rendition.height, rendition.format)
        )
        with PILImage.open(rendition.file) as stored:
            assert stored.format == PILLOW_FORMATS[rendition.format]
            assert stored.size == (rendition.width, rendition.height)
    three = ("avif", "webp", "jpeg")
    assert by_ratio["16:9"] == {
        (w, w * 9 // 16, f) for w in WIDTHS for f in three
    }  # the crop is 2400 wide: every width
    assert by_ratio["1:1"] == {(w, w, f) for w in WIDTHS if w <= 1600 for f in three}
    assert by_ratio["social"] == {(1200, 630, "jpeg")}


def test_a_small_picture_is_never_upscaled(django_capture_on_commit_callbacks):
    """A 400×300 photo gets 320 px wide crops, and its own size where 320 won't fit."""
    image = add(django_capture_on_commit_callbacks, size=(400, 300))
    sizes = {(r.ratio, r.width, r.height) for r in image.renditions.all()}
    assert sizes == {("16:9", 320, 180), ("1:1", 300, 300), ("social", 400, 210)}


def test_renditions_follow_the_focal_point(django_capture_on_commit_callbacks):
    """With the focal point far right, the square crop is the picture's right end."""
    image = add(django_capture_on_commit_callbacks, size=(800, 400), focal_x=0.95)
    square = image.renditions.get(ratio="1:1", format="jpeg")
    assert square.crop == "400,0,800,400"
    with PILImage.open(square.file) as stored:
        # The left half of the source is coloured, the right half white.
        assert min(stored.convert("RGB").getpixel((160, 160))) > 240


def test_moving_the_focal_point_remakes_the_crops(
    django_capture_on_commit_callbacks, settings
):
    """A new focal point remakes the crops it moves and deletes their old files."""
    image = add(django_capture_on_commit_callbacks, size=(800, 450))
    before = {r.pk: (r.crop, r.file.name) for r in image.renditions.all()}
    old_square = image.renditions.get(ratio="1:1", format="jpeg").file.name
    image.focal_x = 0.0
    with django_capture_on_commit_callbacks(execute=True):
        library.save_image(image=image)
    after = {r.pk: (r.crop, r.file.name) for r in image.renditions.all()}
    assert after.keys() == before.keys()
    assert image.renditions.get(ratio="1:1", format="jpeg").crop == "0,0,450,450"
    # The 16:9 crop is the whole 16:9 picture either way: kept, not re-encoded.
    wide = image.renditions.get(ratio="16:9", format="jpeg", width=320)
    assert before[wide.pk] == after[wide.pk]
    names = {
        path.relative_to(settings.MEDIA_ROOT).as_posix()
        for path in stored_files(settings)
    }
    assert old_square not in names
    assert len(names) == 1 + len(after)


def test_making_renditions_twice_encodes_nothing_new(
    django_capture_on_commit_callbacks,
):
    """Renditions are made once: running the task again changes nothing."""
    image = add(django_capture_on_commit_callbacks)
    before = list(image.renditions.values_list("pk", "file"))
    result = make_renditions.enqueue(image.pk)
    assert result.return_value == 0
    assert list(image.renditions.values_list("pk", "file")) == before


def test_deleting_an_image_leaves_no_files(
    django_capture_on_commit_callbacks, settings
):
    """Deleting an image deletes its file and every rendition file, once committed."""
    image = add(django_capture_on_commit_callbacks)
    assert len(stored_files(settings)) == 1 + image.renditions.count() > 1
    with django_capture_on_commit_callbacks(execute=True):
        image.delete()
    assert stored_files(settings) == []
    assert not Rendition.objects.exists()


def test_deleting_images_in_bulk_leaves_no_files(
    django_capture_on_commit_callbacks, settings
):
    """The admin's bulk delete removes every file of every image too."""
    for _ in range(2):
        add(django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        Image.objects.all().delete()
    assert stored_files(settings) == []


def test_a_rolled_back_delete_keeps_the_files(
    django_capture_on_commit_callbacks, settings
):
    """Files go only when the delete commits, so no row ever points at nothing."""
    image = add(django_capture_on_commit_callbacks)
    count = len(stored_files(settings))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        image.delete()
    assert callbacks  # queued for commit, not run
    assert len(stored_files(settings)) == count


def test_replacing_the_picture_replaces_its_renditions(
    django_capture_on_commit_callbacks, settings
):
    """A new file for an image deletes the old file and renditions, and makes new."""
    image = add(django_capture_on_commit_callbacks, size=(400, 300))
    old = {image.file.name, *image.renditions.values_list("file", flat=True)}
    clean = clean_upload(File(io.BytesIO(imagefiles.jpeg((640, 360))), name="new.jpg"))
    image.file, image.width, image.height = clean.file, clean.width, clean.height
    with django_capture_on_commit_callbacks(execute=True):
        library.save_image(image=image)
    assert image.renditions.get(ratio="16:9", format="jpeg", width=640).height == 360
    names = {
        p.relative_to(settings.MEDIA_ROOT).as_posix() for p in stored_files(settings)
    }
    assert not names & old
    assert len(names) == 1 + image.renditions.count()


def test_renditions_of_an_outdated_focal_point_are_not_recorded(
    django_capture_on_commit_callbacks, settings
):
    """A task that encoded an old focal point records nothing and leaves no files."""
    from articles.images.renditions import refresh_renditions

    image = add(django_capture_on_commit_callbacks, size=(800, 450))
    before = set(image.renditions.values_list("crop", "file"))
    files = len(stored_files(settings))
    stale = Image.objects.get(pk=image.pk)
    stale.focal_x = 0.0  # what the slow task saw; meanwhile the desk moved on
    Image.objects.filter(pk=image.pk).update(focal_x=1.0)
    assert refresh_renditions(stale) is False
    assert set(image.renditions.values_list("crop", "file")) == before
    assert len(stored_files(settings)) == files


def test_the_command_makes_renditions_for_images_that_lack_them():
    """`manage.py make_renditions` renders images added before renditions existed."""
    from io import StringIO

    from django.core.management import call_command

    from tests.factories import ImageFactory

    images = [ImageFactory(), ImageFactory()]
    out = StringIO()
    call_command("make_renditions", stdout=out)
    assert "2 images" in out.getvalue()
    for image in images:
        assert image.renditions.count() == 7
