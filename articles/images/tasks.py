"""Background work for the image library, run by Django's tasks framework."""

from functools import partial

from django.db import transaction
from django.tasks import task

from ..models import Image
from .renditions import refresh_renditions


@task()
def make_renditions(image_id):
    """Make or remake the renditions of one image; return how many were encoded."""
    image = Image.objects.filter(pk=image_id).first()
    if image is None or not image.file:
        return 0
    return refresh_renditions(image)


def enqueue_renditions(image):
    """Queue `image`'s renditions once the transaction saving it has committed.

    Robust: a queue that is down is logged, and the saved image still shows (its
    original) until the renditions are made.
    """
    transaction.on_commit(partial(make_renditions.enqueue, image.pk), robust=True)
