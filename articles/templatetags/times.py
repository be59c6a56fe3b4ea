"""`{% timestamp when %}`: a <time> element, as every reader page dates a story."""

from functools import lru_cache

from django import template
from django.utils import dateformat, timezone, translation
from django.utils.html import format_html

from ..time_bounds import local

register = template.Library()

READABLE = "j F Y, H:i T"
_SETTING = object()


@register.simple_tag(takes_context=True)
def timestamp(context, when):
    """<time datetime="…">26 November 2026, 10:48 UTC</time>, in the site's time
    zone; the same few times recur on every render of a page, so each is kept."""
    if not when:
        return ""
    # The zone and language are read once a template render, not once a line.
    memo = context.render_context
    if (setting := memo.get(_SETTING)) is None:
        setting = memo[_SETTING] = reading()
    return time_element(when, *setting)


def reading():
    """(time zone name, language): what a <time> element's text depends on."""
    return timezone.get_current_timezone_name(), translation.get_language()


@lru_cache(maxsize=4096)
def time_element(when, zone, language):
    """The <time> element of `when` as read in `zone` and `language` (reading())."""
    shown = local(when) if timezone.is_aware(when) else when
    # HTML allows at most three digits of a second's fraction: none is kept.
    return format_html(
        '<time datetime="{}">{}</time>',
        shown.isoformat(timespec="seconds"),
        dateformat.format(shown, READABLE),
    )


@register.filter
def iso_moment(when):
    """The moment as ISO 8601 in the site's time zone (UTC where that zone would
    carry it past the calendar's ends), for machine-read metadata."""
    if not when:
        return ""
    shown = local(when) if timezone.is_aware(when) else when
    return shown.isoformat(timespec="seconds")
