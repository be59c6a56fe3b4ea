"""Two controlled tag vocabularies: countries (ISO 3166-1) and people."""

from django.db import models
from taggit.models import ItemBase, TagBase

from ..reversing import cached_reverse


class CountryTag(TagBase):
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

    def get_absolute_url(self):
        return cached_reverse("articles:country_detail", kwargs={"slug": self.slug})


class PersonTag(TagBase):
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


def people_in_print():
    """People named by at least one published story.

    A person tag may be made for a story still under embargo or in draft; until that
    story is out, the name is not shown to readers anywhere (page, feed, search).
    """
    stories = StoryPerson._meta.get_field("content_object").related_model.objects
    tagged = stories.published().filter(person_items__tag=models.OuterRef("pk"))
    return PersonTag.objects.filter(models.Exists(tagged))


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
