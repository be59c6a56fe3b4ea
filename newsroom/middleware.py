"""Request-wide behaviour: admin CSP, permissions policy, outages, primary pinning."""

import base64
import hashlib
import logging
import re

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.urls import reverse

from . import routers

outage_log = logging.getLogger("newsroom.outage")

# Seconds a client should wait before retrying while the database is away.
RETRY_AFTER = 30
PIN_COOKIE = "newsroom_primary"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


def database_unavailable(exception=None):
    """The static 503 page, rendered touching neither database nor cache."""
    if exception is not None:
        outage_log.warning(
            "Database unavailable, answering 503: %s", type(exception).__name__
        )
    response = HttpResponse(loader.render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    # Logged above, once per interval; keep django.request from logging every 503.
    response._has_been_logged = True
    return response


def is_database_outage(exception):
    return isinstance(exception, OperationalError | InterfaceError)


def _is_admin(request):
    return request.path.startswith(reverse("admin:index"))


class DatabaseUnavailableMiddleware:
    """A database that is down or timing out is a 503 with Retry-After, never a 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if is_database_outage(exception):
            return database_unavailable(exception)
        return None


IMPORT_MAP = re.compile(rb'<script type="importmap">(.*?)</script>', re.S)


def import_map_hashes(content):
    """CSP hash sources for the page's import maps (the story editor's modules)."""
    digests = (hashlib.sha256(body).digest() for body in IMPORT_MAP.findall(content))
    return [f"'sha256-{base64.b64encode(digest).decode()}'" for digest in digests]


class AdminContentSecurityPolicyMiddleware:
    """The admin's pages carry NEWSROOM_ADMIN_CSP instead of the readers' SECURE_CSP.

    An import map is inline by nature; the admin allows exactly the ones on the page,
    by hash, and still no inline code.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if _is_admin(request) and not hasattr(response, "_csp_config"):
            policy = settings.NEWSROOM_ADMIN_CSP
            is_html = response.get("Content-Type", "").startswith("text/html")
            if is_html and not response.streaming:
                if hashes := import_map_hashes(response.content):
                    script_src = [*policy.get("script-src", []), *hashes]
                    policy = {**policy, "script-src": script_src}
            response._csp_config = policy
        return response


# Powerful browser features no page uses, refused to the page and every frame in it,
# so a script that slips in cannot ask for them; no ad topics are worked out for our
# readers either. Only names Chromium knows: it warns in the console about others.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in [
        "accelerometer",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "interest-cohort",
        "local-fonts",
        "magnetometer",
        "microphone",
        "midi",
        "otp-credentials",
        "payment",
        "screen-wake-lock",
        "serial",
        "usb",
        "window-management",
        "xr-spatial-tracking",
    ]
)


class PermissionsPolicyMiddleware:
    """Every response refuses the browser features the site never uses."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


class PrimaryDatabasePinningMiddleware:
    """Pin writes, the admin and a writer's next few seconds to the primary database."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not (routers.ROUTER in settings.DATABASE_ROUTERS and routers.replicas()):
            return self.get_response(request)
        wrote = request.method not in SAFE_METHODS
        pinned = wrote or _is_admin(request) or PIN_COOKIE in request.COOKIES
        with routers.request_scope(pinned):
            response = self.get_response(request)
            wrote = wrote or (routers.is_pinned() and not pinned)
        if wrote:
            response.set_cookie(
                PIN_COOKIE,
                "1",
                max_age=settings.NEWSROOM_PRIMARY_PIN_SECONDS,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response
