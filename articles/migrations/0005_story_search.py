# The full-text index behind articles.search, kept in sync by database triggers so
# that every write path (admin, services, bulk updates, tag changes) updates it.
# PostgreSQL: a weighted tsvector column on articles_story with a GIN index.
# SQLite: an FTS5 table. Other databases get no index (search then finds nothing).

from django.db import migrations

PG_TAGS = """
CREATE FUNCTION articles_story_tag_names(story bigint) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT coalesce(string_agg(name, ' '), '') FROM (
    SELECT t.name FROM articles_storycountry i
      JOIN articles_countrytag t ON t.id = i.tag_id WHERE i.content_object_id = story
    UNION ALL
    SELECT t.name FROM articles_storyperson i
      JOIN articles_persontag t ON t.id = i.tag_id WHERE i.content_object_id = story
  ) names
$$;
"""

PG_FORWARD = [
    "ALTER TABLE articles_story ADD COLUMN search_vector tsvector",
    PG_TAGS,
    """
CREATE FUNCTION articles_story_search_vector() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_vector :=
    setweight(to_tsvector('simple', coalesce(NEW.headline, '')), 'A') ||
    setweight(to_tsvector('simple', coalesce(NEW.dek, '')), 'B') ||
    setweight(to_tsvector('simple',
      regexp_replace(coalesce(NEW.body, ''), '<[^>]*>', ' ', 'g')), 'C') ||
    setweight(to_tsvector('simple', articles_story_tag_names(NEW.id)), 'D');
  RETURN NEW;
END
$$;
""",
    """
CREATE TRIGGER articles_story_search_vector_trigger
BEFORE INSERT OR UPDATE ON articles_story
FOR EACH ROW EXECUTE FUNCTION articles_story_search_vector();
""",
    # A tag added, removed or renamed re-runs the story's trigger above: once per
    # story and statement, so tagging a story with ten tags at once re-indexes it once.
    """
CREATE FUNCTION articles_story_tags_added() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE articles_story SET search_vector = NULL
  WHERE id IN (SELECT content_object_id FROM added);
  RETURN NULL;
END
$$;
""",
    """
CREATE FUNCTION articles_story_tags_removed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE articles_story SET search_vector = NULL
  WHERE id IN (SELECT content_object_id FROM removed);
  RETURN NULL;
END
$$;
""",
    """
CREATE FUNCTION articles_story_tags_moved() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE articles_story SET search_vector = NULL WHERE id IN (
    SELECT content_object_id FROM added
    UNION SELECT content_object_id FROM removed);
  RETURN NULL;
END
$$;
""",
]
for through in ("articles_storycountry", "articles_storyperson"):
    PG_FORWARD += [
        f"""
CREATE TRIGGER {through}_search_insert AFTER INSERT ON {through}
REFERENCING NEW TABLE AS added
FOR EACH STATEMENT EXECUTE FUNCTION articles_story_tags_added();
""",
        f"""
CREATE TRIGGER {through}_search_delete AFTER DELETE ON {through}
REFERENCING OLD TABLE AS removed
FOR EACH STATEMENT EXECUTE FUNCTION articles_story_tags_removed();
""",
        f"""
CREATE TRIGGER {through}_search_update AFTER UPDATE ON {through}
REFERENCING OLD TABLE AS removed NEW TABLE AS added
FOR EACH STATEMENT EXECUTE FUNCTION articles_story_tags_moved();
""",
    ]
PG_FORWARD += [
    """
CREATE FUNCTION articles_tag_renamed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE articles_story SET search_vector = NULL WHERE id IN (
    SELECT content_object_id FROM articles_storycountry
      WHERE TG_TABLE_NAME = 'articles_countrytag' AND tag_id = NEW.id
    UNION ALL
    SELECT content_object_id FROM articles_storyperson
      WHERE TG_TABLE_NAME = 'articles_persontag' AND tag_id = NEW.id);
  RETURN NULL;
END
$$;
""",
    """
CREATE TRIGGER articles_countrytag_search_trigger
AFTER UPDATE OF name ON articles_countrytag
FOR EACH ROW EXECUTE FUNCTION articles_tag_renamed();
""",
    """
CREATE TRIGGER articles_persontag_search_trigger
AFTER UPDATE OF name ON articles_persontag
FOR EACH ROW EXECUTE FUNCTION articles_tag_renamed();
""",
    "UPDATE articles_story SET search_vector = NULL",
    # Without a pending list: stories are written rarely and searched often, and
    # the planner prices a GIN index with a long pending list as a slow one.
    "CREATE INDEX articles_story_search_idx ON articles_story "
    "USING gin (search_vector) WITH (fastupdate = off)",
]

PG_BACKWARD = [
    "DROP TRIGGER IF EXISTS articles_persontag_search_trigger ON articles_persontag",
    "DROP TRIGGER IF EXISTS articles_countrytag_search_trigger ON articles_countrytag",
    *(
        f"DROP TRIGGER IF EXISTS {through}_search_{event} ON {through}"
        for through in ("articles_storycountry", "articles_storyperson")
        for event in ("insert", "delete", "update")
    ),
    "DROP TRIGGER IF EXISTS articles_story_search_vector_trigger ON articles_story",
    "DROP FUNCTION IF EXISTS articles_tag_renamed()",
    "DROP FUNCTION IF EXISTS articles_story_tags_added()",
    "DROP FUNCTION IF EXISTS articles_story_tags_removed()",
    "DROP FUNCTION IF EXISTS articles_story_tags_moved()",
    "DROP FUNCTION IF EXISTS articles_story_search_vector()",
    "DROP FUNCTION IF EXISTS articles_story_tag_names(bigint)",
    "ALTER TABLE articles_story DROP COLUMN IF EXISTS search_vector",
]

SQLITE_TAGS = """(SELECT coalesce(group_concat(name, ' '), '') FROM (
    SELECT t.name FROM articles_storycountry i
      JOIN articles_countrytag t ON t.id = i.tag_id WHERE i.content_object_id = {story}
    UNION ALL
    SELECT t.name FROM articles_storyperson i
      JOIN articles_persontag t ON t.id = i.tag_id WHERE i.content_object_id = {story}))"""

SQLITE_ROW = (
    "INSERT INTO articles_story_fts(rowid, headline, dek, body, tags) "
    "VALUES (new.id, new.headline, new.dek, new.body, "
    + SQLITE_TAGS.format(story="new.id")
    + ");"
)

SQLITE_RETAG = (
    "UPDATE articles_story_fts SET tags = "
    + SQLITE_TAGS.format(story="articles_story_fts.rowid")
    + " WHERE rowid = {story};"
)

SQLITE_TABLE = (
    "CREATE VIRTUAL TABLE articles_story_fts USING fts5("
    "headline, dek, body, tags, tokenize = 'unicode61 remove_diacritics 2')"
)

# By name, so that articles.apps can restore any that a later migration drops (SQLite
# rebuilds a table for many schema changes, and its triggers go with the old table).
SQLITE_TRIGGERS = {
    "articles_story_fts_insert": f"""CREATE TRIGGER articles_story_fts_insert
AFTER INSERT ON articles_story BEGIN {SQLITE_ROW} END""",
    "articles_story_fts_update": f"""CREATE TRIGGER articles_story_fts_update
AFTER UPDATE ON articles_story
BEGIN DELETE FROM articles_story_fts WHERE rowid = old.id; {SQLITE_ROW} END""",
    "articles_story_fts_delete": """CREATE TRIGGER articles_story_fts_delete
AFTER DELETE ON articles_story
BEGIN DELETE FROM articles_story_fts WHERE rowid = old.id; END""",
}
for through in ("articles_storycountry", "articles_storyperson"):
    SQLITE_TRIGGERS.update(
        {
            f"{through}_fts_insert": f"""CREATE TRIGGER {through}_fts_insert
AFTER INSERT ON {through}
BEGIN {SQLITE_RETAG.format(story="new.content_object_id")} END""",
            f"{through}_fts_delete": f"""CREATE TRIGGER {through}_fts_delete
AFTER DELETE ON {through}
BEGIN {SQLITE_RETAG.format(story="old.content_object_id")} END""",
            f"{through}_fts_update": f"""CREATE TRIGGER {through}_fts_update
AFTER UPDATE ON {through}
BEGIN {SQLITE_RETAG.format(story="old.content_object_id")}
{SQLITE_RETAG.format(story="new.content_object_id")} END""",
        }
    )
for tag, through in (
    ("articles_countrytag", "articles_storycountry"),
    ("articles_persontag", "articles_storyperson"),
):
    SQLITE_TRIGGERS[f"{tag}_fts_rename"] = f"""CREATE TRIGGER {tag}_fts_rename
AFTER UPDATE OF name ON {tag}
BEGIN UPDATE articles_story_fts
SET tags = {SQLITE_TAGS.format(story="articles_story_fts.rowid")}
WHERE rowid IN (SELECT content_object_id FROM {through} WHERE tag_id = new.id); END"""

SQLITE_REBUILD = [
    "DELETE FROM articles_story_fts",
    "INSERT INTO articles_story_fts(rowid, headline, dek, body, tags) "
    "SELECT s.id, s.headline, s.dek, s.body, "
    + SQLITE_TAGS.format(story="s.id")
    + " FROM articles_story s",
]

SQLITE_FORWARD = [SQLITE_TABLE, *SQLITE_TRIGGERS.values(), *SQLITE_REBUILD]

SQLITE_BACKWARD = [f"DROP TRIGGER IF EXISTS {name}" for name in SQLITE_TRIGGERS] + [
    "DROP TABLE IF EXISTS articles_story_fts"
]


def run(statements_by_vendor):
    def operation(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement, params=None)

    return operation


class Migration(migrations.Migration):
    dependencies = [("articles", "0004_editorial_groups")]

    operations = [
        migrations.RunPython(
            run({"postgresql": PG_FORWARD, "sqlite": SQLITE_FORWARD}),
            run({"postgresql": PG_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        )
    ]
