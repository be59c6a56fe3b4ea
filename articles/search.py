"""Full-text search over stories: one engine for the reader's /search/ and the admin,
with the same results in the same order on PostgreSQL and SQLite.

A query is parsed once (articles.search_query) and written out for each database.
Text is folded the same way on both (articles.search_text): accents, ligatures and
case, so "Sao Paulo" finds "São Paulo" and "strasse" finds "Straße". PostgreSQL keeps
a weighted tsvector column (headline A, dek B, body C, tag names D) with a GIN
index; SQLite an FTS5 table with the same four columns. Triggers keep both in step
with every write (migrations 0005 and 0010).

Order: ts_rank and bm25 never agree, so results are ranked by what both compute
alike. First the stories whose headline alone holds the query, then headline and
dek, then with the body, then those that need their tags; within each, newest first.

Only the MAX_MATCHES newest matches are ranked: a word found in most of a large
archive would otherwise have every story ranked on each search. Filters (section,
country, dates) narrow the stories before that bound, so older stories stay findable.
"""

import re
from collections.abc import Sequence

from django.db import connections
from django.db.models import BooleanField, F
from django.db.models.expressions import RawSQL
from django.utils import timezone

from .search_query import fts5, parse, tsquery
from .search_snippets import snippet

# Longer queries are cut: nobody types more, and every term costs index work.
MAX_QUERY_LENGTH = 200
MAX_MATCHES = 1000
NEWEST = ("-published_at", "-pk")
# The fields a match may need, best first: headline, then dek, body and tag names.
TIERS = (("headline",), ("headline", "dek"), ("headline", "dek", "body"))
_WEIGHTS = {"headline": "A", "dek": "B", "body": "C"}
# bm25 column weights of the FTS5 table for headline, dek, body, tags (A > B > C > D),
# for readers of the table that rank by relevance rather than by field.
FTS_WEIGHTS = (10.0, 4.0, 2.0, 1.0)
_WORD = re.compile(r"\w", re.UNICODE)
_FTS5_ROWIDS = "SELECT rowid FROM articles_story_fts WHERE articles_story_fts MATCH %s"


def clean_query(text):
    """The query as the engine takes it: no NULs, trimmed, bounded."""
    text = (text or "").replace("\x00", " ")
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


def has_words(text):
    return bool(_WORD.search(text or ""))


def match(queryset, text, newest=NEWEST):
    """`queryset` narrowed to its MAX_MATCHES newest stories matching `text` (by the
    `newest` ordering), unordered: the admin's changelist orders it.

    Callers pass the queryset they may show, already filtered: published() for
    readers, all for editors.
    """
    query = parse(clean_query(text))
    if not query:
        return queryset.none()
    matching = _matching(queryset, query).order_by(*newest)
    # Listed first, in a query of its own: the vector is named by table, which a
    # subquery (aliased) cannot do.
    ids = list(matching.values_list("pk", flat=True)[:MAX_MATCHES])
    return queryset.filter(pk__in=ids)


def results(queryset, text, load=None):
    """The reader's results for `text` among `queryset` (published, filtered), best
    first: a sequence a Paginator pages through. Its len() is the number of
    matches (at most MAX_MATCHES); each slice loads only its own stories, each with
    a `snippet` (HTML, see articles.search_snippets): by `load(ids)` when given
    (stories in that order, each with its `search_body`), else from `queryset`."""
    query = parse(clean_query(text))
    if not query:
        return Results(queryset, query, [], load)
    ids = _ranked_ids(connections[queryset.db], *_newest(queryset, query))
    return Results(queryset, query, ids, load)


def published_results(stories, text, load, now=None):
    """results() among every story published by `now` of the manager `stories`,
    loaded by `load(ids)`. The ranking is written out: building it through the
    ORM cost about a tenth of the search."""
    query = parse(clean_query(text))
    if not query:
        return Results(None, query, [], load)
    connection = connections[stories.db]
    rule, params = stories.published_sql("s", now or timezone.now())
    if connection.vendor == "postgresql":
        # The vector comes along, so that the tiers read it without a second lookup:
        # it is kept in the story's row (migration 0023), read as it is stored.
        columns, matching = (
            "s.id, s.published_at, s.search_vector",
            _pg_match_sql("s", tsquery(query)),
        )
    else:
        columns, matching = "s.id, s.published_at", f"s.id IN ({_FTS5_ROWIDS})"
        params = [*params, fts5(query)]
    sql = (
        f"SELECT {columns} FROM {stories.model._meta.db_table} s "
        f"WHERE {rule} AND {matching} "
        f"ORDER BY s.published_at DESC, s.id DESC LIMIT {MAX_MATCHES}"
    )
    return Results(None, query, _ranked_ids(connection, sql, params, query), load)


class Results(Sequence):
    """Ranked story ids; a slice loads its stories, in that order, with snippets."""

    def __init__(self, queryset, query, ids, load=None):
        self.queryset, self.query, self.ids = queryset, query, ids
        self.load = load or self._load

    def __len__(self):
        return len(self.ids)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1 or None][0]
        ids = self.ids[index]
        if not ids:
            return []
        page = self.load(ids)
        for story in page:
            story.snippet = snippet(story.search_body, self.query)
        return page

    def _load(self, ids):
        rows = self.queryset.filter(pk__in=ids).annotate(search_body=F("body"))
        stories = {story.pk: story for story in rows}
        return [stories[pk] for pk in ids if pk in stories]


def _matching(queryset, query):
    if connections[queryset.db].vendor == "postgresql":
        return queryset.filter(_pg_matches("articles_story", tsquery(query)))
    return queryset.filter(pk__in=RawSQL(_FTS5_ROWIDS, [fts5(query)]))


def _newest(queryset, query):
    """(SQL, params, query) of the MAX_MATCHES newest matches among `queryset`:
    id, published_at and, on PostgreSQL, the search vector (see
    published_results)."""
    connection = connections[queryset.db]
    newest = _matching(queryset, query).order_by(*NEWEST)
    if connection.vendor == "postgresql":
        vector = RawSQL('"articles_story"."search_vector"', [])
        newest = newest.annotate(search_vector=vector)
        newest = newest.values_list("pk", "published_at", "search_vector")
    else:
        newest = newest.values_list("pk", "published_at")
    sql, params = (
        newest[:MAX_MATCHES].query.get_compiler(connection=connection).as_sql()
    )
    return sql, params, query


def _ranked_ids(connection, sql, params, query):
    """The ids of the matches `sql` lists (see _newest), in the order readers see
    them."""
    if connection.vendor == "postgresql":
        columns = "id, published_at, search_vector"
        tiers = [_pg_match_sql("newest", tsquery(query, _weights(t))) for t in TIERS]
        tier_params = []
    else:
        columns = "id, published_at"
        tiers = [f"newest.id IN ({_FTS5_ROWIDS})" for _ in TIERS]
        tier_params = [fts5(query, tier) for tier in TIERS]
    # The widest tier tested first: every story here matches the whole query, so one
    # that needs the body (or its tags) fails the narrower tiers, and is tested no
    # further; most matches are found in the body.
    widest_first = reversed(list(enumerate(tiers)))
    cases = " ".join(f"WHEN NOT ({tier}) THEN {n + 1}" for n, tier in widest_first)
    tier_params = tier_params[::-1]
    # The bound first, then the ranking of what it kept, so that only those are
    # tested field by field.
    ranked = (
        f"WITH newest ({columns}) AS ({sql}) SELECT newest.id FROM newest "
        f"ORDER BY CASE {cases} ELSE 0 END, "
        "newest.published_at DESC, newest.id DESC"
    )
    with connection.cursor() as cursor:
        cursor.execute(ranked, (*params, *tier_params))
        return [row[0] for row in cursor.fetchall()]


def _weights(fields):
    return "".join(_WEIGHTS[field] for field in fields)


def _pg_matches(table, text):
    return RawSQL(_pg_match_sql(table, text), [], BooleanField())


def _pg_match_sql(table, text):
    """`table`.search_vector @@ the tsquery `text`, written into the SQL rather than
    passed as a parameter: the planner then knows the words, and how many stories
    hold them, when it chooses between the GIN index and walking the newest
    stories, also in a prepared statement. Its words are letters and digits
    (articles.search_text), quoted once more here as an SQL string."""
    literal = "'" + text.replace("'", "''") + "'"
    return f'"{table}"."search_vector" @@ {literal}::tsquery'
