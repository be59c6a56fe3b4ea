"""Times on the desk read in the newsroom's zone and from now."""

from datetime import UTC, datetime, timedelta

import pytest

from articles import moments

NOW = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("offset", "words"),
    [
        (timedelta(seconds=20), "just now"),
        (timedelta(seconds=-20), "just now"),
        (timedelta(minutes=1), "in a minute"),
        (timedelta(minutes=-25), "25 minutes ago"),
        (timedelta(hours=1, minutes=59), "in 2 hours"),
        (timedelta(hours=-3, minutes=-10), "3 hours ago"),
        (timedelta(hours=26), "in a day"),
        (timedelta(days=-6), "6 days ago"),
        (timedelta(days=-400), "a year ago"),
    ],
)
def test_distances_read_as_words(offset, words):
    """A time is named by its distance from now, rounded, in words."""
    assert moments.relative(NOW + offset, NOW) == words


def test_times_read_in_the_newsrooms_zone(settings):
    """Today's time shows the clock and zone; another day adds the date."""
    settings.TIME_ZONE = "Europe/Paris"
    assert moments.local(NOW + timedelta(hours=2), NOW) == "15:00 CET"
    assert moments.local(NOW + timedelta(days=1), NOW) == "Thu 3 Dec, 13:00 CET"
    assert moments.local(NOW - timedelta(days=400), NOW) == "28 Oct 2025, 13:00 CET"
    assert moments.both(NOW + timedelta(hours=2), NOW) == "15:00 CET, in 2 hours"
