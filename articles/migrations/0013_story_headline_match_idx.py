# The index behind matching agency headlines to published stories
# (articles.intake.archive): the words of each published headline, as PostgreSQL's
# "simple" configuration splits them. Built concurrently, so a live archive keeps
# taking writes; SQLite matches through its full-text table (0005) instead.

from django.db import migrations

INDEX = "articles_story_headline_words_idx"
# The expression must stay exactly as articles.intake.archive writes it, or the
# planner will not use the index.
CREATE = (
    f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {INDEX} ON articles_story "
    "USING gin (to_tsvector('simple'::regconfig, headline)) "
    "WITH (fastupdate = off) WHERE status = 'published'"
)
DROP = f"DROP INDEX CONCURRENTLY IF EXISTS {INDEX}"


def on_postgres(statement):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(statement, params=None)

    return operation


class Migration(migrations.Migration):
    # Concurrent index builds cannot run inside a transaction.
    atomic = False

    dependencies = [("articles", "0012_wire_intake")]

    operations = [migrations.RunPython(on_postgres(CREATE), on_postgres(DROP))]
