"""The desk, the admin's landing page: each queue of the newsroom's work with its
count, its first rows and the steps the user may take on each row.

Two queries a queue (its rows, its count) and one for every row's bylines: the
same whatever the number of stories.
"""

from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import urlencode

from django.db.models import (
    F,
    Max,
    OuterRef,
    Prefetch,
    Subquery,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from ..models import AuditEntry, Byline, Story
from .states import in_state, mine
from .steps import steps_for

# Rows shown a queue; the rest are a click away in the story list.
SHOWN = 8
CORRECTED_DAYS = 7


@dataclass(frozen=True)
class Kind:
    """What a queue is: its words, the time its rows show, the steps it offers and
    the story list's filter that holds all of it."""

    title: str
    when: str
    when_words: str
    empty: str
    steps: tuple = ()
    listed: dict = field(default_factory=dict)


KINDS = {
    "drafts": Kind(
        "My drafts", "modified_at", "edited", "No drafts of yours.",
        ("submit",), {"status": "draft", "mine": 1},
    ),
    "review": Kind(
        "In review", "waiting_since", "waiting since",
        "Nothing is waiting for an editor.",
        ("publish", "schedule"), {"status": "review"},
    ),
    "scheduled": Kind(
        "Scheduled", "published_at", "appears", "Nothing is scheduled.",
        ("publish", "unschedule"), {"status": "scheduled"},
    ),
    "embargoed": Kind(
        "Embargoed", "embargoed_until", "lifts", "No story is under embargo.",
        ("lift",), {"status": "embargoed"},
    ),
    "published": Kind(
        "Published in the last 24 hours", "published_at", "published",
        "Nothing was published in the last 24 hours.", (), {"status": "published"},
    ),
    "corrected": Kind(
        f"Corrected in the last {CORRECTED_DAYS} days", "corrected_at", "corrected",
        "No corrections this week.",
    ),
}  # fmt: skip


@dataclass
class Row:
    story: object
    when: object
    steps: list


@dataclass
class Queue:
    name: str
    kind: Kind
    count: int
    rows: list
    more: str


def _selections(user, now):
    """{queue: (its stories in order, the same for counting)}."""
    stories = Story.objects.select_related("section").defer(
        "body", "seo_title", "seo_description"
    )
    submitted = AuditEntry.objects.filter(
        story=OuterRef("pk"), action=AuditEntry.Action.SUBMITTED
    ).order_by("-created_at")
    review = in_state(stories, "review", now)
    drafts = in_state(stories, "draft", now).filter(mine(user))
    scheduled = in_state(stories, "scheduled", now)
    embargoed = in_state(stories, "embargoed", now)
    fresh = in_state(stories, "published", now).filter(
        published_at__gte=now - timedelta(hours=24)
    )
    corrected = stories.filter(
        corrections__created_at__gte=now - timedelta(days=CORRECTED_DAYS)
    )
    return {
        "drafts": (drafts.order_by("-modified_at", "-pk"), drafts),
        "review": (
            review.annotate(
                waiting_since=Coalesce(
                    Subquery(submitted.values("created_at")[:1]), F("modified_at")
                )
            ).order_by("waiting_since", "pk"),
            review,
        ),
        "scheduled": (scheduled.order_by("published_at", "pk"), scheduled),
        "embargoed": (embargoed.order_by("embargoed_until", "pk"), embargoed),
        "published": (fresh.order_by("-published_at", "-pk"), fresh),
        "corrected": (
            corrected.annotate(corrected_at=Max("corrections__created_at")).order_by(
                "-corrected_at", "-pk"
            ),
            corrected.distinct(),
        ),
    }


def queues(user, now=None):
    """The desk's queues for `user`, each with its count and first rows."""
    now = now or timezone.now()
    made = []
    for name, (ordered, counted) in _selections(user, now).items():
        kind = KINDS[name]
        rows = [
            Row(story, getattr(story, kind.when), steps_for(user, story, kind.steps))
            for story in ordered[:SHOWN]
        ]
        listed = dict(kind.listed)
        if name == "published":
            since = now - timedelta(hours=24)
            listed["published_at__gte"] = since.isoformat(timespec="seconds")
        more = _changelist(**listed) if listed else ""
        made.append(Queue(name, kind, counted.count(), rows, more))
    prefetch_related_objects(
        [row.story for queue in made for row in queue.rows],
        Prefetch("bylines", queryset=Byline.objects.select_related("author")),
    )
    return made


def _changelist(**params):
    return f"{reverse('admin:articles_story_changelist')}?{urlencode(params)}"
