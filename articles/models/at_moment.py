"""Querysets compiled once per process, the moment they ask about left as a parameter.

A page asks some small queries on every render (the front page's pins). Building and
compiling them through the ORM costs several times what the database takes to answer
them; compiled once for a moment no rule compares to, their SQL is run again with the
moment of each request in its place. The rule stays the queryset, so the SQL cannot
drift from it.
"""

from datetime import UTC, datetime
from functools import lru_cache

from django.db import connections

# A moment no rule compares to but the one a query is compiled with.
SENTINEL = datetime(1999, 12, 31, 23, 59, 59, 999999, tzinfo=UTC)


def rows_at(build, now, *args, db):
    """The rows of `build(moment, *args)`, a values_list() queryset, at `now`.

    `build` must be a module-level function, and the queryset's other parameters
    must follow from `args` alone: both are compiled once per process and database.
    """
    connection = connections[db]
    sql, params, moments = _compiled(build, connection.alias, args)
    at = connection.ops.adapt_datetimefield_value(now)
    with connection.cursor() as cursor:
        cursor.execute(sql, [at if n in moments else p for n, p in enumerate(params)])
        return cursor.fetchall()


def moment_places(params, connection):
    """The places among compiled `params` of the moment they were compiled for."""
    sentinel = connection.ops.adapt_datetimefield_value(SENTINEL)
    return {n for n, p in enumerate(params) if p == sentinel}


@lru_cache(maxsize=32)
def _compiled(build, db, args):
    compiler = build(SENTINEL, *args).using(db).query.get_compiler(db)
    sql, params = compiler.as_sql()
    return sql, list(params), moment_places(params, compiler.connection)
