"""Migration operations that keep a live archive writable while the schema changes."""

from django.contrib.postgres.operations import (
    AddIndexConcurrently,
    RemoveIndexConcurrently,
)
from django.db.migrations import AddIndex, RemoveIndex


class AddIndexConcurrentlyWhereSupported(AddIndexConcurrently):
    """CREATE INDEX CONCURRENTLY on PostgreSQL, a plain index elsewhere (SQLite).

    Building an index on a large table takes a lock that blocks every write for the
    whole build; the concurrent build does not. The migration must set
    ``atomic = False``.
    """

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            return super().database_forwards(
                app_label, schema_editor, from_state, to_state
            )
        return AddIndex.database_forwards(
            self, app_label, schema_editor, from_state, to_state
        )

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            return super().database_backwards(
                app_label, schema_editor, from_state, to_state
            )
        return AddIndex.database_backwards(
            self, app_label, schema_editor, from_state, to_state
        )


class RemoveIndexConcurrentlyWhereSupported(RemoveIndexConcurrently):
    """DROP INDEX CONCURRENTLY on PostgreSQL, a plain drop elsewhere (SQLite)."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            return super().database_forwards(
                app_label, schema_editor, from_state, to_state
            )
        return RemoveIndex.database_forwards(
            self, app_label, schema_editor, from_state, to_state
        )

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            return super().database_backwards(
                app_label, schema_editor, from_state, to_state
            )
        return RemoveIndex.database_backwards(
            self, app_label, schema_editor, from_state, to_state
        )
