"""Purging: every page and part showing a key goes stale once the write commits.

A purge is recorded as a purge time in the shared cache (stamps). When the cache is
out of reach from the server that made the write, the purge is kept in the database
(PendingPurge) and applied by the next purge from any server or by the task worker,
retrying with backoff: a purge is never forgotten. A CDN is told only once the purge
is recorded, so it cannot fetch the stale copy straight back.
"""

import logging
from datetime import timedelta
from functools import partial

from django.db import DatabaseError, transaction
from django.tasks import default_task_backend, task
from django.utils import timezone

from ..models import PendingPurge
from .cdn import send_purge
from .local import forget_pages
from .stamps import stamp

logger = logging.getLogger(__name__)

# Retries of a pending purge wait 2, 4, 8 ... seconds, at most this long.
MAX_RETRY_SECONDS = 300
PENDING_BATCH = 500


def purge(*keys):
    """Make every entry showing any of `keys` stale, once the transaction commits."""
    keys = sorted({key for key in keys if key})
    if keys:
        transaction.on_commit(partial(apply, keys))


def apply(keys):
    """Record the purge of `keys` now; keep it for a retry if the cache is away."""
    # This process knows at once, whatever the shared cache says.
    forget_pages()
    try:
        stamp(keys)
    except Exception:
        logger.exception("Could not record a purge of %s; kept for a retry", keys)
        try:
            PendingPurge.objects.create(keys=list(keys))
        except DatabaseError:
            logger.critical("A purge of %s is lost: neither cache nor database", keys)
            return
        retry_later()
        return
    send_purge(keys)
    apply_pending()


def apply_pending():
    """Apply purges kept while the cache was away; True when none is left."""
    rows = list(PendingPurge.objects.only("keys")[:PENDING_BATCH])
    if not rows:
        return True
    keys = sorted({key for row in rows for key in row.keys})
    try:
        stamp(keys)
    except Exception:
        logger.warning("Pending purges still cannot be recorded", exc_info=True)
        return False
    PendingPurge.objects.filter(pk__in=[row.pk for row in rows]).delete()
    forget_pages()
    send_purge(keys)
    return len(rows) < PENDING_BATCH or apply_pending()


def retry_later(attempt=1):
    """Ask the task worker to apply pending purges again soon (a backend that cannot
    defer leaves them to the next purge)."""
    if not default_task_backend.supports_defer:
        return
    seconds = min(2**attempt, MAX_RETRY_SECONDS)
    try:
        retry_pending.using(
            run_after=timezone.now() + timedelta(seconds=seconds)
        ).enqueue(attempt)
    except Exception:
        logger.exception("Could not queue a retry of pending purges")


@task()
def retry_pending(attempt):
    if not apply_pending():
        retry_later(attempt + 1)


def purge_when_due(keys, when):
    """Purge `keys` at `when` too (a scheduled publication, an embargo lift): caches
    outside the site (a CDN) are told when it happens, with nobody saving anything.
    The site's own cache needs no such call (schedule.valid_until)."""
    if when is None or when <= timezone.now():
        return
    if not default_task_backend.supports_defer:
        return
    transaction.on_commit(
        lambda: purge_due.using(run_after=when).enqueue(sorted(keys)), robust=True
    )


@task()
def purge_due(keys):
    apply(keys)
