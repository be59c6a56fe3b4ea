from django.conf import settings
from django.db import models

from ..reversing import cached_reverse
from .taxonomy import composed


class Author(models.Model):
    # Not unique: two reporters may share a name; the slug tells them apart.
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True)
    bio = models.TextField(blank=True, default="")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="author",
        help_text="The staff account that writes as this author, if any.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = composed(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return cached_reverse("articles:author_detail", kwargs={"slug": self.slug})


class Byline(models.Model):
    class Role(models.TextChoices):
        REPORTING = "reporting", "Reporting"
        WRITING = "writing", "Writing"
        ADDITIONAL_REPORTING = "additional-reporting", "Additional reporting"
        PHOTOS = "photos", "Photos"
        EDITING = "editing", "Editing"

    story = models.ForeignKey(
        "articles.Story", on_delete=models.CASCADE, related_name="bylines"
    )
    author = models.ForeignKey(Author, on_delete=models.PROTECT, related_name="bylines")
    role = models.CharField(max_length=32, choices=Role.choices, default=Role.REPORTING)
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Order in the byline; lower comes first."
    )

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["story", "author"], name="byline_author_once_per_story"
            )
        ]

    def __str__(self):
        return f"{self.author} ({self.get_role_display()})"
