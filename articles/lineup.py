"""What the front page shows: the lineup (editors' pins in their slots, then the
newest stories), a block of headlines per section, and the busiest subjects."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.db import connections
from django.utils import timezone

from . import cache
from .cache import keys
from .models import FrontPageSlot, Story
from .subjects import VOCABULARIES

# The front page's rails (section blocks, the busiest subjects) may lag this long
# behind new publications. A story taken down leaves them at once: its parts go stale
# and are made again only from published stories.
RAIL_SECONDS = 60
# Headlines in each section block, and subjects in "In the news", on the front page.
PER_SECTION = 4
NEWS_SIZE = 8


@dataclass(frozen=True)
class Lineup:
    """Story pks: the lead, the other slots, the "Latest" list."""

    lead: int | None
    top: list
    latest: list = field(default_factory=list)

    @property
    def stories(self):
        return ([self.lead] if self.lead else []) + self.top


def active_pins(now, slots):
    """{position: story pk}: the active pins of slots 1..`slots`."""
    return FrontPageSlot.objects.active_positions(now, slots)


def kept_pins(now, slots):
    """active_pins(), kept until a pin is saved or deleted, a pinned story changes (it
    may be taken down) or the next scheduled change (a pin's expiry, a pinned story's
    publication or embargo lift)."""

    def compute():
        found = active_pins(now, slots)
        return found, [keys.PINS, *(keys.story(pk) for pk in found.values())]

    return cache.keep(pins_name(slots), compute)


def pins_name(slots):
    return f"pins:{slots}"


def blocks_name(depth):
    return f"section-blocks:{depth}"


def news_name(size):
    return f"in-the-news:{size}"


def kept_names(latest):
    """The names of what the front page keeps (its pins, section blocks and busiest
    subjects), for articles.cache.ahead(); the blocks' as when every slot is filled."""
    slots = 1 + settings.NEWSROOM_FRONT_PAGE_TOP_STORIES
    return [
        pins_name(slots),
        blocks_name(PER_SECTION + slots + latest),
        news_name(NEWS_SIZE),
    ]


def lineup_ids(now=None, slots=None, latest=0, pinned=active_pins):
    """The lineup as story pks: slots 1..`slots` (1 is the lead) filled with active
    pins (`pinned(now, slots)`), then the newest stories; `latest` more of the
    newest, not in the slots, for the "Latest" list.

    A story shows once: a pinned story is left out of the fill. Two queries, whatever
    the number of slots or pins: the pins, and the newest by index (an OR of the pins
    and a subquery would have the database test every story in the archive).
    """
    now = now or timezone.now()
    slots = slots or 1 + settings.NEWSROOM_FRONT_PAGE_TOP_STORIES
    pins = pinned(now, slots)
    fill = iter(_newest(now, slots - len(pins) + latest, exclude=pins.values()))
    ordered = [
        pins[position] if position in pins else next(fill, None)
        for position in range(1, slots + 1)
    ]
    ordered = [pk for pk in ordered if pk is not None]
    return Lineup(
        lead=ordered[0] if ordered else None, top=ordered[1:], latest=list(fill)
    )


def section_blocks(sections, now, exclude=(), per_section=PER_SECTION):
    """[(section, [story pks])]: each section's newest stories not in `exclude`.

    One query, whatever the number of sections, kept for RAIL_SECONDS. Only the recent
    past is ranked, so the query's cost does not grow with the archive; a section
    with nothing in that window has no block.
    """
    since = now - timedelta(days=settings.NEWSROOM_SECTION_BLOCK_DAYS)
    # Ranked deep enough that every block fills whatever `exclude` takes out.
    depth = per_section + len(exclude)

    def ranked():
        connection = connections[Story.objects.db]
        rule, params = Story.objects.published_sql("s", now)
        sql = _BLOCKS.format(story=Story._meta.db_table, rule=rule)
        since_value = connection.ops.adapt_datetimefield_value(since)
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, since_value, depth])
            return cursor.fetchall(), [keys.SECTIONS]

    excluded = set(exclude)
    by_section = {}
    for section_id, pk in cache.keep(blocks_name(depth), ranked, RAIL_SECONDS):
        block = by_section.setdefault(section_id, [])
        if pk not in excluded and len(block) < per_section:
            block.append(pk)
    return [
        (section, by_section[section.pk])
        for section in sections
        if by_section.get(section.pk)
    ]


# The newest published stories and each section's newest, written out: built by the
# ORM, they cost more than the database takes to answer them. `{rule}` is the one
# visibility rule, published(), as SQL (StoryQuerySet.published_sql).
_NEWEST = (
    "SELECT s.id FROM {story} s WHERE {rule} AND s.id NOT IN ({taken})"
    " ORDER BY s.published_at DESC, s.id DESC LIMIT %s"
)
_BLOCKS = (
    "SELECT section_id, id FROM (SELECT s.section_id, s.id, ROW_NUMBER() OVER"
    " (PARTITION BY s.section_id ORDER BY s.published_at DESC, s.id DESC) AS rank"
    " FROM {story} s WHERE {rule} AND s.published_at >= %s) ranked"
    " WHERE rank <= %s ORDER BY section_id, rank"
)


def _newest(now, count, exclude=()):
    """The ids of the `count` newest published stories, but `exclude`."""
    if count <= 0:
        return []
    rule, params = Story.objects.published_sql("s", now)
    taken = list(exclude) or [0]
    sql = _NEWEST.format(
        story=Story._meta.db_table, rule=rule, taken=", ".join(["%s"] * len(taken))
    )
    with connections[Story.objects.db].cursor() as cursor:
        cursor.execute(sql, [*params, *taken, count])
        return [pk for (pk,) in cursor.fetchall()]


# Each vocabulary's busiest subjects, written out: built by the ORM, the two queries
# cost several times what the database takes to answer them. The recent published
# stories are found once for both vocabularies (a WITH query named twice is worked
# out once), and each vocabulary's links counted by tag before the few busiest tags
# are joined for their names: planned and run in about two thirds of the time of
# two joins of all three tables. `{rule}` is the one visibility rule, published(),
# as SQL (StoryQuerySet.published_sql).
_RECENT = (
    "WITH recent AS (SELECT s.id FROM {story} s WHERE {rule} AND s.published_at >= %s) "
)
_BUSIEST = (
    "SELECT * FROM (SELECT {kind} AS kind, t.id, t.name, t.slug, c.n"
    " FROM (SELECT x.tag_id, COUNT(*) AS n FROM recent r"
    " JOIN {through} x ON x.content_object_id = r.id GROUP BY x.tag_id) c"
    " JOIN {tag} t ON t.id = c.tag_id"
    " ORDER BY c.n DESC, t.name LIMIT %s) busiest_{kind}"
)


def in_the_news(now, size=NEWS_SIZE):
    """{"country": [tags], "person": [tags]}: the subjects with the most stories
    published in the last few days, busiest first, each with its `story_count`;
    may lag by RAIL_SECONDS. One query for both vocabularies."""
    since = now - timedelta(days=settings.NEWSROOM_IN_THE_NEWS_DAYS)

    def busiest():
        connection = connections[Story.objects.db]
        rule, params = Story.objects.published_sql("s", now)
        branches = [
            _BUSIEST.format(
                kind=number, tag=model._meta.db_table, through=through._meta.db_table
            )
            for number, (_kind, model, through, _field) in enumerate(VOCABULARIES)
        ]
        recent = _RECENT.format(story=Story._meta.db_table, rule=rule)
        sql = recent + " UNION ALL ".join(branches) + " ORDER BY 1, 5 DESC, 3"
        since_value = connection.ops.adapt_datetimefield_value(since)
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, since_value, *[size] * len(branches)])
            rows = cursor.fetchall()
        tags = {kind: [] for kind, *_ in VOCABULARIES}
        for number, pk, name, slug, count in rows:
            kind, model, *_ = VOCABULARIES[number]
            tag = model.from_db(
                connection.alias, ["id", "name", "slug"], [pk, name, slug]
            )
            tag.story_count = count
            tags[kind].append(tag)
        return tags, [keys.subject(tag) for kind in tags for tag in tags[kind]]

    return cache.keep(news_name(size), busiest, RAIL_SECONDS)
