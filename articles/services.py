"""Writes of more than one step; the admin, the commands and the tests call these."""

from django.db import transaction
from django.utils import timezone

from .models import FormerSlug, Story


@transaction.atomic
def save_story(*, story):
    """Save `story`; a published story whose slug changes keeps its old URL working."""
    old_slug = None
    if story.pk:
        old_slug = (
            Story.objects.filter(pk=story.pk, published_at__isnull=False)
            .values_list("slug", flat=True)
            .first()
        )
    story.save()
    if old_slug and old_slug != story.slug:
        FormerSlug.objects.update_or_create(slug=old_slug, defaults={"story": story})
    # The story answers at its current slug again if an editor renames it back.
    FormerSlug.objects.filter(slug=story.slug).delete()
    return story


@transaction.atomic
def publish_story(*, story, at=None):
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
    story.save(update_fields=["status", "published_at"])
    return story


@transaction.atomic
def unpublish_story(*, story):
    """Take the story off every public page at once; it goes back to draft."""
    story.status = Story.Status.DRAFT
    story.save(update_fields=["status"])
    return story


def mark_updated(*, story, at=None):
    """Set the “Updated” time readers see, for a substantive change."""
    story.updated_at = at or timezone.now()
    story.save(update_fields=["updated_at"])
    return story
