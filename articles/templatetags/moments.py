"""`{% moment when %}`: a time on the desk, in the newsroom's zone and from now."""

from django import template
from django.utils import timezone
from django.utils.html import format_html

from .. import moments

register = template.Library()


@register.simple_tag
def moment(when, style="relative"):
    """A <time> reading “3 hours ago” (style "relative"), “14:00 CET” ("local") or
    “14:00 CET, in 2 hours” ("both"); the full local time is its title."""
    if not when:
        return ""
    now = timezone.now()
    text = {
        "relative": moments.relative,
        "local": moments.local,
        "both": moments.both,
    }[style](when, now)
    local = timezone.localtime(when)
    return format_html(
        '<time datetime="{}" title="{}">{}</time>',
        local.isoformat(timespec="seconds"),
        moments.full(when),
        text,
    )
