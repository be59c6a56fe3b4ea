"""Screenshots of the reader pages at 1280 and 390 px, for docs/reader.md.

    .venv/bin/python docs/reader/screenshots.py http://127.0.0.1:8010 after [dark]

The server must hold the demo desk (`manage.py load_demo`). Pages are found from the
front page's links, so the script needs no database access.
"""

import re
import sys
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

WIDTHS = (1280, 390)
HERE = Path(__file__).parent


def pages():
    """{name: path} of the pages the issue names, on the demo desk (the plain story's
    picture removed: every demo story has one)."""
    return {
        "front": "/",
        "story-curated": "/europe/{}/us-backs-allies-security-guarantees-for-ukraine/",
        "story-plain": "/world/{}/white-house-weighs-options-to-acquire-greenland/",
        "country": "/country/ukraine/",
        "person": "/person/volodymyr-zelenskiy/",
        "search": "/search/?q=venezuela",
    }


def resolve(page, base, path):
    """A story path with its date, read from the front page's or a list's links."""
    if "{}" not in path:
        return path
    slug = path.rstrip("/").rsplit("/", 1)[-1]
    for source in ("/", "/search/?q=" + slug.split("-")[0]):
        page.goto(base + source)
        match = re.search(rf'href="(/[^"]*/{slug}/)"', page.content())
        if match:
            return match.group(1)
    section = path.split("/")[1]
    page.goto(f"{base}/{section}/")
    match = re.search(rf'href="(/[^"]*/{slug}/)"', page.content())
    return match.group(1) if match else path.replace("{}", "2026/01/01")


def smaller(path):
    """128 colours, no dithering: a third of the bytes, text as sharp."""
    image = Image.open(path).convert("RGB")
    image.quantize(colors=128, dither=Image.Dither.NONE).save(path, optimize=True)


def main(base, label, scheme="light"):
    out = HERE / label
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium")
        for width in WIDTHS:
            context = browser.new_context(
                viewport={"width": width, "height": 900}, color_scheme=scheme
            )
            page = context.new_page()
            for name, path in pages().items():
                page.goto(base + resolve(page, base, path))
                # Lazy pictures load once scrolled to.
                page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
                page.wait_for_load_state("networkidle")
                page.evaluate("window.scrollTo(0, 0)")
                suffix = "" if scheme == "light" else f"-{scheme}"
                shot = out / f"{name}-{width}{suffix}.png"
                page.screenshot(path=shot, full_page=True)
                smaller(shot)
            context.close()
        browser.close()


if __name__ == "__main__":
    main(*sys.argv[1:])
