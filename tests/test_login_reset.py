"""A successful admin login forgets only its own account's failures, never another's."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse

from tests.workflow import PASSWORD, role_user

pytestmark = pytest.mark.django_db

LOGIN = reverse("admin:login")
LOGOUT = reverse("admin:logout")
ATTACKER = "203.0.113.66"


@pytest.fixture(autouse=True)
def _production_limits(settings):
    """The limits production runs with, whatever the environment says."""
    settings.AXES_FAILURE_LIMIT = 5
    settings.AXES_COOLOFF_TIME = timedelta(minutes=15)


@pytest.fixture
def accounts():
    return role_user("Editor", username="eddie"), role_user("Reporter", username="rita")


def log_in(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password})


def log_in_and_out(client, username):
    """The right password at the admin login, then the admin's own log-out."""
    response = log_in(client, username, PASSWORD)
    assert response.status_code == 302, "a correct login reaches the desk"
    assert client.post(LOGOUT).status_code == 200
    return response


def attack(rounds=5):
    """Four guesses at the Editor, then the Reporter's own login, round after round."""
    attacker, statuses = Client(REMOTE_ADDR=ATTACKER), []
    for _ in range(rounds):
        statuses += [log_in(attacker, "eddie", "guess").status_code for _ in range(4)]
        statuses.append(log_in(attacker, "rita", PASSWORD).status_code)
        if statuses[-1] == 302:
            attacker.post(LOGOUT)
    return statuses


def test_another_accounts_login_does_not_forgive_guesses_at_an_editor(accounts):
    """Guesses at an Editor between a Reporter's logins lock the Editor at the fifth."""
    assert attack(rounds=2) == [200, 200, 200, 200, 302] + [429] * 5
    elsewhere = Client(REMOTE_ADDR="192.0.2.10")
    assert log_in(elsewhere, "eddie", PASSWORD).status_code == 429


def test_the_reporter_still_logs_in_once_the_editor_is_locked(accounts):
    """The Editor's lockout is theirs: the Reporter still logs in from their desk."""
    attack()
    elsewhere = Client(REMOTE_ADDR="192.0.2.10")
    assert log_in(elsewhere, "eddie", PASSWORD).status_code == 429
    log_in_and_out(Client(REMOTE_ADDR="192.0.2.20"), "rita")


def test_an_editors_own_login_forgets_their_own_mistakes(accounts):
    """An Editor who mistypes, then logs in, starts afresh: later typos do not lock."""
    desk = Client(REMOTE_ADDR="192.0.2.10")
    for _ in range(3):
        for _ in range(4):
            assert log_in(desk, "eddie", "typo").status_code == 200
        log_in_and_out(desk, "eddie")
