"""Writes of more than one step; the admin, the commands and the tests call these."""

from django.db import transaction
from django.utils import timezone

from .invalidation import purge, purge_story, story_placement
from .models import FormerSlug, Story


@transaction.atomic
def save_story(*, story):
    """Save `story`; a published story whose slug changes keeps its old URL working."""
    old_slug, before = None, set()
    stored = Story.objects.filter(pk=story.pk).first() if story.pk else None
    if stored is not None:
        before = story_placement(stored)
        if stored.published_at is not None:
            old_slug = stored.slug
    story.save()
    purge_story(story, before)
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
    purge_story(story)
    return story


@transaction.atomic
def unpublish_story(*, story):
    """Take the story off every public page at once; it goes back to draft."""
    story.status = Story.Status.DRAFT
    story.save(update_fields=["status"])
    purge_story(story)
    return story


def mark_updated(*, story, at=None):
    """Set the “Updated” time readers see, for a substantive change."""
    story.updated_at = at or timezone.now()
    story.save(update_fields=["updated_at"])
    purge_story(story)
    return story


@transaction.atomic
def delete_story(*, story):
    """Delete a story; every page that showed it or listed it is purged."""
    before = story_placement(story)
    pk = story.pk
    story.delete()
    purge(f"story:{pk}", "schedule", *before)
