"""Times of the last 24 hours as readers say them: “2 hours ago”.

Story parts are kept for a day with their times written out in full; a page says the
recent ones relatively as it is made (its <time> keeps the exact moment, and the full
time becomes its title). A cached page may say so for its lifetime
(NEWSROOM_PAGE_CACHE_SECONDS); static/js/reader-times.js keeps it current where
scripts run.
"""

import re
from datetime import datetime, timedelta

DAY = timedelta(hours=24)
# The <time> elements the `timestamp` tag writes, exactly.
TIME = re.compile(r'<time datetime="([^"<>]+)">([^<]*)</time>')


def ago(when, now):
    """“just now”, “1 minute ago”, “5 minutes ago”, “2 hours ago” for a time in the
    24 hours before `now`; None for any other (older, or in the future)."""
    distance = now - when
    if not timedelta(0) <= distance < DAY:
        return None
    minutes = int(distance.total_seconds() // 60)
    if minutes < 1:
        return "just now"
    if minutes < 60:
        return "1 minute ago" if minutes == 1 else f"{minutes} minutes ago"
    hours = minutes // 60
    return "1 hour ago" if hours == 1 else f"{hours} hours ago"


def relative_times(html, now):
    """`html` with each timestamp of the last 24 hours said relatively."""

    def say(match):
        try:
            when = datetime.fromisoformat(match[1])
        except ValueError:
            return match[0]
        words = ago(when, now) if when.tzinfo is not None else None
        if words is None:
            return match[0]
        # The full time is already escaped as text, which is safe as an attribute.
        return f'<time datetime="{match[1]}" title="{match[2]}">{words}</time>'

    return TIME.sub(say, html)
