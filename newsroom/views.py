import logging
import sys

from django.core.cache import cache
from django.db import Error, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpResponsePermanentRedirect, JsonResponse
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.defaults import server_error as default_server_error

from .middleware import database_unavailable, is_database_outage

# Probes poll every few seconds: an outage is logged once per interval (LOGGING).
logger = logging.getLogger("newsroom.outage")


def probe_response(name, checks):
    """JSON of the checks: 200 when all are ok, else 503 (logged here, once a while)."""
    healthy = all(value == "ok" for value in checks.values())
    response = JsonResponse(
        {"status": "ok" if healthy else "error", **checks},
        status=200 if healthy else 503,
    )
    if not healthy:
        logger.warning(f"{name} check failing: %s", checks)
        response._has_been_logged = True
    return response


@never_cache
@require_safe
def health(request):
    """Database and cache, checked separately: 200 when both answer, else 503."""
    checks = {"database": "ok", "cache": "ok"}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Error:
        checks["database"] = "error"
    try:
        cache.set("healthz", "ok", 5)
        if cache.get("healthz") != "ok":
            raise ConnectionError("cache did not keep a value")
    except Exception:
        checks["cache"] = "error"
    return probe_response("Health", checks)


@never_cache
@require_safe
def ready(request):
    """Ready for traffic: the health checks pass and no migration is pending."""
    checks = {"database": "ok", "migrations": "ok"}
    try:
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
        if plan:
            checks["migrations"] = f"{len(plan)} pending"
    except Error:
        checks["database"] = checks["migrations"] = "error"
    return probe_response("Readiness", checks)


def server_error(request):
    """A database outage anywhere in the request is a 503; anything else, the 500."""
    exception = sys.exc_info()[1]
    if exception is not None and is_database_outage(exception):
        return database_unavailable(exception)
    return default_server_error(request)


@require_safe
def favicon(request):
    """/favicon.ico, which browsers and crawlers ask every site for: a redirect to
    the icon among the static files, touching neither database nor cache."""
    response = HttpResponsePermanentRedirect(static("img/favicon.ico"))
    # The target's name carries the icon's hash, so a changed icon is a new name:
    # remember the redirect for a day, not for ever.
    response["Cache-Control"] = "public, max-age=86400"
    return response
