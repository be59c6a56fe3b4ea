# ruff: noqa: T201  (a benchmark prints its figures)
"""Time every rendition of a 24-megapixel photo, per format and width.

    DJANGO_DEBUG=1 .venv/bin/python bench/renditions.py [--quick]

The photo is synthetic, made here with Pillow (no download): a fractal scene with
texture at every scale and film-like grain, so the encoders have real detail to
work on. The script runs the upload policy on it, decodes it once, then crops
around the focal point and scales (as the rendition task does, timed as one step)
and encodes each rendition, timing each encode. It ends with the bytes of the
story page's 640 px 16:9 lead picture in each format.
"""

import io
import os
import sys
import time
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")

import django  # noqa: E402

django.setup()

from PIL import Image, ImageOps  # noqa: E402

from articles.demo.pictures import demo_picture  # noqa: E402
from articles.images import renditions  # noqa: E402
from articles.images.validation import clean_upload  # noqa: E402

FORMATS = ("avif", "webp", "jpeg")


def photo(size):
    """A JPEG of `size` with detail at every scale."""
    width, height = size
    fractal = Image.effect_mandelbrot(size, (-0.7454, 0.1130, -0.7446, 0.1135), 200)
    scene = ImageOps.colorize(
        fractal, black=(18, 30, 52), white=(250, 214, 160), mid=(150, 90, 70)
    )
    texture = Image.effect_noise((width // 16, height // 16), 60).resize(size)
    grain = Image.effect_noise(size, 40)
    scene = Image.blend(scene, Image.merge("RGB", (texture, grain, texture)), 0.18)
    buffer = io.BytesIO()
    scene.save(buffer, format="JPEG", quality=90)
    buffer.name = "photo.jpg"
    return buffer


def timed(function, *args):
    started = time.perf_counter()
    result = function(*args)
    return result, time.perf_counter() - started


def lead_bytes(source):
    """Bytes of the story page's 640 px 16:9 lead picture of `source`, per format."""
    image = SimpleNamespace(
        width=source.width, height=source.height, focal_x=0.5, focal_y=0.5
    )
    spec = next(
        s for s in renditions.specs_for(image) if s.ratio == "16:9" and s.width == 640
    )
    picture = renditions.resize_all(source, [spec])[spec.crop, spec.width]
    return {fmt: len(renditions.encode(picture, fmt, None).read()) for fmt in FORMATS}


def main():
    size = (3000, 2000) if "--quick" in sys.argv else (6000, 4000)
    upload, made = timed(photo, size)
    clean, checked = timed(clean_upload, upload)
    source, decoded = timed(renditions.load_source, clean.file)
    image = SimpleNamespace(
        width=source.width, height=source.height, focal_x=0.62, focal_y=0.4
    )
    specs = renditions.specs_for(image)
    pictures, resized = timed(renditions.resize_all, source, specs)
    megapixels = source.width * source.height / 1e6
    print(
        f"Source: {source.width}×{source.height} ({megapixels:.1f} MP), stored as a "
        f"{clean.file.size / 1e6:.1f} MB JPEG"
    )
    print(f"Upload policy (sniff, verify, decode, re-encode): {checked:.2f} s")
    print(f"Decode for renditions: {decoded:.2f} s")
    print(f"Crop and scale all {len(specs)} renditions: {resized:.2f} s\n")
    print(
        f"{'ratio':<8}{'width':>6}"
        + "".join(f"{f.upper() + ' s':>9}" for f in FORMATS)
        + "".join(f"{f.upper() + ' kB':>10}" for f in FORMATS)
    )
    rows, totals = {}, dict.fromkeys(FORMATS, 0.0)
    for spec in specs:
        picture = pictures[spec.crop, spec.width]
        content, seconds = timed(renditions.encode, picture, spec.format, None)
        rows.setdefault((spec.ratio, spec.width), {})[spec.format] = (
            seconds,
            content.size / 1000,
        )
        totals[spec.format] += seconds
    for (ratio, width), cells in rows.items():
        line = f"{ratio:<8}{width:>6}"
        line += "".join(
            f"{cells[f][0]:>9.3f}" if f in cells else f"{'—':>9}" for f in FORMATS
        )
        line += "".join(
            f"{cells[f][1]:>10.1f}" if f in cells else f"{'—':>10}" for f in FORMATS
        )
        print(line)
    total = decoded + resized + sum(totals.values())
    print(
        "\nEncode totals: "
        + ", ".join(f"{f.upper()} {totals[f]:.2f} s" for f in FORMATS)
        + f"\nAll renditions of one photo (decode + crop/scale + encode): {total:.2f} s"
    )
    print("\nStory page lead picture, 16:9 at 640 px, bytes per format:")
    demo = renditions.load_source(demo_picture("bench", "world")[0])
    for label, picture in (("this photo", source), ("a demo-desk picture", demo)):
        sizes = lead_bytes(picture)
        print(
            f"  {label:<20}" + "  ".join(f"{f.upper()} {sizes[f]:>7,}" for f in FORMATS)
        )


if __name__ == "__main__":
    main()
