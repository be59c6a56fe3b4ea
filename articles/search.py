"""Full-text search over stories: one engine for the reader's /search/ and the admin.

PostgreSQL: a weighted tsvector column (headline A, dek B, body C, tag names D) kept by
triggers and served by a GIN index, queried with websearch syntax and ranked by
ts_rank, with ts_headline snippets. SQLite: an FTS5 table (unicode61, diacritics
folded) kept by triggers, queried with the same syntax translated to FTS5 and ranked
by bm25. Both fold case, so "ukraine" finds "UKRAINE" and "україна" finds "УКРАЇНА".
The index itself is built in migration 0005_story_search.

Only the MAX_MATCHES newest matches are ranked: a word found in most of a large
archive would otherwise have every story ranked on each search. Filters (section,
country, dates) narrow the stories before that bound, so older stories stay findable.
"""

import html
import re

from django.db import connection
from django.db.models import F, FloatField, TextField, Value
from django.db.models.expressions import Func, RawSQL
from django.utils.html import escape

# Longer queries are cut: nobody types more, and every term costs index work.
MAX_QUERY_LENGTH = 200
MAX_TERMS = 16
MAX_MATCHES = 1000
PG_CONFIG = "simple"
# bm25 column weights for headline, dek, body, tags: the same order as A > B > C > D.
FTS_WEIGHTS = (10.0, 4.0, 2.0, 1.0)
# Snippet highlight markers: private-use characters, replaced by <mark> after escaping.
MARK_START, MARK_END = "\ue000", "\ue001"
_WORD = re.compile(r"\w", re.UNICODE)
_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')


def clean_query(text):
    """The query as the engine takes it: no NULs or markers, trimmed, bounded."""
    text = (text or "").replace("\x00", " ").translate({0xE000: " ", 0xE001: " "})
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


def has_words(text):
    return bool(_WORD.search(text or ""))


def match(queryset, text, newest=("-published_at", "-pk")):
    """`queryset` narrowed to its MAX_MATCHES newest stories matching `text` (by the
    `newest` ordering), with `rank`, best first.

    Callers pass the queryset they may show, already filtered: published() for
    readers, all for editors.
    """
    return counted_match(queryset, text, newest)[0]


def counted_match(queryset, text, newest=("-published_at", "-pk")):
    """match(), and how many stories it holds (at most MAX_MATCHES), without a
    COUNT over them."""
    text = clean_query(text)
    if not has_words(text):
        return queryset.none(), 0
    if connection.vendor == "postgresql":
        matching, rank = _pg_match(queryset, text)
    else:
        matching, rank = _sqlite_match(queryset, text)
    if matching is None:
        return queryset.none(), 0
    # Listed first, in a query of its own: the vector is named by table, which a
    # subquery (aliased) cannot do.
    ids = list(matching.order_by(*newest).values_list("pk", flat=True)[:MAX_MATCHES])
    ranked = (
        queryset.filter(pk__in=ids)
        .annotate(rank=rank)
        .order_by("-rank", "-published_at", "-pk")
    )
    return ranked, len(ids)


def with_snippets(queryset, text):
    """Add `snippet_source`: body text around the matches, between the markers."""
    text = clean_query(text)
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchHeadline, SearchQuery

        plain = Func(
            F("body"),
            Value("<[^>]*>"),
            Value(" "),
            Value("g"),
            function="regexp_replace",
            output_field=TextField(),
        )
        return queryset.annotate(
            snippet_source=SearchHeadline(
                plain,
                SearchQuery(text, search_type="websearch", config=PG_CONFIG),
                config=PG_CONFIG,
                start_sel=MARK_START,
                stop_sel=MARK_END,
                max_words=30,
                min_words=12,
                max_fragments=2,
                fragment_delimiter=" … ",
            )
        )
    return queryset.annotate(
        snippet_source=RawSQL(
            "(SELECT snippet(articles_story_fts, 2, %s, %s, '…', 24) "
            "FROM articles_story_fts WHERE articles_story_fts MATCH %s "
            'AND articles_story_fts.rowid = "articles_story"."id")',
            [MARK_START, MARK_END, fts5_query(text)],
            output_field=TextField(),
        )
    )


def snippet_html(source):
    """Escaped snippet text with the matches in <mark>; any stray markup removed."""
    # The body is stored as HTML (a ">" in text is "&gt;"): drop whole or cut-off
    # tags, then turn its entities back into text, escaped once below.
    text = re.sub(r"<[^>]*>|^[^<]*?>|<[^>]*$", " ", source or "")
    text = " ".join(html.unescape(text).split())
    return escape(text).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")


def _pg_match(queryset, text):
    from django.contrib.postgres.search import (
        SearchQuery,
        SearchRank,
        SearchVectorExact,
        SearchVectorField,
    )

    vector = RawSQL('"articles_story"."search_vector"', [], SearchVectorField())
    query = SearchQuery(text, search_type="websearch", config=PG_CONFIG)
    return queryset.filter(SearchVectorExact(vector, query)), SearchRank(vector, query)


def _sqlite_match(queryset, text):
    expression = fts5_query(text)
    if not expression:
        return None, None
    weights = ", ".join(str(weight) for weight in FTS_WEIGHTS)
    matching = RawSQL(
        "SELECT rowid FROM articles_story_fts WHERE articles_story_fts MATCH %s",
        [expression],
    )
    # bm25 is lower for better matches; negated so that, as on PostgreSQL, higher wins.
    rank = RawSQL(
        f"(SELECT -bm25(articles_story_fts, {weights}) FROM articles_story_fts "
        "WHERE articles_story_fts MATCH %s "
        'AND articles_story_fts.rowid = "articles_story"."id")',
        [expression],
        output_field=FloatField(),
    )
    return queryset.filter(pk__in=matching), rank


def fts5_query(text):
    """Websearch syntax ("a phrase", or, -word) as a safe FTS5 expression.

    Every term is quoted, so nothing a reader types is FTS5 syntax; terms without a
    letter or digit are dropped. Returns "" when nothing positive is left to find.
    """
    current, excluded = [], []
    pending_or = False
    for negated, phrase, word in _TOKEN.findall(text)[: MAX_TERMS * 2]:
        term = phrase if phrase or not word else word
        if not phrase and word.lower() == "or":
            pending_or = bool(current)
            continue
        if not phrase and word.startswith("-") and len(word) > 1:
            negated, term = "-", word[1:]
        if not has_words(term):
            continue
        quoted = '"' + term.replace('"', '""') + '"'
        if negated:
            excluded.append(quoted)
        elif pending_or and current:
            current[-1] = f"{current[-1]} OR {quoted}"
        else:
            current.append(quoted)
        pending_or = False
    groups = [f"({group})" for group in current[:MAX_TERMS]]
    if not groups:
        return ""
    expression = " AND ".join(groups)
    for quoted in excluded[:MAX_TERMS]:
        expression = f"({expression}) NOT {quoted}"
    return expression
