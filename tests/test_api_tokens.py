"""Partners' tokens: made by editors in the admin and shown once, kept as digests,
revocable, scoped, rate-limited."""

import re

import pytest
from django.urls import reverse

from articles.models import ApiToken
from articles.services.tokens import create_token, revoke_tokens
from tests.factories import StoryFactory
from tests.workflow import csrf_client, csrf_post

pytestmark = pytest.mark.django_db

STORIES = reverse("api:stories")


def bearer(secret):
    return {"authorization": f"Bearer {secret}"}


def make(scope=ApiToken.Scope.PUBLISHED, **fields):
    token = ApiToken(name="Example Daily", scope=scope, **fields)
    return token, create_token(token=token)


def test_a_token_is_kept_only_as_a_digest(client):
    """The database holds no copy of the token itself, and the token reads."""
    token, secret = make()
    token.refresh_from_db()
    assert secret not in {token.digest, token.prefix, token.name}
    assert secret.startswith(token.prefix)
    assert client.get(STORIES, headers=bearer(secret)).status_code == 200


def test_a_revoked_token_is_refused_from_the_next_request(client):
    """Revoking is immediate: the next request is a 401 saying why."""
    token, secret = make()
    assert client.get(STORIES, headers=bearer(secret)).status_code == 200
    revoke_tokens(tokens=ApiToken.objects.filter(pk=token.pk))
    response = client.get(STORIES, headers=bearer(secret))
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize(
    "header",
    ["Bearer nrt_wrong", "Bearer ", "Basic dXNlcjpwYXNz", "Bearer " + "x" * 500],
)
def test_a_wrong_token_is_refused_never_read_as_anonymous(client, header):
    """A bad Authorization header is a 401, not a reader's answer."""
    StoryFactory()
    assert client.get(STORIES, headers={"authorization": header}).status_code == 401


def test_a_token_over_its_rate_waits(client, settings):
    """Past its requests a minute, a token gets 429 with Retry-After."""
    token, secret = make(rate_per_minute=2)
    for _ in range(2):
        assert client.get(STORIES, headers=bearer(secret)).status_code == 200
    response = client.get(STORIES, headers=bearer(secret))
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 61
    other, other_secret = make(rate_per_minute=2)
    assert client.get(STORIES, headers=bearer(other_secret)).status_code == 200


def test_only_a_drafts_token_reads_drafts_and_none_reads_an_embargo(client):
    """Drafts, stories in review and scheduled stories need the drafts scope; no
    scope reads a story under embargo."""
    StoryFactory(headline="Live")
    StoryFactory(headline="Draft", draft=True)
    StoryFactory(headline="Review", in_review=True)
    StoryFactory(headline="Scheduled", scheduled=True)
    embargoed = StoryFactory(headline="Embargoed", embargoed=True)
    _, published = make()
    _, drafts = make(scope=ApiToken.Scope.DRAFTS)

    def seen(secret):
        data = client.get(STORIES, headers=bearer(secret)).json()
        return {(item["headline"], item["status"]) for item in data["items"]}

    assert seen(published) == {("Live", "published")}
    assert seen(drafts) == {
        ("Live", "published"),
        ("Draft", "draft"),
        ("Review", "review"),
        ("Scheduled", "scheduled"),
    }
    url = reverse("api:story", args=[embargoed.pk])
    assert client.get(url, headers=bearer(drafts)).status_code == 404


def test_an_editor_makes_a_token_and_sees_it_once(desk_editor):
    """The admin shows the new token on the page after saving, and nowhere after."""
    client = csrf_client(desk_editor)
    response = csrf_post(
        client,
        reverse("admin:articles_apitoken_add"),
        {"name": "Example Daily", "scope": "published", "rate_per_minute": 600},
    )
    assert response.status_code == 200
    secret = re.search(r'value="(nrt_[^"]+)"', response.text).group(1)
    assert "no-store" in response["Cache-Control"]
    token = ApiToken.objects.get()
    assert token.created_by == desk_editor
    change = client.get(reverse("admin:articles_apitoken_change", args=[token.pk]))
    listing = client.get(reverse("admin:articles_apitoken_changelist"))
    assert secret not in change.text and secret not in listing.text
    assert token.prefix in listing.text


def test_an_editor_revokes_tokens_with_the_action(desk_editor, client):
    """The admin action revokes the selected tokens."""
    token, secret = make()
    editor = csrf_client(desk_editor)
    csrf_post(
        editor,
        reverse("admin:articles_apitoken_changelist"),
        {"action": "revoke", "_selected_action": [token.pk], "index": 0},
    )
    assert client.get(STORIES, headers=bearer(secret)).status_code == 401


def test_reporters_cannot_make_tokens(reporter):
    """The token screens are Editors' only."""
    client = csrf_client(reporter)
    assert client.get(reverse("admin:articles_apitoken_add")).status_code == 403
    with pytest.raises(Exception, match="may not"):
        create_token(token=ApiToken(name="x"), user=reporter)
