"""A story page's own row, with its section and lead picture, in one written-out query.

Every story page starts here, also one nobody read lately. Through the ORM
(`published().for_page().filter(slug=...).first()`) the query cost several times
what the database takes to answer it, building and compiling it and sorting its row
into three instances; written out once per process, the row becomes the same three
instances (a Story with its Section and Image cached on it), its values converted
as the ORM converts them.
"""

from functools import lru_cache

from django.db import connections

from .media import Image
from .sections import Section
from .story_details import as_loaded

_ROW = (
    "SELECT {columns} FROM {story} s JOIN {section} c ON c.id = s.section_id"
    " LEFT JOIN {image} i ON i.id = s.lead_image_id"
    " WHERE s.slug = %s AND {rule} ORDER BY s.id LIMIT 1"
)
_ALIASES = (("story", "s"), ("section", "c"), ("image", "i"))


def published_row(stories, slug, now):
    """The published story (of the queryset `stories`) at `slug`, loaded as
    `for_page()` loads it, or None."""
    db = stories.db
    connection = connections[db]
    models = {"story": stories.model, "section": Section, "image": Image}
    sql, shapes = _query(connection.alias, stories.model)
    rule, params = stories.published_sql("s", now)
    with connection.cursor() as cursor:
        cursor.execute(sql.format(rule=rule), [slug, *params])
        row = cursor.fetchone()
    if row is None:
        return None
    loaded, at = {}, 0
    for (name, _), (names, converted) in zip(_ALIASES, shapes, strict=True):
        values = list(row[at : at + len(names)])
        at += len(names)
        if values[0] is None:
            continue
        for place in converted:
            convert = as_loaded(connection, models[name], names[place])
            values[place] = convert(values[place])
        loaded[name] = models[name].from_db(db, names, values)
    story = loaded["story"]
    fields = stories.model._meta
    fields.get_field("section").set_cached_value(story, loaded["section"])
    fields.get_field("lead_image").set_cached_value(story, loaded.get("image"))
    return story


@lru_cache(maxsize=8)
def _query(db, story_model):
    """The row's SQL (the rule left to fill in) and, per model, its fields' names
    and the places of the values the database returns otherwise than the ORM
    loads them."""
    connection = connections[db]
    models = {"story": story_model, "section": Section, "image": Image}
    columns, shapes = [], []
    for name, alias in _ALIASES:
        fields = models[name]._meta.concrete_fields
        columns += [f"{alias}.{connection.ops.quote_name(f.column)}" for f in fields]
        converted = [n for n, f in enumerate(fields) if _converts(connection, f)]
        shapes.append(([field.attname for field in fields], converted))
    sql = _ROW.format(
        columns=", ".join(columns),
        story=story_model._meta.db_table,
        section=Section._meta.db_table,
        image=Image._meta.db_table,
        rule="{rule}",
    )
    return sql, shapes


def _converts(connection, field):
    column = field.get_col(field.model._meta.db_table)
    return bool(
        connection.ops.get_db_converters(column) + column.get_db_converters(connection)
    )
