"""Plain-text agency copy: paragraphs, then a block of one-line related headlines.

An optional first line that reads as a headline is the copy's own; a dateline and
agency credit (“PARIS, Jan 6 (Reuters) -”) open the first paragraph when present;
“(Reporting by …; Editing by …)” at the end gives the byline. Lines that wrap inside a
paragraph are joined; a blank line ends a block.
"""

import re

from django.utils.html import escape

from ..sanitize import clean_html
from .item import WireError, WireItem, digest, split_names
from .likeness import own_headline
from .words import terms

MAX_HEADLINES = 50
DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’ -]{1,40}?)"
    r"(?:,\s*[^()\n]{1,30}?)?"
    r"\s*\((?P<agency>[A-Za-z][\w.&/ -]{0,40}?)\)\s*[-–—]+\s*"
)
CREDITS = re.compile(
    r"^\((?P<credits>(?:Reporting|Writing|Additional reporting)[^)]*)\)$"
)
BY = re.compile(r"^By\s+(?P<names>[A-Z][^.!?]{2,120})$")
# Markup wire text never carries: a web page or a script pasted by mistake.
MARKUP = re.compile(r"<\s*(script|html|body|iframe|object|embed|style)\b", re.I)
LABEL = re.compile(r"^(related|see also|more on)\b[^.]{0,40}:?$", re.I)
_SENTENCE_END = re.compile(r"[.!?…:;,]$")


def parse(copy):
    """The WireItem in plain-text `copy` (already decoded and size-checked)."""
    if MARKUP.search(copy):
        raise WireError(
            "The copy holds HTML scripts or page markup, which agency text never "
            "does. Paste the story's text, not a web page."
        )
    lines = [line.rstrip() for line in copy.split("\n")]
    blocks = _blocks(lines)
    related = _trailing_headlines(blocks)
    headline, byline = "", []
    first = blocks[0] if blocks else []
    if first and _looks_like_headline(first[0]) and (len(first) > 1 or len(blocks) > 1):
        headline = first.pop(0)
        if not first:
            blocks.pop(0)
    if blocks and blocks[0] and (by := BY.match(blocks[0][0])):
        byline = split_names(by.group("names"))
        blocks[0].pop(0)
    paragraphs = [p for block in blocks for p in _paragraphs(block)]
    if paragraphs and (credits := CREDITS.match(paragraphs[-1])):
        byline = byline or _credited(credits.group("credits"))
        paragraphs.pop()
    dateline = credit = ""
    if paragraphs and (opening := DATELINE.match(paragraphs[0])):
        dateline = " ".join(opening.group("place").split())
        credit = opening.group("agency").strip()
        paragraphs[0] = paragraphs[0][opening.end() :]
    paragraphs = [p for p in paragraphs if p.strip()]
    # Prose ends its sentences; a stack of headline lines does not.
    if not any(_SENTENCE_END.search(p.rstrip("\"”’')")) for p in paragraphs):
        raise WireError(
            "No story paragraphs were found: the copy is only headlines. Paste the "
            "story's text above its related headlines."
        )
    if len(related) > MAX_HEADLINES:
        raise WireError(
            f"The copy lists {len(related)} related headlines; at most "
            f"{MAX_HEADLINES} are taken. Is this a whole feed in one file?"
        )
    source = "agency" if headline else ""
    if not headline and len(related) > 1:
        own = own_headline(related, terms(" ".join(paragraphs)))
        if own is not None:
            headline, source = related.pop(own), "list"
    body_html = clean_html("".join(f"<p>{escape(p)}</p>" for p in paragraphs))
    normalised = "\n".join(line for line in lines if line)
    return WireItem(
        key=f"text:{digest(normalised)}",
        digest=digest(normalised),
        body_html=body_html,
        paragraphs=paragraphs,
        headline=headline[:200],
        headline_source=source,
        dateline=dateline[:60],
        credit=credit[:100],
        byline=byline,
        related_headlines=related,
    )


def _blocks(lines):
    blocks, current = [], []
    for line in lines:
        if line.strip():
            current.append(line.strip())
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _looks_like_headline(line):
    words = line.split()
    return (
        2 <= len(words) <= 30
        and len(line) <= 200
        and not line.startswith("(")
        and not _SENTENCE_END.search(line.rstrip("\"”’')"))
        and any(word[:1].isupper() for word in words)
    )


def _headline_block(block):
    return (
        all(len(line) <= 200 and len(line.split()) <= 30 for line in block)
        and sum(map(_looks_like_headline, block)) * 4 >= len(block) * 3
    )


def _trailing_headlines(blocks):
    """Take the related-headline lines off the end of `blocks`, in their order."""
    related = []
    while len(blocks) > 1 and (
        _headline_block(blocks[-1]) or all(LABEL.match(line) for line in blocks[-1])
    ):
        related[:0] = [line for line in blocks.pop() if not LABEL.match(line)]
    if not related and blocks:
        # No blank line before the list: its lines run on after the last paragraph.
        last = blocks[-1]
        run = len(last)
        while run > 1 and _looks_like_headline(last[run - 1]):
            run -= 1
        if len(last) - run >= 2:
            related = last[run:]
            del last[run:]
    return related


def _paragraphs(block):
    """Lines of a block as paragraphs: a line that ends a sentence ends one."""
    paragraphs, current = [], []
    for line in block:
        current.append(line)
        if _SENTENCE_END.search(line.rstrip("\"”’')")) or line.endswith(("”", '"')):
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return paragraphs


def _credited(credits):
    """The reporters' and writers' names in “Reporting by A and B; Editing by C”."""
    names = []
    for part in credits.split(";"):
        found = re.match(r"\s*(?:Additional reporting|Reporting|Writing) by (.+)", part)
        if found:
            names += split_names(found.group(1))
    return names
