"""Migrations run forward on a populated database and back without losing data."""

from datetime import UTC, datetime

import pytest
from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models
from django.test import Client

from tests import migrations_helpers as helpers

HEADLINE = "Zürich: Ελλάδα и Україна sign a pact 🕊"
BODY = "<p>Łódź, São Paulo, 東京 — “quotes” and emoji 📰.</p>"
# Tables that grow with the archive: their indexes are built without locking writes.
BIG_TABLES = {"story", "storycountry", "storyperson", "relatedlink", "byline", "image"}


def seed(apps):
    """An archive in the oldest reachable state: stories, tags, links, images."""
    Section = apps.get_model("articles", "Section")
    Story = apps.get_model("articles", "Story")
    Image = apps.get_model("articles", "Image")
    CountryTag = apps.get_model("articles", "CountryTag")
    PersonTag = apps.get_model("articles", "PersonTag")
    StoryCountry = apps.get_model("articles", "StoryCountry")
    StoryPerson = apps.get_model("articles", "StoryPerson")
    RelatedLink = apps.get_model("articles", "RelatedLink")
    Author = apps.get_model("articles", "Author")
    Byline = apps.get_model("articles", "Byline")

    section = Section.objects.create(name="Ευρώπη", slug="europe")
    image = Image.objects.create(
        file="images/2026/11/kyiv-µ.jpg",
        alt_text="Crowds in Kyiv’s Maidan at dusk",
        caption="Київ, 2026",
        credit="Agence France-Presse",
        width=1200,
        height=800,
    )
    country, _ = CountryTag.objects.get_or_create(
        code="UA", defaults={"name": "Ukraine", "slug": "ukraine"}
    )
    person = PersonTag.objects.create(name="Zoë Ångström", slug="zoe-angstrom")
    author = Author.objects.create(name="Ada Łukasiewicz", slug="ada")
    when = datetime(2026, 11, 1, 9, 30, tzinfo=UTC)
    first, second = (
        Story.objects.create(
            headline=f"{HEADLINE} {n}",
            slug=f"pact-{n}",
            dek="Почему это важно.",
            body=BODY,
            section=section,
            dateline="KYIV",
            status="published",
            published_at=when,
            lead_image=image,
        )
        for n in (1, 2)
    )
    StoryCountry.objects.create(content_object=first, tag=country)
    StoryPerson.objects.create(content_object=first, tag=person)
    Byline.objects.create(story=first, author=author, position=0)
    RelatedLink.objects.create(story=first, target=second, position=0)
    RelatedLink.objects.create(
        story=first, url="https://example.org/ü", title="Ünïcode link", position=1
    )


def assert_archive_intact(apps, vocabulary=True):
    Story = apps.get_model("articles", "Story")
    stories = list(Story.objects.order_by("slug"))
    assert [s.headline for s in stories] == [f"{HEADLINE} 1", f"{HEADLINE} 2"]
    assert stories[0].body == BODY
    assert stories[0].lead_image.caption == "Київ, 2026"
    assert stories[0].section.name == "Ευρώπη"
    assert [
        i.tag.code for i in apps.get_model("articles", "StoryCountry").objects.all()
    ] == ["UA"]
    assert (
        apps.get_model("articles", "StoryPerson").objects.get().tag.name
        == "Zoë Ångström"
    )
    assert (
        apps.get_model("articles", "Byline").objects.get().author.name
        == "Ada Łukasiewicz"
    )
    links = apps.get_model("articles", "RelatedLink").objects.order_by("position")
    assert [(link.target_id, link.title) for link in links] == [
        (stories[1].pk, ""),
        (None, "Ünïcode link"),
    ]
    if vocabulary:
        # The seeded country list; rolling its migration back removes unused ones only.
        assert apps.get_model("articles", "CountryTag").objects.count() >= 240


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_every_migration_runs_forward_and_back_on_a_populated_archive():
    """Upgrading a live archive, and rolling the upgrade back, keeps every story."""
    start = helpers.earliest_reachable()
    try:
        seed(helpers.migrate([start]))
        assert_archive_intact(helpers.migrate(helpers.latest()))
        # The site serves the migrated archive.
        from articles.models import Story

        response = Client().get(Story.objects.get(slug="pact-1").get_absolute_url())
        assert response.status_code == 200
        assert HEADLINE in response.content.decode()
        assert_archive_intact(helpers.migrate([start]), vocabulary=False)
    finally:
        helpers.migrate(helpers.latest())
    assert_archive_intact(
        helpers.executor().loader.project_state(helpers.latest()).apps
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_readiness_fails_while_migrations_are_pending():
    """/readyz answers 503 until every migration has run, then 200."""
    migrations_list = helpers.app_migrations()
    if len(migrations_list) < 2 or not helpers.is_reversible(migrations_list[-1][1]):
        pytest.skip("needs a reversible latest migration to step back over")
    try:
        helpers.migrate([migrations_list[-2][0]])
        response = Client().get("/readyz")
        assert response.status_code == 503
        assert response.json()["migrations"] == "1 pending"
    finally:
        helpers.migrate(helpers.latest())
    response = Client().get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "migrations": "ok"}


def added_models(migration):
    return {
        op.name_lower
        for op in migration.operations
        if isinstance(op, migrations.CreateModel)
    }


def test_new_indexes_on_big_tables_are_built_concurrently():
    """An index added to a large table later never locks the newsroom out of writing."""
    offenders = []
    for key, migration in helpers.app_migrations():
        new = added_models(migration)
        for op in migration.operations:
            if (
                isinstance(op, migrations.AddIndex)
                and op.model_name_lower in BIG_TABLES
                and op.model_name_lower not in new
                and not isinstance(op, AddIndexConcurrently)
            ):
                offenders.append(f"{key[1]}: {op.describe()}")
        if any(isinstance(op, AddIndexConcurrently) for op in migration.operations):
            assert migration.atomic is False, f"{key[1]} must set atomic = False"
    assert offenders == [], (
        "use articles.db_operations.AddIndexConcurrentlyWhereSupported"
    )


def test_new_columns_are_safe_for_the_running_code():
    """A column added to an existing table is nullable or has a database default, so
    the code still running during a deploy can keep inserting rows."""
    offenders = []
    for key, migration in helpers.app_migrations():
        new = added_models(migration)
        for op in migration.operations:
            if not isinstance(op, migrations.AddField) or op.model_name_lower in new:
                continue
            field = op.field
            if field.many_to_many or field.null:
                continue
            if field.db_default is models.NOT_PROVIDED:
                offenders.append(f"{key[1]}: {op.model_name}.{op.name}")
    assert offenders == [], "give new columns null=True or a db_default"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_concurrent_index_operation_runs_on_this_database():
    """The index operation big tables must use applies and reverts here too."""
    from django.db import connection

    from articles.db_operations import AddIndexConcurrentlyWhereSupported

    index = models.Index(fields=["dateline"], name="story_dateline_test_idx")
    operation = AddIndexConcurrentlyWhereSupported("story", index)
    before = helpers.executor().loader.project_state(helpers.latest())
    after = before.clone()
    operation.state_forwards("articles", after)

    def indexes():
        with connection.cursor() as cursor:
            return connection.introspection.get_constraints(cursor, "articles_story")

    with connection.schema_editor(atomic=False) as editor:
        operation.database_forwards("articles", editor, before, after)
    assert indexes()["story_dateline_test_idx"]["index"]
    with connection.schema_editor(atomic=False) as editor:
        operation.database_backwards("articles", editor, after, before)
    assert "story_dateline_test_idx" not in indexes()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_renditions_made_before_the_upgrade_are_listed_on_their_image():
    """After upgrading, pictures made earlier keep their responsive renditions."""
    before = ("articles", "0006_image_renditions")
    try:
        apps = helpers.migrate([before])
        image = apps.get_model("articles", "Image").objects.create(
            file="images/2026/11/port.jpg", alt_text="The port", width=2000, height=1125
        )
        for width in (640, 320):
            apps.get_model("articles", "Rendition").objects.create(
                image=image,
                ratio="16:9",
                width=width,
                height=width * 9 // 16,
                format="jpeg",
                file=f"renditions/2026/11/port-{width}.jpg",
                crop="0,0,2000,1125",
            )
        helpers.migrate(helpers.latest())
        from articles.images.picture import picture_for
        from articles.models import Image

        picture = picture_for(Image.objects.get(pk=image.pk))
        assert picture.srcset == (
            "/media/renditions/2026/11/port-320.jpg 320w, "
            "/media/renditions/2026/11/port-640.jpg 640w"
        )
    finally:
        helpers.migrate(helpers.latest())


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("query", ["lodz", "Sao Paulo", "strasse"])
def test_stories_from_before_the_upgrade_are_found_without_accents(query):
    """After upgrading, a story written before it is found by its words typed
    without their accents."""
    before = ("articles", "0013_story_headline_match_idx")
    try:
        apps = helpers.migrate([before])
        Story = apps.get_model("articles", "Story")
        Story.objects.create(
            headline="Łódź and São Paulo sign a pact",
            slug="pact",
            body="<p>Die Straße ist zu.</p>",
            section=apps.get_model("articles", "Section").objects.create(
                name="World", slug="world"
            ),
            status="published",
            published_at=datetime(2026, 11, 1, 9, 30, tzinfo=UTC),
        )
        helpers.migrate(helpers.latest())
        response = Client().get("/search/", {"q": query})
        assert "1 result for" in response.content.decode()
        assert "Łódź and São Paulo sign a pact" in response.content.decode()
    finally:
        helpers.migrate(helpers.latest())
