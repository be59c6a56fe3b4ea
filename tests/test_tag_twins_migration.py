"""Upgrading a live archive that already holds case twins merges them safely."""

import unicodedata

import pytest

from tests import migrations_helpers as helpers


def before_the_merge():
    """The state the twin-merging migration starts from (whatever its number)."""
    for key, migration in helpers.app_migrations():
        if key[1].endswith("_names_unique_in_any_case"):
            return next(dep for dep in migration.dependencies if dep[0] == key[0])
    raise LookupError("No migration makes names unique in any case.")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_twins_already_present_are_merged_into_the_oldest():
    """Casetwin, casetwin and a decomposed “Zoë” become one tag each, keeping every
    story's tags and the oldest tag's page; names end up composed (NFC)."""
    try:
        apps = helpers.migrate([before_the_merge()])
        Section = apps.get_model("articles", "Section")
        Story = apps.get_model("articles", "Story")
        PersonTag = apps.get_model("articles", "PersonTag")
        StoryPerson = apps.get_model("articles", "StoryPerson")
        section = Section.objects.create(name="World", slug="world")
        first, second, third = (
            Story.objects.create(headline=f"S{n}", slug=f"s{n}", section=section)
            for n in (1, 2, 3)
        )
        oldest = PersonTag.objects.create(name="Casetwin", slug="casetwin")
        twin = PersonTag.objects.create(
            name="casetwin", slug="casetwin-2", description="A twin"
        )
        slug_twin = PersonTag.objects.create(name="Case Twin", slug="CaseTwin")
        zoe = PersonTag.objects.create(
            name=unicodedata.normalize("NFD", "Zoë"), slug="zoe"
        )
        StoryPerson.objects.create(content_object=first, tag=oldest)
        StoryPerson.objects.create(content_object=first, tag=twin)
        StoryPerson.objects.create(content_object=second, tag=twin)
        StoryPerson.objects.create(content_object=third, tag=slug_twin)
        StoryPerson.objects.create(content_object=third, tag=zoe)

        apps = helpers.migrate(helpers.latest())
        PersonTag = apps.get_model("articles", "PersonTag")
        StoryPerson = apps.get_model("articles", "StoryPerson")
        kept = PersonTag.objects.get(pk=oldest.pk)
        assert list(
            PersonTag.objects.order_by("pk").values_list("name", flat=True)
        ) == [
            "Casetwin",
            unicodedata.normalize("NFC", "Zoë"),
        ]
        assert kept.description == "A twin"
        assert sorted(
            StoryPerson.objects.filter(tag=kept).values_list(
                "content_object__slug", flat=True
            )
        ) == ["s1", "s2", "s3"]
    finally:
        helpers.migrate(helpers.latest())
