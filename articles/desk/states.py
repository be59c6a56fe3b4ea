"""A story's state as the desk names it (draft, in review, scheduled, embargoed,
published), and whose story it is."""

from django.db.models import Q
from django.utils import timezone

from ..models import Byline, Story

LABELS = {
    "draft": "Draft",
    "review": "In review",
    "scheduled": "Scheduled",
    "embargoed": "Embargoed",
    "published": "Published",
}


def state_of(story, now=None):
    """draft, review, scheduled, embargoed or published (readers see it)."""
    now = now or timezone.now()
    if story.status == Story.Status.DRAFT:
        return "draft"
    if story.status == Story.Status.IN_REVIEW:
        return "review"
    if story.published_at and story.published_at > now:
        return "scheduled"
    if story.embargoed_until and story.embargoed_until > now:
        return "embargoed"
    return "published"


def in_state(stories, state, now=None):
    """`stories` narrowed to one state, as state_of names it (a scheduled story
    under embargo is in both)."""
    now = now or timezone.now()
    published = Story.Status.PUBLISHED
    return {
        "draft": lambda: stories.filter(status=Story.Status.DRAFT),
        "review": lambda: stories.filter(status=Story.Status.IN_REVIEW),
        "scheduled": lambda: stories.filter(status=published, published_at__gt=now),
        "embargoed": lambda: stories.filter(status=published, embargoed_until__gt=now),
        "published": lambda: stories.published(now),
    }[state]()


def mine(user):
    """Stories `user` started or carries a byline on, as a filter condition.

    One list of ids, then the stories: a test on every story's row would read the
    whole archive to find a reporter's few.
    """
    started = Story.history.model.objects.filter(
        history_type="+", history_user=user
    ).values("id")
    bylined = Byline.objects.filter(author__user=user).values("story_id")
    return Q(pk__in=started.union(bylined))
