"""What a cached page tells browsers and CDNs: Cache-Control, its validators and
surrogate keys.

One validator mechanism serves every page: the ETag and Last-Modified set here are
checked by Django's ConditionalGetMiddleware, which answers 304.

The lifetimes given out are fixed settings, never the time left until the next
scheduled change: that time would tell anyone when an embargo lifts. The site's own
cache keeps the exact bound (schedule.valid_until); a CDN is purged at that time by the
task worker (purging.purge_when_due).
"""

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.http import http_date

# Served while a fresh copy is being made, or during a database outage: briefly.
STALE_SECONDS = 10
# How long a CDN may serve its copy while the site answers errors.
STALE_IF_ERROR_SECONDS = 24 * 3600
KEPT_HEADERS = ("content-language", "x-robots-tag", "link")


def page_value(response):
    """What is kept of a rendered page."""
    return {
        "content": response.content,
        "content_type": response["Content-Type"],
        "headers": {
            name: value
            for name, value in response.items()
            if name.lower() in KEPT_HEADERS
        },
    }


def from_entry(entry, state):
    """The response for a kept page; `state` (HIT, MISS, STALE) goes in X-Cache."""
    page = entry["value"]
    response = HttpResponse(page["content"], content_type=page["content_type"])
    for name, value in page["headers"].items():
        response[name] = value
    response["ETag"] = page["etag"]
    response["Last-Modified"] = http_date(entry["at"])
    response["Surrogate-Key"] = " ".join(entry["keys"])
    response["X-Cache"] = state
    if state == "STALE":
        patch_cache_control(response, public=True, max_age=0, s_maxage=STALE_SECONDS)
        return response
    max_age = settings.NEWSROOM_BROWSER_CACHE_SECONDS
    patch_cache_control(
        response,
        public=True,
        max_age=max_age,
        s_maxage=settings.NEWSROOM_PAGE_CACHE_SECONDS,
        stale_while_revalidate=max_age,
        stale_if_error=STALE_IF_ERROR_SECONDS,
    )
    return response


def private(response):
    """A page for someone signed in: never kept by browsers' shared caches or CDNs."""
    patch_cache_control(response, private=True, no_store=True)
    return response
