"""Keeps SQLite's full-text index working: its folding function on every connection,
and its triggers in place after every migrate.

The triggers fold text with articles.search_text, a Python function SQLite only
knows once it is registered on the connection (a connection opened outside Django
cannot write stories). SQLite applies many schema changes by rebuilding a table,
and the rebuilt table has none of the old one's triggers: a later migration
touching articles_story would silently stop search indexing new stories. After each
migrate, any missing trigger is recreated (from the applied search migration's own
SQL) and the index rebuilt.
"""

from importlib import import_module

from django.db import connections
from django.db.migrations.recorder import MigrationRecorder

from .search_text import search_html, search_text

# The migrations that built the index, newest first.
SEARCH_MIGRATIONS = ("0014_story_search_folded", "0005_story_search")


def register_sqlite_functions(sender, connection, **kwargs):
    """The folding functions the SQLite triggers call (connection_created)."""
    if connection.vendor != "sqlite":
        return
    for name, function in (
        ("articles_search_text", search_text),
        ("articles_search_html", search_html),
    ):
        connection.connection.create_function(name, 1, function, deterministic=True)


def restore_sqlite_triggers(using="default", **kwargs):
    connection = connections[using]
    if connection.vendor != "sqlite":
        return []
    applied = MigrationRecorder(connection).applied_migrations()
    names = [name for name in SEARCH_MIGRATIONS if ("articles", name) in applied]
    if not names:
        return []  # not migrated that far (or migrated back)
    sql = import_module(f"articles.migrations.{names[0]}")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')"
        )
        present = {row[0] for row in cursor.fetchall()}
        if "articles_story_fts" not in present:
            return []
        missing = [name for name in sql.SQLITE_TRIGGERS if name not in present]
        for name in missing:
            cursor.execute(sql.SQLITE_TRIGGERS[name])
        if missing:
            for statement in sql.SQLITE_REBUILD:
                cursor.execute(statement)
    return missing
