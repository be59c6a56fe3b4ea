"""Writes of more than one step; the admin, the commands and the tests call these.

Each takes `user=`: the person acting, whose rights are checked here so that every
caller (admin form, admin action, command) is covered. `user=None` is the system.
"""

from django.db import transaction
from django.utils import timezone

from . import rights
from .invalidation import purge, purge_story, story_placement
from .models import (
    AuditEntry,
    Author,
    Byline,
    Correction,
    CountryTag,
    FormerSlug,
    Image,
    PersonTag,
    RelatedLink,
    Story,
    StoryCountry,
    StoryPerson,
)
from .revisions import CONTENT_FIELDS, record_relations


class StaleStory(Exception):
    """The story changed since the editor opened it; saving would lose that change."""

    def __init__(self, changed_by, changed_at):
        self.changed_by, self.changed_at = changed_by, changed_at
        when = timezone.localtime(changed_at).strftime("%H:%M on %d %b")
        who = "someone"
        if changed_by is not None:
            who = changed_by.get_full_name() or changed_by.get_username()
        super().__init__(
            f"{who} changed this story at {when}, after you opened it. Nothing was "
            "saved: your text is still below. Copy what you need, reload the story "
            "and apply your changes to the new version."
        )


def last_change(story):
    """(user, time) of the story's newest revision."""
    latest = (
        story.history.select_related("history_user")
        .order_by("-history_date", "-history_id")
        .first()
    )
    return (latest.history_user, latest.history_date) if latest else (None, None)


def _audit(story, user, action, detail=""):
    AuditEntry.objects.create(story=story, user=user, action=action, detail=detail)


def _when(value):
    return timezone.localtime(value).strftime("%d %b %Y %H:%M")


def _acts(before, story, now):
    """The editorial acts a save carries out: [(action, detail)]."""
    published = Story.Status.PUBLISHED
    was_published = before is not None and before.status == published
    acts = []
    if story.status == published and (
        not was_published or before.published_at != story.published_at
    ):
        if story.published_at > now:
            acts.append((AuditEntry.Action.SCHEDULED, _when(story.published_at)))
        elif not was_published:
            acts.append((AuditEntry.Action.PUBLISHED, ""))
    elif was_published and story.status != published:
        acts.append((AuditEntry.Action.UNPUBLISHED, ""))
    if story.status == Story.Status.IN_REVIEW and (
        before is None or before.status != Story.Status.IN_REVIEW
    ):
        acts.append((AuditEntry.Action.SUBMITTED, ""))
    old_embargo = before.embargoed_until if before else None
    if story.embargoed_until != old_embargo:
        if story.embargoed_until:
            acts.append((AuditEntry.Action.EMBARGOED, _when(story.embargoed_until)))
        else:
            acts.append((AuditEntry.Action.EMBARGO_LIFTED, ""))
    return acts


def _needs_publish_right(before, story):
    published = Story.Status.PUBLISHED
    if before is None:
        return story.status == published or story.embargoed_until is not None
    return (
        before.status == published
        or story.status == published
        or before.published_at != story.published_at
        or before.embargoed_until != story.embargoed_until
    )


@transaction.atomic
def save_story(
    *, story, user=None, expected_version=None, update_fields=None, reason=""
):
    """Save `story` with the acting user's rights checked and the act audited.

    A save based on `expected_version` when the story has moved on raises
    StaleStory. A published story whose slug changes keeps its old URL working.
    """
    before = None
    if story.pk:
        before = Story.objects.select_for_update().filter(pk=story.pk).first()
    if before is not None and expected_version is not None:
        if before.version != expected_version:
            raise StaleStory(*last_change(before))
    rights.require(
        rights.can_change(user, before)
        if before
        else user is None or user.has_perm("articles.add_story"),
        "You may not change this story.",
    )
    if _needs_publish_right(before, story):
        rights.require(
            rights.can_publish(user),
            "Only editors may publish, unpublish, schedule or embargo a story, or "
            "change one that is published.",
        )
    now = timezone.now()
    if story.status == Story.Status.PUBLISHED and story.published_at is None:
        story.published_at = now
    if before is not None:
        story.version = before.version + 1
    story._history_user = user
    story._change_reason = reason
    if update_fields is not None:
        update_fields = {*update_fields, "version"}
    story.save(update_fields=update_fields)
    # Pages that showed the story, or list it now or before, go stale at commit.
    purge_story(story, story_placement(before) if before is not None else ())
    record_relations(story)
    if before is not None and before.published_at and before.slug != story.slug:
        FormerSlug.objects.update_or_create(slug=before.slug, defaults={"story": story})
    # The story answers at its current slug again if an editor renames it back.
    FormerSlug.objects.filter(slug=story.slug).delete()
    for action, detail in _acts(before, story, now):
        _audit(story, user, action, detail)
    return story


def publish_story(*, story, at=None, user=None):
    """Publish now, or at `at` (a future time schedules it; readers see it from then).

    A story published before keeps its first publication time (its URL carries the
    date); a scheduled one published now is published now.
    """
    now = timezone.now()
    if at is not None:
        story.published_at = at
    elif story.published_at is None or story.published_at > now:
        story.published_at = now
    story.status = Story.Status.PUBLISHED
    return save_story(
        story=story,
        user=user,
        update_fields=["status", "published_at"],
        reason="Published",
    )


def unpublish_story(*, story, user=None):
    """Take the story off every public page at once; it goes back to draft."""
    story.status = Story.Status.DRAFT
    return save_story(
        story=story, user=user, update_fields=["status"], reason="Unpublished"
    )


def embargo_story(*, story, until, user=None):
    """Hide the story from every public page until `until` (None lifts the embargo)."""
    story.embargoed_until = until
    return save_story(
        story=story, user=user, update_fields=["embargoed_until"], reason="Embargo"
    )


def mark_updated(*, story, at=None, user=None):
    """Set the “Updated” time readers see, for a substantive change."""
    story.updated_at = at or timezone.now()
    return save_story(story=story, user=user, update_fields=["updated_at"])


@transaction.atomic
def add_correction(*, story, text, kind=Correction.Kind.CORRECTION, user=None):
    """Append a dated correction to the story and set its “Updated” time."""
    rights.require(rights.can_correct(user), "Only editors may correct a story.")
    correction = Correction.objects.create(
        story=story, kind=kind, text=text, created_by=user
    )
    story.updated_at = correction.created_at
    save_story(story=story, user=user, update_fields=["updated_at"], reason="Corrected")
    _audit(story, user, AuditEntry.Action.CORRECTED, correction.get_kind_display())
    return correction


@transaction.atomic
def restore_revision(*, story, revision, user=None):
    """Bring back a revision's text, tags, bylines and links, as a new revision.

    Status, publication time and embargo stay as they are now.
    """
    for field in CONTENT_FIELDS:
        setattr(story, field, getattr(revision, field))
    # What another story took or an editor deleted since stays as it is now.
    if Story.objects.exclude(pk=story.pk).filter(slug=revision.slug).exists():
        story.slug = Story.objects.values_list("slug", flat=True).get(pk=story.pk)
    if (
        story.lead_image_id
        and not Image.objects.filter(pk=story.lead_image_id).exists()
    ):
        story.lead_image_id = None
    when = _when(revision.history_date)
    save_story(story=story, user=user, reason=f"Restored the revision of {when}")
    relations = revision.relations or {}
    story.country_items.all().delete()
    story.person_items.all().delete()
    StoryCountry.objects.bulk_create(
        StoryCountry(content_object=story, tag=tag)
        for tag in CountryTag.objects.filter(pk__in=relations.get("countries", []))
    )
    StoryPerson.objects.bulk_create(
        StoryPerson(content_object=story, tag=tag)
        for tag in PersonTag.objects.filter(pk__in=relations.get("people", []))
    )
    story.bylines.all().delete()
    bylines = relations.get("bylines", [])
    authors = set(
        Author.objects.filter(pk__in=[a for a, _ in bylines]).values_list(
            "pk", flat=True
        )
    )
    Byline.objects.bulk_create(
        Byline(story=story, author_id=author, role=role, position=n)
        for n, (author, role) in enumerate(bylines)
        if author in authors
    )
    story.related_links.all().delete()
    existing = set(
        Story.objects.filter(
            pk__in=[t for t, _, _ in relations.get("links", []) if t]
        ).values_list("pk", flat=True)
    )
    RelatedLink.objects.bulk_create(
        RelatedLink(story=story, target_id=target, url=url, title=title, position=n)
        for n, (target, url, title) in enumerate(relations.get("links", []), start=1)
        if target is None or target in existing
    )
    record_relations(story)
    _audit(story, user, AuditEntry.Action.RESTORED, when)
    return story


def share_story(*, story, user=None, expires_at=None, note=""):
    """A new share link for outside reviewers (expiring after 48 hours by default)."""
    from .models import ShareLink

    rights.require(rights.can_share(user), "Only editors may share a story.")
    link = ShareLink(story=story, created_by=user, note=note)
    if expires_at is not None:
        link.expires_at = expires_at
    link.save()
    _audit(story, user, AuditEntry.Action.SHARED, note)
    return link


def revoke_share_link(*, link, user=None):
    rights.require(rights.can_share(user), "Only editors may revoke a share link.")
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
        _audit(link.story, user, AuditEntry.Action.SHARE_REVOKED, link.note)
    return link


@transaction.atomic
def delete_story(*, story, user=None):
    """Delete a story; every page that showed it or listed it is purged."""
    rights.require(rights.can_delete(user, story), "You may not delete this story.")
    placement = story_placement(story)
    pk = story.pk
    story.delete()
    purge(f"story:{pk}", "schedule", *placement)
