"""The lines of the related headlines, each list loaded in one written-out query.

A line needs a story's headline, address, date, section name and lead picture. Loaded
through the ORM, sixteen lines were sixteen links, stories, sections and pictures
made as model instances by a query that cost more to build than to run: written out,
the rows become the lines themselves, with only the picture made as an Image (the
picture helpers read its renditions).

The curated lines take the one visibility rule compiled from `published()` itself
(`Story.objects.published_sql`); the fill's lines come from the query that ranks
them, which applies the same rule: an unpublished story never shows as a line.
"""

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from django.db import connections
from django.utils import timezone

from .cache import keys
from .models import Image, RelatedLink, Section, Story, as_loaded, story_address

# A line's columns: the story (alias t), its section (c) and its picture (i).
_COLUMNS = (
    "t.id, t.headline, t.slug, t.published_at, t.section_id, c.slug, c.name,"
    " i.id, i.file, i.width, i.height, i.alt_text, i.rendition_files"
)
_JOINS = (
    " LEFT JOIN {section} c ON c.id = t.section_id"
    " LEFT JOIN {image} i ON i.id = t.lead_image_id"
)
# Curated links in their order: outside URLs, and stories visible now.
_CURATED = (
    "SELECT l.title, l.url, {columns} FROM {link} l"
    " LEFT JOIN {story} t ON t.id = l.target_id" + _JOINS + " WHERE l.story_id = %s"
    " AND (l.target_id IS NULL OR ({rule})) ORDER BY l.position, l.id LIMIT %s"
)
# The lines of the stories a query ranks (`r`, with their ids as `id`).
_RANKED = (
    "SELECT '', '', {columns} FROM ({ranked}) r JOIN {story} t ON t.id = r.id"
    + _JOINS
    + " WHERE {kept} ORDER BY {order}"
)
_IMAGE_FIELDS = ("id", "file", "width", "height", "alt_text", "rendition_files")


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


def curated_lines(story, limit):
    """The first `limit` of `story`'s curated links that readers may see, in order."""
    db = story._state.db
    rule, params = Story.objects.db_manager(db).published_sql("t", timezone.now())
    sql = _query(_CURATED, rule=rule)
    return _lines(sql, [story.pk, *params, limit], db, is_curated=True)


def ranked_lines(ranked, params, order, kept="TRUE", db=None):
    """The lines of the stories the query `ranked` (with `params`) ranks: those
    of its rows (`r`) `kept` holds for, in its `order`. The query must apply the
    visibility rule itself."""
    sql = _query(_RANKED, ranked=ranked, order=order, kept=kept)
    return _lines(sql, params, db)


def _query(template, **more):
    return template.format(
        columns=_COLUMNS,
        link=RelatedLink._meta.db_table,
        story=Story._meta.db_table,
        section=Section._meta.db_table,
        image=Image._meta.db_table,
        **more,
    )


def _lines(sql, params, db, is_curated=False):
    db = db or "default"
    connection = connections[db]
    convert = as_loaded(connection, Story, "published_at")
    files = as_loaded(connection, Image, "rendition_files")
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    lines = []
    for title, url, pk, headline, slug, when, section_id, *rest in rows:
        section_slug, section_name, *image = rest
        if pk is None:
            lines.append(Headline(title or url, url, is_curated=is_curated))
            continue
        when = convert(when)
        lines.append(
            Headline(
                title or headline,
                story_address(section_slug, when, slug),
                pk,
                section_id,
                section_name,
                when,
                _image(db, files, image),
                is_curated,
            )
        )
    return lines


def _image(db, files, values):
    """The lead picture as an Image the picture helpers can read (`files` loads its
    renditions' list), or None."""
    if values[0] is None:
        return None
    *fields, renditions = values
    return Image.from_db(db, _IMAGE_FIELDS, [*fields, files(renditions)])
