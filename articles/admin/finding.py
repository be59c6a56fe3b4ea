"""What the story form's search boxes find: tags and authors by name, stories by
headline, and stories sharing the story's tags."""

from django.db.models import Case, IntegerField, Q, Value, When
from django.utils import timezone

from .. import search
from ..models import CountryTag, Story
from ..related import sharing_tags
from .matching import fold, pattern
from .moments import published_note, story_note

LIMIT = 10
# Headlines are matched word by word among this many newest stories; the search
# engine, which finds whole words, covers the rest of the archive.
HEADLINE_WINDOW = 5000


def find_names(model, text, limit=LIMIT):
    """Tags or authors whose name has a word starting with `text`, those whose
    name starts with it first; a country's two-letter code finds it too."""
    regex = pattern(text)
    if not regex:
        return []
    found = Q(name__regex=regex)
    code = fold(text)
    if model is CountryTag and len(code) == 2 and code.isalpha():
        found |= Q(code__iexact=code)
    names = (
        model.objects.filter(found)
        .annotate(
            starts=Case(
                When(name__regex=pattern(text, at="start"), then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("starts", "name")[:limit]
    )
    return [
        {
            "id": item.pk,
            "label": item.name,
            "note": getattr(item, "code", "") or getattr(item, "description", ""),
        }
        for item in names
    ]


def find_stories(text, exclude=(), limit=LIMIT):
    """Stories whose headline has words starting with those of `text`, newest
    first, then the search engine's best matches: for related headlines."""
    words = [pattern(word) for word in fold(text).split()[:8]]
    words = [word for word in words if word]
    if not words:
        return []
    recent = Story.objects.order_by("-pk").values("pk")[:HEADLINE_WINDOW]
    by_headline = Story.objects.filter(pk__in=recent)
    for word in words:
        by_headline = by_headline.filter(headline__regex=word)
    stories = list(_listed(by_headline.order_by("-pk"), exclude)[:limit])
    if len(stories) < limit:
        ranked = search.match(Story.objects.all(), text, newest=("-pk",))
        seen = {story.pk for story in stories}
        stories += [
            story for story in _listed(ranked, exclude)[:limit] if story.pk not in seen
        ]
    return results(stories[:limit])


def suggest_stories(story, tag_ids, exclude=(), limit=5):
    """Published stories sharing the most of `tag_ids`, newest first: the related
    headlines' fill (articles.related), offered as suggestions."""
    stories = sharing_tags(story, tag_ids, limit, exclude=exclude)
    return results(stories, note=lambda story, now: published_note(story))


def _listed(stories, exclude):
    return (
        stories.exclude(pk__in=exclude)
        .select_related("section")
        .only("headline", "status", "published_at", "section__name")
    )


def results(stories, note=story_note):
    now = timezone.now()
    return [
        {"id": story.pk, "label": story.headline, "note": note(story, now)}
        for story in stories
    ]
