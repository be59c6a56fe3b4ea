"""Published stories' rows with their sections (and pictures), in one written-out query.

Every story page starts with its own row, also one nobody read lately, and a search
page loads its results' rows. Through the ORM (`published().for_page()
.filter(slug=...).first()`) the query cost several times what the database takes
to answer it, building and compiling it and sorting its row into instances;
written out once per process, each row becomes the same instances (a Story with its
Section, and Image, cached on it), its values converted as the ORM converts them.
"""

from functools import lru_cache

from django.db import connections

from .media import Image
from .sections import Section
from .story_details import as_loaded

_SELECT = (
    "SELECT {columns} FROM {story} s JOIN {section} c ON c.id = s.section_id"
    "{pictures} WHERE {where} AND {{rule}} ORDER BY s.id{limit}"
)
_PICTURES = " LEFT JOIN {image} i ON i.id = s.lead_image_id"


def published_row(stories, slug, now):
    """The published story (of the queryset `stories`) at `slug`, loaded as
    `for_page()` loads it, or None."""
    found = _published(stories, now, "s.slug = %s", [slug], None, True, limit=1)
    return found[0] if found else None


def published_rows(stories, ids, now, fields, pictures=False):
    """The published stories among `ids`, in that order, each with only `fields`
    and its section (and lead picture), as `only(*fields)` with
    `select_related("section")` (and "lead_image") loads them."""
    if not ids:
        return []
    where = f"s.id IN ({', '.join(['%s'] * len(ids))})"
    found = _published(stories, now, where, list(ids), tuple(fields), pictures)
    by_id = {story.pk: story for story in found}
    return [by_id[pk] for pk in ids if pk in by_id]


def _published(stories, now, where, params, fields, pictures, limit=None):
    """The rows `where` (with `params`) finds among the published stories."""
    db = stories.db
    connection = connections[db]
    model = stories.model
    sql, shapes = _query(connection.alias, model, where, fields, pictures, limit)
    rule, rule_params = stories.published_sql("s", now)
    with connection.cursor() as cursor:
        cursor.execute(sql.format(rule=rule), [*params, *rule_params])
        rows = cursor.fetchall()
    models = [model, Section, Image][: len(shapes)]
    # Each model's field names and {place: converter} of the values to convert.
    shapes = [
        (names, {n: as_loaded(connection, each, names[n]) for n in converted})
        for each, (names, converted) in zip(models, shapes, strict=True)
    ]
    loaded = []
    for row in rows:
        made, at = [], 0
        for each, (names, converters) in zip(models, shapes, strict=True):
            values = list(row[at : at + len(names)])
            at += len(names)
            if values[0] is None:
                made.append(None)
                continue
            for place, convert in converters.items():
                values[place] = convert(values[place])
            made.append(each.from_db(db, names, values))
        story, section, *picture = made
        model._meta.get_field("section").set_cached_value(story, section)
        if pictures:
            model._meta.get_field("lead_image").set_cached_value(story, picture[0])
        loaded.append(story)
    return loaded


@lru_cache(maxsize=64)
def _query(db, model, where, fields, pictures, limit):
    """The SQL (the rule left to fill in) and, per model, its fields' names and the
    places of the values the database returns otherwise than the ORM loads them."""
    connection = connections[db]
    wanted = None if fields is None else {"id", "section", *fields}
    chosen = [
        (model, "s", [f for f in model._meta.concrete_fields if _wanted(f, wanted)]),
        (Section, "c", Section._meta.concrete_fields),
    ]
    if pictures:
        chosen.append((Image, "i", Image._meta.concrete_fields))
    columns, shapes = [], []
    for _, alias, fields_ in chosen:
        quote = connection.ops.quote_name
        columns += [f"{alias}.{quote(field.column)}" for field in fields_]
        converted = [n for n, f in enumerate(fields_) if _converts(connection, f)]
        shapes.append(([field.attname for field in fields_], converted))
    sql = _SELECT.format(
        columns=", ".join(columns),
        story=model._meta.db_table,
        section=Section._meta.db_table,
        pictures=_PICTURES.format(image=Image._meta.db_table) if pictures else "",
        where=where,
        limit=f" LIMIT {int(limit)}" if limit else "",
    )
    return sql, shapes


def _wanted(field, wanted):
    return wanted is None or field.name in wanted


def _converts(connection, field):
    column = field.get_col(field.model._meta.db_table)
    return bool(
        connection.ops.get_db_converters(column) + column.get_db_converters(connection)
    )
