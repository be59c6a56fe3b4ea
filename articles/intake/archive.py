"""Published stories whose headlines share words with an agency headline.

PostgreSQL: the GIN index of 0011_story_headline_match_idx over each published
headline's words. A story is a candidate when its headline shares at least
`required` of the agency headline's content words (each word in the forms of its
stem, each country in any of its forms). Words in more than COMMON of the
archive's headlines (“U.S.”, “talks”; known from the index's statistics) are left
to the scoring: asking the index for them would read a large part of the archive
for each headline. SQLite: the full-text table's headline column (0005), ranked by
bm25. Either way each headline reads at most CANDIDATES stories.
"""

import time

from django.contrib.postgres.search import SearchVectorField
from django.db import connection, transaction
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL

from ..models import Story
from ..search import FTS_WEIGHTS
from ..search_text import search_text
from . import countries, words

CANDIDATES = 40
# Words beyond these add index work and hardly a better candidate.
MAX_GROUPS = 8
MAX_COUNTRIES = 3
# A word is asked for in the forms its stem takes (exact words, not prefixes: the
# planner estimates those well and a prefix badly).
ENDINGS = ("s", "es", "ed", "ing")
COMMON = 0.01
STATS_SECONDS = 3600
INDEX = "articles_story_headline_words_idx"
# The index's expression exactly (migration 0011), or the planner cannot use it.
WORDS = 'to_tsvector(\'simple\'::regconfig, "articles_story"."headline")'
MATCH = WORDS + " @@ to_tsquery('simple'::regconfig, %s)"
# Stories holding any uncommon word of a headline, read to count how many each holds.
SHARING_ANY = 2000
_stats = {"read_at": None, "frequencies": {}}


def candidates(headlines):
    """For each headline, [(pk, headline)] of published stories that may be it."""
    groups = [_groups(headline) for headline in headlines]
    if connection.vendor == "postgresql":
        return _postgres(groups)
    return [_sqlite(group) for group in groups]


def _groups(headline):
    """Each content word of `headline` as its alternatives: [[lexeme query]]."""
    seen, groups = set(), []
    for word in words.words(headline):
        if word in words.STOPWORDS or word in seen:
            continue
        seen.add(word)
        if word.startswith("country"):
            groups.append((0, _country_forms(word.removeprefix("country"))))
        else:
            forms = {word, *words.ABBREVIATIONS.get(word, [])}
            if len(word) > 3:
                root = words.stem(word)
                forms |= {root, *(root + ending for ending in ENDINGS)}
            groups.append((len(word), sorted(forms)))
    # The countries, then the longest words: they say most about a story.
    named = [g for length, g in groups if length == 0][:MAX_COUNTRIES]
    longest = sorted((g for g in groups if g[0]), key=lambda g: -g[0])
    return named + [g for _, g in longest][: MAX_GROUPS - len(named)]


def _country_forms(code):
    code = code.upper()
    found = set()
    for form, form_code in countries.forms().items():
        if form_code != code:
            continue
        parts = [part.rstrip(".") for part in form.lower().split()]
        if any(part in words.STOPWORDS for part in parts):
            continue  # “State of Israel”: its other forms find it
        if len(parts) == 1:
            found.add(parts[0])
        else:
            found.add(" <-> ".join(parts))
    return sorted(found)


def required(count):
    """How many words a candidate must share with a headline of `count` words."""
    return 1 if count <= 1 else 2 if count <= 3 else 3


def _quote(lexeme):
    """A lexeme (or a <-> phrase of them) as tsquery text."""
    if " <-> " in lexeme:
        return "(" + " <-> ".join(_quote(part) for part in lexeme.split(" <-> ")) + ")"
    return "'" + lexeme.replace("'", "''").replace("\\", "\\\\") + "'"


def plan(groups, frequencies=None):
    """(groups asked of the index, how many of them a candidate must share).

    A candidate shares `required` of all the groups; the common ones are not
    asked for, so it must share the rest among the uncommon ones (at least one).
    """
    if not groups:
        return [], 0
    frequencies = frequencies or {}
    rated = sorted(groups, key=lambda group: _frequency(group, frequencies))
    uncommon = [g for g in rated if _frequency(g, frequencies) < COMMON]
    if not uncommon:
        # Every word is common: the rarest of them must all be there.
        needed = required(len(groups))
        return rated[:needed], needed
    return uncommon, max(1, required(len(groups)) - (len(groups) - len(uncommon)))


def tsquery(group):
    """Any of the group's lexemes, as tsquery text."""
    return " | ".join(_quote(lexeme) for lexeme in group)


def _frequency(group, frequencies):
    """The share of headlines holding any of the group's lexemes (estimated)."""
    total = 0.0
    for lexeme in group:
        parts = lexeme.split(" <-> ")
        total += min(_share(part, frequencies) for part in parts)
    return min(total, 1.0)


def _share(lexeme, frequencies):
    return frequencies.get(lexeme, 0.0)


def frequencies():
    """{lexeme: share of published headlines} for the most common ones, from the
    index's statistics (ANALYZE), read once an hour."""
    now = time.monotonic()
    if _stats["read_at"] is None or now - _stats["read_at"] > STATS_SECONDS:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT most_common_elems::text::text[], most_common_elem_freqs "
                "FROM pg_stats WHERE tablename = %s",
                [INDEX],
            )
            row = cursor.fetchone()
        elems, freqs = row if row and row[0] else ([], [])
        _stats["frequencies"] = dict(zip(elems, freqs, strict=False))
        _stats["read_at"] = now
    return _stats["frequencies"]


def _postgres(groups):
    found = []
    common = frequencies()
    with transaction.atomic(), connection.cursor() as cursor:
        # With a LIMIT the planner may choose to read headlines in some index's
        # order, testing each, hoping to stop early; a rare word never stops it.
        # Only a bitmap scan (the word index) is left to it.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        for group in groups:
            asked, needed = plan(group, common)
            found.append(_asked(cursor, asked, needed) if asked else [])
    return found


def _asked(cursor, asked, needed):
    """Published stories whose headline holds `needed` of the `asked` groups: the
    index finds those holding any (at most SHARING_ANY), then each is counted."""
    queries = [tsquery(group) for group in asked]
    holding_any = (
        Story.objects.published()
        .alias(words_match=RawSQL(MATCH, [" | ".join(queries)], BooleanField()))
        .filter(words_match=True)
        .annotate(words=RawSQL(WORDS, [], SearchVectorField()))
        .order_by()
        .values_list("pk", "headline", "words")[:SHARING_ANY]
    )
    inner, params = holding_any.query.sql_with_params()
    shared = " + ".join(
        "(holding.words @@ to_tsquery('simple'::regconfig, %s))::int" for _ in queries
    )
    cursor.execute(
        f"SELECT holding.pk, holding.headline FROM ({inner}) AS holding "
        f"WHERE {shared} >= %s LIMIT %s",
        [*params, *queries, needed, CANDIDATES],
    )
    return cursor.fetchall()


def _sqlite(group):
    """The best CANDIDATES by bm25 over the headline column of the FTS5 table."""
    # The index holds folded words (articles.search_text): so must the query.
    alternatives = [
        '"' + search_text(" ".join(lexeme.split(" <-> "))).replace('"', "") + '"'
        for lexemes in group
        for lexeme in lexemes
    ]
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
