"""Deleting stories, and what that takes from the stories linking to them."""

from django.db import transaction

from .. import rights
from ..cache import keys, purge
from ..models import RelatedLink
from .placement import is_public, placement
from .stories import save_story
from .webhooks import story_deleted


def links_in_the_way(stories, user):
    """[(linking story, story)]: the curated related headlines pointing at
    `stories` from other stories `user` may not change.

    Deleting a story deletes the links to it, which changes the stories holding
    them: a Reporter's draft must not take a link off a published story.
    """
    going = {story.pk for story in stories}
    links = (
        RelatedLink.objects.filter(target__in=going)
        .exclude(story__in=going)
        .select_related("story", "target")
        .order_by("target_id", "story_id")
    )
    return [
        (link.story, link.target)
        for link in links
        if not rights.can_change(user, link.story)
    ]


@transaction.atomic
def delete_story(*, story, user=None):
    """Delete a story; every page that showed it or listed it is purged, and each
    story that linked to it gets a revision saying the link went with it."""
    rights.require(rights.can_delete(user, story), "You may not delete this story.")
    blocked = links_in_the_way([story], user)
    rights.require(
        not blocked,
        "Only an editor may delete this story: "
        + ", ".join(f"“{linking.headline}”" for linking, _ in blocked)
        + " link to it.",
    )
    linking = [
        link.story
        for link in RelatedLink.objects.filter(target=story).select_related("story")
    ]
    shown = placement(story) if is_public(story) else set()
    pk, headline = story.pk, story.headline
    story_deleted(story)
    story.delete()
    if shown:
        purge(keys.story(pk), keys.SCHEDULE, *shown)
    for other in linking:
        if other.pk != pk:
            save_story(
                story=other,
                user=user,
                update_fields=[],
                reason=f"Related headline removed: “{headline}” was deleted",
                force=True,
            )
