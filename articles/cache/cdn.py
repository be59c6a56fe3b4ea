"""Tell a CDN or Varnish in front of the site which surrogate keys went stale."""

import logging
import time
import urllib.error
import urllib.request

from django.conf import settings
from django.tasks import task

logger = logging.getLogger(__name__)

ATTEMPTS = 3


def send_purge(keys):
    """Queue an HTTP PURGE of `keys` when NEWSROOM_PURGE_URL is configured."""
    if settings.NEWSROOM_PURGE_URL and keys:
        try:
            purge_keys.enqueue(sorted(keys))
        except Exception:
            # A purge that cannot even be queued must not fail an editor's save.
            logger.exception("Could not queue a CDN purge of %s", keys)


@task()
def purge_keys(keys):
    """PURGE with a Surrogate-Key header, retried with backoff; failures are logged."""
    request = urllib.request.Request(
        settings.NEWSROOM_PURGE_URL,
        method="PURGE",
        headers={"Surrogate-Key": " ".join(keys)},
    )
    for attempt in range(1, ATTEMPTS + 1):
        try:
            with urllib.request.urlopen(request, timeout=2) as response:
                if response.status < 300:
                    return True
                raise urllib.error.HTTPError(
                    request.full_url, response.status, "purge refused", None, None
                )
        except (OSError, urllib.error.URLError) as error:
            logger.warning("Purge attempt %s of %s failed: %s", attempt, keys, error)
            if attempt < ATTEMPTS:
                time.sleep(0.2 * 2**attempt)
    logger.error("Purge of %s failed after %s attempts", keys, ATTEMPTS)
    return False
