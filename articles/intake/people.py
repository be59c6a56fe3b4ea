"""People named in copy: those already in the vocabulary, and new names to propose.

Known people are found by their full name or a recorded spelling variant, then by
surname alone once named in full. New names are runs of two to four capitalised
words that are not places, organisations or titles (nameparser's list of titles and
data/names.json), preferably announced by a title (“envoy Steve Witkoff”) or named
again by surname. They are only proposed: nothing is created here.
"""

import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from nameparser import HumanName
from nameparser.config import CONSTANTS

from ..models import PersonTag, PersonVariant
from . import countries
from .words import STOPWORDS, clean

DATA = Path(__file__).parent / "data" / "names.json"
_TOKEN = re.compile(r"\w+(?:[-'’]\w+)*\.?|[^\w\s]")
_POSSESSIVE = re.compile(r"['’]s$")
# A place or an institution follows these far more often than a person does.
_NOT_BEFORE_A_NAME = {"in", "at", "near", "outside", "across", "from", "around", "the"}


@dataclass
class Found:
    """A person (known: `tag`; new: a name) and where the copy names them."""

    name: str
    tag: PersonTag | None = None
    mentions: int = 0
    first: int = 0
    forms: list[str] = field(default_factory=list)
    cue: str = ""


@cache
def _names_data():
    data = json.loads(DATA.read_text(encoding="utf-8"))
    titles = {title.lower().rstrip(".") for title in CONSTANTS.titles}
    return frozenset(data["not_names"]), frozenset(titles | set(data["titles"]))


@dataclass
class _Word:
    text: str
    paragraph: int
    sentence_start: bool
    before: str  # the previous word, lower-cased ("" at a sentence's start)
    possessive: bool = False


def _runs(paragraphs):
    """Runs of capitalised words: [[_Word]], each run within one sentence."""
    runs = []
    for number, paragraph in paragraphs:
        current, sentence_start, before = [], True, ""
        for match in _TOKEN.finditer(clean(paragraph)):
            token = match.group()
            if not token[0].isalnum():
                if current:
                    runs.append(current)
                    current = []
                sentence_start = token in ".!?:;"
                before = "" if sentence_start else before
                continue
            if token.endswith(".") and len(token) > 2:
                token, ends = token[:-1], True
            else:
                ends = False
            possessive = bool(_POSSESSIVE.search(token))
            word = _POSSESSIVE.sub("", token)
            if _capitalised(word):
                current.append(_Word(word, number, sentence_start, before, possessive))
                if possessive:
                    runs.append(current)
                    current = []
            elif current:
                runs.append(current)
                current = []
            before = word.lower()
            sentence_start = ends
        if current:
            runs.append(current)
    return runs


def _capitalised(word):
    return word[:1].isupper() and (len(word) == 1 or not word.isupper())


def find(headline, paragraphs):
    """(known, new): [Found] for people in the vocabulary, and names to propose.

    `paragraphs` are plain text; the headline counts as paragraph 0 for known
    people but proposes no one (a title-case headline capitalises every word).
    """
    numbered = [(0, headline or ""), *enumerate(paragraphs, start=1)]
    runs = _runs(numbered)
    known = _known(runs)
    body_runs = [run for run in runs if run and run[0].paragraph > 0]
    new = _proposals(body_runs, known, " ".join(paragraphs))
    return list(known.values()), new


def _grams(run):
    for size in range(min(4, len(run)), 0, -1):
        for start in range(len(run) - size + 1):
            yield start, size, " ".join(word.text for word in run[start : start + size])


def _known(runs):
    """{tag pk: Found} for vocabulary people named in `runs`, whose words are
    then blanked so that no proposal is made from them."""
    grams = {gram for run in runs for _, _, gram in _grams(run)}
    if not grams:
        return {}
    full = {tag.name: tag for tag in PersonTag.objects.filter(name__in=grams)}
    for variant in PersonVariant.objects.filter(name__in=grams).select_related(
        "person"
    ):
        full.setdefault(variant.name, variant.person)
    found, surnames = {}, {}
    for run in runs:
        position = 0
        while position < len(run):
            match = _longest(run[position:], full, found, surnames)
            if match is None:
                position += 1
                continue
            size, tag, form = match
            entry = found.setdefault(
                tag.pk, Found(tag.name, tag, first=run[position].paragraph)
            )
            entry.mentions += 1
            if form not in entry.forms:
                entry.forms.append(form)
            last = tag.name.split()[-1]
            if len(last) >= 3:
                surnames.setdefault(last, set()).add(tag.pk)
            for word in run[position : position + size]:
                word.text = ""
            position += size
    return found


def _longest(words, full, found, surnames):
    """(size, tag, form) of the longest known name that `words` start with."""
    for size in range(min(4, len(words)), 0, -1):
        if not all(word.text for word in words[:size]):
            continue
        form = " ".join(word.text for word in words[:size])
        tag = full.get(form)
        # A surname alone (or a one-word variant) counts once named in full.
        if tag is not None and (
            size > 1 or len(tag.name.split()) == 1 or tag.pk in found
        ):
            return size, tag, form
        if size == 1 and len(surnames.get(form, ())) == 1:
            (pk,) = surnames[form]
            return 1, found[pk].tag, form
    return None


def _proposals(runs, known, text):
    not_names, titles = _names_data()
    # Words the copy also writes in lower case are words, not names.
    lower_words = set(re.findall(r"\b[a-z]\w+", text))
    known_names = {found.name.lower() for found in known.values()}
    proposed = {}
    for run in runs:
        before = run[0].before
        words, cue = _after_titles([word for word in run if word.text], titles)
        while words and (
            _not_a_name(words[0], not_names)
            or words[0].sentence_start
            and words[0].text.lower() in STOPWORDS | lower_words
        ):
            words = words[1:]
        if not 2 <= len(words) <= 4:
            continue
        if any(_not_a_name(word, not_names) for word in words):
            continue
        if not cue and before.rstrip("s") in titles:
            cue = before
        if not cue and before in _NOT_BEFORE_A_NAME:
            continue
        name = " ".join(word.text for word in words)
        if name.lower() in known_names:
            continue
        entry = proposed.setdefault(name, Found(name, first=words[0].paragraph))
        entry.mentions += 1
        entry.cue = entry.cue or cue
        if name not in entry.forms:
            entry.forms.append(name)
    _count_surnames(proposed, runs)
    return sorted(proposed.values(), key=lambda found: (found.first, -found.mentions))


def _after_titles(words, titles):
    """The words after the last title that leaves room for a name (“Trade Minister
    Kenji Arakawa”), and that title."""
    for index in range(len(words) - 3, -1, -1):
        if words[index].text.lower() in titles:
            return words[index + 1 :], words[index].text
    return words, ""


def _not_a_name(word, not_names):
    """Whether the word is a place, an organisation's word or a nationality; a
    country that is also a first name (“Jordan”) may be a name."""
    if word.text.lower() in not_names:
        return True
    return word.text in countries.forms() and word.text not in countries.ambiguous()


def _count_surnames(proposed, runs):
    """Add later mentions by surname alone (“Witkoff said”) to each proposal."""
    by_surname = {}
    for found in proposed.values():
        last = HumanName(found.name).last or found.name.split()[-1]
        if len(last) >= 3:
            by_surname.setdefault(last, []).append(found)
    for run in runs:
        if len(run) == 1 and run[0].text in by_surname:
            owners = by_surname[run[0].text]
            if len(owners) == 1 and owners[0].first <= run[0].paragraph:
                owners[0].mentions += 1
                if run[0].text not in owners[0].forms:
                    owners[0].forms.append(run[0].text)
