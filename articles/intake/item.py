"""The neutral form every kind of agency copy is read into."""

import hashlib
import html
import re
from dataclasses import dataclass, field
from datetime import datetime


class WireError(ValueError):
    """Copy that cannot be imported; the message says why, in editors' words."""


@dataclass
class Picture:
    href: str
    caption: str = ""
    credit: str = ""
    alt_text: str = ""


@dataclass
class WireItem:
    """One agency item, whatever its format. Text fields are plain text except
    `body_html`, which is already through the body allow-list."""

    key: str
    digest: str
    body_html: str
    paragraphs: list[str]
    format: str = "text"
    uri: str = ""
    version: str = ""
    headline: str = ""
    # Where the headline came from: "agency" (the item's own), "list" (picked from
    # the related headlines as the copy's own), "" (none: the editor writes one).
    headline_source: str = ""
    dek: str = ""
    dateline: str = ""
    credit: str = ""
    byline: list[str] = field(default_factory=list)
    related_headlines: list[str] = field(default_factory=list)
    # The agency's own tags: country codes or names, people's names.
    countries: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    subjects: list[str] = field(default_factory=list)
    embargoed_until: datetime | None = None
    pubstatus: str = "usable"
    pictures: list[Picture] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def is_withdrawn(self):
        return self.pubstatus in ("canceled", "withheld")

    def version_number(self):
        """The version as a number for ordering updates, or None."""
        try:
            return int(self.version)
        except (TypeError, ValueError):
            return None


def digest(copy):
    """SHA-256 of `copy`: how plain text is known again."""
    return hashlib.sha256(copy.encode("utf-8")).hexdigest()


def split_names(text):
    """The names in a byline: “Jane Roe, John Doe and Sam Poe”."""
    parts = re.split(r",\s*|\s+and\s+|;\s*|\s*&\s*", text or "")
    return [" ".join(part.split())[:120] for part in parts if part.strip()][:6]


def paragraphs_of(body_html):
    """The plain-text paragraphs of a sanitised body."""
    blocks = re.split(r"</(?:p|h[2-4]|li|blockquote)>|<br\s*/?>", body_html or "")
    texts = (html.unescape(re.sub(r"<[^>]*>", " ", block)) for block in blocks)
    return [" ".join(text.split()) for text in texts if text.strip()]
