"""Related headlines: the curated links first, then stories that share the most tags."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.db import connection
from django.utils import timezone

from . import cache
from .cache import keys
from .models import Story, StoryCountry, StoryPerson
from .time_bounds import shifted


@dataclass(frozen=True)
class Headline:
    """One line of the related headlines: enough to choose it without following it."""

    title: str
    url: str
    story_id: int | None = None
    section_id: int | None = None
    section_name: str = ""
    published_at: datetime | None = None
    # The story's lead picture (its renditions are listed on the row), or None.
    image: object = None
    is_curated: bool = False

    @classmethod
    def of_story(cls, story, title=None, is_curated=False):
        """The line of a story loaded with its section and lead picture."""
        return cls(
            title or story.headline,
            story.get_absolute_url(),
            story.pk,
            story.section_id,
            story.section.name,
            story.published_at,
            story.lead_image if story.lead_image_id else None,
            is_curated,
        )

    @property
    def is_external(self):
        return self.story_id is None

    @property
    def host(self):
        """The site an outside link leads to, as readers know it."""
        return urlsplit(self.url).hostname.removeprefix("www.") if self.url else ""

    @property
    def keys(self):
        """What the line shows: the story, its section (named, and in its URL) and
        its picture."""
        if self.story_id is None:
            return []
        shown = [
            keys.story(self.story_id),
            keys.subject_by_id("section", self.section_id),
        ]
        if self.image is not None:
            shown.append(keys.image(self.image.pk))
        return shown


# The fill's query, written out: built by the ORM it cost more than it takes the
# database to run. `{rule}` is the one visibility rule, published(), as SQL for the
# alias before it (StoryQuerySet.published_sql); `{countries}` and `{people}`
# count the tags a story shares.
_EDGE = (
    "COALESCE((SELECT e.published_at FROM {story} e WHERE {rule} AND e.id <> %s"
    " AND e.published_at {after} %s AND e.published_at <= %s"
    " ORDER BY e.published_at {order} LIMIT 1 OFFSET %s), %s)"
)
_SHARED = (
    "(SELECT COUNT(*) FROM {through} x WHERE x.content_object_id = s.id"
    " AND x.tag_id IN ({ids}))"
)
_FILL = (
    "SELECT id FROM (SELECT s.id, s.published_at, {countries} + {people} AS shared"
    " FROM {story} s WHERE {rule} AND s.published_at >= {earliest}"
    " AND s.published_at <= {latest} AND s.id NOT IN ({taken})) near"
    " WHERE shared > 0 ORDER BY shared DESC, published_at DESC, id DESC LIMIT %s"
)


def _fill_ids(story, tag_ids, limit, exclude):
    """The ids of the fill (see sharing_tags), best first.

    Only the published stories nearest the story in time are ranked: within the
    window, at most NEWSROOM_RELATED_CANDIDATES, half before it and half after.
    Related news is recent news, and ranking only these keeps the fill's cost flat
    however large, and however busy, the archive grows. The bounds are the times of
    the last candidates on each side, found by index inside the query.
    """
    now = timezone.now()
    around = story.published_at or now
    window = timedelta(days=settings.NEWSROOM_RELATED_WINDOW_DAYS)
    half = settings.NEWSROOM_RELATED_CANDIDATES // 2
    value = connection.ops.adapt_datetimefield_value
    first, last = shifted(around, -window), shifted(around, window)
    taken = sorted({story.pk, *exclude} - {None}) or [0]
    rule, params = Story.objects.published_sql("e", now)

    def edge(after, order, since, until, default):
        sql = _EDGE.format(
            story=Story._meta.db_table, rule=rule, after=after, order=order
        )
        return sql, [
            *params,
            story.pk or 0,
            value(since),
            value(until),
            half - 1,
            default,
        ]

    def shared(through, ids):
        if not ids:
            return "0", []
        sql = _SHARED.format(through=through._meta.db_table, ids=_marks(ids))
        return sql, list(ids)

    parts = {
        "countries": shared(StoryCountry, tag_ids["countries"]),
        "people": shared(StoryPerson, tag_ids["people"]),
        "rule": Story.objects.published_sql("s", now),
        "earliest": edge(">=", "DESC", first, around, value(first)),
        "latest": edge(">", "ASC", around, last, value(last)),
        "taken": (_marks(taken), taken),
    }
    # The parameters in the order their places appear in _FILL.
    sql = _FILL.format(
        story=Story._meta.db_table, **{name: sql for name, (sql, _) in parts.items()}
    )
    params = [param for _, each in parts.values() for param in each]
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, limit])
        return [row[0] for row in cursor.fetchall()]


def _marks(values):
    return ", ".join(["%s"] * len(values))


def related_headlines(story, limit=None, tag_ids=None):
    """The story's related headlines, for a story loaded with `for_detail()`, or with
    `tag_ids` ({"countries": [pk...], "people": [pk...]}, see Story.tag_ids) given.

    Curated links come first, in order, and only to published stories (the prefetch
    filters them); one more query fills up to `limit` with the stories near it in
    time (see _nearest) that share the most country and person tags, newest first.
    """
    limit = settings.NEWSROOM_RELATED_HEADLINES if limit is None else limit
    links = getattr(story, "visible_links", None)
    if links is None:
        links = list(
            story.related_links.visible().defer(
                "target__body", "target__seo_title", "target__seo_description"
            )
        )
    # Never more than the page shows, whatever an older release let a story hold.
    headlines = [
        Headline.of_story(link.target, link.display_title, is_curated=True)
        if link.target_id
        else Headline(link.display_title, link.href, is_curated=True)
        for link in links[:limit]
    ]
    tag_ids = story.tag_ids() if tag_ids is None else tag_ids
    taken = {link.target_id for link in links if link.target_id}
    fill = sharing_tags(story, tag_ids, limit - len(headlines), exclude=taken)
    return headlines + [Headline.of_story(s) for s in fill]


def sharing_tags(story, tag_ids, limit, exclude=()):
    """Up to `limit` published stories near `story` in time (see _fill_ids) sharing
    the most of `tag_ids`, newest first, leaving out the story and `exclude`: the
    related headlines' fill, and the story form's suggestions. Loaded with
    `for_related()`."""
    if limit <= 0 or not (tag_ids["countries"] or tag_ids["people"]):
        return []
    ids = _fill_ids(story, tag_ids, limit, exclude)
    # Published still: one may have been taken down since its id was ranked.
    stories = Story.objects.published().for_related().in_bulk(ids) if ids else {}
    return [stories[pk] for pk in ids if pk in stories]


def kept_related_headlines(story, tag_ids=None, shape=None, name="related"):
    """A published story's related headlines for its public page, kept as long as a
    cached page would keep them: until the story, one of the stories listed, their
    sections or pictures change, a linked story is published, or the next scheduled
    change. `shape(headlines)`, when given, is kept in their place (the story page
    keeps the block's HTML, so a page made again renders no picture)."""

    def compute():
        headlines = related_headlines(story, tag_ids=tag_ids)
        shown = [keys.story(story), keys.story_page(story)]
        shown += [key for item in headlines for key in item.keys]
        return (shape(headlines) if shape else headlines), shown

    return cache.keep(kept_name(story, name), compute)


def kept_name(story, name="related"):
    """The name under which kept_related_headlines() keeps `story`'s headlines."""
    return f"{name}:{story.pk}:{settings.NEWSROOM_RELATED_HEADLINES}"
