"""`{% moment when %}`: a time on the desk, in the newsroom's zone and from now."""

from django import template
from django.utils import timezone
from django.utils.html import format_html

from .. import moments

register = template.Library()


@register.simple_tag
def moment(when, style="relative"):
    """A <time> reading “3 hours ago” (style "relative"), “14:00 CET” ("local"),
    “14:00 CET, in 2 hours” ("both") or “2 Dec 2026, 14:00 CET” ("full"); the full
    local time is its title."""
    if not when:
        return ""
    now = timezone.now()
    text = {
        "relative": moments.relative,
        "local": moments.local,
        "both": moments.both,
        "full": lambda when, now: moments.full(when),
    }[style](when, now)
    local = timezone.localtime(when)
    return format_html(
        '<time datetime="{}" title="{}">{}</time>',
        local.isoformat(timespec="seconds"),
        moments.full(when),
        text,
    )
