"""Stories as the API gives them, from the parts kept for readers where it can.

What anonymous readers get is kept between requests like the page parts are
(articles.cache `parts`), under the same surrogate keys: a story's JSON is made
again only when something it shows changes. A token's reads are made afresh from
the database, and nothing they read is kept.
"""

from .. import cache
from ..cache import keys, shows
from ..models import FormerSlug, Story
from ..related import kept_related_headlines, related_headlines
from ..serialize import stories as serialize
from .auth import is_reader, stories_for

# What finding a story reads before its kept data: its key, time and section.
ROW_FIELDS = ("pk", "published_at", "section_id", "slug")


def story_data(request, **lookup):
    """The whole story matching `lookup` (pk=… or slug=…) that the caller may read,
    related headlines included; None if there is none. A slug the story had before
    a rename finds it too."""
    rows = stories_for(request)
    if not is_reader(request):
        rows = rows.for_detail()
        story = rows.filter(**lookup).first() or _renamed(rows, lookup)
        if story is None:
            return None
        related = related_headlines(story)
        return {**serialize.whole(story), "related": serialize.related(related)}
    rows = rows.only(*ROW_FIELDS)
    row = rows.filter(**lookup).first() or _renamed(rows, lookup)
    if row is None:
        return None
    loaded = []

    def make(missing):
        loaded.extend(Story.objects.published().for_detail().filter(pk=row.pk))
        return {
            name: ({"data": serialize.whole(s), "tags": s.tag_ids()}, keys.article(s))
            for name in missing
            for s in loaded
        }

    kept = cache.parts({f"api-story:{row.pk}": row.pk}, make)
    if not kept:
        return None
    (part,) = kept.values()
    # The whole story, when it was just loaded, has its visible links already.
    related = kept_related_headlines((loaded or [row])[0], tag_ids=part["tags"])
    shows(keys.story_page(row))
    return {**part["data"], "related": serialize.related(related)}


def _renamed(rows, lookup):
    if "slug" not in lookup:
        return None
    former = FormerSlug.objects.filter(slug=lookup["slug"]).values("story_id")
    return rows.filter(pk__in=former).first()


def teasers(request, pks):
    """Summaries of the stories `pks`, in that order (those the caller may read)."""
    if not pks:
        return []
    if not is_reader(request):
        found = {s.pk: s for s in stories_for(request).for_listing().filter(pk__in=pks)}
        return [serialize.summary(found[pk]) for pk in pks if pk in found]

    def make(missing):
        wanted = missing.values()
        made = {}
        for story in Story.objects.published().for_listing().filter(pk__in=wanted):
            made[f"api-teaser:{story.pk}"] = (
                serialize.summary(story),
                keys.teaser(story),
            )
        return made

    kept = cache.parts({f"api-teaser:{pk}": pk for pk in pks}, make)
    return [kept[name] for pk in pks if (name := f"api-teaser:{pk}") in kept]
