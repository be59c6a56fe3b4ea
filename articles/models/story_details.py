"""A story page's bylines, countries and people in one query.

Each would be a prefetch of its own, and building those queries costs more than the
database takes to answer them: written out once, the three lists come back in one
UNION, ordered as their models order them, and are put where a prefetch would have
put them (`story.bylines.all()`, `story.countries.all()`, `story.people.all()` then
run no query).
"""

from django.db import connections

from .bylines import Author, Byline
from .taxonomy import CountryTag, PersonTag, StoryCountry, StoryPerson

# kind, row pk, then the row's fields by kind; ordered as Byline (position, pk) and
# the tags (name) order themselves.
_SQL = """
SELECT 0, b.id, b.position, '', b.role, a.id, a.name, a.slug, a.bio, a.user_id,
       b.story_id
  FROM {byline} b JOIN {author} a ON a.id = b.author_id
 WHERE b.story_id IN ({stories})
UNION ALL
SELECT 1, t.id, 0, t.name, t.code, NULL, t.name, t.slug, '', NULL,
       x.content_object_id
  FROM {country} t JOIN {story_country} x ON x.tag_id = t.id
 WHERE x.content_object_id IN ({stories})
UNION ALL
SELECT 2, t.id, 0, t.name, '', NULL, t.name, t.slug, t.description, NULL,
       x.content_object_id
  FROM {person} t JOIN {story_person} x ON x.tag_id = t.id
 WHERE x.content_object_id IN ({stories})
ORDER BY 1, 3, 4, 2
"""


def load_bylines_and_tags(stories):
    """Put each of `stories`' bylines (with their authors), countries and people
    where a prefetch of `bylines`, `countries` and `people` would."""
    if not stories:
        return
    db = stories[0]._state.db or "default"
    pks = [story.pk for story in stories]
    marks = ", ".join(["%s"] * len(pks))
    sql = _SQL.format(
        byline=Byline._meta.db_table,
        author=Author._meta.db_table,
        country=CountryTag._meta.db_table,
        story_country=StoryCountry._meta.db_table,
        person=PersonTag._meta.db_table,
        story_person=StoryPerson._meta.db_table,
        stories=marks,
    )
    found = {pk: ([], [], []) for pk in pks}
    with connections[db].cursor() as cursor:
        cursor.execute(sql, pks * 3)
        for kind, pk, position, _, text, *author, story in cursor.fetchall():
            found[story][kind].append(
                _built(db, kind, pk, position, text, *author, story)
            )
    for story in stories:
        names = ("bylines", "countries", "people")
        for name, rows in zip(names, found[story.pk], strict=True):
            _prefetched(story, name, rows)


def _built(db, kind, pk, position, text, author, name, slug, about, user, story):
    """The row's Byline (its author cached on it), CountryTag or PersonTag."""
    if kind == 1:
        return CountryTag.from_db(
            db, ["id", "name", "slug", "code"], [pk, name, slug, text]
        )
    if kind == 2:
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
    queryset = getattr(story, name).get_queryset()
    queryset._result_cache = rows
    queryset._prefetch_done = True
    story.__dict__.setdefault("_prefetched_objects_cache", {})[name] = queryset
