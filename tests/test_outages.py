"""Database and cache outages: a 503 with Retry-After, or a slower page, never a 500."""

import logging
import socket
import sys
from unittest import mock

import pytest
from django.core.cache import cache
from django.db import OperationalError, connection
from django.test import RequestFactory
from django.urls import reverse

from articles.cache.local import forget as forget_remembered
from newsroom.caches import caches as newsroom_caches
from newsroom.log_filters import OncePerInterval
from newsroom.views import server_error
from tests.factories import StoryFactory

pytestmark = pytest.mark.django_db

STOPPED_REDIS = "redis://127.0.0.1:6390/0"


def redis_cache(location):
    return newsroom_caches(location)


def database_down():
    """Every new query fails as it does when PostgreSQL is unreachable."""
    error = connection.Database.OperationalError("server closed the connection")
    return mock.patch.object(connection, "create_cursor", side_effect=error)


@pytest.fixture
def story():
    return StoryFactory(headline="Ceasefire holds")


@pytest.fixture
def outage_filters():
    """Fresh once-per-interval memories, so each test sees its first warning."""
    for name in ["newsroom.cache", "newsroom.outage"]:
        for log_filter in logging.getLogger(name).filters:
            log_filter._last.clear()
            log_filter._suppressed.clear()


def test_database_down_gives_readers_a_static_503(client, story, outage_filters):
    """With the database down, a reader gets a 503 page saying retry, no traceback."""
    with database_down():
        # A listing page and a story page alike.
        assert client.get(story.section.get_absolute_url()).status_code == 503
        response = client.get(story.get_absolute_url())
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    assert "Content-Security-Policy" in response
    body = response.content.decode()
    assert "We’ll be back in a moment" in body
    assert "Traceback" not in body and "SELECT" not in body and "server" not in body


def test_database_down_shows_the_same_page_in_the_admin(editor_client, outage_filters):
    """An editor on the desk sees the same 503 page while the database is down."""
    with database_down():
        response = editor_client.get(reverse("admin:articles_story_changelist"))
    assert response.status_code == 503
    assert "We’ll be back in a moment" in response.content.decode()


def test_database_down_is_logged_once_per_interval(
    client, story, caplog, outage_filters
):
    """Ops get one warning for a burst of failed requests, not one per request."""
    with database_down(), caplog.at_level(logging.WARNING):
        for _ in range(5):
            assert client.get("/").status_code == 503
    outage_lines = [r for r in caplog.records if r.name == "newsroom.outage"]
    assert len(outage_lines) == 1
    assert "Database unavailable" in outage_lines[0].getMessage()
    assert [r for r in caplog.records if r.name == "django.request"] == []


def test_database_down_during_login_is_a_503(client, editor, outage_filters):
    """An editor logging in while the database is down gets the 503 page, not a 500."""
    with database_down():
        response = client.post(
            reverse("admin:login"),
            {"username": "editor", "password": "correct horse 42"},
        )
    assert response.status_code == 503
    assert response["Retry-After"] == "30"


def test_postgres_statement_timeout_becomes_a_503(outage_filters):
    """A query cancelled by the statement timeout is answered like an outage."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    from django.db import transaction

    from newsroom.middleware import DatabaseUnavailableMiddleware

    with pytest.raises(OperationalError) as cancelled, transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL statement_timeout = 20")
            cursor.execute("SELECT pg_sleep(1)")
    middleware = DatabaseUnavailableMiddleware(lambda request: None)
    response = middleware.process_exception(RequestFactory().get("/"), cancelled.value)
    assert response.status_code == 503


def test_a_database_error_outside_the_view_is_a_503_too():
    """An outage met by a middleware (session save, login throttle) is still a 503."""
    request = RequestFactory().get("/")
    try:
        raise OperationalError("canceling statement due to statement timeout")
    except OperationalError:
        assert sys.exc_info()[0] is OperationalError
        response = server_error(request)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"


def test_any_other_error_is_the_ordinary_500():
    """A bug is still a 500 with the apology page, not a misleading 503."""
    try:
        raise ValueError("a bug")
    except ValueError:
        response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500


@pytest.mark.postgres
def test_postgres_queries_carry_a_statement_timeout(settings):
    """On PostgreSQL every query is cancelled after DATABASE_STATEMENT_TIMEOUT_MS."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT setting FROM pg_settings WHERE name = 'statement_timeout'"
        )
        (milliseconds,) = cursor.fetchone()
    assert int(milliseconds) == settings.DATABASE_STATEMENT_TIMEOUT_MS > 0
    assert (
        f"-c statement_timeout={settings.DATABASE_STATEMENT_TIMEOUT_MS}"
        in settings.DATABASES["default"]["OPTIONS"]["options"]
    )


@pytest.mark.postgres
def test_postgres_plans_with_the_configured_random_page_cost(settings):
    """The planner prices random reads as DATABASE_RANDOM_PAGE_COST says (SSD)."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute("SHOW random_page_cost")
        (cost,) = cursor.fetchone()
    assert float(cost) == float(settings.DATABASE_RANDOM_PAGE_COST) == 1.1


@pytest.mark.postgres
def test_postgres_plans_a_repeated_page_query_once(client, story):
    """With DATABASE_PREPARED_STATEMENTS on, the queries a story page repeats on every
    render are prepared on the connection: planned once, not on each visit."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    for _ in range(3):
        cache.clear()
        forget_remembered()
        assert client.get(story.get_absolute_url()).status_code == 200
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [statement for (statement,) in cursor.fetchall()]
    assert any('FROM "articles_story"' in statement for statement in prepared)


def test_stopped_redis_leaves_pages_working(
    client, editor, story, settings, caplog, outage_filters
):
    """With Redis stopped, reader pages and the logged-in desk answer 200."""
    settings.CACHES = redis_cache(STOPPED_REDIS)
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    client.force_login(editor)
    with caplog.at_level(logging.WARNING):
        for _ in range(3):
            assert client.get("/").status_code == 200
            assert client.get(story.get_absolute_url()).status_code == 200
            assert client.get(reverse("admin:index")).status_code == 200
    cache_lines = [r for r in caplog.records if r.name == "newsroom.cache"]
    assert len(cache_lines) == 1
    assert cache_lines[0].levelname == "WARNING"


def test_stopped_redis_shows_in_the_health_check(
    client, settings, caplog, outage_filters
):
    """/healthz says the cache is down and the database is fine, logged once."""
    settings.CACHES = redis_cache(STOPPED_REDIS)
    with caplog.at_level(logging.WARNING):
        for _ in range(3):
            response = client.get(reverse("health"))
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "ok", "cache": "error"}
    probe_lines = [r for r in caplog.records if r.name == "newsroom.outage"]
    assert [r.getMessage() for r in probe_lines] == [
        "Health check failing: {'database': 'ok', 'cache': 'error'}"
    ]
    assert [r for r in caplog.records if r.name == "django.request"] == []


def test_running_redis_is_healthy(client, settings):
    """With the local Redis up, /healthz reports both the database and cache ok."""
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    settings.CACHES = redis_cache("redis://127.0.0.1:6379/4")
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}


def test_once_per_interval_counts_what_it_held_back():
    """After the interval, the next warning says how many were held back."""
    now = [0.0]
    log_filter = OncePerInterval(seconds=60, clock=lambda: now[0])

    def record():
        return logging.LogRecord(
            "newsroom.cache", logging.ERROR, "", 0, "down", (), None
        )

    first = record()
    assert log_filter.filter(first) and first.levelname == "WARNING"
    assert not log_filter.filter(record())
    assert not log_filter.filter(record())
    now[0] = 61.0
    later = record()
    assert log_filter.filter(later)
    assert later.getMessage() == "down (and 2 more in the last interval)"
