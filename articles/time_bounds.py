"""The span of years the desk's times may take, and windows that stay inside the
calendar whatever time they are computed around."""

from datetime import UTC, datetime

from django.core.exceptions import ValidationError
from django.utils import timezone

# A publication, embargo, update or expiry outside these years is a slip of the
# keyboard (0026 for 2026, 9999 for "never"). Before 1900 most time zones were local
# mean time, with offsets such as +00:09:21 that feeds and JSON-LD readers refuse;
# after 2200 nothing a newsroom schedules is meant. Inside them, a window of days and
# any time-zone shift around a time stays far from the calendar's ends (1 and 9999).
FIRST_YEAR, LAST_YEAR = 1900, 2200
EARLIEST = datetime(FIRST_YEAR, 1, 1, tzinfo=UTC)
LATEST = datetime(LAST_YEAR, 12, 31, 23, 59, 59, tzinfo=UTC)

# The ends Python can represent, for windows around rows written before the bounds.
_FLOOR = datetime.min.replace(tzinfo=UTC)
_CEILING = datetime.max.replace(tzinfo=UTC)


def validate_moment(value):
    """Refuse a time outside FIRST_YEAR..LAST_YEAR."""
    if value is not None and not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValidationError(
            "Give a time between the years %(first)s and %(last)s.",
            code="out_of_range",
            params={"first": FIRST_YEAR, "last": LAST_YEAR},
        )


def shifted(moment, delta):
    """`moment + delta`, held at the calendar's first or last instant instead of
    overflowing (a row dated 0001-01-01 or 9999-12-31 still has a window)."""
    try:
        return moment + delta
    except OverflowError:
        return _FLOOR if delta.total_seconds() < 0 else _CEILING


def in_range(year):
    """Whether `year` is one the desk's times may take."""
    return FIRST_YEAR <= year <= LAST_YEAR


def local(moment):
    """`moment` in the desk's time zone; in UTC when that zone would carry it past
    the calendar's ends (0001-01-01 00:00 UTC is in year 0 west of Greenwich)."""
    try:
        return timezone.localtime(moment)
    except OverflowError:
        return moment.astimezone(UTC)
