"""Stories: save (rights, the stale-save check, slug history, the editorial record),
publish, unpublish, embargo, the "Updated" time, and the keys of the pages a story
appears on."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from .. import rights
from ..cache import keys, purge, purge_when_due
from ..models import (
    AuditEntry,
    FormerSlug,
    Story,
)
from ..revisions import (
    edited_fields,
    keep_stored_times,
    record_relations,
    relations_recorded,
    save_label,
)
from ..time_bounds import validate_moment
from .audit import audit, when
from .placement import changes_schedule, due_at, is_public, placement
from .webhooks import story_saved


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


def _acts(before, story, now):
    """The editorial acts a save carries out: [(action, detail)]."""
    published = Story.Status.PUBLISHED
    was_published = before is not None and before.status == published
    acts = []
    if story.status == published and (
        not was_published or before.published_at != story.published_at
    ):
        if story.published_at > now:
            acts.append((AuditEntry.Action.SCHEDULED, when(story.published_at)))
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
            acts.append((AuditEntry.Action.EMBARGOED, when(story.embargoed_until)))
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
    *,
    story,
    user=None,
    expected_version=None,
    update_fields=None,
    reason="",
    force=False,
):
    """Save `story` with the acting user's rights checked and the act audited.

    A save based on `expected_version` when the story has moved on raises
    StaleStory. A published story whose slug changes keeps its old URL working.
    The revision is named for what the save does (“Submitted for review”), else
    `reason`; a save that changes nothing makes none, unless `force`.
    """
    before = None
    if story.pk:
        before = Story.objects.select_for_update().filter(pk=story.pk).first()
    if before is not None and expected_version is not None:
        if before.version != expected_version:
            raise StaleStory(*last_change(before))
    if before is not None:
        keep_stored_times(before, story)
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
    _check_times(before, story)
    acts = _acts(before, story, now)
    label = save_label(before is None, acts, reason)
    if before is not None:
        if not (force or edited_fields(before, story, update_fields)) and (
            relations_recorded(story)
        ):
            # Nothing to keep: no revision, no new version, nothing to purge.
            story.version = before.version
            story._unrevised = label
            return story
        story.version = before.version + 1
    story._history_user = user
    story._change_reason = label
    story._unrevised = None
    if update_fields is not None:
        update_fields = {*update_fields, "version"}
    story.save(update_fields=update_fields)
    if before is None or before.slug != story.slug:
        # Checked once the row holds the slug: a rename committed meanwhile by the
        # story that had it is seen here, and this save is undone.
        clash = former_address_clash(story.slug, story)
        if clash:
            raise ValidationError({"slug": clash}, code="former_address")
    if is_public(before) or is_public(story):
        # Pages that showed the story, or list it now or before, go stale at commit.
        shown = placement(story)
        if before is not None:
            shown.add(keys.listing_by_id("section", before.section_id))
        if changes_schedule(before, story):
            shown.add(keys.SCHEDULE)
        purge(keys.story(story), *shown)
        purge_when_due(shown | {keys.story(story)}, due_at(story, now))
    story_saved(before, story)
    record_relations(story)
    if before is not None and before.published_at and before.slug != story.slug:
        FormerSlug.objects.update_or_create(slug=before.slug, defaults={"story": story})
    # The story answers at its current slug again if an editor renames it back.
    FormerSlug.objects.filter(slug=story.slug, story=story).delete()
    for action, detail in acts:
        audit(story, user, action, detail)
    return story


TIMES = ("published_at", "embargoed_until", "updated_at")


def _check_times(before, story):
    """Refuse a new time outside the years editors may give (articles.time_bounds);
    one already stored, however odd, does not block other changes."""
    errors = {}
    for name in TIMES:
        value = getattr(story, name)
        if before is None or getattr(before, name) != value:
            try:
                validate_moment(value)
            except ValidationError as refused:
                errors[name] = refused.messages
    if errors:
        raise ValidationError(errors)


def former_address_clash(slug, story):
    """Why `story` may not take `slug`, or "": the slug is another story's former
    address, whose old links would stop working or lead to this story."""
    headline = (
        FormerSlug.objects.filter(slug=slug)
        .exclude(story_id=story.pk)
        .values_list("story__headline", flat=True)
        .first()
    )
    if headline is None:
        return ""
    return (
        f"This address belongs to another story: “{headline}” had it "
        "before, and its old links lead there. Choose another slug."
    )


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
