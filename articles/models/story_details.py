"""A story page's bylines, countries, people and corrections in one query.

Each would be a prefetch of its own, and building those queries costs more than the
database takes to answer them: written out once, the four lists come back in one
UNION, ordered as their models order them, and are put where a prefetch would have
put them (`story.bylines.all()`, `story.countries.all()`, `story.people.all()`,
`story.corrections.all()` then run no query).
"""

from django.db import connections

from .bylines import Author, Byline
from .editorial import Correction
from .taxonomy import CountryTag, PersonTag, StoryCountry, StoryPerson

BYLINE, COUNTRY, PERSON, CORRECTION = range(4)
NAMES = ("bylines", "countries", "people", "corrections")
TAGS = ("countries", "people")
# One branch a list: kind, row pk, then the row's fields by kind, the story, a
# correction's time; ordered as Byline (position, pk), the tags (name) and
# Correction (created_at, pk) order themselves.
_BRANCHES = (
    """SELECT 0, b.id, b.position, '', b.role, a.id, a.name, a.slug, a.bio, a.user_id,
       b.story_id, {no_time}
  FROM {byline} b JOIN {author} a ON a.id = b.author_id
 WHERE b.story_id IN ({stories})""",
    """SELECT 1, t.id, 0, t.name, t.code, NULL, t.name, t.slug, '', NULL,
       x.content_object_id, {no_time}
  FROM {country} t JOIN {story_country} x ON x.tag_id = t.id
 WHERE x.content_object_id IN ({stories})""",
    """SELECT 2, t.id, 0, t.name, '', NULL, t.name, t.slug, t.description, NULL,
       x.content_object_id, {no_time}
  FROM {person} t JOIN {story_person} x ON x.tag_id = t.id
 WHERE x.content_object_id IN ({stories})""",
    """SELECT 3, c.id, 0, '', c.kind, NULL, '', '', c.text, NULL, c.story_id,
       c.created_at
  FROM {correction} c
 WHERE c.story_id IN ({stories})""",
)
_ORDER = " ORDER BY 1, 3, 12, 4, 2"
# The time column's type for the branches without one: a bare NULL would make it
# text on PostgreSQL.
_NO_TIME = "CAST(NULL AS TIMESTAMP WITH TIME ZONE)"


def load_story_details(stories, names=NAMES):
    """Put each of `stories`' bylines (with their authors), countries, people and
    corrections, or those of them `names` names, where a prefetch of `bylines`,
    `countries`, `people` and `corrections` would."""
    if not stories:
        return
    db = stories[0]._state.db or "default"
    connection = connections[db]
    pks = [story.pk for story in stories]
    kinds = [NAMES.index(name) for name in names]
    union = " UNION ALL ".join(_BRANCHES[kind] for kind in kinds) + _ORDER
    sql = union.format(
        byline=Byline._meta.db_table,
        author=Author._meta.db_table,
        country=CountryTag._meta.db_table,
        story_country=StoryCountry._meta.db_table,
        person=PersonTag._meta.db_table,
        story_person=StoryPerson._meta.db_table,
        correction=Correction._meta.db_table,
        no_time=_NO_TIME,
        stories=", ".join(["%s"] * len(pks)),
    )
    moment = as_loaded(connection, Correction, "created_at")
    found = {pk: ([], [], [], []) for pk in pks}
    with connection.cursor() as cursor:
        cursor.execute(sql, pks * len(kinds))
        rows = cursor.fetchall()
    for kind, pk, position, _, text, *author, about, user, story, at in rows:
        if kind == CORRECTION:
            # Its kind in the text column, its text in the one of about texts.
            built = Correction.from_db(
                db,
                ["id", "story_id", "kind", "text", "created_at"],
                [pk, story, text, about, moment(at)],
            )
        else:
            built = _built(db, kind, pk, position, text, *author, about, user, story)
        found[story][kind].append(built)
    for story in stories:
        for kind in kinds:
            _prefetched(story, NAMES[kind], found[story.pk][kind])


def as_loaded(connection, model, name):
    """A function turning a value of `model`'s field `name`, as a cursor of
    `connection` returns it, into what the ORM would load (SQLite keeps times as
    text, JSON as text everywhere)."""
    column = model._meta.get_field(name).get_col(model._meta.db_table)
    converters = connection.ops.get_db_converters(column)
    converters += column.get_db_converters(connection)

    def convert(value):
        for converter in converters:
            value = converter(value, column, connection)
        return value

    return convert


def _built(db, kind, pk, position, text, author, name, slug, about, user, story):
    """The row's Byline (its author cached on it), CountryTag or PersonTag."""
    if kind == COUNTRY:
        return CountryTag.from_db(
            db, ["id", "name", "slug", "code"], [pk, name, slug, text]
        )
    if kind == PERSON:
        return PersonTag.from_db(
            db, ["id", "name", "slug", "description"], [pk, name, slug, about]
        )
    byline = Byline.from_db(
        db,
        ["id", "story_id", "author_id", "role", "position"],
        [pk, story, author, text, position],
    )
    Byline.author.field.set_cached_value(
        byline,
        Author.from_db(
            db,
            ["id", "name", "slug", "bio", "user_id"],
            [author, name, slug, about, user],
        ),
    )
    return byline


def _prefetched(story, name, rows):
    """What prefetch_related() leaves: the manager's queryset, already evaluated."""
    manager = getattr(story, name)
    if name in TAGS:
        queryset = _tags_of(manager)
    else:
        queryset = manager.get_queryset()
    queryset._result_cache = rows
    queryset._prefetch_done = True
    story.__dict__.setdefault("_prefetched_objects_cache", {})[name] = queryset


def _tags_of(manager):
    """The queryset taggit's manager makes (`tags_for(...).order_by(...)`), its filter
    applied only once the queryset is refined or run again, as Django's own related
    managers defer theirs: taggit's costs more to build than the page's query takes,
    and a prefetched queryset is never run."""
    through = manager.through
    queryset = through.tag_model().objects.order_by(*manager.ordering)
    queryset._defer_next_filter = True
    return queryset.filter(
        **{f"{through.tag_relname()}__content_object": manager.instance}
    )
