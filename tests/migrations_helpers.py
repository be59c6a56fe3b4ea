"""Moving the test database between migration states, for the migration tests."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader

APP = "articles"


def executor():
    return MigrationExecutor(connection)


def latest():
    return executor().loader.graph.leaf_nodes()


def app_migrations():
    """The app's migrations in the order they apply: [(key, Migration), ...]."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    leaf = [key for key in loader.graph.leaf_nodes() if key[0] == APP]
    plan = loader.graph.forwards_plan(leaf[0])
    return [(key, loader.graph.nodes[key]) for key in plan if key[0] == APP]


def is_reversible(migration):
    return all(operation.reversible for operation in migration.operations)


def earliest_reachable():
    """The oldest state the app can be migrated back to: after its initial migration,
    or after the newest migration that cannot be reversed."""
    migrations = app_migrations()
    start = 0
    for index, (_key, migration) in enumerate(migrations):
        if not is_reversible(migration):
            start = index
    return migrations[start][0]


def migrate(targets):
    """Migrate to the targets; return the model classes of that state."""
    executor().migrate(targets)
    return executor().loader.project_state(targets).apps
