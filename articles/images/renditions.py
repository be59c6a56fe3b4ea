"""Making renditions: each focal-point crop, at each width, in each format.

`refresh_renditions(image)` is idempotent: a rendition whose crop box still matches
is kept, a changed one is re-encoded under a new name (its old file deleted after
commit), and one no longer wanted is removed. Readers keep seeing the old renditions
until the new ones are recorded, so a page never waits on an encode.
"""

import io
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from PIL import Image as PILImage
from PIL import ImageOps, features

from ..cache import keys, purge
from ..models import Image, Rendition
from .crops import SOCIAL_SIZE, focal_crop, rendition_widths, scaled_height
from .files import delete_files, delete_files_on_commit

FILE_FIELD = Rendition._meta.get_field("file")
Ratio = Rendition.Ratio
Format = Rendition.Format

RATIOS = {Ratio.WIDE: (16, 9), Ratio.SQUARE: (1, 1), Ratio.SOCIAL: SOCIAL_SIZE}
FORMATS = {
    Ratio.WIDE: (Format.AVIF, Format.WEBP, Format.JPEG),
    Ratio.SQUARE: (Format.AVIF, Format.WEBP, Format.JPEG),
    # Social networks fetch one image and not every one reads AVIF or WebP.
    Ratio.SOCIAL: (Format.JPEG,),
}
if not features.check("avif"):
    # Without libavif in Pillow, pages offer WebP and JPEG only.
    FORMATS = {
        ratio: tuple(f for f in fs if f != Format.AVIF) for ratio, fs in FORMATS.items()
    }
ENCODINGS = {
    Format.AVIF: ("AVIF", ".avif", {"quality": 55, "speed": 8}),
    Format.WEBP: ("WEBP", ".webp", {"quality": 78, "method": 4}),
    Format.JPEG: (
        "JPEG",
        ".jpg",
        {"quality": 80, "optimize": True, "progressive": True},
    ),
}


@dataclass(frozen=True)
class Spec:
    ratio: str
    width: int
    height: int
    format: str
    crop: str


def specs_for(image):
    """Every rendition `image` should have, from its size and focal point."""
    specs = []
    for ratio, shape in RATIOS.items():
        box = focal_crop(image.width, image.height, shape, image.focal_x, image.focal_y)
        if ratio == Ratio.SOCIAL:
            widths = rendition_widths(box.width, widths=(SOCIAL_SIZE[0],))
        else:
            widths = rendition_widths(box.width)
        for width in widths:
            for fmt in FORMATS[ratio]:
                specs.append(
                    Spec(ratio, width, scaled_height(box, width), fmt, str(box))
                )
    return specs


def refresh_renditions(image):
    """Bring `image`'s renditions in line with its focal point; return how many were
    recorded."""
    existing = {
        (r.ratio, r.width, r.format): r for r in Rendition.objects.filter(image=image)
    }
    wanted = {(s.ratio, s.width, s.format): s for s in specs_for(image)}
    todo = [
        spec
        for key, spec in wanted.items()
        if key not in existing or existing[key].crop != spec.crop
    ]
    if not todo and existing.keys() == wanted.keys():
        return 0
    made = []
    if todo:
        with image.file.open("rb") as source_file:
            source = load_source(source_file)
        icc_profile = source.info.get("icc_profile")
        pictures = resize_all(source, todo)
        for spec in todo:
            picture = pictures[spec.crop, spec.width]
            made.append((spec, encode(picture, spec.format, icc_profile)))
    # Files first, rows second: a reader only ever sees rows whose file exists.
    written = []
    try:
        for spec, content in made:
            name = FILE_FIELD.generate_filename(None, content.name)
            written.append((spec, default_storage.save(name, content)))
        recorded = _record(image, written, wanted.keys())
    except BaseException:
        delete_files([name for _, name in written])
        raise
    if not recorded:
        delete_files([name for _, name in written])
    return recorded


def _record(image, written, wanted):
    """Record `written` renditions; False, recording nothing, if the image was
    deleted or changed while they were encoded (its newer task does the work)."""
    with transaction.atomic():
        # Lock the image row: a concurrent delete or edit waits, or has already won.
        current = (
            Image.objects.select_for_update()
            .filter(pk=image.pk)
            .values_list("file", "width", "height", "focal_x", "focal_y")
            .first()
        )
        rendered = (image.file.name, image.width, image.height)
        if current != (*rendered, image.focal_x, image.focal_y):
            return False
        existing = {
            (r.ratio, r.width, r.format): r
            for r in Rendition.objects.filter(image=image)
        }
        stale = [r for key, r in existing.items() if key not in wanted]
        replaced = [r.file.name for r in stale]
        for spec, name in written:
            rendition = existing.get((spec.ratio, spec.width, spec.format))
            if rendition is None:
                rendition = Rendition(
                    image=image, ratio=spec.ratio, width=spec.width, format=spec.format
                )
            else:
                replaced.append(rendition.file.name)
            rendition.height = spec.height
            rendition.crop = spec.crop
            rendition.file.name = name
            rendition.save()
        Rendition.objects.filter(pk__in=[r.pk for r in stale]).delete()
        Image.objects.filter(pk=image.pk).update(
            rendition_files=rendition_files(Rendition.objects.filter(image=image))
        )
        delete_files_on_commit(replaced)
        # Cached pages showing the picture re-render with the new renditions.
        purge(keys.image(image))
    return len(written)


def rendition_files(renditions):
    """What pages read of `renditions` (Image.rendition_files): file names by ratio."""
    files = {}
    for r in sorted(renditions, key=lambda r: (r.ratio, r.format, r.width)):
        files.setdefault(r.ratio, []).append([r.format, r.width, r.height, r.file.name])
    return files


def load_source(source_file):
    source = PILImage.open(source_file)
    source.load()
    # Stored originals are already upright; this keeps renditions right for any other.
    source = ImageOps.exif_transpose(source)
    if source.mode not in {"RGB", "RGBA"}:
        source = source.convert("RGBA" if "A" in source.getbands() else "RGB")
    return source


def resize_all(source, specs):
    """{(crop, width): picture} for `specs`. Each crop is cut from the source and
    scaled once, to its largest width; the smaller widths come from that, which is
    several times faster than scaling a large photo again each time."""
    pictures = {}
    for spec in sorted(specs, key=lambda s: -s.width):
        if (spec.crop, spec.width) in pictures:
            continue
        larger = [p for (crop, _), p in pictures.items() if crop == spec.crop]
        if larger:
            base, box = larger[0], None
        else:
            base, box = source, tuple(int(n) for n in spec.crop.split(","))
        picture = base.resize(
            (spec.width, spec.height),
            PILImage.Resampling.LANCZOS,
            box=box,
            reducing_gap=3.0,
        )
        # resize() copies the source's metadata; a rendition carries none of it.
        picture.info = {}
        pictures[spec.crop, spec.width] = picture
    return pictures


def encode(picture, fmt, icc_profile):
    pillow_format, suffix, options = ENCODINGS[fmt]
    options = dict(options)
    if pillow_format == "JPEG" and picture.mode == "RGBA":
        # JPEG has no alpha: transparent areas become white, as on the page.
        flat = PILImage.new("RGB", picture.size, "white")
        flat.paste(picture, mask=picture.getchannel("A"))
        picture = flat
    if icc_profile:
        options["icc_profile"] = icc_profile
    buffer = io.BytesIO()
    picture.save(buffer, format=pillow_format, **options)
    return ContentFile(buffer.getvalue(), name=f"rendition{suffix}")
