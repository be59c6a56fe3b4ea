"""The badge showing a story's state, on the desk and in the story list."""

from django.utils import timezone
from django.utils.html import format_html

from ..models import Story
from ..templatetags.moments import moment
from .states import LABELS, state_of


def badge(story):
    """<span class="badge badge-scheduled">Scheduled</span>, with the time a
    scheduled story appears or an embargo lifts under it."""
    now = timezone.now()
    state = state_of(story, now)
    details = []
    if state == "scheduled":
        details.append(format_html("for {}", moment(story.published_at, "both")))
    if story.status == Story.Status.PUBLISHED and story.is_embargoed:
        details.append(
            format_html("embargoed until {}", moment(story.embargoed_until, "both"))
        )
    shown = format_html('<span class="badge badge-{}">{}</span>', state, LABELS[state])
    for detail in details:
        shown += format_html(' <span class="badge-detail">{}</span>', detail)
    return shown
