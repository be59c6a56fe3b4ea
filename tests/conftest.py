import os
import tempfile
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache, caches
from django.utils import timezone

from articles.cache.local import forget as forget_remembered
from newsroom.caches import caches as newsroom_caches
from tests.factories import UserFactory

# The local Redis: database 11 is this suite's, and each run keeps to a key prefix of
# its own, so two runs at once never clear each other's keys.
REDIS_URL = "redis://127.0.0.1:6379/11"
# A port nobody listens on: Redis out of reach, at once (connection refused).
UNREACHABLE_REDIS_URL = "redis://127.0.0.1:6390/11"


def pytest_configure(config):
    # Tests speak plain HTTP to the test client and need no collected static files.
    settings.SECURE_SSL_REDIRECT = False
    settings.STATIC_ROOT = None
    settings.WHITENOISE_USE_FINDERS = True
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        },
    }
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # On PostgreSQL a second connection stands in for a read replica.
    default = settings.DATABASES["default"]
    if default["ENGINE"] == "django.db.backends.postgresql":
        settings.DATABASES.setdefault(
            "replica_1",
            {**default, "TEST": {**default.get("TEST", {}), "MIRROR": "default"}},
        )
    elif default["ENGINE"] == "django.db.backends.sqlite3":
        # A file, not memory: each of the live server's request threads then opens a
        # connection of its own, as under `make run`. An in-memory database is one
        # connection shared by every thread, which two requests at once (a page and
        # its scripts' fetches) can trip into errors.
        name = Path(tempfile.gettempdir()) / f"newsroom-test-{os.getpid()}.sqlite3"
        default["TEST"] = {**default.get("TEST", {}), "NAME": str(name)}


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty page cache, as after a deploy."""
    cache.clear()
    forget_remembered()
    yield
    cache.clear()
    forget_remembered()


@pytest.fixture
def now():
    return timezone.now()


@pytest.fixture
def tomorrow(now):
    return now + timedelta(days=1)


@pytest.fixture
def editor(db):
    """A superuser editor, as `make run` creates."""
    return UserFactory(username="editor", is_staff=True, is_superuser=True)


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def reporter(db):
    """A staff user in the Reporter group."""
    from tests.workflow import role_user

    return role_user("Reporter", first_name="Rita", last_name="Reporter")


@pytest.fixture
def desk_editor(db):
    """A staff user in the Editor group (not a superuser)."""
    from tests.workflow import role_user

    return role_user("Editor", username="aisha", first_name="Aisha", last_name="Khan")


def redis_caches(url=REDIS_URL):
    """CACHES as newsroom/caches.py builds them for Redis at `url`, under this run's
    own key prefix."""
    aliases = newsroom_caches(url)
    for alias in aliases.values():
        alias["KEY_PREFIX"] = f"newsroom-test-{os.getpid()}"
    return aliases


@pytest.fixture
def shared_redis(settings):
    """The shared cache is the local Redis, as on a site with several app servers;
    this run's keys are gone before and after."""
    original = settings.CACHES
    settings.CACHES = redis_caches()
    caches["default"].delete_pattern("*")
    forget_remembered()
    yield
    settings.CACHES = redis_caches()
    caches["default"].delete_pattern("*")
    forget_remembered()
    settings.CACHES = original


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`committed(write, **kwargs)` runs a service's write as its transaction would
    commit in production: what it does on commit (purges) happens before it returns."""

    def run(write, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return write(**kwargs)

    return run


@pytest.fixture
def receiver():
    """A webhook receiver on 127.0.0.1 (tests/receiver.py)."""
    from tests.receiver import start_receiver

    started = start_receiver()
    yield started
    started.server.shutdown()
    started.server.server_close()


@pytest.fixture
def task_worker(settings):
    """Tasks queued for the real worker (django-tasks-db) instead of run at once;
    webhooks may reach 127.0.0.1, give up after half a second and retry at once."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.NEWSROOM_FETCH_ALLOWED_ADDRESSES = ["127.0.0.1"]
    settings.NEWSROOM_WEBHOOK_TIMEOUT_SECONDS = 0.5
    settings.NEWSROOM_WEBHOOK_RETRY_SECONDS = 0
    settings.NEWSROOM_WEBHOOK_ATTEMPTS = 3
