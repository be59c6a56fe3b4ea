"""Keeps SQLite's full-text triggers in place after every migrate.

SQLite applies many schema changes by rebuilding a table, and the rebuilt table has
none of the old one's triggers: a later migration touching articles_story would
silently stop search indexing new stories. After each migrate, any missing trigger
is recreated (from migration 0003's own SQL) and the index rebuilt.
"""

from importlib import import_module

from django.db import connections

SEARCH_MIGRATION = "articles.migrations.0005_story_search"


def restore_sqlite_triggers(using="default", **kwargs):
    connection = connections[using]
    if connection.vendor != "sqlite":
        return []
    sql = import_module(SEARCH_MIGRATION)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')"
        )
        present = {row[0] for row in cursor.fetchall()}
        if "articles_story_fts" not in present:
            return []  # not migrated that far (or migrated back)
        missing = [name for name in sql.SQLITE_TRIGGERS if name not in present]
        for name in missing:
            cursor.execute(sql.SQLITE_TRIGGERS[name])
        if missing:
            for statement in sql.SQLITE_REBUILD:
                cursor.execute(statement)
    return missing
