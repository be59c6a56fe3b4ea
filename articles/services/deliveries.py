"""Sending webhook deliveries, from the task worker.

A delivery is claimed before it is sent, so two workers (or a task queued twice)
never send it twice; one that succeeded or gave up is never sent again. Deliveries
of one story to one endpoint go in the order of their events: a delivery waits
while an earlier one of its story is still pending, and each hands over to the next
when it is done. A failure is retried under the same event id, waiting
NEWSROOM_WEBHOOK_RETRY_SECONDS, then twice as long each time, up to
NEWSROOM_WEBHOOK_ATTEMPTS attempts; the embedded backend, which cannot wait, tries
once. Every attempt is logged with its status and response time.
"""

import http.client
import json
import logging
import time
from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.tasks import default_task_backend, task
from django.utils import timezone

from .. import outbound
from ..models import Event, Story, WebhookAttempt, WebhookDelivery
from ..related import related_headlines
from ..serialize import stories as serialize
from ..serialize.common import iso
from .signatures import headers as signed_headers

logger = logging.getLogger(__name__)
Status = WebhookDelivery.Status
# Events that carry the story itself, sent only while readers can see it.
CONTENT_EVENTS = {
    Event.PUBLISHED,
    Event.UPDATED,
    Event.CORRECTED,
    Event.EMBARGO_LIFTED,
    Event.WENT_LIVE,
}
MAX_RETRY_SECONDS = 24 * 3600
# How long a worker holds a delivery beyond the request's own time limit.
LEASE_MARGIN_SECONDS = 30


@task()
def deliver(delivery_id):
    """Send one delivery if it is due and nobody else is sending it."""
    now = timezone.now()
    lease = settings.NEWSROOM_WEBHOOK_TIMEOUT_SECONDS + LEASE_MARGIN_SECONDS
    claimed = (
        WebhookDelivery.objects.filter(pk=delivery_id, status=Status.PENDING)
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
        .update(claimed_until=now + timedelta(seconds=lease))
    )
    if not claimed:
        return "not pending, or being sent"
    delivery = WebhookDelivery.objects.select_related("endpoint").get(pk=delivery_id)
    if _earlier_pending(delivery):
        # The earlier one hands over to this one when it is done.
        _finish(delivery, claimed_until=None)
        return "waits for an earlier event of its story"
    if not delivery.endpoint.is_active:
        _finish(delivery, status=Status.FAILED, last_error="The endpoint is off.")
        return _hand_over(delivery)
    if delivery.event in CONTENT_EVENTS and not _public(delivery.story_id):
        _finish(delivery, status=Status.SKIPPED)
        return _hand_over(delivery)
    if not delivery.body:
        delivery.body = body(delivery)
        if delivery.body is None:
            _finish(delivery, status=Status.SKIPPED)
            return _hand_over(delivery)
        _finish(delivery, body=delivery.body)
    return _attempt(delivery)


def body(delivery):
    """The JSON sent: the event's type and time, and the story as readers see it
    (its id alone once it is taken down or deleted); None if it is no longer
    public."""
    data = serialize.gone(delivery.story_id)
    if delivery.event in CONTENT_EVENTS:
        story = (
            Story.objects.published().for_detail().filter(pk=delivery.story_id).first()
        )
        if story is None:
            return None
        related = serialize.related(related_headlines(story))
        data = {**serialize.whole(story), "related": related}
    payload = {
        "type": delivery.event,
        "timestamp": iso(delivery.occurred_at),
        "data": data,
    }
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"))


def _attempt(delivery):
    content = delivery.body.encode()
    message_id = f"msg_{delivery.event_id.hex}"
    headers = signed_headers(
        delivery.endpoint.secret, message_id, int(time.time()), content
    )
    started = time.monotonic()
    status_code, error = None, ""
    try:
        answer = outbound.post(
            delivery.endpoint.url,
            content,
            headers,
            settings.NEWSROOM_WEBHOOK_TIMEOUT_SECONDS,
        )
        status_code, milliseconds = answer.status, answer.milliseconds
        if not 200 <= status_code < 300:
            error = f"The endpoint answered {status_code}."
    except outbound.Refused as refused:
        error, milliseconds = str(refused), 0
    except (OSError, http.client.HTTPException, ValueError) as failure:
        error = f"The request failed: {failure or type(failure).__name__}."
        milliseconds = round((time.monotonic() - started) * 1000)
    now = timezone.now()
    WebhookAttempt.objects.create(
        delivery=delivery,
        attempted_at=now,
        status_code=status_code,
        response_ms=milliseconds,
        error=error[:300],
    )
    attempts = delivery.attempts + 1
    outcome = {
        "attempts": attempts,
        "last_status_code": status_code,
        "last_response_ms": milliseconds,
        "last_error": error[:300],
        "claimed_until": None,
    }
    if not error:
        _finish(delivery, status=Status.DELIVERED, delivered_at=now, **outcome)
        return _hand_over(delivery)
    if attempts >= settings.NEWSROOM_WEBHOOK_ATTEMPTS or not _can_wait():
        _finish(delivery, status=Status.FAILED, next_attempt_at=None, **outcome)
        logger.warning("Webhook delivery %s failed: %s", delivery.pk, error)
        return _hand_over(delivery)
    seconds = min(
        settings.NEWSROOM_WEBHOOK_RETRY_SECONDS * 2 ** (attempts - 1), MAX_RETRY_SECONDS
    )
    retry_at = now + timedelta(seconds=seconds)
    _finish(delivery, next_attempt_at=retry_at, **outcome)
    deliver.using(run_after=retry_at).enqueue(delivery.pk)
    return f"retry at {retry_at:%H:%M:%S}"


def _can_wait():
    return default_task_backend.supports_defer


def _finish(delivery, **changes):
    WebhookDelivery.objects.filter(pk=delivery.pk).update(**changes)


def _public(story_id):
    return Story.objects.published().filter(pk=story_id).exists()


def _earlier_pending(delivery):
    return WebhookDelivery.objects.filter(
        endpoint_id=delivery.endpoint_id,
        story_id=delivery.story_id,
        status=Status.PENDING,
        pk__lt=delivery.pk,
    ).exists()


def _hand_over(delivery):
    """Queue the next pending delivery of the same story to the same endpoint."""
    following = (
        WebhookDelivery.objects.filter(
            endpoint_id=delivery.endpoint_id,
            story_id=delivery.story_id,
            status=Status.PENDING,
            pk__gt=delivery.pk,
        )
        .order_by("pk")
        .values_list("pk", flat=True)
        .first()
    )
    if following is not None:
        deliver.enqueue(following)
    return "done"
