"""Related headlines: the curated links first, then stories that share the most tags."""

from datetime import timedelta

from django.conf import settings
from django.db import connections
from django.utils import timezone

from . import cache
from .cache import keys
from .models import Story, StoryCountry, StoryPerson
from .related_lines import Headline, curated_lines, ranked_lines
from .time_bounds import shifted

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
# Those sharing none come last, and are left out after: a filter on the count would
# have PostgreSQL count each candidate's tags twice.
_FILL = (
    "SELECT s.id, {countries} + {people} AS shared, s.published_at FROM {story} s"
    " WHERE {rule} AND s.published_at >= {earliest} AND s.published_at <= {latest}"
    " AND s.id NOT IN ({taken})"
    " ORDER BY shared DESC, s.published_at DESC, s.id DESC LIMIT %s"
)
# The fill's order, over its rows (`r`).
_FILL_ORDER = "r.shared DESC, r.published_at DESC, r.id DESC"


def _fill_ids(story, tag_ids, limit, exclude):
    """The ids of the fill (see sharing_tags), best first."""
    sql, params = _fill(story, tag_ids, limit, exclude)
    with connections[Story.objects.db].cursor() as cursor:
        cursor.execute(sql, params)
        return [pk for pk, shared, _ in cursor.fetchall() if shared > 0]


def _fill(story, tag_ids, limit, exclude):
    """The fill's query and its parameters: (id, tags shared, published_at) of up
    to `limit` stories, best first, those sharing none last.

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
    value = connections[Story.objects.db].ops.adapt_datetimefield_value
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
    return sql, [*params, limit]


def _marks(values):
    return ", ".join(["%s"] * len(values))


def related_headlines(story, limit=None, tag_ids=None):
    """The story's related headlines, for a story loaded with its tags
    (`for_detail()`), or with `tag_ids` ({"countries": [pk...], "people": [pk...]},
    see Story.tag_ids) given.

    Curated links come first, in order, and only to published stories: those
    `for_detail()` loaded as `visible_links` (or a form's, in its preview), else one
    written-out query (articles.related_lines). Then the fill, up to `limit`: the
    stories near it in time (see _fill) that share the most country and person
    tags, newest first, ranked and loaded as lines in one query.
    """
    limit = settings.NEWSROOM_RELATED_HEADLINES if limit is None else limit
    links = getattr(story, "visible_links", None)
    # Never more than the page shows, whatever an older release let a story hold.
    if links is None:
        headlines = curated_lines(story, limit)
    else:
        headlines = [
            Headline.of_story(link.target, link.display_title, is_curated=True)
            if link.target_id
            else Headline(link.display_title, link.href, is_curated=True)
            for link in links[:limit]
        ]
    tag_ids = story.tag_ids() if tag_ids is None else tag_ids
    wanted = limit - len(headlines)
    if wanted <= 0 or not (tag_ids["countries"] or tag_ids["people"]):
        return headlines
    taken = {line.story_id for line in headlines if line.story_id}
    # Ranked and loaded as lines in one query: visible, by the rule it ranks by.
    sql, params = _fill(story, tag_ids, wanted, taken)
    return headlines + ranked_lines(
        sql, params, _FILL_ORDER, "r.shared > 0", db=Story.objects.db
    )


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
