"""Sections, authors, countries and people: the subjects stories are listed under."""

from django.db import transaction

from .. import rights
from ..cache import keys, purge
from ..models import Section


def _shown_with(subject):
    """The keys of the pages naming `subject`: its own, its list, feeds, sitemaps,
    search filters; every page's menu for a section."""
    shown = [keys.subject(subject), keys.listing(subject), keys.FEEDS, keys.SITEMAPS]
    shown.append(keys.SEARCH)
    if isinstance(subject, Section):
        shown.append(keys.SECTIONS)
    return shown


@transaction.atomic
def save_subject(*, subject, user=None):
    """Save a section, author, country or person; pages naming it go stale."""
    action = "change" if subject.pk else "add"
    rights.require(rights.can(user, action, subject), f"You may not {action} this.")
    subject.save()
    purge(*_shown_with(subject))
    return subject


@transaction.atomic
def delete_subjects(*, subjects, user=None):
    """Delete subjects (a queryset); pages naming them go stale."""
    rights.require(
        rights.can(user, "delete", subjects.model), "You may not delete these."
    )
    shown = {key for subject in subjects for key in _shown_with(subject)}
    subjects.delete()
    purge(*shown)
