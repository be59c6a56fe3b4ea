"""Deploy checks for what crawlers and feed readers are given."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.urls, deploy=True)
def check_site_url(app_configs=None, **kwargs):
    """Feeds, sitemaps and metadata link to SITE_URL: it must be the public address."""
    parts = urlsplit(settings.SITE_URL)
    host = (parts.hostname or "").lower()
    if parts.scheme != "https" or host in {"", "localhost", "127.0.0.1", "::1"}:
        return [
            Warning(
                f"SITE_URL is {settings.SITE_URL!r}: feeds, sitemaps, canonical links "
                "and social cards would point there.",
                hint="Set SITE_URL to the site's public https:// address.",
                id="articles.W001",
            )
        ]
    return []


@register(Tags.caches, deploy=True)
def check_shared_cache(app_configs=None, **kwargs):
    """Purges reach every app process only through a shared cache."""
    backend = settings.CACHES["default"]["BACKEND"]
    if backend.endswith("LocMemCache"):
        return [
            Warning(
                "The page cache is in each process's own memory: with several "
                "gunicorn workers, a purge (an unpublished story) reaches one of them "
                "and the others serve the old page until it expires.",
                hint="Set REDIS_URL, or run a single worker process.",
                id="articles.W002",
            )
        ]
    return []
