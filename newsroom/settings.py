"""newsroom settings from the environment; docs/deploy.md lists every variable.

With only DJANGO_DEBUG=1 the site runs on SQLite with a local-memory cache.
"""

import os
import sys
from datetime import timedelta
from functools import partial
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.core.management.utils import get_random_secret_key

from newsroom import caches, csp, database, storage
from newsroom.env import env_bool, env_int, env_list

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DJANGO_DEBUG")

# Commands that neither serve nor sign anything run without the production secrets.
OFFLINE = sys.argv[1:2] in (["makemigrations"], ["showmigrations"], ["sqlmigrate"])
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not (DEBUG or OFFLINE):
        raise ImproperlyConfigured(
            "Set DJANGO_SECRET_KEY (or DJANGO_DEBUG=1 for local development)."
        )
    # A fresh key per process: sessions do not survive a restart in development.
    SECRET_KEY = get_random_secret_key()

ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else []
)
if not ALLOWED_HOSTS and not OFFLINE:
    raise ImproperlyConfigured(
        "Set DJANGO_ALLOWED_HOSTS to the site's host names, comma-separated."
    )
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

# Absolute links (feeds, sitemaps, canonical tags) come from here, not the Host header.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
SITE_NAME = os.environ.get("NEWSROOM_SITE_NAME", "The Newsroom")

INSTALLED_APPS = [
    "newsroom.apps.NewsroomAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "axes",
    "simple_history",
    "django_prose_editor",
    "articles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "newsroom.middleware.PermissionsPolicyMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "newsroom.middleware.AdminContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "newsroom.request_guards.StripNulMiddleware",
    "newsroom.middleware.DatabaseUnavailableMiddleware",
    "newsroom.middleware.PrimaryDatabasePinningMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Records who made each story revision.
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Login throttling; django-axes wants to be last.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "newsroom.context_processors.site",
                "articles.views.context.reader",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Two requests writing at once (the desk's scripts make them) wait their turn
    # for the lock instead of failing at once with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        transaction_mode="IMMEDIATE", timeout=20
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
# A Redis outage makes pages slower, never a 500; purges are kept for a retry.
CACHES = caches.caches(REDIS_URL)
# Ignored Redis errors are logged once per interval (a filter in LOGGING below).
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
DJANGO_REDIS_LOGGER = "newsroom.cache"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{name}"}
    for name in [
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    ]
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

# Static files: whitenoise serves them with far-future headers; a CDN in front pulls
# from it when STATIC_URL names the CDN (https://cdn.example.com/static/).
STATIC_URL = os.environ.get("STATIC_URL", "/static/")
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Media on S3-compatible object storage (django-storages, `pip install newsroom[s3]`).
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
MEDIA_STORAGE = os.environ.get(
    "MEDIA_STORAGE", "s3" if AWS_STORAGE_BUCKET_NAME else "filesystem"
)
STORAGES = storage.storages(DEBUG, MEDIA_STORAGE, AWS_STORAGE_BUCKET_NAME)

# Behind TLS by default in production; each knob can be switched off for a proxy setup.
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = env_bool("DJANGO_SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("DJANGO_CSRF_COOKIE_SECURE", not DEBUG)
if env_bool("DJANGO_SECURE_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "once_per_interval": {
            "()": "newsroom.log_filters.OncePerInterval",
            "seconds": env_int("NEWSROOM_OUTAGE_LOG_INTERVAL", 60),
        }
    },
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        # A Redis outage raises on every cache call; say so once a minute, not 100/s.
        "newsroom.cache": {"filters": ["once_per_interval"], "level": "WARNING"},
        "newsroom.outage": {"filters": ["once_per_interval"], "level": "WARNING"},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

# The newsroom's own rules and limits, editors' and ops' to tune: newsroom/tuning.py.
from newsroom.tuning import *  # noqa: E402, F403

# --- Production and resilience (docs/deploy.md has the whole table) ---------------

# PostgreSQL: a stuck query is cancelled and an unreachable server fails fast, so a
# reader gets a quick 503 (newsroom.middleware) instead of a hung worker. 0 disables.
DATABASE_STATEMENT_TIMEOUT_MS = env_int("DATABASE_STATEMENT_TIMEOUT_MS", 15000)
DATABASE_CONNECT_TIMEOUT = env_int("DATABASE_CONNECT_TIMEOUT", 5)
# The planner's price of a random read: the server default (4) is for spinning disks.
DATABASE_RANDOM_PAGE_COST = os.environ.get("DATABASE_RANDOM_PAGE_COST", "1.1")
# Prepared statements: a page's repeated queries are planned once per connection. 0
# behind a pooler in transaction mode that cannot keep them (PgBouncer before 1.21).
DATABASE_PREPARED_STATEMENTS = env_bool("DATABASE_PREPARED_STATEMENTS", True)
# Covering indexes: SQLite keeps the key columns and drops the included ones.
SILENCED_SYSTEM_CHECKS = ["models.W040"]
postgres_options = partial(
    database.postgres_options,
    connect_timeout=DATABASE_CONNECT_TIMEOUT,
    statement_timeout_ms=DATABASE_STATEMENT_TIMEOUT_MS,
    page_cost=DATABASE_RANDOM_PAGE_COST,
    prepared=DATABASE_PREPARED_STATEMENTS,
)
postgres_options(DATABASES["default"])

# Read replicas serve reader pages; writes and the admin use the primary (routers.py).
for number, url in enumerate(env_list("DATABASE_REPLICA_URLS"), start=1):
    DATABASES[f"replica_{number}"] = postgres_options(
        {
            **dj_database_url.parse(
                url,
                conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
                conn_health_checks=True,
            ),
            "TEST": {"MIRROR": "default"},
        }
    )
if len(DATABASES) > 1:
    DATABASE_ROUTERS = ["newsroom.routers.PrimaryReplicaRouter"]
# After a write, the writer's browser reads from the primary this long (replica lag).
NEWSROOM_PRIMARY_PIN_SECONDS = env_int("NEWSROOM_PRIMARY_PIN_SECONDS", 15)
# A page rendered this soon after a purge may have read a lagging replica: stale.
NEWSROOM_REPLICA_LAG_SECONDS = env_int(
    "NEWSROOM_REPLICA_LAG_SECONDS", 5 if len(DATABASES) > 1 else 0
)

# Sessions in the cache, the database behind it: a Redis outage logs no one out.
if REDIS_URL:
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Content Security Policy on every response; the admin's adds what its widgets need.
_asset_hosts = [host for host in [storage.origin(STATIC_URL)] if host]
SECURE_CSP = csp.reader_policy(
    _asset_hosts,
    storage.media_hosts(MEDIA_URL, MEDIA_STORAGE, AWS_STORAGE_BUCKET_NAME),
)
NEWSROOM_ADMIN_CSP = csp.admin_policy(SECURE_CSP)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Admin login throttling (django-axes): after NEWSROOM_LOGIN_FAILURE_LIMIT failures for
# one account, or from one address, logins are refused until the cool-down has passed.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Only editors log in, at the admin; a `next` that leaves the site lands on the desk.
LOGIN_URL = "admin:login"
LOGIN_REDIRECT_URL = "admin:index"
AXES_FAILURE_LIMIT = env_int("NEWSROOM_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("NEWSROOM_LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# A login forgets its own account's failures, never another's (newsroom.login_throttle):
# stock axes would also clear the address's failures against every other account.
AXES_RESET_ON_SUCCESS = True
AXES_HANDLER = "newsroom.login_throttle.OwnAccountResetHandler"
AXES_LOCKOUT_TEMPLATE = "admin/lockout.html"
AXES_CLIENT_IP_CALLABLE = "newsroom.client_ip.client_ip"
# Lockout warnings name the account and the address, never a password; no banner.
AXES_SENSITIVE_PARAMETERS = []
AXES_VERBOSE = False
# How many proxies (nginx, a load balancer) append to X-Forwarded-For in front of us.
NEWSROOM_PROXY_COUNT = env_int("NEWSROOM_PROXY_COUNT", 0)

# Background tasks: DJANGO_TASKS_BACKEND=django_tasks_db.DatabaseBackend needs the
# worker (`manage.py db_worker`, deploy/newsroom-worker.service).
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "DJANGO_TASKS_BACKEND", "django.tasks.backends.immediate.ImmediateBackend"
        )
    }
}
# The worker's queue table is there whatever the backend (the tests drive the worker).
INSTALLED_APPS.append("django_tasks_db")
