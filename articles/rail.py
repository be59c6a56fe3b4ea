"""What a story page's second column shows: the latest headlines, and the story's
subjects (its countries and people) with how many published stories each has."""

from dataclasses import dataclass

from django.db.models import Count, Value
from django.utils import timezone

from . import cache
from .cache import keys
from .lineup import RAIL_SECONDS
from .models import Story
from .subjects import VOCABULARIES


@dataclass(frozen=True)
class Subject:
    """A country or person a story names, and its published stories' count."""

    kind: str
    name: str
    url: str
    story_count: int


def newest(now, size):
    """The `size` newest published stories, newest first, for headline lines."""
    return list(
        Story.objects.published(now)
        .for_headlines()
        .order_by("-published_at", "-pk")[:size]
    )


def latest_lines(size, line):
    """{"lines": [(pk, html)], "keys": [...]}: the `size` newest published stories'
    headline lines (`line(story)`) and the keys of what they show. One list for
    every story page's second column, shared (articles.cache.keep) and kept
    RAIL_SECONDS: a story page nobody read lately finds it made."""

    def compute():
        latest = newest(timezone.now(), size)
        shown = [key for item in latest for key in keys.headline(item)]
        lines = [(item.pk, str(line(item))) for item in latest]
        return {"lines": lines, "keys": shown}, shown

    return cache.keep(latest_name(size), compute, RAIL_SECONDS, shared=True)


def latest_name(size):
    return f"latest-lines:{size}"


def _counted(kind, through, pks):
    """(kind, pk, published stories) for the tags `pks` of one vocabulary."""
    return (
        through.objects.filter(
            Story.objects.published_exists("content_object_id"), tag__in=pks
        )
        .annotate(kind=Value(kind))
        .order_by()
        .values_list("kind", "tag")
        .annotate(n=Count("pk"))
    )


def _union(queries):
    queries = [query for query in queries if query is not None]
    if not queries:
        return []
    return list(queries[0].union(*queries[1:], all=True))


def story_counts(tag_ids):
    """{(kind, pk): published stories} for a story's tags (`tag_ids`, see
    Story.tag_ids). Shared by every page naming a subject and kept a few minutes
    (articles.cache.figures): counting a subject in most of the archive's stories
    reads all of them, so it is done once for all those pages, not once for each."""
    wanted = {
        f"stories:{kind}:{pk}": (kind, pk)
        for kind, _model, _through, field in VOCABULARIES
        for pk in tag_ids[field]
    }

    def make(missing):
        pks = {}
        for kind, pk in missing.values():
            pks.setdefault(kind, []).append(pk)
        counted = _union(
            _counted(kind, through, pks[kind]) if kind in pks else None
            for kind, _model, through, _field in VOCABULARIES
        )
        found = {(kind, pk): n for kind, pk, n in counted}
        return {name: found.get(subject, 0) for name, subject in missing.items()}

    counts = cache.figures(wanted, make)
    return {subject: counts[name] for name, subject in wanted.items()}


def tags_of(story):
    """A story's tags as the page around its article uses them, for a story whose
    tags are prefetched: their ids by vocabulary (see Story.tag_ids) and, under
    "named", each as (kind, pk, name, slug), so the second column names them
    without a query."""
    named = [
        (kind, tag.pk, tag.name, tag.slug)
        for kind, _model, _through, field in VOCABULARIES
        for tag in getattr(story, field).all()
    ]
    return {**story.tag_ids(), "named": named}


def story_subjects(story_id, tag_ids):
    """([Subject], keys) of a published story's tags (`tag_ids`, see tags_of):
    countries, then people, by name, and the keys of what they show; one query
    for the counts not kept."""
    rows = tag_ids["named"]
    if not rows:
        return [], [keys.story(story_id)]
    counts = story_counts(tag_ids)
    models = {kind: model for kind, model, _, _ in VOCABULARIES}
    found = []
    for kind, pk, name, slug in rows:
        tag = models[kind](pk=pk, name=name, slug=slug)
        found.append(Subject(kind, name, tag.get_absolute_url(), counts[kind, pk]))
    order = [kind for kind, *_ in VOCABULARIES]
    found.sort(key=lambda subject: (order.index(subject.kind), subject.name))
    # The story (its tags may change), and each subject's name and address; not
    # its count, which may lag (see story_counts).
    shown = [keys.subject_by_id(kind, pk) for kind, pk, *_ in rows]
    return found, [keys.story(story_id), *shown]


def kept_column(story, tag_ids, render, size, line):
    """`render(lines, subjects)` for a story page's second column: the headline
    lines (`line(story)`) of the `size` newest stories but the story, and its
    subjects with their counts. Kept as one entry (one read of the shared cache) for
    RAIL_SECONDS, and until a story listed changes or is taken down, a subject is
    renamed or the story is retagged."""

    def compute():
        latest = latest_lines(size + 1, line)  # one more: the story may be in it
        lines = [html for pk, html in latest["lines"] if pk != story.pk][:size]
        subjects, shown = story_subjects(story.pk, tag_ids)
        return render(lines, subjects), shown + latest["keys"]

    return cache.keep(column_name(story, size), compute, RAIL_SECONDS)


def column_name(story, size):
    """The name under which kept_column() keeps `story`'s second column."""
    return f"story-column:{story.pk}:{size}"


def column_names(story, size):
    """What kept_column() reads, for articles.cache.ahead(): ([the column's kept
    name], [the shared latest lines' name])."""
    return [column_name(story, size)], [latest_name(size + 1)]
