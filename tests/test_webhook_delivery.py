"""Webhook deliveries end to end: the real task worker (django-tasks-db) posting to a
receiver on 127.0.0.1, signatures checked with the Standard Webhooks library."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone
from standardwebhooks.webhooks import Webhook

from articles import services
from articles.models import Event, Story, WebhookDelivery, WebhookEndpoint
from articles.services.webhooks import save_endpoint
from tests.factories import StoryFactory
from tests.receiver import run_worker

pytestmark = pytest.mark.django_db(transaction=True)


def endpoint_for(receiver, events=None):
    endpoint = WebhookEndpoint(url=receiver.url, events=events or list(Event.values))
    return save_endpoint(endpoint=endpoint)


def draft(**fields):
    return StoryFactory(draft=True, **fields)


def test_a_publication_arrives_signed_with_the_story(receiver, task_worker):
    """Publishing a story posts story.published, signed so the Standard Webhooks
    library verifies it, carrying the story as the API gives it."""
    endpoint = endpoint_for(receiver)
    story = draft(headline="Grain corridor reopens")
    services.publish_story(story=story)
    assert receiver.received == []  # nothing is sent in the editor's request
    run_worker()
    (request,) = receiver.wait_for(1)
    payload = Webhook(endpoint.secret).verify(request.body, request.headers)
    assert payload["type"] == "story.published"
    assert payload["data"]["id"] == story.pk
    assert payload["data"]["headline"] == "Grain corridor reopens"
    assert payload["data"]["body_html"].startswith("<p>")
    assert request.headers["webhook-id"].startswith("msg_")


def test_a_tampered_delivery_fails_verification(receiver, task_worker):
    """The signature covers the body: a changed byte is refused by the receiver."""
    endpoint = endpoint_for(receiver)
    services.publish_story(story=draft())
    run_worker()
    (request,) = receiver.wait_for(1)
    with pytest.raises(Exception, match="[Ss]ignature"):
        Webhook(endpoint.secret).verify(
            request.body.replace(b"published", b"Published"), request.headers
        )


def test_a_500_is_retried_under_the_same_event_id(receiver, task_worker):
    """An endpoint answering 500 gets the same delivery again (same webhook-id and
    body), and nothing more once it has answered 200."""
    endpoint = endpoint_for(receiver)
    receiver.script = [(500, 0)]
    services.publish_story(story=draft())
    run_worker()
    first, second = receiver.wait_for(2)
    assert first.headers["webhook-id"] == second.headers["webhook-id"]
    assert first.body == second.body
    Webhook(endpoint.secret).verify(second.body, second.headers)
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts) == ("delivered", 2)
    assert [a.status_code for a in delivery.attempt_log.all()] == [500, 200]
    run_worker()
    assert len(receiver.received) == 2


def test_a_timeout_is_retried_and_counted_once_by_the_receiver(receiver, task_worker):
    """An endpoint slower than the timeout is tried again; deduplicating by
    webhook-id, the receiver processes the event once."""
    endpoint_for(receiver)
    receiver.script = [(200, 1.5)]
    services.publish_story(story=draft())
    run_worker()
    received = receiver.wait_for(2)
    assert len({item.headers["webhook-id"] for item in received}) == 1
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "delivered"
    first_attempt = delivery.attempt_log.first()
    assert first_attempt.status_code is None
    assert "timed out" in first_attempt.error


def test_a_delivery_queued_twice_is_sent_once(receiver, task_worker):
    """A delivery task run twice (a redelivered queue message) posts once."""
    endpoint_for(receiver)
    services.publish_story(story=draft())
    delivery = WebhookDelivery.objects.get()
    services.deliveries.deliver.enqueue(delivery.pk)
    run_worker()
    time.sleep(0.2)
    assert len(receiver.received) == 1


def test_events_of_one_story_arrive_in_order(receiver, task_worker):
    """While the publication waits for a retry, the story's update waits behind it:
    the endpoint sees published, then updated."""
    endpoint_for(receiver)
    receiver.script = [(500, 0)]
    story = draft()
    services.publish_story(story=story)
    services.mark_updated(story=Story.objects.get(pk=story.pk))
    run_worker()
    received = receiver.wait_for(3)
    delivered = [item.payload["type"] for item in received]
    assert delivered == ["story.published", "story.published", "story.updated"]


def test_a_slow_endpoint_never_slows_a_save(receiver, task_worker):
    """With the worker, an endpoint taking seconds leaves the editor's save quick."""
    endpoint_for(receiver)
    receiver.script = [(200, 3)]
    started = time.monotonic()
    services.publish_story(story=draft())
    assert time.monotonic() - started < 1
    assert WebhookDelivery.objects.get().status == "pending"


def test_a_scheduled_story_goes_live_within_one_worker_cycle(receiver, task_worker):
    """The "went live" event is not sent before the story's time, and the first
    worker pass after it sends it."""
    endpoint_for(receiver)
    at = timezone.now() + timedelta(seconds=1.5)
    story = draft()
    services.publish_story(story=story, at=at)
    run_worker()
    assert receiver.received == []
    time.sleep(max(0, (at - timezone.now()).total_seconds()) + 0.05)
    run_worker()
    (request,) = receiver.wait_for(1)
    assert request.payload["type"] == "story.went_live"
    assert request.payload["data"]["id"] == story.pk
    assert request.at - at.timestamp() < 1.0


def test_an_embargo_lift_fires_at_its_time(receiver, task_worker):
    """A live story put under embargo is withdrawn from partners at once, and
    announced again when the embargo ends."""
    endpoint_for(receiver)
    story = StoryFactory()
    services.embargo_story(story=story, until=timezone.now() + timedelta(seconds=1))
    run_worker()
    assert [item["type"] for item in receiver.payloads()] == ["story.unpublished"]
    time.sleep(1.1)
    run_worker()
    receiver.wait_for(2)
    assert receiver.payloads()[1]["type"] == "story.embargo_lifted"
    assert receiver.payloads()[0]["data"] == {"id": story.pk}


def test_a_rescheduled_story_fires_at_its_new_time_only(receiver, task_worker):
    """Moving a scheduled story later cancels the first moment's event."""
    endpoint_for(receiver)
    story = draft()
    services.publish_story(story=story, at=timezone.now() + timedelta(seconds=1))
    services.publish_story(
        story=Story.objects.get(pk=story.pk), at=timezone.now() + timedelta(hours=1)
    )
    time.sleep(1.1)
    run_worker()
    time.sleep(0.2)
    assert receiver.received == []


def test_a_redirect_is_not_followed(receiver, task_worker):
    """An endpoint answering 302 counts as a failure; nothing goes where it points."""
    endpoint_for(receiver)
    receiver.script = [(302, 0)] * 10
    services.publish_story(story=draft())
    run_worker()
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "failed"
    assert delivery.last_status_code == 302
    assert all(item.path == "/hooks" for item in receiver.received)
