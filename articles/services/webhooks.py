"""Webhooks: the endpoints editors register, the events the story services emit, and
replays.

An event is written as one delivery per subscribed endpoint inside the transaction
of the editorial act, and handed to the task worker once it commits
(services.deliveries): a slow or dead endpoint never holds up a save, and a
rolled-back save sends nothing. A scheduled publication or embargo lift fires at its
time from the worker, like the CDN purge of that moment (cache.purge_when_due).
"""

import uuid
from datetime import datetime
from functools import partial

from django.db import transaction
from django.tasks import default_task_backend, task
from django.utils import timezone

from .. import outbound, rights
from ..models import (
    Correction,
    Event,
    Story,
    WebhookDelivery,
    WebhookEndpoint,
)
from .deliveries import deliver
from .signatures import new_secret

# Ids of events fired at a scheduled time are made from the story and the time, so
# that two saves scheduling the same moment send one event.
DUE_NAMESPACE = uuid.UUID("6f1d3c1e-5a43-4f0e-9c55-2b7e0c8f4a10")


def save_endpoint(*, endpoint, user=None):
    """Register or change an endpoint; a new one gets its signing secret here."""
    action = "change" if endpoint.pk else "add"
    rights.require(
        rights.can(user, action, WebhookEndpoint),
        "Only editors may register webhook endpoints.",
    )
    outbound.check_url(endpoint.url)
    if not endpoint.secret:
        endpoint.secret = new_secret()
        endpoint.created_by = user
    endpoint.save()
    return endpoint


def delete_endpoints(*, endpoints, user=None):
    rights.require(
        rights.can(user, "delete", WebhookEndpoint),
        "Only editors may remove webhook endpoints.",
    )
    endpoints.delete()


@transaction.atomic
def replay(*, deliveries_to_replay, user=None):
    """Send these deliveries again under their event ids, with the story as it is
    now; a story no longer public is not sent. Returns how many were queued."""
    rights.require(
        user is None or user.has_perm("articles.replay_webhookdelivery"),
        "Only editors may replay webhook deliveries.",
    )
    pks = list(deliveries_to_replay.values_list("pk", flat=True))
    WebhookDelivery.objects.filter(pk__in=pks).update(
        status=WebhookDelivery.Status.PENDING,
        attempts=0,
        body="",
        next_attempt_at=None,
        claimed_until=None,
        delivered_at=None,
    )
    _send_after_commit(pks)
    return len(pks)


def visible(story, now):
    """Whether readers see `story` (a row in hand, maybe as it was before a save)
    at `now`: Story.objects.published(), for one row."""
    return (
        story is not None
        and story.status == Story.Status.PUBLISHED
        and story.published_at is not None
        and story.published_at <= now
        and not (story.embargoed_until and story.embargoed_until > now)
    )


def story_saved(before, story):
    """The events of a story's save: `before` is its row before, None if new."""
    now = timezone.now()
    was, now_visible = visible(before, now), visible(story, now)
    if now_visible and not was:
        # Published and due, held back only by its embargo: the embargo was lifted.
        held = (
            before is not None
            and before.embargoed_until is not None
            and before.embargoed_until > now
            and visible(before, before.embargoed_until)
            and before.published_at <= now
        )
        emit(story.pk, Event.EMBARGO_LIFTED if held else Event.PUBLISHED, now)
    elif was and not now_visible:
        emit(story.pk, Event.UNPUBLISHED, now)
    elif was and story.updated_at and story.updated_at != before.updated_at:
        # A correction sets the Updated time too; it is sent as the correction.
        if not Correction.objects.filter(
            story=story, created_at=story.updated_at
        ).exists():
            emit(story.pk, Event.UPDATED, now)
    _fire_when_due(story, now)


def story_corrected(story, correction):
    if visible(story, timezone.now()):
        emit(story.pk, Event.CORRECTED, correction.created_at)


def story_deleted(story):
    if visible(story, timezone.now()):
        emit(story.pk, Event.DELETED, timezone.now())


def emit(story_id, event, occurred_at, event_id=None):
    """One delivery of `event` per active endpoint subscribed to it, sent once the
    transaction commits. An event id already recorded for an endpoint is not
    recorded again."""
    endpoints = [
        endpoint
        for endpoint in WebhookEndpoint.objects.filter(is_active=True)
        if event in endpoint.events
    ]
    if not endpoints:
        return
    event_id = event_id or uuid.uuid4()
    WebhookDelivery.objects.bulk_create(
        [
            WebhookDelivery(
                endpoint=endpoint,
                event_id=event_id,
                event=event,
                story_id=story_id,
                occurred_at=occurred_at,
            )
            for endpoint in endpoints
        ],
        ignore_conflicts=True,
    )
    pks = WebhookDelivery.objects.filter(
        event_id=event_id, status=WebhookDelivery.Status.PENDING, attempts=0
    ).values_list("pk", flat=True)
    _send_after_commit(list(pks))


def _send_after_commit(pks):
    for pk in sorted(pks):
        transaction.on_commit(partial(deliver.enqueue, pk), robust=True)


def _fire_when_due(story, now):
    """At a scheduled publication or embargo lift, the worker sends "went live" or
    "embargo lifted" (a backend that cannot defer, the embedded one, cannot)."""
    if (
        story.status != Story.Status.PUBLISHED
        or not default_task_backend.supports_defer
    ):
        return
    times = [t for t in (story.published_at, story.embargoed_until) if t and t > now]
    if not times:
        return
    due = max(times)
    event = Event.WENT_LIVE if story.published_at == due else Event.EMBARGO_LIFTED
    transaction.on_commit(
        lambda: fire_when_due.using(run_after=due).enqueue(
            story.pk, event, due.isoformat()
        ),
        robust=True,
    )


@task()
def fire_when_due(story_id, event, due):
    """Send `event` if the story appeared at `due` as planned: not taken down,
    rescheduled or embargoed again meanwhile (a later save queued its own)."""
    due = datetime.fromisoformat(due)
    story = Story.objects.published().filter(pk=story_id).first()
    if story is None:
        return False
    times = [t for t in (story.published_at, story.embargoed_until) if t]
    if max(times) != due:
        return False
    event_id = uuid.uuid5(DUE_NAMESPACE, f"{story_id}:{event}:{due.isoformat()}")
    emit(story_id, event, due, event_id=event_id)
    return True
