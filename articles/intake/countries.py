"""Countries named in copy: ISO names (pycountry), the newsroom's short forms and
demonyms (data/places.json).

Capitals do not count: “Kyiv said” names a government, and a summit “in Paris” is
not a story about France; the country has to be named. Matching is case-sensitive,
since country names are proper nouns (“US” the country, “us” the pronoun).
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
def _pattern():
    # Longest first, so that "Papua New Guinea" wins over "Guinea".
    names = sorted(forms(), key=len, reverse=True)
    alternatives = "|".join(re.escape(name) for name in names)
    return re.compile(rf"(?<![\w.])(?:{alternatives})(?![\w])")


def _ambiguous():
    return set(_data()["ambiguous"])


def find(text):
    """[Mention] of every country named in `text`, in order."""
    mentions = []
    ambiguous = _ambiguous()
    for match in _pattern().finditer(text or ""):
        form = match.group()
        code = forms()[form]
        if code is None:
            continue
        if form in ambiguous and _in_a_name(text, match.start(), match.end()):
            continue
        mentions.append(Mention(code, form, match.start(), match.end()))
    return mentions


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
