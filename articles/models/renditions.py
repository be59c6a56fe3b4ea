from django.db import models

from ..images.files import generated_name


def rendition_upload_to(rendition, filename):
    return generated_name("renditions/%Y/%m", filename)


class Rendition(models.Model):
    """One resized, cropped, encoded copy of an image, made by a background task."""

    class Ratio(models.TextChoices):
        WIDE = "16:9", "16:9 (lead images and cards)"
        SQUARE = "1:1", "1:1 (thumbnails)"
        SOCIAL = "social", "1200×630 (social cards)"

    class Format(models.TextChoices):
        AVIF = "avif", "AVIF"
        WEBP = "webp", "WebP"
        JPEG = "jpeg", "JPEG"

    image = models.ForeignKey(
        "articles.Image", on_delete=models.CASCADE, related_name="renditions"
    )
    ratio = models.CharField(max_length=8, choices=Ratio.choices)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    format = models.CharField(max_length=8, choices=Format.choices)
    file = models.FileField(upload_to=rendition_upload_to, max_length=255)
    crop = models.CharField(
        max_length=64,
        help_text="The source box cut out, 'left,top,right,bottom' in pixels; a "
        "rendition whose box no longer matches the focal point is remade.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["image", "ratio", "format", "width"]
        constraints = [
            models.UniqueConstraint(
                fields=["image", "ratio", "format", "width"],
                name="rendition_unique_spec",
            )
        ]

    def __str__(self):
        return f"{self.ratio} {self.width}×{self.height} {self.get_format_display()}"
