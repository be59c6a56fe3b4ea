"""Where a story appears besides its own page, and when a save changes what readers
see: the keys a story's save purges."""

from ..cache import keys
from ..models import Byline, RelatedLink, Story, StoryCountry, StoryPerson


def is_public(story):
    """On public pages now or at its time: published, scheduled or embargoed. Saving
    any other story (a draft, one in review) changes nothing readers see."""
    return story is not None and story.status == Story.Status.PUBLISHED


def changes_schedule(before, story):
    """Whether a save may move the next scheduled publication or embargo lift."""
    return before is None or any(
        getattr(before, name) != getattr(story, name)
        for name in ("status", "published_at", "embargoed_until")
    )


def due_at(story, now):
    """When a scheduled or embargoed story appears, or None."""
    times = [t for t in (story.published_at, story.embargoed_until) if t and t > now]
    return max(times) if times and is_public(story) else None


def placement(story):
    """The keys of the shared pages and lists a story appears on besides its own
    page: the front page, feeds, sitemaps, search, its section's, countries',
    people's and authors' lists, and the pages of stories linking to it."""
    if story.pk is None:
        return set()
    shown = {
        keys.FRONT,
        keys.FEEDS,
        keys.SITEMAPS,
        keys.CORRECTIONS,
        keys.SEARCH,
        keys.listing_by_id("section", story.section_id),
    }
    lists = [
        ("country", StoryCountry.objects.filter(content_object=story), "tag_id"),
        ("person", StoryPerson.objects.filter(content_object=story), "tag_id"),
        ("author", Byline.objects.filter(story=story), "author_id"),
    ]
    for kind, rows, column in lists:
        shown |= {
            keys.listing_by_id(kind, pk) for pk in rows.values_list(column, flat=True)
        }
    # Stories whose curated links point here show it once it is visible.
    linking = RelatedLink.objects.filter(target=story).values_list(
        "story_id", flat=True
    )
    shown |= {keys.story_page(pk) for pk in linking}
    return shown
