"""What a reader reads in one region of a page's HTML."""

import re


def region(html, start, end):
    """The HTML from the first `start` to the next `end` after it ("" if absent)."""
    found = re.search(re.escape(start) + ".*?" + re.escape(end), html, re.S)
    return found.group(0) if found else ""


def lead(html):
    """The front page's lead story."""
    return region(html, '<article class="teaser teaser-lead">', "</article>")


def in_the_news(html):
    """The front page's "In the news" list."""
    return region(html, 'aria-labelledby="in-the-news"', "</section>")


def related(html):
    """A story page's related headlines."""
    return region(html, 'aria-labelledby="related-headlines"', "</section>")


def section_block(html, slug):
    """The front page's block of headlines of the section at `slug`."""
    return region(html, f'aria-labelledby="section-{slug}"', "</section>")
