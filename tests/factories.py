"""Factories for each model; published stories by default, as readers see them."""

from datetime import timedelta
from importlib import import_module

import factory
from django.contrib.auth import get_user_model
from django.core.files.images import get_image_dimensions
from django.utils import timezone

from articles.models import (
    Author,
    Byline,
    CountryTag,
    FrontPageSlot,
    Image,
    PersonTag,
    RelatedLink,
    Section,
    Story,
)


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Section {n}")
    slug = factory.Sequence(lambda n: f"section-{n}")


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author

    name = factory.Sequence(lambda n: f"Reporter {n}")
    slug = factory.Sequence(lambda n: f"reporter-{n}")


SEEDED = import_module("articles.migrations.0002_seed_countries")


class CountryFactory(factory.django.DjangoModelFactory):
    """One of the real countries the migration seeds, a different one each call.

    After a transactional test has flushed the database, it is made again as seeded.
    """

    class Meta:
        model = CountryTag
        django_get_or_create = ["code"]

    class Params:
        country = factory.Iterator(SEEDED.COUNTRIES)

    code = factory.LazyAttribute(lambda o: o.country[0])
    name = factory.LazyAttribute(lambda o: dict(SEEDED.COUNTRIES)[o.code])
    slug = factory.LazyAttribute(lambda o: SEEDED.ascii_slug(o.name))


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PersonTag

    name = factory.Sequence(lambda n: f"Person {n}")
    slug = factory.Sequence(lambda n: f"person-{n}")


class StoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Story

    headline = factory.Sequence(lambda n: f"Headline number {n}")
    slug = factory.Sequence(lambda n: f"story-{n}")
    dek = "Why it matters, in a sentence."
    body = "<p>First paragraph.</p><p>Second paragraph.</p>"
    section = factory.SubFactory(SectionFactory, slug="world", name="World")
    dateline = "PARIS"
    status = Story.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))

    class Params:
        draft = factory.Trait(status=Story.Status.DRAFT, published_at=None)
        in_review = factory.Trait(status=Story.Status.IN_REVIEW, published_at=None)
        scheduled = factory.Trait(
            published_at=factory.LazyFunction(
                lambda: timezone.now() + timedelta(days=1)
            )
        )
        embargoed = factory.Trait(
            embargoed_until=factory.LazyFunction(
                lambda: timezone.now() + timedelta(days=1)
            )
        )


class BylineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Byline

    story = factory.SubFactory(StoryFactory)
    author = factory.SubFactory(AuthorFactory)


class RelatedLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RelatedLink

    story = factory.SubFactory(StoryFactory)
    target = factory.SubFactory(StoryFactory)
    position = factory.Sequence(int)


class FrontPageSlotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FrontPageSlot

    story = factory.SubFactory(StoryFactory)
    position = 1


class ImageFactory(factory.django.DjangoModelFactory):
    """A small JPEG in the library; `make_renditions.call(image.pk)` renders it."""

    class Meta:
        model = Image

    file = factory.django.ImageField(width=400, height=300, color="steelblue")
    width = factory.LazyAttribute(lambda image: get_image_dimensions(image.file)[0])
    height = factory.LazyAttribute(lambda image: get_image_dimensions(image.file)[1])
    alt_text = factory.Sequence(lambda n: f"Photo number {n}")
    caption = factory.Sequence(lambda n: f"Caption number {n}")
    credit = "Photo Desk"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("correct horse 42")
