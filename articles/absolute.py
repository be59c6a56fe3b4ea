"""Absolute URLs from the configured site URL, never from the request's Host header."""

from urllib.parse import urlsplit

from django.conf import settings


def absolute_url(path):
    """`path` on the site (a URL that is already absolute stays as it is)."""
    if path.startswith(("http://", "https://")):
        return path
    if path.startswith("//"):
        return f"{site_scheme()}:{path}"
    return f"{settings.SITE_URL}{path}"


def site_scheme():
    return urlsplit(settings.SITE_URL).scheme or "https"


def site_domain():
    """The host (and port, and any path prefix) part of SITE_URL."""
    parts = urlsplit(settings.SITE_URL)
    return f"{parts.netloc}{parts.path}".rstrip("/")


def image_url(image):
    """The absolute URL of an image's file, or "" when it has none."""
    if image is None or not image.file:
        return ""
    try:
        return absolute_url(image.file.url)
    except ValueError:
        return ""
