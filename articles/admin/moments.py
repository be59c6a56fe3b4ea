"""What the story form says of a story's times and state, in the newsroom's time
zone and relative to now ("Scheduled for 14:00 CET tomorrow, in 2 hours"); the
wording of times themselves is articles.moments'."""

from datetime import timedelta

from django.utils import timezone

from ..models import Story
from ..moments import clock, relative


def moment(when, now):
    """The clock time, and the day unless it is today: "14:00 CET tomorrow"."""
    day = timezone.localtime(when).date()
    today = timezone.localtime(now).date()
    if day == today:
        return clock(when)
    if day == today + timedelta(days=1):
        return f"{clock(when)} tomorrow"
    if day == today - timedelta(days=1):
        return f"{clock(when)} yesterday"
    fmt = "%a %d %b" if day.year == today.year else "%a %d %b %Y"
    return f"{clock(when)} on {day:{fmt}}"


def at(when, now):
    """ "14:00 CET tomorrow, in 19 hours"."""
    return f"{moment(when, now)}, {relative(when, now)}"


def _ahead(when, now):
    return when is not None and when > now


def badges(story, now):
    """The story's state as short labels: ["Scheduled", "Embargoed"]."""
    if story.pk is None:
        return ["New"]
    if story.status != Story.Status.PUBLISHED:
        return [story.get_status_display()]
    labels = ["Scheduled" if _ahead(story.published_at, now) else "Published"]
    if story.embargoed_until and story.embargoed_until > now:
        labels.append("Embargoed")
    return labels


def state(story, now):
    """What the story's status means for readers, in a sentence."""
    if story.pk is None:
        return "Not saved yet."
    if story.status == Story.Status.DRAFT:
        sentence = "A draft: readers do not see it."
    elif story.status == Story.Status.IN_REVIEW:
        sentence = "Waiting for an editor's review: readers do not see it."
    elif story.published_at is None:
        sentence = "Published."
    elif story.published_at > now:
        sentence = f"Scheduled for {at(story.published_at, now)}."
    else:
        sentence = f"Published {at(story.published_at, now)}."
    if story.embargoed_until and story.embargoed_until > now:
        sentence += f" Embargoed until {at(story.embargoed_until, now)}."
    return sentence


def _public(story, now):
    """When readers see the story, after a publication or schedule."""
    if story.embargoed_until and story.embargoed_until > now:
        return f"embargoed until {at(story.embargoed_until, now)}: readers see it then."
    if _ahead(story.published_at, now):
        return f"readers see it from {at(story.published_at, now)}."
    return "readers see it now."


def done(story, action, now):
    """What a button did to the story, said exactly."""
    saved = f"at {clock(now)}"
    if action == "publish":
        return f"Published {saved}; {_public(story, now)}"
    if action == "schedule":
        message = f"Scheduled for {at(story.published_at, now)}."
        if story.embargoed_until and story.embargoed_until > story.published_at:
            message += f" Embargoed until {at(story.embargoed_until, now)}."
        return message
    if action == "unpublish":
        return (
            f"Unpublished {saved}: the story is off every public page and back "
            "to draft."
        )
    if action == "submit":
        return f"Submitted for review {saved}: editors see it in their queue."
    if story.status == Story.Status.DRAFT:
        return f"Draft saved {saved}."
    if story.status == Story.Status.IN_REVIEW:
        return f"Saved {saved}; the story is still waiting for review."
    return f"Saved {saved}; {_public(story, now)}"


def story_note(story, now):
    """A story's place in a list of headlines: "World · published 3 Dec 2026"."""
    if story.status != Story.Status.PUBLISHED:
        return f"{story.get_status_display()}: shown once published"
    if _ahead(story.published_at, now):
        return f"Scheduled for {moment(story.published_at, now)}"
    return published_note(story)


def published_note(story):
    """A published story's section and day: "World · published 3 Dec 2026"."""
    day = timezone.localtime(story.published_at)
    return f"{story.section.name} · published {day:%d %b %Y}"
