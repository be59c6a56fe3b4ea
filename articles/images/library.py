"""Writes to the image library, shared by the admin, the demo loader and the tests."""

from ..invalidation import purge
from ..models import Image, Rendition
from .files import delete_files_on_commit
from .tasks import enqueue_renditions
from .validation import clean_upload


def add_image(*, upload, alt_text, caption="", credit="", user=None, **fields):
    """Check `upload` against the upload policy and add it to the library.

    Raises ValidationError for a file the policy refuses.
    """
    clean = clean_upload(upload)
    image = Image(
        file=clean.file,
        width=clean.width,
        height=clean.height,
        alt_text=alt_text,
        caption=caption,
        credit=credit,
        uploaded_by=user,
        **fields,
    )
    return save_image(image=image)


def save_image(*, image):
    """Save `image` (its file already through the upload policy) and queue its
    renditions: made for a new image, remade for a moved focal point, replaced with
    a replaced picture."""
    previous = (
        Image.objects.filter(pk=image.pk).values_list("file", flat=True).first()
        if image.pk
        else None
    )
    image.save()
    if previous and previous != image.file.name:
        old = Rendition.objects.filter(image=image)
        delete_files_on_commit([previous, *old.values_list("file", flat=True)])
        old.delete()
    # Its caption, credit or crops may show on cached pages.
    purge(f"image:{image.pk}")
    enqueue_renditions(image)
    return image
