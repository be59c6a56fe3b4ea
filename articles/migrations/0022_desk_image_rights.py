"""Reporters and Editors describe the pictures they use: the change right on images.
Deleting stays as it was (neither group may)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPS = ["Reporter", "Editor"]


def change_image(apps):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(
        content_type__app_label="articles", codename="change_image"
    )


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations; the groups need it now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    for name in GROUPS:
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*change_image(apps))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(*change_image(apps))


class Migration(migrations.Migration):
    dependencies = [("articles", "0021_editor_partner_rights")]

    operations = [migrations.RunPython(grant, revoke)]
