"""What a story page's second column shows: the latest headlines, and the story's
subjects (its countries and people) with how many published stories each has."""

from dataclasses import dataclass

from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from . import cache
from .cache import keys
from .lineup import RAIL_SECONDS
from .models import CountryTag, PersonTag, Story, StoryCountry, StoryPerson

VOCABULARIES = (
    ("country", CountryTag, StoryCountry, "countries"),
    ("person", PersonTag, StoryPerson, "people"),
)


@dataclass(frozen=True)
class Subject:
    """A country or person a story names, and its published stories' count."""

    kind: str
    name: str
    url: str
    story_count: int


def newest(now, size, exclude):
    """The `size` newest published stories but `exclude`, newest first, for headline
    lines."""
    return list(
        Story.objects.published(now)
        .exclude(pk=exclude)
        .for_headlines()
        .order_by("-published_at", "-pk")[:size]
    )


def _counted(kind, model, through, pks):
    """(kind, pk, name, slug, published stories) for the tags `pks` of one
    vocabulary."""
    published = (
        through.objects.filter(
            Story.objects.published_exists("content_object_id"), tag=OuterRef("pk")
        )
        .order_by()
        .values("tag")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        model.objects.filter(pk__in=pks)
        .annotate(
            kind=Value(kind),
            story_count=Coalesce(Subquery(published, output_field=IntegerField()), 0),
        )
        .order_by()
        .values_list("kind", "pk", "name", "slug", "story_count")
    )


def story_subjects(story_id, tag_ids):
    """([Subject], keys) of a published story's tags (`tag_ids`, see
    Story.tag_ids): countries, then people, by name, and the keys of what they show.
    One query for both vocabularies."""
    queries = [
        _counted(kind, model, through, tag_ids[field])
        for kind, model, through, field in VOCABULARIES
        if tag_ids[field]
    ]
    if not queries:
        return [], [keys.story(story_id)]
    rows = list(queries[0].union(*queries[1:], all=True))
    models = {kind: model for kind, model, _, _ in VOCABULARIES}
    found = []
    for kind, pk, name, slug, count in rows:
        tag = models[kind](pk=pk, name=name, slug=slug)
        found.append(Subject(kind, name, tag.get_absolute_url(), count))
    order = [kind for kind, *_ in VOCABULARIES]
    found.sort(key=lambda subject: (order.index(subject.kind), subject.name))
    # The story (its tags may change), and each subject's name and address.
    shown = [keys.subject_by_id(kind, pk) for kind, pk, *_ in rows]
    return found, [keys.story(story_id), *shown]


def kept_column(story, tag_ids, render, size):
    """`render(latest, subjects)` for a story page's second column: the `size`
    newest stories but the story, and its subjects with their counts. Kept as one
    entry (one read of the shared cache) for RAIL_SECONDS, and until a story listed
    changes or is taken down, a subject is renamed or the story is retagged."""

    def compute():
        latest = newest(timezone.now(), size, exclude=story.pk)
        subjects, shown = story_subjects(story.pk, tag_ids)
        shown += [key for item in latest for key in keys.headline(item)]
        return render(latest, subjects), shown

    return cache.keep(f"story-column:{story.pk}:{size}", compute, RAIL_SECONDS)
