"""The front page's lineup: editors' pins in their slots, the rest newest first."""

from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from .models import FrontPageSlot, Story


@dataclass(frozen=True)
class Lineup:
    lead: Story | None
    top: list

    @property
    def stories(self):
        return ([self.lead] if self.lead else []) + self.top


def front_page_lineup(now=None, slots=None):
    """Fill slots 1..`slots` (1 is the lead) with active pins, then the newest stories.

    A story shows once: a pinned story is left out of the fill. Three queries, whatever
    the number of slots or pins.
    """
    now = now or timezone.now()
    slots = slots or 1 + settings.NEWSROOM_FRONT_PAGE_TOP_STORIES
    pins = dict(
        FrontPageSlot.objects.active(now)
        .filter(position__lte=slots)
        .values_list("position", "story_id")
    )
    fill = list(
        Story.objects.published(now)
        .exclude(pk__in=pins.values())
        .values_list("pk", flat=True)[: slots - len(pins)]
    )
    fill = iter(fill)
    order = []
    for position in range(1, slots + 1):
        pk = pins.get(position) or next(fill, None)
        if pk is not None:
            order.append(pk)
    stories = Story.objects.published(now).for_listing().in_bulk(order)
    ordered = [stories[pk] for pk in order if pk in stories]
    return Lineup(lead=ordered[0] if ordered else None, top=ordered[1:])
