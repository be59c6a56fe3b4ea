"""The front page's pins: editors' stories in numbered slots."""

from django.db import transaction

from .. import rights
from ..cache import keys, purge

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
