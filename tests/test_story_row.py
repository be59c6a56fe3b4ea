"""A story page's own row, written out, is the story the ORM loads: every value a
page may show, its section and picture with it, and only while readers may see it."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Rendition, Story, with_details
from tests.factories import (
    CountryFactory,
    ImageFactory,
    PersonFactory,
    StoryFactory,
)

pytestmark = pytest.mark.django_db


def values(instance):
    return {f.attname: getattr(instance, f.attname) for f in instance._meta.fields}


def test_the_row_is_the_story_the_orm_loads(now):
    image = ImageFactory()
    image.rendition_files = {Rendition.Ratio.SQUARE: [["jpeg", 216, 216, "a.jpg"]]}
    image.save()
    story = StoryFactory(
        lead_image=image,
        updated_at=now - timedelta(minutes=5),
        embargoed_until=now - timedelta(hours=2),
    )
    expected = Story.objects.for_page().get(pk=story.pk)
    loaded = Story.objects.published_page(story.slug)
    assert values(loaded) == values(expected)
    assert timezone.is_aware(loaded.published_at)
    with CaptureQueriesContext(connection) as queries:
        assert values(loaded.section) == values(expected.section)
        assert values(loaded.lead_image) == values(expected.lead_image)
        assert loaded.lead_image.rendition_files == image.rendition_files
    assert len(queries) == 0


def test_a_story_without_a_picture_has_none():
    story = StoryFactory()
    loaded = Story.objects.published_page(story.slug)
    assert loaded.pk == story.pk
    assert loaded.lead_image is None


@pytest.mark.parametrize("kind", ["draft", "in_review", "scheduled", "embargoed"])
def test_a_story_readers_may_not_see_has_no_row(kind):
    story = StoryFactory(**{kind: True})
    assert Story.objects.published_page(story.slug) is None
    assert Story.objects.published_page("no-such-story") is None


def test_a_pages_tags_loaded_with_its_details_refine_like_the_orms(now):
    """A story's countries and people, loaded with the rest of its page, are its own
    when a caller refines them: never another story's, never missing one."""
    story = StoryFactory()
    other = StoryFactory()
    story.countries.add(CountryFactory(code="FR"), CountryFactory(code="DE"))
    story.people.add(PersonFactory(name="Ada Reyes"))
    other.countries.add(CountryFactory(code="IT"))
    other.people.add(PersonFactory(name="Bo Lind"))
    [loaded] = with_details([Story.objects.published_page(story.slug)])
    fresh = Story.objects.get(pk=story.pk)
    with CaptureQueriesContext(connection) as queries:
        assert [tag.code for tag in loaded.countries.all()] == [
            tag.code for tag in fresh.countries.all()
        ]
        assert [tag.name for tag in loaded.people.all()] == ["Ada Reyes"]
    assert len(queries) == 1  # the fresh story's countries; none of the loaded one's
    for name in ("countries", "people"):
        refined = getattr(loaded, name).order_by("-name").values_list("name", flat=True)
        expected = getattr(fresh, name).order_by("-name").values_list("name", flat=True)
        assert list(refined) == list(expected)
        assert getattr(loaded, name).filter(name__startswith="B").count() == (
            getattr(fresh, name).filter(name__startswith="B").count()
        )
        assert getattr(loaded, name).count() == (2 if name == "countries" else 1)
        assert str(getattr(loaded, name).all().query) == str(
            getattr(fresh, name).all().query
        )
