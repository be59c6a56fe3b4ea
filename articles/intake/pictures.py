"""Agency pictures: fetched through the guarded client, checked by the same upload
policy as an editor's upload, before anything is written. A picture that fails is
reported, never fatal; articles.services.intake adds those that passed."""

from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from ..images.validation import FORMATS, clean_upload
from ..outbound import FetchError, check_url, fetch
from .item import WireError

SUFFIXES = {
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/gif": ".gif",
    "image/webp": ".webp",
    "image/avif": ".avif",
}


@dataclass
class Prepared:
    """A picture fetched and through the policy (`clean`), or why not (`problem`)."""

    picture: object
    clean: object = None
    problem: str = ""


def check_addresses(pictures):
    """Refuse the whole item (WireError) when a picture's URL may not be fetched."""
    for picture in pictures:
        try:
            check_url(picture.href)
        except FetchError as refusal:
            raise WireError(f"A picture's address is refused: {refusal}") from None


def prepare(pictures):
    """[Prepared] for each picture: fetched and re-encoded, before any write."""
    prepared = []
    for picture in pictures:
        try:
            fetched = fetch(picture.href, max_bytes=settings.NEWSROOM_IMAGE_MAX_BYTES)
            upload = SimpleUploadedFile(
                _file_name(fetched), fetched.content, fetched.content_type
            )
            prepared.append(Prepared(picture, clean=clean_upload(upload)))
        except FetchError as failure:
            prepared.append(Prepared(picture, problem=str(failure)))
        except ValidationError as refusal:
            prepared.append(Prepared(picture, problem=" ".join(refusal.messages)))
    return prepared


def _file_name(fetched):
    """The URL's file name when its extension is an accepted one, else one for
    the declared type: the policy then checks the content agrees with it."""
    name = PurePosixPath(urlsplit(fetched.url).path).name or "picture"
    accepted = {suffix for extensions, *_ in FORMATS.values() for suffix in extensions}
    if PurePosixPath(name).suffix.lower() in accepted:
        return name
    declared = fetched.content_type.split(";")[0].strip().lower()
    return f"picture{SUFFIXES.get(declared, '')}"
