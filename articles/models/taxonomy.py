"""Two controlled tag vocabularies: countries (ISO 3166-1) and people."""

import unicodedata

from django.db import models
from django.db.models.functions import Lower
from taggit.models import ItemBase, TagBase

from ..reversing import cached_reverse


def composed(text):
    """`text` in Unicode's composed form (NFC): “Zoë” typed with a combining
    diaeresis is the same name as “Zoë” typed with the accented letter."""
    return unicodedata.normalize("NFC", text)


def one_per_name(vocabulary, noun):
    """A name and a slug are one subject whatever their capitals: Casetwin and
    casetwin would be two pages and two feeds about one person. (SQLite's lower()
    folds only ASCII letters; PostgreSQL's folds every script.)"""
    taken = "A {} with this {} already exists, written with other capitals."
    return [
        models.UniqueConstraint(
            Lower("name"),
            name=f"{vocabulary}_name_any_case",
            violation_error_message=taken.format(noun, "name"),
        ),
        models.UniqueConstraint(
            Lower("slug"),
            name=f"{vocabulary}_slug_any_case",
            violation_error_message=taken.format(noun, "address"),
        ),
    ]


class Vocabulary(TagBase):
    """A tag vocabulary whose names are kept composed (see `composed`)."""

    class Meta:
        abstract = True

    def clean(self):
        # Before the uniqueness checks, which compare the stored form.
        self.name, self.slug = composed(self.name), composed(self.slug)

    def save(self, *args, **kwargs):
        self.name, self.slug = composed(self.name), composed(self.slug)
        return super().save(*args, **kwargs)


class CountryTag(Vocabulary):
    code = models.CharField(
        "ISO code",
        max_length=2,
        unique=True,
        help_text="ISO 3166-1 alpha-2 code, e.g. UA for Ukraine.",
    )

    class Meta:
        verbose_name = "country"
        verbose_name_plural = "countries"
        ordering = ["name"]
        constraints = one_per_name("countrytag", "country")

    def get_absolute_url(self):
        return cached_reverse("articles:country_detail", kwargs={"slug": self.slug})


class PersonTag(Vocabulary):
    description = models.CharField(
        max_length=200,
        blank=True,
        default="",
        help_text="Who they are, in a few words: “President of Ukraine”.",
    )

    class Meta:
        verbose_name = "person"
        verbose_name_plural = "people"
        ordering = ["name"]
        constraints = one_per_name("persontag", "person")

    def get_absolute_url(self):
        return cached_reverse("articles:person_detail", kwargs={"slug": self.slug})


class StoryCountry(ItemBase):
    content_object = models.ForeignKey(
        "articles.Story", on_delete=models.CASCADE, related_name="country_items"
    )
    tag = models.ForeignKey(
        CountryTag, on_delete=models.CASCADE, related_name="story_items"
    )

    class Meta:
        verbose_name = "country"
        verbose_name_plural = "countries"
        constraints = [
            models.UniqueConstraint(
                fields=["content_object", "tag"], name="storycountry_tag_once"
            )
        ]


class StoryPerson(ItemBase):
    content_object = models.ForeignKey(
        "articles.Story", on_delete=models.CASCADE, related_name="person_items"
    )
    tag = models.ForeignKey(
        PersonTag, on_delete=models.CASCADE, related_name="story_items"
    )

    class Meta:
        verbose_name = "person"
        verbose_name_plural = "people"
        constraints = [
            models.UniqueConstraint(
                fields=["content_object", "tag"], name="storyperson_tag_once"
            )
        ]


class PersonVariant(models.Model):
    """Another spelling of a person's name in agency copy: “Zelensky” for
    “Volodymyr Zelenskiy”. A full name, or a surname alone."""

    person = models.ForeignKey(
        PersonTag, on_delete=models.CASCADE, related_name="variants"
    )
    name = models.CharField(
        max_length=100,
        unique=True,
        help_text="Spelled as the copy spells it: a full name, or a surname alone.",
    )

    class Meta:
        verbose_name = "spelling variant"
        ordering = ["name"]

    def __str__(self):
        return self.name
