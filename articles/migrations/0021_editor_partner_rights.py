"""Editors give partners API tokens and webhook endpoints, and replay deliveries."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR = {
    "apitoken": ["add", "change", "view"],
    "webhookendpoint": ["add", "change", "delete", "view"],
    "webhookdelivery": ["view", "replay"],
    "webhookattempt": ["view"],
}


def codenames():
    return [f"{act}_{model}" for model, acts in EDITOR.items() for act in acts]


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; the group needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Editor")
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="articles", codename__in=codenames()
        )
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name="Editor"):
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="articles", codename__in=codenames()
            )
        )


class Migration(migrations.Migration):
    dependencies = [("articles", "0020_section_slug_not_api")]

    operations = [migrations.RunPython(grant, revoke)]
