"""Times as the desk reads them: in the newsroom's time zone, and counted from now."""

from django.utils import timezone

UNITS = [
    # (seconds in the unit, singular, plural, largest count before the next unit)
    (60, "a minute", "minutes", 59),
    (3600, "an hour", "hours", 23),
    (86400, "a day", "days", 59),
    (30 * 86400, "a month", "months", 11),
    (365 * 86400, "a year", "years", None),
]


def clock(when):
    """“14:00 CET”: the time of day in the newsroom's zone, named."""
    moment = timezone.localtime(when)
    return f"{moment:%H:%M} {moment.tzname()}"


def local(when, now=None):
    """“14:00 CET” today, “Tue 2 Dec, 14:00 CET” this year, “2 Dec 2025, 14:00 CET”
    in another, in the newsroom's time zone."""
    moment = timezone.localtime(when)
    today = timezone.localtime(now or timezone.now())
    if moment.date() == today.date():
        return clock(when)
    if moment.year == today.year:
        return f"{moment:%a} {moment.day} {moment:%b}, {clock(when)}"
    return full(when)


def full(when):
    """“2 Dec 2026, 14:00 CET”: a time with its date, in the newsroom's time zone."""
    moment = timezone.localtime(when)
    return f"{moment.day} {moment:%b %Y}, {moment:%H:%M} {moment.tzname()}"


def relative(when, now=None):
    """“in 2 hours”, “3 hours ago”, “just now”: the distance to `when`, rounded."""
    seconds = (when - (now or timezone.now())).total_seconds()
    distance = abs(seconds)
    if distance < 45:
        return "just now"
    for size, one, many, most in UNITS:  # noqa: B007 - the last unit is kept
        count = int(distance / size + 0.5)
        if most is None or count <= most:
            break
    words = one if count == 1 else f"{count} {many}"
    return f"in {words}" if seconds > 0 else f"{words} ago"


def both(when, now=None):
    """“14:00 CET, in 2 hours”: where the desk names a time and its distance."""
    now = now or timezone.now()
    return f"{local(when, now)}, {relative(when, now)}"
