"""Country and person names (and slugs) unique whatever their capitals, in one
Unicode form (NFC).

Twins already in the database, names or slugs differing only in case or in Unicode
form, are merged before the constraints are made: the oldest tag (lowest id) is
kept, the others' stories are tagged with it instead, a person's description is
kept if the oldest has none, and the others are deleted (their pages then 404;
their stories list under the tag kept). Each merge is written to the output of
`migrate`. On PostgreSQL the whole migration is one transaction: should the
running site make a new twin meanwhile, making the constraint fails, nothing is
changed, and running `migrate` again merges it too.
"""

import sys
import unicodedata

import django.db.models.functions.text
from django.db import migrations, models

VOCABULARIES = [("CountryTag", "StoryCountry"), ("PersonTag", "StoryPerson")]


def composed(text):
    return unicodedata.normalize("NFC", text)


def twin_groups(tags):
    """Lists of tags that are one subject by name or by slug, oldest first."""
    parent = {tag.pk: tag.pk for tag in tags}

    def root(pk):
        while parent[pk] != pk:
            parent[pk] = parent[parent[pk]]
            pk = parent[pk]
        return pk

    seen = {}
    for tag in tags:
        for key in (("name", composed(tag.name).lower()), ("slug", composed(tag.slug).lower())):
            if key in seen:
                a, b = root(seen[key]), root(tag.pk)
                parent[max(a, b)] = min(a, b)
            else:
                seen[key] = tag.pk
    groups = {}
    for tag in tags:
        groups.setdefault(root(tag.pk), []).append(tag)
    return [sorted(group, key=lambda t: t.pk) for group in groups.values() if len(group) > 1]


def merge_twins(apps, schema_editor):
    for tag_name, item_name in VOCABULARIES:
        Tag = apps.get_model("articles", tag_name)
        Item = apps.get_model("articles", item_name)
        for keeper, *twins in twin_groups(list(Tag.objects.order_by("pk"))):
            for twin in twins:
                tagged = Item.objects.filter(tag=keeper).values("content_object_id")
                Item.objects.filter(tag=twin, content_object_id__in=tagged).delete()
                Item.objects.filter(tag=twin).update(tag=keeper)
                if hasattr(keeper, "description") and not keeper.description:
                    keeper.description = twin.description
                    keeper.save(update_fields=["description"])
                sys.stdout.write(
                    f"\n  {tag_name} “{twin.name}” ({twin.slug}) merged into "
                    f"“{keeper.name}” ({keeper.slug})"
                )
                twin.delete()
        for tag in Tag.objects.all():
            name, slug = composed(tag.name), composed(tag.slug)
            if (name, slug) != (tag.name, tag.slug):
                Tag.objects.filter(pk=tag.pk).update(name=name, slug=slug)
    if schema_editor.connection.vendor == "postgresql":
        # Foreign keys are checked at commit; PostgreSQL builds no index on a table
        # with checks pending, so they are run now, in this same transaction.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0015_times_within_the_years'),
    ]

    operations = [
        # Merged tags stay merged when the constraints are removed again.
        migrations.RunPython(merge_twins, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name='countrytag',
            constraint=models.UniqueConstraint(django.db.models.functions.text.Lower('name'), name='countrytag_name_any_case', violation_error_message='A country with this name already exists, written with other capitals.'),
        ),
        migrations.AddConstraint(
            model_name='countrytag',
            constraint=models.UniqueConstraint(django.db.models.functions.text.Lower('slug'), name='countrytag_slug_any_case', violation_error_message='A country with this address already exists, written with other capitals.'),
        ),
        migrations.AddConstraint(
            model_name='persontag',
            constraint=models.UniqueConstraint(django.db.models.functions.text.Lower('name'), name='persontag_name_any_case', violation_error_message='A person with this name already exists, written with other capitals.'),
        ),
        migrations.AddConstraint(
            model_name='persontag',
            constraint=models.UniqueConstraint(django.db.models.functions.text.Lower('slug'), name='persontag_slug_any_case', violation_error_message='A person with this address already exists, written with other capitals.'),
        ),
    ]
