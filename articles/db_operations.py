"""Migration operations that keep a live archive writable while the schema changes."""

from django.contrib.postgres.operations import (
    AddIndexConcurrently,
    RemoveIndexConcurrently,
)
from django.db.migrations import AddIndex, RemoveIndex


class WhereSupported:
    """The PostgreSQL operation on PostgreSQL, its `plain` counterpart elsewhere."""

    plain = None

    def database_forwards(self, app_label, schema_editor, *states):
        if self._on_postgres(schema_editor):
            return super().database_forwards(app_label, schema_editor, *states)
        return self.plain.database_forwards(self, app_label, schema_editor, *states)

    def database_backwards(self, app_label, schema_editor, *states):
        if self._on_postgres(schema_editor):
            return super().database_backwards(app_label, schema_editor, *states)
        return self.plain.database_backwards(self, app_label, schema_editor, *states)

    @staticmethod
    def _on_postgres(schema_editor):
        return schema_editor.connection.vendor == "postgresql"


class AddIndexConcurrentlyWhereSupported(WhereSupported, AddIndexConcurrently):
    """CREATE INDEX CONCURRENTLY on PostgreSQL, a plain index elsewhere (SQLite).

    Building an index on a large table takes a lock that blocks every write for the
    whole build; the concurrent build does not. The migration must set
    ``atomic = False``.
    """

    plain = AddIndex


class RemoveIndexConcurrentlyWhereSupported(WhereSupported, RemoveIndexConcurrently):
    """DROP INDEX CONCURRENTLY on PostgreSQL, a plain drop elsewhere (SQLite)."""

    plain = RemoveIndex
