from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count

from ..images.files import delete_files_on_commit, generated_name
from .renditions import Rendition
from .staff import staff_member

FRACTION = [MinValueValidator(0.0), MaxValueValidator(1.0)]


def image_upload_to(image, filename):
    """images/YYYY/MM/<uuid>.<ext>: the uploaded name never steers the path."""
    return generated_name("images/%Y/%m", filename)


class ImageQuerySet(models.QuerySet):
    def with_usage(self):
        """Annotate `story_count`: the stories that lead with each image."""
        return self.annotate(story_count=Count("lead_stories"))

    def delete(self):
        # Bulk deletes (the admin's action) skip Image.delete(); files go here too.
        names = _file_names(self)
        result = super().delete()
        delete_files_on_commit(names)
        return result


class Image(models.Model):
    # width/height are set from the upload policy's decode, not by width_field: that
    # re-reads the picture from storage on every full_clean (every admin save).
    file = models.ImageField(
        upload_to=image_upload_to,
        max_length=255,
        help_text="JPEG, PNG, GIF, WebP or AVIF. Stored re-encoded, without camera "
        "or location metadata.",
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
    # What pages need to offer the renditions, kept with the image so that a page of
    # pictures reads no rendition rows: {ratio: [[format, width, height, file name]]}.
    # Written with the rows (images.renditions); the rows stay the record of files.
    rendition_files = models.JSONField(
        default=dict,
        db_default=models.Value({}, output_field=models.JSONField()),
        blank=True,
        editable=False,
    )
    uploaded_by = staff_member()

    objects = ImageQuerySet.as_manager()

    class Meta:
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self):
        return self.caption[:60] or self.alt_text[:60]

    def delete(self, *args, **kwargs):
        names = _file_names([self])
        result = super().delete(*args, **kwargs)
        delete_files_on_commit(names)
        return result


def _file_names(images):
    """The stored files of `images` and of all their renditions."""
    images = list(images)
    names = [image.file.name for image in images if image.file]
    names += Rendition.objects.filter(image__in=images).values_list("file", flat=True)
    return [name for name in names if name]
