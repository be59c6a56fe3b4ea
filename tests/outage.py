"""Taking the database away from the site, as an outage does."""

import socket
from contextlib import ExitStack, contextmanager
from unittest import mock

from django.db import connections


def _closed_port():
    """A local port nobody listens on: connecting is refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def database_away():
    """Within, every query fails as it does when the database server is out of reach.

    On PostgreSQL that is real: the connections are closed and pointed at a port
    nobody listens on, so each query's connection is refused by the operating system
    (the test must be transactional: a test's own transaction cannot survive it).
    SQLite's in-memory test database would be lost with its last connection, so there
    every new cursor fails with the error SQLite gives for a file it cannot open.
    """
    with ExitStack() as stack:
        for connection in connections.all():
            if connection.vendor == "postgresql":
                stack.enter_context(_unreachable(connection))
            else:
                error = connection.Database.OperationalError(
                    "unable to open database file"
                )
                stack.enter_context(
                    mock.patch.object(connection, "create_cursor", side_effect=error)
                )
        yield


@contextmanager
def _unreachable(connection):
    if connection.in_atomic_block:
        raise RuntimeError("A real outage needs a transactional test.")
    settings = connection.settings_dict
    address = settings["HOST"], settings["PORT"]
    connection.close()
    settings["HOST"], settings["PORT"] = "127.0.0.1", str(_closed_port())
    try:
        yield
    finally:
        connection.close()
        settings["HOST"], settings["PORT"] = address
