"""The front page's pins: editors' stories in numbered slots."""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .. import rights
from ..cache import keys, purge
from ..models import FrontPageSlot

# A pin's expiry is a scheduled change of the front page.
PIN_KEYS = (keys.FRONT, keys.PINS, keys.SCHEDULE)


@transaction.atomic
def save_slot(*, slot, user=None):
    """Save a front-page slot (a story pinned to a position, until an expiry)."""
    rights.require(rights.can_curate(user), "Only editors may curate the front page.")
    slot.save()
    purge(*PIN_KEYS)
    return slot


@transaction.atomic
def delete_slots(*, slots, user=None):
    """Remove pins; their stories go back to the newest-first fill."""
    rights.require(rights.can_curate(user), "Only editors may curate the front page.")
    slots.delete()
    purge(*PIN_KEYS)


@transaction.atomic
def pin_story(*, story, position, user=None, expires_at=None):
    """Pin `story` to slot `position`, pushing the pins from there down one slot
    each until a free one (a story already pinned elsewhere moves, keeping its
    expiry unless given one). Returns the new slot."""
    rights.require(rights.can_curate(user), "Only editors may curate the front page.")
    pinned = FrontPageSlot.objects.filter(story=story)
    if expires_at is None:
        # Moving a pin keeps its expiry.
        expires_at = pinned.values_list("expires_at", flat=True).first()
    pinned.delete()
    taken = set(FrontPageSlot.objects.values_list("position", flat=True))
    end = position
    while end in taken:
        end += 1
    # From the bottom up, so no two pins ever share a slot.
    for slot in FrontPageSlot.objects.filter(
        position__gte=position, position__lt=end
    ).order_by("-position"):
        slot.position += 1
        slot.save(update_fields=["position"])
    slot = FrontPageSlot.objects.create(
        story=story, position=position, expires_at=expires_at
    )
    purge(*PIN_KEYS)
    return slot


@transaction.atomic
def reorder_lineup(*, order, moved_to, user=None, now=None):
    """Make the lineup read `order` (story pks, slot 1 first), as readers see it.

    The slots down to the last one an editor moved or had pinned (`moved_to`) are
    pinned, keeping each pin's expiry; below it the newest stories fill as before,
    since the stories above are the same ones. Expired pins in the way go; pins of
    stories readers cannot see yet keep their order below the new ones."""
    rights.require(rights.can_curate(user), "Only editors may curate the front page.")
    now = now or timezone.now()
    pinned = order[:moved_to]
    slots = FrontPageSlot.objects.select_for_update()
    expiry = dict(slots.filter(story__in=pinned).values_list("story", "expires_at"))
    slots.filter(Q(story__in=pinned) | Q(expires_at__lte=now)).delete()
    waiting = list(slots.order_by("position"))
    FrontPageSlot.objects.filter(pk__in=[s.pk for s in waiting]).delete()
    FrontPageSlot.objects.bulk_create(
        [
            FrontPageSlot(story_id=pk, position=n, expires_at=expiry.get(pk))
            for n, pk in enumerate(pinned, start=1)
        ]
        + [
            FrontPageSlot(
                story_id=slot.story_id,
                position=max(slot.position, len(pinned) + n),
                expires_at=slot.expires_at,
            )
            for n, slot in enumerate(waiting, start=1)
        ]
    )
    purge(*PIN_KEYS)
