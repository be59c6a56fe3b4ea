"""Read replicas: readers read from a replica, writers and editors from the primary."""

import pytest
from django.db import connections
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Story
from newsroom import routers
from newsroom.middleware import PIN_COOKIE
from tests.factories import CountryFactory, StoryFactory, UserFactory

ROUTERS = [routers.ROUTER]


@pytest.fixture
def router(monkeypatch):
    monkeypatch.setattr(routers, "replicas", lambda: ["replica_1", "replica_2"])
    return routers.PrimaryReplicaRouter()


def test_reader_reads_go_to_a_replica(router):
    """A plain read goes to one of the replicas."""
    with routers.request_scope(pinned=False):
        assert router.db_for_read(Story) in {"replica_1", "replica_2"}


def test_a_request_that_writes_reads_its_own_write(router):
    """After a write, the rest of the request reads from the primary."""
    with routers.request_scope(pinned=False):
        assert router.db_for_write(Story) == "default"
        assert router.db_for_read(Story) == "default"
    with routers.request_scope(pinned=False):
        assert router.db_for_read(Story) != "default"


def test_accounts_and_sessions_always_use_the_primary(router):
    """Logins, sessions and the login throttle never read stale replica data."""
    from django.contrib.auth.models import User
    from django.contrib.sessions.models import Session

    with routers.request_scope(pinned=False):
        assert router.db_for_read(User) == "default"
        assert router.db_for_read(Session) == "default"


def test_migrations_run_on_the_primary_only(router):
    """Replicas get schema changes by replication, never by migrate."""
    assert router.allow_migrate("default", "articles")
    assert not router.allow_migrate("replica_1", "articles")


def test_without_replicas_everything_uses_the_primary(monkeypatch):
    """A single-database site needs no router decisions."""
    monkeypatch.setattr(routers, "replicas", list)
    with routers.request_scope(pinned=False):
        assert routers.PrimaryReplicaRouter().db_for_read(Story) == "default"


def test_settings_add_one_alias_per_replica_url(tmp_path):
    """DATABASE_REPLICA_URLS adds replica_1, replica_2 ..., each a test mirror."""
    from tests.test_deploy import settings_under

    found = settings_under(
        {
            "DATABASE_URL": "postgres://app@primary:5432/newsroom",
            "DATABASE_REPLICA_URLS": "postgres://app@replica-a:5432/newsroom,"
            "postgres://app@replica-b:5432/newsroom",
        },
        "{alias: (db['HOST'], db.get('TEST', {}).get('MIRROR')) for alias, db in "
        "s.DATABASES.items()}, s.DATABASE_ROUTERS",
    )
    databases, routers_setting = found
    assert databases == {
        "default": ["primary", None],
        "replica_1": ["replica-a", "default"],
        "replica_2": ["replica-b", "default"],
    }
    assert routers_setting == ROUTERS


def queries_on(alias):
    return CaptureQueriesContext(connections[alias])


needs_postgres = pytest.mark.skipif(
    "replica_1" not in connections.settings, reason="a replica stands in on PostgreSQL"
)


@needs_postgres
@pytest.mark.django_db(
    transaction=True, serialized_rollback=True, databases=["default", "replica_1"]
)
def test_reader_pages_read_from_the_replica(settings):
    """A reader's page is served from the replica, leaving the primary alone."""
    settings.DATABASE_ROUTERS = ROUTERS
    story = StoryFactory(headline="Read from the replica")
    with queries_on("default") as primary, queries_on("replica_1") as replica:
        response = Client().get(story.get_absolute_url())
    assert response.status_code == 200
    assert "Read from the replica" in response.content.decode()
    assert len(replica) > 0
    assert len(primary) == 0
    assert PIN_COOKIE not in response.cookies


@needs_postgres
@pytest.mark.django_db(
    transaction=True, serialized_rollback=True, databases=["default", "replica_1"]
)
def test_written_out_reader_queries_read_from_the_replica(settings):
    """The queries written out as SQL (a story's row, details and related
    headlines, the front page's lists, search) read the replica too."""
    settings.DATABASE_ROUTERS = ROUTERS
    country = CountryFactory()
    story, *others = [StoryFactory(headline=f"Shared {n}") for n in range(3)]
    for each in [story, *others]:
        each.countries.add(country)
    pages = [story.get_absolute_url(), "/", "/search/?q=shared"]
    with queries_on("default") as primary, queries_on("replica_1") as replica:
        for url in pages:
            assert "Shared 1" in Client().get(url).content.decode(), url
    assert len(replica) > 0
    assert [query["sql"] for query in primary] == []


@needs_postgres
@pytest.mark.django_db(
    transaction=True, serialized_rollback=True, databases=["default", "replica_1"]
)
def test_editors_and_writers_use_the_primary(settings):
    """The admin reads the primary; after a write, the writer's next pages do too."""
    settings.DATABASE_ROUTERS = ROUTERS
    StoryFactory(headline="Fresh from the desk")
    UserFactory(username="ada", is_staff=True, is_superuser=True)
    client = Client()
    response = client.post(
        reverse("admin:login"),
        {"username": "ada", "password": "correct horse 42", "next": "/admin/"},
    )
    assert response.status_code == 302
    assert (
        response.cookies[PIN_COOKIE]["max-age"] == settings.NEWSROOM_PRIMARY_PIN_SECONDS
    )
    with queries_on("default") as primary, queries_on("replica_1") as replica:
        assert client.get(reverse("admin:index")).status_code == 200
        assert client.get("/").status_code == 200
    assert len(primary) > 0
    assert len(replica) == 0
    # Once the pin cookie has expired, the same browser reads from the replica again.
    del client.cookies[PIN_COOKIE]
    with queries_on("default") as primary, queries_on("replica_1") as replica:
        assert client.get("/").status_code == 200
    assert len(replica) > 0
