# A search ranks its newest matches by the fields that hold the query (articles.search):
# up to 1,000 stories' search vectors are read for each search. PostgreSQL moved a
# vector longer than about 2 KB into the table's TOAST storage, where each read is a
# TOAST index lookup and its chunks: on the 10,000-story benchmark archive, 7,100
# pages read for 1,000 candidates and 9.3 ms, against 1,030 pages and 3.8 ms with the
# vectors in their rows.
#
# PostgreSQL only: the vector is kept in the row (STORAGE MAIN), and a row is made
# smaller only once it is over a page (toast_tuple_target 8160), so that a long
# story's vector stays in the row too; the body, compressed, leaves the row first.
# Each ALTER waits at most LOCK_TIMEOUT for its lock (both are changes to the
# catalogue only), rather than queueing every reader behind a long query: rerun the
# migration if it times out. Existing vectors are then rewritten in batches, each
# its own transaction, as 0014 did (100,000 stories took 100 seconds on 2 cores).
#
# Backwards: the table's defaults again; the rows stay as they are until rewritten.

from importlib import import_module

from django.db import migrations, transaction

SEARCH_0014 = import_module("articles.migrations.0014_story_search_folded")
LOCK_TIMEOUT = "5s"

FORWARD = [
    "ALTER TABLE articles_story ALTER COLUMN search_vector SET STORAGE MAIN",
    "ALTER TABLE articles_story SET (toast_tuple_target = 8160)",
]
BACKWARD = [
    "ALTER TABLE articles_story ALTER COLUMN search_vector SET STORAGE EXTENDED",
    "ALTER TABLE articles_story RESET (toast_tuple_target)",
]


def alter(schema_editor, statements):
    connection = schema_editor.connection
    with transaction.atomic(using=connection.alias):
        schema_editor.execute(f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT}'", None)
        for statement in statements:
            schema_editor.execute(statement, None)


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    alter(schema_editor, FORWARD)
    SEARCH_0014.rebuild_vectors(schema_editor.connection)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    alter(schema_editor, BACKWARD)


class Migration(migrations.Migration):
    # The rewrite commits batch by batch.
    atomic = False

    dependencies = [("articles", "0022_desk_image_rights")]

    operations = [migrations.RunPython(forwards, backwards)]
