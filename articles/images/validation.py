"""The upload policy: what the library accepts, and how it is stored.

Only JPEG, PNG, GIF, WebP and AVIF, recognised from the content (the file name's
extension must agree), under a size cap and a pixel cap (every frame counted). Every
accepted image is decoded in full and re-encoded: EXIF orientation applied, EXIF, XMP
and comments dropped (GPS, camera serials), the colour profile kept, anything appended
after the image gone. The result gets a generated name.
"""

import io
import struct
import warnings
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from PIL import Image as PILImage
from PIL import ImageCms, ImageOps, UnidentifiedImageError, features

# Pillow format name -> (extensions an upload may carry, stored format, stored suffix)
FORMATS = {
    "JPEG": ({".jpg", ".jpeg", ".jpe"}, "JPEG", ".jpg"),
    "PNG": ({".png"}, "PNG", ".png"),
    # A GIF is stored as its first frame, losslessly, as PNG.
    "GIF": ({".gif"}, "PNG", ".png"),
    "WEBP": ({".webp"}, "WEBP", ".webp"),
    "AVIF": ({".avif"}, "AVIF", ".avif"),
}
if not features.check("avif"):
    # A Pillow built without libavif can neither read nor write AVIF.
    del FORMATS["AVIF"]
SAVE_OPTIONS = {
    "JPEG": {"quality": 92, "optimize": True},
    "PNG": {"optimize": True},
    "WEBP": {"quality": 92, "method": 4},
    "AVIF": {"quality": 85},
}
NAMES = {"JPEG": "JPEG", "PNG": "PNG", "GIF": "GIF", "WEBP": "WebP", "AVIF": "AVIF"}
ACCEPTED = "JPEG, PNG, GIF, WebP or AVIF"

# Errors Pillow's decoders raise on damaged or truncated files (found by fuzzing
# each accepted format; the AVIF decoder raises RuntimeError).
DAMAGED = (
    OSError,
    SyntaxError,
    ValueError,
    EOFError,
    IndexError,
    TypeError,
    RuntimeError,
    struct.error,
)


@dataclass(frozen=True)
class CleanImage:
    file: ContentFile
    width: int
    height: int
    source_format: str


def max_bytes():
    return settings.NEWSROOM_IMAGE_MAX_BYTES


def max_pixels():
    return settings.NEWSROOM_IMAGE_MAX_PIXELS


def clean_upload(upload):
    """`upload` checked by the policy and re-encoded; ValidationError if refused."""
    name = str(getattr(upload, "name", "") or "")
    if any(ord(char) < 32 for char in name):
        raise ValidationError(
            "The file name contains control characters; rename the file and try again.",
            code="bad_name",
        )
    data = _read_capped(upload)
    with warnings.catch_warnings():
        # Pillow only warns between its limit and twice it; treat that as a bomb too.
        warnings.simplefilter("error", PILImage.DecompressionBombWarning)
        # Pillow's complaints about broken EXIF: that metadata is dropped anyway.
        warnings.simplefilter("ignore", UserWarning)
        try:
            source_format = _sniff(data)
            _check_extension(name, source_format)
            # Re-encoding reads EXIF (for the orientation): damage there counts too.
            return _reencode(_decode(data, source_format), source_format)
        except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning):
            raise _too_many_pixels() from None
        except UnidentifiedImageError:
            raise ValidationError(
                f"This is not a {ACCEPTED} image. Vector, PDF, PostScript, "
                "Photoshop and TIFF files are not accepted.",
                code="unsupported",
            ) from None
        except DAMAGED:
            raise ValidationError(
                "The image is damaged or incomplete (perhaps a cut-off upload); "
                "export it again and retry.",
                code="damaged",
            ) from None


def _read_capped(upload):
    limit = max_bytes()
    if getattr(upload, "size", None) is not None and upload.size > limit:
        raise _too_large(limit)
    upload.seek(0)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise _too_large(limit)
    if not data:
        raise ValidationError("The file is empty.", code="empty")
    return data


def _sniff(data):
    """The Pillow format name of `data`, checked in full without decoding pixels."""
    with PILImage.open(io.BytesIO(data), formats=list(FORMATS)) as probe:
        # A multi-picture JPEG (MPO, from some cameras) is read as JPEG.
        source_format = "JPEG" if probe.format == "MPO" else probe.format
        width, height = probe.size
        if width * height > max_pixels():
            raise _too_many_pixels()
        # verify() must come straight after open; the frames are counted in _decode.
        probe.verify()
    return source_format


def _check_pixels(probe):
    """Raise if the frames of `probe` add up to more than the pixel cap."""
    limit = max_pixels()
    total = 0
    frame = 0
    while True:
        width, height = probe.size
        total += width * height
        if total > limit:
            raise _too_many_pixels()
        frame += 1
        try:
            # Some formats (GIF) only know their frames by reading on: count as we go.
            probe.seek(frame)
        except EOFError:
            break
    probe.seek(0)


def _check_extension(name, source_format):
    suffix = PurePosixPath(name).suffix.lower()
    allowed = FORMATS[source_format][0]
    if suffix not in allowed:
        raise ValidationError(
            f"The file is a {NAMES[source_format]} image but its name ends in "
            f"“{suffix or 'nothing'}”; name it {' or '.join(sorted(allowed))}.",
            code="extension",
        )


def _decode(data, source_format):
    image = PILImage.open(io.BytesIO(data), formats=[source_format])
    _check_pixels(image)
    image.seek(0)
    image.load()
    return image


def _reencode(image, source_format):
    icc_profile = image.info.get("icc_profile")
    image = ImageOps.exif_transpose(image)
    image, icc_profile = _normalise_mode(image, icc_profile)
    clean = image.copy()
    # Everything but pixels and the colour profile stays behind: EXIF, XMP, comments.
    clean.info = {}
    _, stored_format, suffix = FORMATS[source_format]
    options = dict(SAVE_OPTIONS[stored_format])
    if icc_profile:
        options["icc_profile"] = icc_profile
    buffer = io.BytesIO()
    clean.save(buffer, format=stored_format, **options)
    return CleanImage(
        file=ContentFile(buffer.getvalue(), name=f"upload{suffix}"),
        width=clean.width,
        height=clean.height,
        source_format=source_format,
    )


def _normalise_mode(image, icc_profile):
    """A mode every stored format and browser handles; CMYK becomes sRGB."""
    if image.mode == "CMYK":
        if icc_profile:
            try:
                source = ImageCms.ImageCmsProfile(io.BytesIO(icc_profile))
                image = ImageCms.profileToProfile(
                    image, source, ImageCms.createProfile("sRGB"), outputMode="RGB"
                )
            except ImageCms.PyCMSError:
                image = image.convert("RGB")
        else:
            image = image.convert("RGB")
        return image, None
    if image.mode == "P" or "transparency" in image.info:
        return image.convert("RGBA"), icc_profile
    if image.mode not in {"L", "LA", "RGB", "RGBA"}:
        return image.convert("RGB"), icc_profile
    return image, icc_profile


def _too_large(limit):
    return ValidationError(
        f"The file is larger than {filesizeformat(limit)}; export a smaller one.",
        code="too_large",
    )


def _too_many_pixels():
    return ValidationError(
        f"The image has more than {max_pixels() / 1_000_000:g} megapixels (all "
        "frames counted); export a smaller one.",
        code="too_many_pixels",
    )
