"""`{% byline story %}`: "By A, B and C (photos) · Agency", linked to the authors."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from ..models import Byline

register = template.Library()

# Roles named after the author; reporting and writing go without saying.
UNSAID_ROLES = {Byline.Role.REPORTING, Byline.Role.WRITING}


@register.simple_tag
def byline(story):
    """The story's byline paragraph, or "" with neither authors nor credit."""
    bylines = list(story.bylines.all())
    if not bylines and not story.credit:
        return ""
    names = [
        format_html(
            '<a href="{}">{}</a>{}',
            b.author.get_absolute_url(),
            b.author.name,
            ""
            if b.role in UNSAID_ROLES
            else format_html(" ({})", b.get_role_display().lower()),
        )
        for b in bylines
    ]
    parts = []
    if names:
        joined = names[0] if len(names) == 1 else ", ".join(names[:-1])
        if len(names) > 1:
            joined = f"{joined} and {names[-1]}"
        parts.append(mark_safe(f"By {joined}"))
    if story.credit:
        parts.append(format_html('<span class="credit">{}</span>', story.credit))
    return format_html(
        '<p class="byline">{}</p>', format_html_join(" · ", "{}", ((p,) for p in parts))
    )
