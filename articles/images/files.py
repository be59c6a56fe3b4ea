"""Stored image files: generated names, and deletion once the database agrees."""

import logging
import uuid
from functools import partial
from pathlib import PurePosixPath

from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

logger = logging.getLogger(__name__)

SUFFIXES = {".jpg", ".png", ".gif", ".webp", ".avif"}


def generated_name(folder, filename):
    """`folder/<uuid><suffix>` (`folder` goes through strftime); only known suffixes."""
    suffix = PurePosixPath(str(filename)).suffix.lower()
    if suffix == ".jpeg":
        suffix = ".jpg"
    if suffix not in SUFFIXES:
        suffix = ""
    folder = timezone.now().strftime(folder)
    return f"{folder}/{uuid.uuid4().hex}{suffix}"


def delete_files(names):
    for name in names:
        try:
            default_storage.delete(name)
        except OSError:
            # A file already gone or a storage hiccup must not undo a committed delete.
            logger.warning("Could not delete stored file %s", name, exc_info=True)


def delete_files_on_commit(names):
    """Delete stored files once the transaction removing their rows has committed.

    A rolled-back delete keeps its files, so a row never points at a missing file.
    """
    names = list(names)
    if names:
        transaction.on_commit(partial(delete_files, names))
