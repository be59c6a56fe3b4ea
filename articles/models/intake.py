"""What wire intake keeps: one row per agency item imported, for idempotency."""

from django.db import models
from django.utils import timezone

from .staff import staff_member


class WireImport(models.Model):
    """An agency item and the draft made from it.

    `story_version` is the story's version as the import left it: a later import of
    the same item updates the draft only while the story is still at that version,
    so an editor's work is never overwritten.
    """

    key = models.CharField(
        max_length=500,
        unique=True,
        help_text="The item's URI, or for plain text a digest of its content.",
    )
    uri = models.CharField(max_length=500, blank=True, default="")
    version = models.CharField(max_length=40, blank=True, default="")
    digest = models.CharField(
        max_length=64, help_text="SHA-256 of the copy as imported."
    )
    story = models.ForeignKey(
        "articles.Story",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="wire_imports",
    )
    story_version = models.PositiveIntegerField(default=0)
    is_withdrawn = models.BooleanField(
        default=False,
        help_text="The agency withdrew the item (canceled or withheld): do not "
        "publish what was made from it.",
    )
    report = models.JSONField(default=dict, blank=True)
    imported_by = staff_member()
    imported_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "wire import"
        ordering = ["-updated_at", "-pk"]
        indexes = [models.Index(fields=["-updated_at"], name="wireimport_recent_idx")]

    def __str__(self):
        if self.report.get("headline"):
            return self.report["headline"]
        return self.uri or (str(self.story) if self.story_id else "Wire copy")
