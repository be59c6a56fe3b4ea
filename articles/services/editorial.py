"""The editorial record around a story: corrections and share links."""

from django.db import transaction
from django.utils import timezone

from .. import rights
from ..cache import keys, purge
from ..models import AuditEntry, Correction, ShareLink, Story
from .audit import audit, when
from .placement import is_public
from .stories import save_story
from .webhooks import story_corrected


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
    story_corrected(story, correction)
    return correction


# Corrections of a published story are append-only.
ON_THE_RECORD = (
    "Corrections to a story that was published are part of its record and stay as "
    "they are: add a new correction instead."
)


@transaction.atomic
def change_correction(*, correction, user=None):
    """Save an edit to a correction of a story never published."""
    rights.require(rights.can_correct(user), "Only editors may change a correction.")
    rights.require(
        rights.can_amend_correction(user, _stored_story(correction)), ON_THE_RECORD
    )
    correction.save()
    _touch(correction.story, user)
    return correction


@transaction.atomic
def delete_correction(*, correction, user=None):
    """Delete a correction of a story never published."""
    rights.require(rights.can_correct(user), "Only editors may delete a correction.")
    rights.require(
        rights.can_amend_correction(user, _stored_story(correction)), ON_THE_RECORD
    )
    story = correction.story
    correction.delete()
    _touch(story, user)


def _stored_story(correction):
    """The correction's story as stored: an unsaved publication time never decides."""
    return Story.objects.only("published_at").get(pk=correction.story_id)


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


@transaction.atomic
def change_share_link(*, link, user=None):
    """Save an edit to a share link's note or expiry; a new expiry is recorded.

    An editor may give an expired link more time (a reviewer asks for another
    day): that re-opens it, as sharing anew would, so the editorial record says
    who did and until when. A revoked link stays revoked whatever its expiry.
    """
    rights.require(rights.can_share(user), "Only editors may change a share link.")
    revoked_at, expiry_before = (
        ShareLink.objects.select_for_update()
        .filter(pk=link.pk)
        .values_list("revoked_at", "expires_at")
        .get()
    )
    was_active = revoked_at is None and expiry_before > timezone.now()
    link.save(update_fields=["note", "expires_at"])
    # The form shows whole seconds: a note edited alone comes back without them.
    if link.expires_at.replace(microsecond=0) != expiry_before.replace(microsecond=0):
        action = AuditEntry.Action.SHARE_EXPIRY_CHANGED
        if link.is_active and not was_active:
            action = AuditEntry.Action.SHARE_REOPENED
        audit(link.story, user, action, f"{link.note}: until {when(link.expires_at)}")
    return link


def revoke_share_link(*, link, user=None):
    rights.require(rights.can_share(user), "Only editors may revoke a share link.")
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
        audit(link.story, user, AuditEntry.Action.SHARE_REVOKED, link.note)
    return link
