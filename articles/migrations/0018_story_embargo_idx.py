from django.db import migrations, models

from articles.db_operations import AddIndexConcurrentlyWhereSupported


class Migration(migrations.Migration):
    # Concurrent index builds cannot run inside a transaction.
    atomic = False

    dependencies = [
        ("articles", "0017_share_link_reopened_on_record"),
    ]

    operations = [
        AddIndexConcurrentlyWhereSupported(
            model_name="story",
            index=models.Index(
                condition=models.Q(("embargoed_until__isnull", False)),
                fields=["embargoed_until"],
                name="story_embargo_idx",
            ),
        ),
    ]
