"""The editorial record around a story: corrections, the audit trail, share links."""

from django.conf import settings
from django.core import signing
from django.db import models
from django.urls import reverse
from django.utils import timezone

from ..time_bounds import validate_moment
from .staff import staff_member


class CorrectionQuerySet(models.QuerySet):
    def public(self):
        """Corrections readers may see: those of stories that are published now."""
        stories = self.model._meta.get_field("story").related_model.objects
        return self.filter(stories.published_exists("story_id"))


class Correction(models.Model):
    class Kind(models.TextChoices):
        CORRECTION = "correction", "Correction"
        CLARIFICATION = "clarification", "Clarification"
        EDITORS_NOTE = "editors-note", "Editor’s note"

    story = models.ForeignKey(
        "articles.Story", on_delete=models.CASCADE, related_name="corrections"
    )
    kind = models.CharField(
        max_length=16, choices=Kind.choices, default=Kind.CORRECTION
    )
    text = models.TextField(
        help_text="What was wrong and what is right, in a sentence or two; "
        "readers see it dated at the foot of the story."
    )
    created_at = models.DateTimeField(default=timezone.now)
    created_by = staff_member()

    objects = CorrectionQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["-created_at"], name="correction_recent_idx")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.text[:60]}"


class AuditEntry(models.Model):
    """One editorial act on a story: who did it and when. Written by the services."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", "Submitted for review"
        PUBLISHED = "published", "Published"
        SCHEDULED = "scheduled", "Scheduled"
        UNPUBLISHED = "unpublished", "Unpublished"
        EMBARGOED = "embargoed", "Embargoed"
        EMBARGO_LIFTED = "embargo-lifted", "Embargo lifted"
        CORRECTED = "corrected", "Corrected"
        RESTORED = "restored", "Restored a revision"
        SHARED = "shared", "Shared for review"
        SHARE_REVOKED = "share-revoked", "Share link revoked"
        SHARE_REOPENED = "share-reopened", "Share link re-opened"
        SHARE_EXPIRY_CHANGED = "share-expiry", "Share link's expiry changed"

    story = models.ForeignKey(
        "articles.Story", on_delete=models.CASCADE, related_name="audit_entries"
    )
    action = models.CharField(max_length=16, choices=Action.choices)
    detail = models.CharField(max_length=200, blank=True, default="")
    user = staff_member()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name_plural = "audit entries"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_action_display()} by {self.user or 'the system'}"


def default_share_expiry():
    return timezone.now() + settings.NEWSROOM_SHARE_LINK_LIFETIME


class ShareLinkQuerySet(models.QuerySet):
    def active(self, now=None):
        return self.filter(
            revoked_at__isnull=True, expires_at__gt=now or timezone.now()
        )


class ShareLink(models.Model):
    """A signed, expiring, revocable address showing one story to outside reviewers."""

    SALT = "articles.sharelink"

    story = models.ForeignKey(
        "articles.Story", on_delete=models.CASCADE, related_name="share_links"
    )
    note = models.CharField(
        "shared with",
        max_length=120,
        blank=True,
        default="",
        help_text="Who the link is for, so you know which one to revoke.",
    )
    expires_at = models.DateTimeField(
        default=default_share_expiry,
        validators=[validate_moment],
        help_text="The link stops working at this time (48 hours by default).",
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = staff_member()

    objects = ShareLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"Share link for “{self.story}”"

    def get_absolute_url(self):
        return reverse("articles:share", kwargs={"token": self.token})

    @property
    def token(self):
        return signing.dumps(self.pk, salt=self.SALT, compress=True)

    @classmethod
    def pk_from_token(cls, token):
        """The link's pk from a token, or None when the signature is not ours."""
        try:
            pk = signing.loads(token, salt=cls.SALT)
        except signing.BadSignature:
            return None
        return pk if isinstance(pk, int) else None

    @property
    def is_active(self):
        return self.revoked_at is None and self.expires_at > timezone.now()
