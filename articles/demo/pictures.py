"""Lead pictures for the demo desk, drawn locally with Pillow (nothing downloaded).

Each is an abstract scene in its section's colour, the same for the same story every
time, so `make run` shows the whole image pipeline: upload policy, focal-point crops
and responsive renditions.
"""

import io
import random

from django.core.files.base import File
from PIL import Image, ImageDraw

SIZE = (1280, 720)
SECTION_COLOURS = {
    "world": ((31, 78, 121), "deep blue"),
    "us": ((122, 31, 43), "dark red"),
    "americas": ((46, 107, 48), "green"),
    "europe": ((59, 63, 143), "indigo"),
    "middle-east": ((160, 82, 45), "sienna"),
    "asia": ((139, 30, 90), "plum"),
}
DEFAULT_COLOUR = ((70, 70, 70), "grey")


def demo_picture(slug, section_slug):
    """(JPEG file, focal point (x, y), colour name) for the story `slug`."""
    rng = random.Random(slug)
    colour, colour_name = SECTION_COLOURS.get(section_slug, DEFAULT_COLOUR)
    # Drawn at half size and scaled up: soft edges without a costly blur.
    width, height = size = (SIZE[0] // 2, SIZE[1] // 2)
    sky = Image.linear_gradient("L").resize(size)
    dark = tuple(c // 4 for c in colour)
    light = tuple(min(255, c + 120) for c in colour)
    picture = Image.composite(
        Image.new("RGB", size, dark), Image.new("RGB", size, light), sky
    )
    overlay = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    for _ in range(14):
        x, y = rng.randrange(width), rng.randrange(height)
        r = rng.randrange(10, 80)
        shade = tuple(min(255, c + rng.randrange(40, 140)) for c in colour)
        draw.ellipse(
            (x - r, y - r, x + r, y + r), fill=(*shade, rng.randrange(40, 110))
        )
    horizon = int(height * rng.uniform(0.55, 0.75))
    draw.rectangle((0, horizon, width, height), fill=(*dark, 200))
    # The subject: one bright disc, where the focal point goes.
    fx, fy = rng.uniform(0.15, 0.85), rng.uniform(0.25, 0.6)
    cx, cy, r = int(fx * width), int(fy * height), 35
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(255, 244, 214, 255))
    picture = Image.alpha_composite(picture.convert("RGBA"), overlay)
    picture = picture.convert("RGB").resize(SIZE, Image.Resampling.BICUBIC)
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=90)
    buffer.seek(0)
    return File(buffer, name=f"{slug}.jpg"), (round(fx, 3), round(fy, 3)), colour_name
