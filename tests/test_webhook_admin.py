"""Webhooks in the admin: Editors register endpoints (never a private address), read
the delivery log and replay deliveries; the rules on where deliveries may go."""

import pytest
from django.urls import reverse

from articles import outbound, services
from articles.models import Event, WebhookDelivery, WebhookEndpoint
from articles.services.webhooks import save_endpoint
from tests.factories import StoryFactory
from tests.workflow import csrf_client, csrf_post

pytestmark = pytest.mark.django_db


def add_url():
    return reverse("admin:articles_webhookendpoint_add")


def form(url, events=(Event.PUBLISHED,)):
    return {
        "url": url,
        "description": "Partner",
        "events": list(events),
        "is_active": "on",
    }


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/hooks",
        "http://localhost/hooks",
        "http://10.0.0.8/hooks",
        "http://192.168.1.1/hooks",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/hooks",
        "http://[::ffff:127.0.0.1]/hooks",
        "ftp://93.184.215.14/hooks",
        "http://user:secret@93.184.215.14/hooks",
    ],
)
def test_private_and_odd_addresses_are_refused(desk_editor, url):
    """Loopback, private, link-local, non-web and password-carrying addresses are
    refused with a reason, and nothing is saved."""
    response = csrf_post(csrf_client(desk_editor), add_url(), form(url))
    assert response.status_code == 200
    assert "errorlist" in response.text
    assert not WebhookEndpoint.objects.exists()


def test_the_allowed_address_setting_opens_only_what_it_names(settings):
    """NEWSROOM_FETCH_ALLOWED_ADDRESSES lets 127.0.0.1 through, and nothing else."""
    settings.NEWSROOM_FETCH_ALLOWED_ADDRESSES = ["127.0.0.1"]
    assert outbound.check_url("http://127.0.0.1:9/hooks").address == "127.0.0.1"
    with pytest.raises(outbound.Refused):
        outbound.check_url("http://10.0.0.8/hooks")


def test_an_editor_registers_an_endpoint_and_reads_its_secret(desk_editor):
    """A public address is registered with the chosen events; its change page shows
    the signing secret to hand to the endpoint's owner."""
    client = csrf_client(desk_editor)
    response = csrf_post(
        client,
        add_url(),
        form("https://93.184.215.14/hooks", [Event.PUBLISHED, Event.CORRECTED]),
    )
    assert response.status_code == 302
    endpoint = WebhookEndpoint.objects.get()
    assert endpoint.events == [Event.PUBLISHED, Event.CORRECTED]
    assert endpoint.secret.startswith("whsec_")
    change = client.get(
        reverse("admin:articles_webhookendpoint_change", args=[endpoint.pk])
    )
    assert endpoint.secret in change.text


def test_the_log_shows_status_and_time_and_an_editor_replays(
    desk_editor, receiver, settings, django_capture_on_commit_callbacks
):
    """The delivery log lists each delivery's status and response time; replaying
    sends it again under the same event id."""
    settings.NEWSROOM_FETCH_ALLOWED_ADDRESSES = ["127.0.0.1"]
    save_endpoint(endpoint=WebhookEndpoint(url=receiver.url, events=list(Event.values)))
    receiver.script = [(500, 0)]
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_story(story=StoryFactory(draft=True))
    delivery = WebhookDelivery.objects.get()
    client = csrf_client(desk_editor)
    log = client.get(reverse("admin:articles_webhookdelivery_changelist"))
    assert "Failed: no more retries" in log.text
    assert f">{delivery.last_response_ms}<" in log.text
    with django_capture_on_commit_callbacks(execute=True):
        csrf_post(
            client,
            reverse("admin:articles_webhookdelivery_changelist"),
            {"action": "replay", "_selected_action": [delivery.pk], "index": 0},
        )
    first, second = receiver.wait_for(2)
    assert first.headers["webhook-id"] == second.headers["webhook-id"]
    delivery.refresh_from_db()
    assert delivery.status == "delivered"
    detail = client.get(
        reverse("admin:articles_webhookdelivery_change", args=[delivery.pk])
    )
    assert detail.text.count('<td class="field-status_code">') == 2


def test_reporters_have_no_webhook_screens(reporter):
    """Endpoints and deliveries are Editors' only."""
    client = csrf_client(reporter)
    assert client.get(add_url()).status_code == 403
    changelist = reverse("admin:articles_webhookdelivery_changelist")
    assert client.get(changelist).status_code == 403
