"""Primary and read replicas: readers read from a replica, the rest from the primary.

A request is pinned to the primary (reads and writes) when it is not a plain read, when
it is for the admin, when it has already written, or when its browser wrote a moment ago
(a cookie set by newsroom.middleware.PrimaryDatabasePinningMiddleware): whoever just
wrote reads their own write, whatever the replica lag.
"""

import random
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings

_pinned = ContextVar("newsroom_primary_pinned", default=False)

PRIMARY = "default"
ROUTER = "newsroom.routers.PrimaryReplicaRouter"
# Accounts, sessions, login throttling and the task queue are read-your-write state.
PRIMARY_ONLY_APPS = {"auth", "admin", "sessions", "axes", "django_tasks_db"}


def replicas():
    return [alias for alias in settings.DATABASES if alias.startswith("replica_")]


def pin_to_primary():
    """Send this request's remaining reads to the primary."""
    _pinned.set(True)


def is_pinned():
    return _pinned.get()


@contextmanager
def request_scope(pinned):
    """Start a request pinned or not; forget it afterwards (threads are reused)."""
    token = _pinned.set(pinned)
    try:
        yield
    finally:
        _pinned.reset(token)


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        pool = replicas()
        if not pool or _pinned.get() or model._meta.app_label in PRIMARY_ONLY_APPS:
            return PRIMARY
        return random.choice(pool)

    def db_for_write(self, model, **hints):
        # A request that writes reads its own write for the rest of the request.
        pin_to_primary()
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        # Every alias holds the same data.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        # Replicas follow the primary through replication, never through migrate.
        return db == PRIMARY
