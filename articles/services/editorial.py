"""The editorial record around a story: corrections and share links."""

from django.db import transaction
from django.utils import timezone

from .. import rights
from ..cache import keys, purge
from ..models import AuditEntry, Correction, ShareLink
from . import webhooks
from .audit import audit
from .stories import is_public, save_story


@transaction.atomic
def add_correction(*, story, text, kind=Correction.Kind.CORRECTION, user=None):
    """Append a dated correction to the story and set its “Updated” time."""
    rights.require(rights.can_correct(user), "Only editors may correct a story.")
    correction = Correction.objects.create(
        story=story, kind=kind, text=text, created_by=user
    )
    story.updated_at = correction.created_at
    save_story(story=story, user=user, update_fields=["updated_at"], reason="Corrected")
    audit(story, user, AuditEntry.Action.CORRECTED, correction.get_kind_display())
    webhooks.story_corrected(story, correction)
    return correction


@transaction.atomic
def change_correction(*, correction, user=None):
    """Save an edit to a correction; readers see it at once."""
    rights.require(rights.can_correct(user), "Only editors may change a correction.")
    correction.save()
    _touch(correction.story, user)
    return correction


@transaction.atomic
def delete_correction(*, correction, user=None):
    rights.require(rights.can_correct(user), "Only editors may delete a correction.")
    story = correction.story
    correction.delete()
    _touch(story, user)


def _touch(story, user):
    """The story's pages and the corrections page show its corrections."""
    if is_public(story):
        purge(keys.story(story), keys.CORRECTIONS, keys.FEEDS)


def share_story(*, story, user=None, expires_at=None, note=""):
    """A new share link for outside reviewers (expiring after 48 hours by default)."""
    rights.require(rights.can_share(user), "Only editors may share a story.")
    link = ShareLink(story=story, created_by=user, note=note)
    if expires_at is not None:
        link.expires_at = expires_at
    link.save()
    audit(story, user, AuditEntry.Action.SHARED, note)
    return link


def change_share_link(*, link, user=None):
    """Save an edit to a share link's note or expiry."""
    rights.require(rights.can_share(user), "Only editors may change a share link.")
    link.save(update_fields=["note", "expires_at"])
    return link


def revoke_share_link(*, link, user=None):
    rights.require(rights.can_share(user), "Only editors may revoke a share link.")
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
        audit(link.story, user, AuditEntry.Action.SHARE_REVOKED, link.note)
    return link
