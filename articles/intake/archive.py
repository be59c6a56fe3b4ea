"""Published stories whose headlines share words with an agency headline.

PostgreSQL: the GIN index of 0011_story_headline_match_idx over each published
headline's words. A story is a candidate when its headline shares at least
`required` of the agency headline's content words (each word by its stem as a
prefix, each country by any of its forms), so a word found in most of the archive
(“U.S.”, “talks”) brings no flood of candidates. SQLite: the full-text table's
headline column (0005), ranked by bm25. Either way each headline reads at most
CANDIDATES stories.
"""

import itertools
import os

from django.db import connection
from django.db.models import BooleanField, IntegerField, Value
from django.db.models.expressions import RawSQL

from ..models import Story
from . import countries, words

CANDIDATES = 40
# Words beyond these add index work and hardly a better candidate.
MAX_GROUPS = 8


def candidates(headlines):
    """For each headline, [(pk, headline)] of published stories that may be it."""
    groups = [_groups(headline) for headline in headlines]
    if connection.vendor == "postgresql":
        return _postgres(groups)
    return [_sqlite(group) for group in groups]


def _groups(headline):
    """Each content word of `headline` as its alternatives: [[lexeme query]]."""
    stem = words._stemmer().stemWord
    seen, groups = set(), []
    for word in words.words(headline):
        if word in words.STOPWORDS or word in seen:
            continue
        seen.add(word)
        if word.startswith("country"):
            groups.append((1, 0, _country_forms(word.removeprefix("country"))))
        else:
            prefix = os.path.commonprefix([word, stem(word)])
            lexeme = f"{prefix}:*" if len(prefix) >= 4 else word
            groups.append((0, -len(word), [lexeme]))
    # Long words say most about a story; countries are in most headlines.
    return [alternatives for *_, alternatives in sorted(groups)[:MAX_GROUPS]]


def _country_forms(code):
    code = code.upper()
    found = set()
    for form, form_code in countries.forms().items():
        if form_code != code:
            continue
        parts = [part.rstrip(".") for part in form.lower().split()]
        if len(parts) == 1:
            found.add(f"{parts[0]}:*" if len(parts[0]) >= 4 else parts[0])
        else:
            found.add(" <-> ".join(parts))
    return sorted(found)


def required(count):
    """How many words a candidate must share with a headline of `count` words."""
    return 1 if count <= 1 else 2 if count <= 3 else 3


def _quote(lexeme):
    """A lexeme (with any :* suffix, or a <-> phrase) as tsquery text."""
    if " <-> " in lexeme:
        return "(" + " <-> ".join(_quote(part) for part in lexeme.split(" <-> ")) + ")"
    word, star = (lexeme[:-2], ":*") if lexeme.endswith(":*") else (lexeme, "")
    return "'" + word.replace("'", "''").replace("\\", "\\\\") + "'" + star


def tsquery(groups):
    """Any `required` of the groups: OR of their combinations."""
    if not groups:
        return ""
    terms = [
        "(" + " | ".join(_quote(lexeme) for lexeme in group) + ")" for group in groups
    ]
    combos = itertools.combinations(terms, required(len(terms)))
    return " | ".join("(" + " & ".join(combo) + ")" for combo in combos)


def _postgres(groups):
    queries = []
    for position, group in enumerate(groups):
        query = tsquery(group)
        if not query:
            continue
        queries.append(
            Story.objects.published()
            .alias(
                words_match=RawSQL(
                    'to_tsvector(\'simple\'::regconfig, "articles_story"."headline") '
                    "@@ to_tsquery('simple'::regconfig, %s)",
                    [query],
                    output_field=BooleanField(),
                )
            )
            .filter(words_match=True)
            .annotate(position=Value(position, output_field=IntegerField()))
            .values_list("position", "pk", "headline")[:CANDIDATES]
        )
    found = [[] for _ in groups]
    if queries:
        combined = (
            queries[0].union(*queries[1:], all=True) if len(queries) > 1 else queries[0]
        )
        for position, pk, headline in combined:
            found[position].append((pk, headline))
    return found


def _sqlite(group):
    from ..search import FTS_WEIGHTS

    alternatives = []
    for lexemes in group:
        for lexeme in lexemes:
            if " <-> " in lexeme:
                alternatives.append('"' + " ".join(lexeme.split(" <-> ")) + '"')
            elif lexeme.endswith(":*"):
                alternatives.append('"' + lexeme[:-2].replace('"', "") + '" *')
            else:
                alternatives.append('"' + lexeme.replace('"', "") + '"')
    if not alternatives:
        return []
    expression = "headline : (" + " OR ".join(alternatives) + ")"
    weights = ", ".join(str(weight) for weight in FTS_WEIGHTS)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT rowid FROM articles_story_fts WHERE articles_story_fts MATCH %s "
            f"ORDER BY bm25(articles_story_fts, {weights}) LIMIT %s",
            [expression, CANDIDATES * 2],
        )
        ranked = [row[0] for row in cursor.fetchall()]
    visible = dict(
        Story.objects.published().filter(pk__in=ranked).values_list("pk", "headline")
    )
    return [(pk, visible[pk]) for pk in ranked if pk in visible][:CANDIDATES]
