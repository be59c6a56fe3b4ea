from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

FRACTION = [MinValueValidator(0.0), MaxValueValidator(1.0)]


class Image(models.Model):
    file = models.ImageField(
        upload_to="images/%Y/%m/", width_field="width", height_field="height"
    )
    alt_text = models.CharField(
        max_length=250,
        help_text="What the photo shows, for readers who cannot see it.",
    )
    caption = models.TextField(blank=True, default="")
    credit = models.CharField(
        max_length=120, blank=True, default="", help_text="Photographer / agency."
    )
    width = models.PositiveIntegerField(default=0, editable=False)
    height = models.PositiveIntegerField(default=0, editable=False)
    focal_x = models.FloatField(
        default=0.5,
        validators=FRACTION,
        help_text="Horizontal focal point, 0 (left) to 1 (right); crops keep it.",
    )
    focal_y = models.FloatField(
        default=0.5,
        validators=FRACTION,
        help_text="Vertical focal point, 0 (top) to 1 (bottom); crops keep it.",
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self):
        return self.caption[:60] or self.alt_text[:60]
