from django.db import migrations, models

from articles.db_operations import (
    AddIndexConcurrentlyWhereSupported,
    RemoveIndexConcurrentlyWhereSupported,
)


class Migration(migrations.Migration):
    # Concurrent index builds cannot run inside a transaction.
    atomic = False

    dependencies = [
        ("articles", "0007_image_rendition_files"),
    ]

    operations = [
        AddIndexConcurrentlyWhereSupported(
            model_name="story",
            index=models.Index(
                condition=models.Q(("status", "published")),
                fields=["-published_at", "-id"],
                include=["embargoed_until"],
                name="story_published_cover_idx",
            ),
        ),
        RemoveIndexConcurrentlyWhereSupported(
            model_name="story", name="story_published_idx"
        ),
    ]
