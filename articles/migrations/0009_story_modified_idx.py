from django.db import migrations, models

from articles.db_operations import AddIndexConcurrentlyWhereSupported


class Migration(migrations.Migration):
    # Concurrent index builds cannot run inside a transaction.
    atomic = False

    dependencies = [
        ("articles", "0008_story_published_cover_idx"),
    ]

    operations = [
        AddIndexConcurrentlyWhereSupported(
            model_name="story",
            index=models.Index(fields=["-modified_at", "-id"], name="story_modified_idx"),
        ),
    ]
