"""The image library: adding and changing pictures."""

from .. import rights
from ..cache import keys, purge
from ..images.files import delete_files_on_commit
from ..images.tasks import enqueue_renditions
from ..images.validation import clean_upload
from ..models import Image, Rendition


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
    return save_image(image=image, user=user)


def save_image(*, image, user=None):
    """Save `image` (its file already through the upload policy) and queue its
    renditions: made for a new image, remade for a moved focal point, replaced with
    a replaced picture."""
    if image.pk:
        rights.require(
            rights.can_change_image(user, image),
            "Only editors may change a picture a published story leads with.",
        )
    else:
        rights.require(rights.can(user, "add", Image), "You may not add images.")
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
    purge(keys.image(image))
    enqueue_renditions(image)
    return image
