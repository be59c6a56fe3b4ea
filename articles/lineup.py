"""The front page's lineup: editors' pins in their slots, the rest newest first."""

from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone

from .models import FrontPageSlot, Story


@dataclass(frozen=True)
class Lineup:
    lead: Story | None
    top: list
    latest: list = field(default_factory=list)

    @property
    def stories(self):
        return ([self.lead] if self.lead else []) + self.top


def front_page_lineup(now=None, slots=None, latest=0):
    """Fill slots 1..`slots` (1 is the lead) with active pins, then the newest stories;
    `latest` more of the newest, not in the slots, for the "Latest" list.

    A story shows once: a pinned story is left out of the fill. Four queries, whatever
    the number of slots or pins: the pins, the newest, their rows, their bylines.
    """
    now = now or timezone.now()
    slots = slots or 1 + settings.NEWSROOM_FRONT_PAGE_TOP_STORIES
    pins = dict(
        FrontPageSlot.objects.active(now)
        .filter(position__lte=slots)
        .values_list("position", "story_id")
    )
    room = slots - len(pins)
    # The newest first by index, then their rows: an OR of the pins and a subquery
    # would have the database test every story in the archive.
    newest = list(
        Story.objects.published(now)
        .exclude(pk__in=pins.values())
        .order_by("-published_at", "-pk")
        .values_list("pk", flat=True)[: room + latest]
    )
    stories = {
        story.pk: story
        for story in Story.objects.published(now)
        .for_listing()
        .filter(pk__in=[*pins.values(), *newest])
    }
    fill = iter(
        sorted(
            (story for pk, story in stories.items() if pk not in pins.values()),
            key=lambda story: (story.published_at, story.pk),
            reverse=True,
        )
    )
    ordered = []
    for position in range(1, slots + 1):
        story = stories.get(pins[position]) if position in pins else None
        if position not in pins:
            story = next(fill, None)
        if story is not None:
            ordered.append(story)
    return Lineup(
        lead=ordered[0] if ordered else None, top=ordered[1:], latest=list(fill)
    )
