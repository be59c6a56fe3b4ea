"""Pinning from the story form and the front-page screen: what editors see and do,
and what a Reporter is refused, through the pages and by crafted post."""

from datetime import timedelta

import pytest
from django.urls import reverse

from articles.lineup import lineup_ids
from articles.models import FrontPageSlot
from tests.factories import FrontPageSlotFactory, StoryFactory
from tests.workflow import csrf_client, csrf_post

pytestmark = pytest.mark.django_db

SCREEN = "admin:articles_frontpageslot_changelist"


def pin_url(story):
    return reverse("admin:articles_story_pin", args=[story.pk])


def change_url(story):
    return reverse("admin:articles_story_change", args=[story.pk])


@pytest.fixture
def front(now):
    """Four published stories, newest first: a, b, c, d."""
    return [
        StoryFactory(headline=name, published_at=now - timedelta(hours=n))
        for n, name in enumerate(["Alpha", "Bravo", "Charlie", "Delta"], start=1)
    ]


def pin(user, story, slot, json=True):
    client = csrf_client(user)
    data = {"pin_slot": slot, "csrfmiddlewaretoken": ""}
    data["csrfmiddlewaretoken"] = _token(client, change_url(story))
    headers = {"HTTP_ACCEPT": "application/json"} if json else {}
    return client.post(pin_url(story), data, **headers)


def _token(client, url):
    client.get(url)
    return client.cookies["csrftoken"].value


def test_pinning_to_a_taken_slot_pushes_its_story_down_and_names_it(desk_editor, front):
    """Delta pinned to slot 1 over a pinned Alpha moves Alpha to slot 2; it says so."""
    FrontPageSlotFactory(story=front[0], position=1)
    FrontPageSlotFactory(story=front[1], position=2)
    response = pin(desk_editor, front[3], 1)
    assert response.status_code == 200
    said = response.json()["message"]
    assert "Pinned “Delta” to slot 1" in said
    assert "“Alpha”, there before, moves down to slot 2" in said
    assert dict(FrontPageSlot.objects.values_list("story__headline", "position")) == {
        "Delta": 1,
        "Alpha": 2,
        "Bravo": 3,
    }
    assert lineup_ids().stories[:4] == [
        s.pk for s in (front[3], front[0], front[1])
    ] + [front[2].pk]


def test_pinning_over_the_newest_story_names_it(desk_editor, front):
    """With no pins, slot 1 holds the newest story; the message says where it went."""
    said = pin(desk_editor, front[2], 1).json()["message"]
    assert "“Alpha”, there before, moves down to slot 2" in said


def test_pinning_a_scheduled_story_waits_for_it(desk_editor, front, tomorrow):
    """A scheduled story is pinned for when it appears; the slot's story stays."""
    later = StoryFactory(headline="Tomorrow's lead", published_at=tomorrow)
    said = pin(desk_editor, later, 1).json()["message"]
    assert "it shows there when readers can see it (scheduled for" in said
    assert "“Alpha” holds the slot until then" in said
    assert lineup_ids().lead == front[0].pk


def test_without_javascript_the_pin_returns_to_the_story_with_its_message(
    desk_editor, front
):
    """The form's plain post lands back on the story, with the message shown."""
    response = pin(desk_editor, front[1], 1, json=False)
    assert response.status_code == 302
    assert response["Location"] == change_url(front[1])
    assert FrontPageSlot.objects.get(position=1).story == front[1]


@pytest.mark.parametrize("slot", ["0", "99", "one", "", "1.5", "²"])
def test_a_bad_slot_is_a_clear_error(desk_editor, front, slot):
    """A slot off the front page is refused with the range, not a 500."""
    response = pin(desk_editor, front[1], slot)
    assert response.status_code == 400
    assert "Pick a slot from 1 to" in response.json()["error"]
    assert not FrontPageSlot.objects.exists()


def test_a_reporter_cannot_pin_by_crafted_post(reporter, front):
    """A Reporter's pin is refused before anything changes."""
    assert pin(reporter, front[1], 1).status_code == 403
    assert not FrontPageSlot.objects.exists()


def test_the_pin_box_shows_to_editors_only(reporter, desk_editor, front):
    """Editors see "Pin to slot" in the story's side column; Reporters do not."""
    draft = StoryFactory(draft=True)
    editor_page = csrf_client(desk_editor).get(change_url(front[0])).text
    assert "Pin to slot" in editor_page
    assert "desk-pin" in editor_page
    reporter_page = csrf_client(reporter).get(change_url(draft)).text
    assert "Pin to slot" not in reporter_page


def test_the_screen_shows_the_lineup_readers_see(desk_editor, front, now):
    """Pinned and filled slots in readers' order, with expiry; waiting pins apart."""
    FrontPageSlotFactory(
        story=front[2], position=1, expires_at=now + timedelta(hours=3)
    )
    waiting = StoryFactory(headline="Not out yet", draft=True)
    FrontPageSlotFactory(story=waiting, position=3)
    response = csrf_client(desk_editor).get(reverse(SCREEN))
    assert response.status_code == 200
    text = response.text
    order = [text.index(name) for name in ("Charlie", "Alpha", "Bravo", "Delta")]
    assert order == sorted(order)
    assert "Pinned until" in text
    assert "Newest: fills the slot" in text
    assert "Not out yet</a> — shows once the story is published" in text
    assert "Save this order" in text


def test_reordering_makes_the_lineup_read_as_arranged(desk_editor, front):
    """Moving Charlie to the top pins slots 1-3 as arranged; Delta still fills."""
    a, b, c, d = (s.pk for s in front)
    client = csrf_client(desk_editor)
    response = csrf_post(
        client,
        reverse("admin:articles_frontpageslot_reorder"),
        {"order": [c, a, b, d]},
        form_url=reverse(SCREEN),
    )
    assert response.status_code == 302
    assert lineup_ids().stories[:4] == [c, a, b, d]
    assert dict(FrontPageSlot.objects.values_list("story", "position")) == {
        c: 1,
        a: 2,
        b: 3,
    }
    newer = StoryFactory(headline="Echo")
    assert lineup_ids().stories[:4] == [c, a, b, newer.pk]


def test_a_stale_order_changes_nothing(desk_editor, front):
    """An order that is not the lineup shown (changed, or forged) is refused."""
    client = csrf_client(desk_editor)
    stranger = StoryFactory(draft=True)
    csrf_post(
        client,
        reverse("admin:articles_frontpageslot_reorder"),
        {"order": [stranger.pk, front[0].pk]},
        form_url=reverse(SCREEN),
    )
    assert not FrontPageSlot.objects.exists()


def test_a_reporter_cannot_see_or_reorder_the_front_page(reporter, front):
    """The screen and its reorder are refused to a Reporter; nothing moves."""
    client = csrf_client(reporter)
    assert client.get(reverse(SCREEN)).status_code == 403
    token = _token(client, reverse("admin:index"))
    response = client.post(
        reverse("admin:articles_frontpageslot_reorder"),
        {"order": [s.pk for s in reversed(front)], "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 403
    assert not FrontPageSlot.objects.exists()


def test_moving_a_pin_keeps_its_expiry(desk_editor, front, now):
    """A pinned story pinned again to another slot keeps the time its pin ends."""
    ends = now + timedelta(hours=5)
    FrontPageSlotFactory(story=front[2], position=3, expires_at=ends)
    assert pin(desk_editor, front[2], 1).status_code == 200
    slot = FrontPageSlot.objects.get()
    assert (slot.position, slot.expires_at) == (1, ends)
