"""The one allow-list for story bodies: what the editor can make, and nothing else."""

import nh3

ALLOWED_TAGS = {
    "p",
    "br",
    "h2",
    "h3",
    "h4",
    "strong",
    "em",
    "b",
    "i",
    "ul",
    "ol",
    "li",
    "blockquote",
    "a",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}
# Their text is code or styling, not prose; drop it along with the tag.
DROP_WITH_CONTENT = {"script", "style", "template", "noscript", "iframe", "object"}


def clean_html(html):
    """Return `html` reduced to the allow-list; idempotent and never raises on input."""
    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        clean_content_tags=DROP_WITH_CONTENT,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()
