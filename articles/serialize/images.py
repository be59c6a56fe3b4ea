"""A lead image as JSON data: the original and every rendition made so far."""

from ..absolute import absolute_url
from ..images.picture import STORAGE

MEDIA_TYPES = {"avif": "image/avif", "webp": "image/webp", "jpeg": "image/jpeg"}


def image(image):
    """`image` with its renditions (listed on its row: no query), or None."""
    if image is None or not image.file:
        return None
    renditions = [
        {
            "ratio": ratio,
            "format": fmt,
            "media_type": MEDIA_TYPES.get(fmt, "application/octet-stream"),
            "width": width,
            "height": height,
            "url": absolute_url(STORAGE.url(name)),
        }
        for ratio, rows in sorted(image.rendition_files.items())
        for fmt, width, height, name in rows
    ]
    return {
        "id": image.pk,
        "alt_text": image.alt_text,
        "caption": image.caption,
        "credit": image.credit,
        "width": image.width,
        "height": image.height,
        "focal_point": {"x": image.focal_x, "y": image.focal_y},
        "url": absolute_url(image.file.url),
        "renditions": renditions,
    }
