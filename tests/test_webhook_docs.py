"""The signature check the README and docs/api.md give partners verifies a real
delivery, and refuses a tampered or stale one."""

import re
from pathlib import Path

import pytest

from articles import services
from articles.models import Event, WebhookEndpoint
from articles.services.webhooks import save_endpoint
from tests.factories import StoryFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[1]


def example(path):
    """The `verify` function of the document's Python example."""
    text = (ROOT / path).read_text()
    (code,) = [
        c for c in re.findall(r"```python\n(.*?)```", text, re.S) if "def verify" in c
    ]
    assert len([line for line in code.splitlines() if line.strip()]) <= 10
    namespace = {}
    exec(code, namespace)  # noqa: S102 - our own documentation
    return namespace["verify"]


@pytest.fixture
def delivery(receiver, settings, django_capture_on_commit_callbacks):
    settings.NEWSROOM_FETCH_ALLOWED_ADDRESSES = ["127.0.0.1"]
    endpoint = save_endpoint(
        endpoint=WebhookEndpoint(url=receiver.url, events=list(Event.values))
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.publish_story(story=StoryFactory(draft=True))
    (request,) = receiver.wait_for(1)
    headers = {name.lower(): value for name, value in request.headers.items()}
    return endpoint.secret, headers, request.body


@pytest.mark.parametrize("path", ["README.md", "docs/api.md"])
def test_the_documented_check_verifies_a_delivery(delivery, path):
    """The example accepts a real delivery, refuses a changed body, another secret
    and a stale timestamp."""
    verify = example(path)
    secret, headers, body = delivery
    assert verify(secret, headers, body)
    assert not verify(secret, headers, body + b" ")
    assert not verify("whsec_" + "A" * 44, headers, body)
    stale = {
        **headers,
        "webhook-timestamp": str(int(headers["webhook-timestamp"]) - 600),
    }
    assert not verify(secret, stale, body)
