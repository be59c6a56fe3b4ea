"""Which editorial acts send which webhook events, and what each carries."""

import pytest
from django.db import transaction
from django.utils import timezone

from articles import services
from articles.models import Event, Story, WebhookDelivery, WebhookEndpoint
from articles.services.webhooks import save_endpoint
from tests.factories import StoryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(receiver, settings, django_capture_on_commit_callbacks):
    """Acts run through `sent.act(fn)`: their deliveries go out when they commit
    (the embedded backend sends at once) to a receiver on 127.0.0.1."""
    settings.NEWSROOM_FETCH_ALLOWED_ADDRESSES = ["127.0.0.1"]
    endpoint = save_endpoint(
        endpoint=WebhookEndpoint(url=receiver.url, events=list(Event.values))
    )

    class Sent:
        def act(self, fn):
            with django_capture_on_commit_callbacks(execute=True):
                fn()
            return [item["type"] for item in receiver.payloads()]

        def payloads(self):
            return receiver.payloads()

    sent = Sent()
    sent.endpoint = endpoint
    return sent


def fresh(story):
    return Story.objects.get(pk=story.pk)


def test_publishing_sends_published(sent):
    """Publishing a draft sends story.published with the whole story."""
    story = StoryFactory(draft=True)
    assert sent.act(lambda: services.publish_story(story=story)) == ["story.published"]
    assert sent.payloads()[0]["data"]["id"] == story.pk


def test_a_substantive_update_sends_updated_and_a_typo_fix_nothing(sent):
    """Setting the Updated time sends story.updated; a quiet edit sends nothing."""
    story = StoryFactory()
    story.headline = "Typo fixed"
    assert sent.act(lambda: services.save_story(story=story)) == []
    sent.act(lambda: services.mark_updated(story=fresh(story)))
    assert [p["type"] for p in sent.payloads()] == ["story.updated"]


def test_a_correction_sends_corrected_only(sent):
    """A correction is sent as story.corrected carrying it, not also as an update."""
    story = StoryFactory()
    types = sent.act(lambda: services.add_correction(story=story, text="Fixed a date."))
    assert types == ["story.corrected"]
    assert sent.payloads()[0]["data"]["corrections"][0]["text"] == "Fixed a date."


def test_unpublishing_and_deleting_carry_only_the_id(sent):
    """Taking a story down or deleting it says which story, and nothing of it."""
    story, other = StoryFactory(), StoryFactory()
    other_pk = other.pk
    sent.act(lambda: services.unpublish_story(story=story))
    sent.act(lambda: services.delete_story(story=other))
    assert [(p["type"], p["data"]) for p in sent.payloads()] == [
        ("story.unpublished", {"id": story.pk}),
        ("story.deleted", {"id": other_pk}),
    ]


def test_lifting_an_embargo_by_hand_sends_embargo_lifted(sent):
    """An editor lifting a published story's embargo sends story.embargo_lifted."""
    story = StoryFactory(embargoed=True)
    types = sent.act(lambda: services.embargo_story(story=story, until=None))
    assert types == ["story.embargo_lifted"]


def test_drafts_scheduled_and_embargoed_saves_send_nothing(sent, tomorrow):
    """Saving what readers cannot see sends nothing; deleting it neither."""
    draft = StoryFactory(draft=True)
    sent.act(lambda: services.save_story(story=draft))
    sent.act(lambda: services.publish_story(story=draft, at=tomorrow))
    embargoed = StoryFactory(draft=True)
    sent.act(lambda: services.embargo_story(story=embargoed, until=tomorrow))
    sent.act(lambda: services.publish_story(story=fresh(embargoed)))
    sent.act(lambda: services.delete_story(story=fresh(draft)))
    assert sent.payloads() == []


def test_an_endpoint_gets_only_its_events(sent, receiver):
    """An endpoint subscribed to corrections only is sent nothing else."""
    sent.endpoint.events = [Event.CORRECTED]
    save_endpoint(endpoint=sent.endpoint)
    story = StoryFactory(draft=True)
    sent.act(lambda: services.publish_story(story=story))
    sent.act(lambda: services.add_correction(story=fresh(story), text="Fixed."))
    assert [p["type"] for p in sent.payloads()] == ["story.corrected"]


def test_a_switched_off_endpoint_gets_nothing(sent):
    """An inactive endpoint is sent nothing."""
    sent.endpoint.is_active = False
    save_endpoint(endpoint=sent.endpoint)
    assert (
        sent.act(lambda: services.publish_story(story=StoryFactory(draft=True))) == []
    )


def test_a_save_rolled_back_sends_nothing(sent):
    """Events are sent only once the save commits."""
    story = StoryFactory(draft=True)

    def failing():
        with transaction.atomic():
            services.publish_story(story=story)
            raise RuntimeError("the save failed")

    with pytest.raises(RuntimeError):
        sent.act(failing)
    assert sent.payloads() == []
    assert not WebhookDelivery.objects.exists()


def test_every_attempt_is_logged_with_status_and_time(sent, receiver):
    """The delivery log holds each attempt's status code and response time."""
    receiver.script = [(503, 0.05)]
    sent.act(lambda: services.publish_story(story=StoryFactory(draft=True)))
    delivery = WebhookDelivery.objects.get()
    # The embedded backend cannot wait for a retry: it tries once.
    assert delivery.status == "failed"
    (attempt,) = delivery.attempt_log.all()
    assert attempt.status_code == 503
    assert attempt.response_ms >= 50
    assert delivery.last_response_ms == attempt.response_ms
    assert attempt.attempted_at <= timezone.now()
