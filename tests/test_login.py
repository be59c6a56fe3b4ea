"""The admin login: throttled after repeated failures, and `next` stays on the site."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LOGIN = reverse("admin:login")
PASSWORD = "correct horse 42"


@pytest.fixture(autouse=True)
def _limits(settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_COOLOFF_TIME = timedelta(minutes=15)


@pytest.fixture
def desk_editor():
    return UserFactory(username="ada", is_staff=True, is_superuser=True)


def log_in(username, password, address="203.0.113.7", next_url=None):
    data = {"username": username, "password": password}
    url = LOGIN if next_url is None else f"{LOGIN}?next={next_url}"
    if next_url is not None:
        data["next"] = next_url
    return Client(REMOTE_ADDR=address).post(url, data)


def fail(times, username="ada", address="203.0.113.7"):
    for _ in range(times):
        assert log_in(username, "wrong password", address).status_code in {200, 429}


def test_the_right_password_logs_in(desk_editor):
    """An editor with the right password reaches the desk."""
    response = log_in("ada", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")


def test_an_account_is_locked_after_repeated_failures_from_anywhere(desk_editor):
    """Guessing one account's password from many addresses locks that account."""
    for number in range(3):
        fail(1, address=f"198.51.100.{number}")
    response = log_in("ada", PASSWORD, address="192.0.2.99")
    assert response.status_code == 429
    assert b"Too many failed logins" in response.content
    assert b"Try again in 15 minutes" in response.content


def test_an_address_is_locked_after_failures_across_accounts(desk_editor):
    """One address trying many accounts is locked out, even for a real account."""
    for username in ["bob", "carol", "dave"]:
        fail(1, username=username, address="198.51.100.50")
    assert log_in("ada", PASSWORD, address="198.51.100.50").status_code == 429
    assert log_in("ada", PASSWORD, address="198.51.100.51").status_code == 302


def test_the_lockout_is_logged(desk_editor, caplog):
    """Ops see a warning naming the account and address, never the password."""
    fail(3)
    (lockout,) = [r for r in caplog.records if "Locking out" in r.getMessage()]
    assert lockout.levelname == "WARNING"
    assert "ada" in lockout.getMessage()
    assert "203.0.113.7" in lockout.getMessage()
    assert "wrong password" not in caplog.text


def test_the_right_password_works_after_the_cool_down(desk_editor):
    """Once the cool-down has passed, the right password logs in again."""
    fail(3)
    assert log_in("ada", PASSWORD).status_code == 429
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(minutes=16)
    )
    assert log_in("ada", PASSWORD).status_code == 302


def test_behind_a_proxy_each_reader_is_their_own_address(desk_editor, settings):
    """Behind nginx, failures count per forwarded address, not for the proxy."""
    settings.NEWSROOM_PROXY_COUNT = 1
    for number in range(3):
        Client(
            REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=f"198.51.100.{number}"
        ).post(LOGIN, {"username": f"user{number}", "password": "wrong"})
    trusted = Client(
        REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="spoofed, 192.0.2.1"
    ).post(LOGIN, {"username": "ada", "password": PASSWORD})
    assert trusted.status_code == 302


@pytest.mark.parametrize(
    "next_url",
    [
        "//evil.example",
        "/\\evil.example",
        "https:///evil.example",
        "https://evil.example/admin/",
        "javascript:alert(1)",
        "\\\\evil.example",
    ],
)
def test_login_never_redirects_off_the_site(desk_editor, next_url):
    """After logging in, a crafted `next` lands on the desk, never on another site."""
    response = log_in("ada", PASSWORD, next_url=next_url)
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")


def test_login_follows_next_within_the_site(desk_editor):
    """A `next` on the site itself is honoured, so editors land where they were."""
    target = reverse("admin:articles_story_changelist")
    response = log_in("ada", PASSWORD, next_url=target)
    assert response["Location"] == target
