"""Restoring a story's revision."""

from django.conf import settings
from django.db import transaction

from ..models import AuditEntry, Author, CountryTag, Image, PersonTag, Story
from ..revisions import CONTENT_FIELDS
from .audit import audit, when
from .relations import set_relations
from .stories import former_address_clash, save_story


@transaction.atomic
def restore_revision(*, story, revision, user=None):
    """Bring back a revision's text, tags, bylines and links, as a new revision.

    Status, publication time and embargo stay as they are now; what another story
    took (a slug, or a slug it has since left, which redirects to it) or an editor
    deleted since stays as it is now; related headlines past the number a page
    shows are left out.
    """
    for field in CONTENT_FIELDS:
        setattr(story, field, getattr(revision, field))
    if Story.objects.exclude(pk=story.pk).filter(
        slug=revision.slug
    ).exists() or former_address_clash(revision.slug, story):
        story.slug = Story.objects.values_list("slug", flat=True).get(pk=story.pk)
    if (
        story.lead_image_id
        and not Image.objects.filter(pk=story.lead_image_id).exists()
    ):
        story.lead_image_id = None
    restored = when(revision.history_date)
    save_story(story=story, user=user, reason=f"Restored the revision of {restored}")
    relations = revision.relations or {}
    bylines = relations.get("bylines", [])
    authors = set(
        Author.objects.filter(pk__in=[a for a, _ in bylines]).values_list(
            "pk", flat=True
        )
    )
    links = relations.get("links", [])
    targets = set(
        Story.objects.filter(pk__in=[t for t, _, _ in links if t]).values_list(
            "pk", flat=True
        )
    )
    set_relations(
        story=story,
        user=user,
        countries=CountryTag.objects.filter(pk__in=relations.get("countries", [])),
        people=PersonTag.objects.filter(pk__in=relations.get("people", [])),
        bylines=[(author, role) for author, role in bylines if author in authors],
        links=[
            (target, url, title)
            for target, url, title in links
            if target is None or target in targets
        ][: settings.NEWSROOM_RELATED_HEADLINES],
    )
    audit(story, user, AuditEntry.Action.RESTORED, restored)
    return story
