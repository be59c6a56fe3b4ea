"""The Reporter and Editor groups and their permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

VIEW = ["view"]
EDIT = ["add", "change", "delete", "view"]

# Reporters write and file; the story admin itself refuses them anything published.
REPORTER = {
    "story": EDIT,
    "byline": EDIT,
    "storycountry": EDIT,
    "storyperson": EDIT,
    "relatedlink": EDIT,
    "persontag": ["add", "view"],
    "countrytag": VIEW,
    "section": VIEW,
    "author": VIEW,
    "image": ["add", "view"],
}
EDITOR = {
    **REPORTER,
    "persontag": EDIT,
    "author": ["add", "change", "view"],
    "correction": EDIT,
    "sharelink": ["add", "change", "view"],
    "frontpageslot": EDIT,
    "auditentry": VIEW,
}
EXTRA = {"Editor": ["publish_story"]}


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations; groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, models in [("Reporter", REPORTER), ("Editor", EDITOR)]:
        codenames = [f"{act}_{model}" for model, acts in models.items() for act in acts]
        codenames += EXTRA.get(name, [])
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="articles", codename__in=codenames
            )
        )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(
        name__in=["Reporter", "Editor"]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_editorial_workflow"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
