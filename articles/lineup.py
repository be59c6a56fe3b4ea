"""The front page's lineup: editors' pins in their slots, the rest newest first."""

from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone

from .models import FrontPageSlot, Story


@dataclass(frozen=True)
class Lineup:
    """Story pks: the lead, the other slots, the "Latest" list."""

    lead: int | None
    top: list
    latest: list = field(default_factory=list)

    @property
    def stories(self):
        return ([self.lead] if self.lead else []) + self.top


def active_pins(now, slots):
    """{position: story pk}: the active pins of slots 1..`slots`."""
    return dict(
        FrontPageSlot.objects.active(now)
        .filter(position__lte=slots)
        .values_list("position", "story_id")
    )


def kept_pins(now, slots):
    """active_pins(), kept in the shared cache until a pin is saved or deleted, a pinned
    story changes (it may be taken down) or the next scheduled change (a pin's
    expiry, a pinned story's publication or embargo lift)."""
    from . import fragments

    def compute():
        found = active_pins(now, slots)
        return found, ["pins", *(f"story:{pk}" for pk in found.values())]

    return fragments.kept(f"pins:{slots}", compute)


def lineup_ids(now=None, slots=None, latest=0, pinned=active_pins):
    """The lineup as story pks: slots 1..`slots` (1 is the lead) filled with active
    pins (`pinned(now, slots)`), then the newest stories; `latest` more of the
    newest, not in the slots, for the "Latest" list.

    A story shows once: a pinned story is left out of the fill. Two queries, whatever
    the number of slots or pins: the pins, and the newest by index (an OR of the pins
    and a subquery would have the database test every story in the archive).
    """
    now = now or timezone.now()
    slots = slots or 1 + settings.NEWSROOM_FRONT_PAGE_TOP_STORIES
    visible = Story.objects.published(now)
    pins = pinned(now, slots)
    fill = iter(
        visible.exclude(pk__in=pins.values())
        .order_by("-published_at", "-pk")
        .values_list("pk", flat=True)[: slots - len(pins) + latest]
    )
    ordered = [
        pins[position] if position in pins else next(fill, None)
        for position in range(1, slots + 1)
    ]
    ordered = [pk for pk in ordered if pk is not None]
    return Lineup(
        lead=ordered[0] if ordered else None, top=ordered[1:], latest=list(fill)
    )
