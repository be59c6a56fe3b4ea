"""Choosing what a page shows of an image: only renditions that already exist.

Works on `image.rendition_files`, the list of renditions kept on the image row, so a
page of pictures reads no rendition rows at all; with no rendition yet, the original.
"""

from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from django.core.signals import setting_changed
from django.dispatch import receiver

from ..models import Rendition

SOURCE_TYPES = (
    (Rendition.Format.AVIF, "image/avif"),
    (Rendition.Format.WEBP, "image/webp"),
)
STORAGE = Rendition._meta.get_field("file").storage
# Feed readers show the enclosure small; a 1920 px picture is weight for nothing.
FEED_MAX_WIDTH = 1280


class Shown(NamedTuple):
    """A rendition as a page names it (a tuple: a page of pictures makes hundreds)."""

    format: str
    width: int
    height: int
    name: str

    @property
    def url(self):
        return _url(self.name)


@dataclass(frozen=True)
class Picture:
    src: str
    width: int
    height: int
    alt: str
    sources: list = field(default_factory=list)
    srcset: str = ""


def shown(image, ratio):
    """`image`'s renditions cut to `ratio`, narrowest first."""
    return sorted(
        (Shown(*row) for row in image.rendition_files.get(ratio, ())), key=_width
    )


def picture_for(image, ratio=Rendition.Ratio.WIDE, fallback_width=960):
    """A Picture of `image` cut to `ratio`, or None without an image."""
    if image is None or not image.file:
        return None
    by_format = _by_format(image, ratio)
    jpegs = by_format.get(Rendition.Format.JPEG, [])
    if not jpegs:
        return _original(image, image.alt_text)
    # The <img> fallback: the largest JPEG up to `fallback_width`, else the smallest.
    fallback = ([r for r in jpegs if r.width <= fallback_width] or jpegs[:1])[-1]
    sources = [
        {"type": mime, "srcset": _srcset(by_format[fmt])}
        for fmt, mime in SOURCE_TYPES
        if by_format.get(fmt)
    ]
    return Picture(
        src=fallback.url,
        width=fallback.width,
        height=fallback.height,
        alt=image.alt_text,
        sources=sources,
        srcset=_srcset(jpegs),
    )


def _by_format(image, ratio):
    """{format: [renditions, narrowest first]} of `image` cut to `ratio`."""
    by_format = {}
    for rendition in shown(image, ratio):
        by_format.setdefault(rendition.format, []).append(rendition)
    return by_format


def _original(image, alt):
    """The uploaded file itself, before any rendition exists."""
    return Picture(src=image.file.url, width=image.width, height=image.height, alt=alt)


def thumbnail_for(image, ratio, min_width):
    """A Picture of `image` cut to `ratio` for a small place of fixed size: one
    rendition per format, the narrowest at least `min_width` pixels wide (the
    place's width at the densest screens), else the widest; or None."""
    if image is None or not image.file:
        return None
    by_format = _by_format(image, ratio)
    if Rendition.Format.JPEG not in by_format:
        return _original(image, "")
    chosen = {
        fmt: ([r for r in found if r.width >= min_width] or found[-1:])[0]
        for fmt, found in by_format.items()
    }
    fallback = chosen[Rendition.Format.JPEG]
    return Picture(
        src=fallback.url,
        width=fallback.width,
        height=fallback.height,
        alt="",
        sources=[
            {"type": mime, "srcset": chosen[fmt].url}
            for fmt, mime in SOURCE_TYPES
            if fmt in chosen
        ],
    )


def social_image(image):
    """The 1200×630 social card rendition of `image`, or None before it exists."""
    if image is None:
        return None
    return max(shown(image, Rendition.Ratio.SOCIAL), key=_width, default=None)


def feed_image(image):
    """The JPEG a feed encloses for `image`: its social card, else its largest 16:9
    JPEG up to 1280 px wide; None before renditions exist."""
    card = social_image(image)
    if card is not None:
        return card
    jpegs = [
        r
        for r in shown(image, Rendition.Ratio.WIDE)
        if r.format == Rendition.Format.JPEG
    ]
    if not jpegs:
        return None
    return ([r for r in jpegs if r.width <= FEED_MAX_WIDTH] or jpegs[:1])[-1]


def structured_data_urls(image):
    """The largest 16:9 and 1:1 JPEG renditions' URLs, widest crop first; empty
    before they exist (the caller then names the original)."""
    urls = []
    for ratio in (Rendition.Ratio.WIDE, Rendition.Ratio.SQUARE):
        jpegs = [r for r in shown(image, ratio) if r.format == Rendition.Format.JPEG]
        if jpegs:
            urls.append(jpegs[-1].url)
    return urls


@lru_cache(maxsize=20_000)
def _url(name):
    # A rendition's name is unique and never reused: its URL changes only with the
    # storage's settings.
    return STORAGE.url(name)


@receiver(setting_changed)
def _forget_urls(setting, **kwargs):
    if setting in ("MEDIA_URL", "STORAGES"):
        _url.cache_clear()


def _width(rendition):
    return rendition.width


def _srcset(renditions):
    return ", ".join(f"{r.url} {r.width}w" for r in renditions)
