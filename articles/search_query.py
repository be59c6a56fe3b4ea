"""The search grammar: what a reader's query means, parsed once, written for each
database.

- Words are matched whole, accents and case folded (articles.search_text); a word
  that folds into several ("covid-19", "U.S.") is a phrase of them. A star is
  punctuation: there is no prefix search.
- Every word must match: `grain deal` finds stories with both.
- `"a phrase"` finds the words next to each other, in one field.
- `kyiv OR lviv` (or `or`) finds either; OR joins the words or phrases on both sides
  of it. An OR at either end, or next to an excluded word, means nothing:
  `Paris OR` is `Paris`.
- `-word` or `-"a phrase"` leaves out the stories that have it; `--Paris` is
  `-Paris`. Exclusions only narrow: a query of exclusions alone finds nothing.
- Anything else (`(`, `*`, `NEAR`, `:`) is text, never syntax: terms are quoted.

At most MAX_TERMS words or phrases are read.
"""

import re
from dataclasses import dataclass

from .search_text import words

MAX_TERMS = 16
_TOKEN = re.compile(r'(-*)"([^"]*)"?|(\S+)')
_OR = object()


@dataclass(frozen=True)
class Query:
    """All `groups` (each: any of its phrases) and none of `excluded`. A phrase is
    a tuple of folded words."""

    groups: tuple = ()
    excluded: tuple = ()

    def __bool__(self):
        return bool(self.groups)

    def phrases(self):
        """The phrases to find, each once."""
        return list(dict.fromkeys(phrase for group in self.groups for phrase in group))


def parse(text):
    """The Query a reader's text means."""
    groups, excluded = [], []
    joining = after_term = False
    for item in _terms(text):
        if item is _OR:
            joining = after_term
            continue
        negated, phrase = item
        if negated:
            excluded.append(phrase)
            after_term = False
        elif joining:
            groups[-1].append(phrase)
            after_term = True
        else:
            groups.append([phrase])
            after_term = True
        joining = False
    return Query(tuple(tuple(group) for group in groups), tuple(excluded))


def _terms(text):
    count = 0
    for dashes, quoted, token in _TOKEN.findall(text or ""):
        if token.lower() == "or":
            yield _OR
            continue
        negated = bool(dashes) or token.startswith("-")
        phrase = tuple(words(token.lstrip("-") if token else quoted))
        if not phrase:
            continue  # punctuation only: no term, and no break in an OR
        yield negated, phrase
        count += 1
        if count == MAX_TERMS:
            return


def tsquery(query, weights=""):
    """The query as PostgreSQL tsquery text; with `weights` ("AB"), its wanted
    words restricted to those fields and its exclusions left out."""

    def phrase(words_):
        return " <-> ".join(
            "'"
            + word.replace("\\", "\\\\").replace("'", "''")
            + "'"
            + (f":{weights}" if weights else "")
            for word in words_
        )

    wanted = " & ".join(
        "(" + " | ".join(phrase(p) for p in group) + ")" for group in query.groups
    )
    if weights or not query.excluded:
        return wanted
    return " & ".join([f"({wanted})", *(f"!({phrase(p)})" for p in query.excluded)])


def fts5(query, columns=()):
    """The query as an SQLite FTS5 expression; with `columns`, its wanted words
    restricted to those columns and its exclusions left out."""

    def phrase(words_):
        return '"' + " ".join(words_).replace('"', '""') + '"'

    wanted = " AND ".join(
        "(" + " OR ".join(phrase(p) for p in group) + ")" for group in query.groups
    )
    if columns:
        return "{" + " ".join(columns) + "} : (" + wanted + ")"
    expression = f"({wanted})"
    for p in query.excluded:
        expression = f"({expression} NOT {phrase(p)})"
    return expression
