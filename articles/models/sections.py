from django.core.exceptions import ValidationError
from django.db import models

from ..reversing import cached_reverse

# Top-level paths a section slug would shadow (articles/urls.py, newsroom/urls.py).
RESERVED_SECTION_SLUGS = (
    "admin",
    "api",
    "author",
    "corrections",
    "country",
    "favicon.ico",
    "feeds",
    "healthz",
    "media",
    "person",
    "preview",
    "readyz",
    "robots.txt",
    "search",
    "share",
    "sitemap.xml",
    "news-sitemap.xml",
    "static",
)


def validate_section_slug(value):
    if value in RESERVED_SECTION_SLUGS:
        raise ValidationError(
            "“%(slug)s” is a site address of its own; choose another slug.",
            params={"slug": value},
        )


class Section(models.Model):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(
        max_length=80,
        unique=True,
        validators=[validate_section_slug],
        help_text="The section's address: /slug/. Changing it moves every story URL.",
    )
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Order in the site's navigation; lower comes first."
    )
    description = models.TextField(
        blank=True, default="", help_text="One or two sentences for the section page."
    )

    class Meta:
        ordering = ["position", "name"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(slug__in=RESERVED_SECTION_SLUGS),
                name="section_slug_not_reserved",
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return cached_reverse("articles:section_detail", kwargs={"section": self.slug})
