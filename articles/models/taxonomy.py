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
