"""Choosing what a page shows of an image: only renditions that already exist.

Works on `image.renditions.all()`, which the loading plans prefetch, so a page of
pictures costs one query however many it shows; with no rendition yet, the original.
"""

from dataclasses import dataclass, field

from ..models import Rendition

SOURCE_TYPES = (
    (Rendition.Format.AVIF, "image/avif"),
    (Rendition.Format.WEBP, "image/webp"),
)


@dataclass(frozen=True)
class Picture:
    src: str
    width: int
    height: int
    alt: str
    sources: list = field(default_factory=list)
    srcset: str = ""


def picture_for(image, ratio=Rendition.Ratio.WIDE, fallback_width=960):
    """A Picture of `image` cut to `ratio`, or None without an image."""
    if image is None or not image.file:
        return None
    by_format = {}
    for rendition in image.renditions.all():
        if rendition.ratio == ratio:
            by_format.setdefault(rendition.format, []).append(rendition)
    jpegs = sorted(by_format.get(Rendition.Format.JPEG, []), key=_width)
    if not jpegs:
        return Picture(
            src=image.file.url,
            width=image.width,
            height=image.height,
            alt=image.alt_text,
        )
    # The <img> fallback: the largest JPEG up to `fallback_width`, else the smallest.
    fallback = ([r for r in jpegs if r.width <= fallback_width] or jpegs[:1])[-1]
    sources = [
        {"type": mime, "srcset": _srcset(sorted(by_format[fmt], key=_width))}
        for fmt, mime in SOURCE_TYPES
        if by_format.get(fmt)
    ]
    return Picture(
        src=fallback.file.url,
        width=fallback.width,
        height=fallback.height,
        alt=image.alt_text,
        sources=sources,
        srcset=_srcset(jpegs),
    )


def social_image(image):
    """The 1200×630 social card rendition of `image`, or None before it exists."""
    if image is None:
        return None
    cards = [r for r in image.renditions.all() if r.ratio == Rendition.Ratio.SOCIAL]
    return max(cards, key=_width, default=None)


def structured_data_urls(image):
    """The largest 16:9 and 1:1 JPEG renditions' URLs, widest crop first; empty
    before they exist (the caller then names the original)."""
    urls = []
    for ratio in (Rendition.Ratio.WIDE, Rendition.Ratio.SQUARE):
        jpegs = [
            r
            for r in image.renditions.all()
            if r.ratio == ratio and r.format == Rendition.Format.JPEG
        ]
        if jpegs:
            urls.append(max(jpegs, key=_width).file.url)
    return urls


def _width(rendition):
    return rendition.width


def _srcset(renditions):
    return ", ".join(f"{r.file.url} {r.width}w" for r in renditions)
