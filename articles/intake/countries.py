"""Countries named in copy: ISO names (pycountry), the newsroom's short forms and
demonyms (data/places.json).

Capitals do not count: “Kyiv said” names a government, and a summit “in Paris” is
not a story about France; the country has to be named. Matching is case-sensitive,
since country names are proper nouns (“US” the country, “us” the pronoun), and
looks up the words from each capitalised one in a table: one pass over the text.
"""

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pycountry

DATA = Path(__file__).parent / "data" / "places.json"
_CAPITALISED = re.compile(r"[A-Z][a-z]")


@dataclass(frozen=True)
class Mention:
    code: str
    form: str
    start: int
    end: int


@cache
def _data():
    return json.loads(DATA.read_text(encoding="utf-8"))


@cache
def forms():
    """{written form: alpha-2 code, or None for a phrase that is no country}."""
    found = {}
    for country in pycountry.countries:
        for attribute in ("name", "common_name", "official_name"):
            name = getattr(country, attribute, None)
            # "Korea, Republic of" is an index form, never written in copy.
            if name and "," not in name and "(" not in name:
                found[name.removeprefix("the ")] = country.alpha_2
    data = _data()
    for code, names in data["short_forms"].items():
        for name in names:
            found[name.removeprefix("the ")] = code
    for code, names in data["demonyms"].items():
        for name in names:
            found[name] = code
            found[f"{name}s"] = code
    for phrase in data["not_countries"]:
        found[phrase] = None
    return found


@cache
def _longest_form():
    return max(len(form.split()) for form in forms())


# Words, with the dots of abbreviations (“U.S.”); hyphens and apostrophes split
# (“Israel-Syria”, “Ukraine’s”).
_TOKEN = re.compile(r"[^\W\d_][\w.]*")


def find(text):
    """[Mention] of every country named in `text`, in order: the longest written
    form starting at each capitalised word."""
    text = text or ""
    known, longest, names = forms(), _longest_form(), ambiguous()
    tokens = list(_TOKEN.finditer(text))
    mentions, position = [], 0
    while position < len(tokens):
        found = None
        if tokens[position].group()[0].isupper():
            found = _form_at(text, tokens, position, longest, known)
        if found is None:
            position += 1
            continue
        size, form, end = found
        start = tokens[position].start()
        code = known[form]
        position += size
        if code is None or (form in names and _in_a_name(text, start, end)):
            continue
        mentions.append(Mention(code, form, start, end))
    return mentions


def _form_at(text, tokens, position, longest, known):
    """(tokens used, form, end) of the longest form starting at `position`."""
    for size in range(min(longest, len(tokens) - position), 0, -1):
        run = tokens[position : position + size]
        # Forms are written with single spaces between their words.
        if any(
            text[a.end() : b.start()] != " " for a, b in zip(run, run[1:], strict=False)
        ):
            continue
        written = " ".join(token.group() for token in run)
        end = run[-1].end()
        if written in known:
            return size, written, end
        # A sentence's full stop is not part of the name (“in France.”).
        bare = written.rstrip(".")
        if bare != written and bare in known:
            return size, bare, end - (len(written) - len(bare))
    return None


@cache
def ambiguous():
    """Country names that are also people's names or other places (“Jordan”)."""
    return frozenset(_data()["ambiguous"])


def _in_a_name(text, start, end):
    """Whether a name like “Jordan” or “Chad” stands beside another capitalised
    word, as in a person's name (“Michael Jordan”, “Chad Smith”)."""
    before = text[:start].rstrip(" ")
    previous = re.search(r"(\w+)$", before)
    if (
        previous
        and before.endswith(previous.group(1))
        and _CAPITALISED.match(previous.group(1))
        and not re.search(r"[.!?]\s*\w+$", before)
        and len(before) > len(previous.group(1))
    ):
        return True
    return bool(re.match(r"\s+[A-Z][a-z]", text[end:]))
