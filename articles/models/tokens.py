"""Partners' keys to the content API: only a digest of each is kept."""

import hashlib

from django.db import models
from django.utils import timezone

from .staff import staff_member

PREFIX = "nrt_"


def digest_of(secret):
    """The stored form of a token. The secret is 32 random bytes, so one fast hash
    is as strong as a slow one and costs nothing on every API request."""
    return hashlib.sha256(secret.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class ApiToken(models.Model):
    class Scope(models.TextChoices):
        PUBLISHED = "published", "Published stories, as readers see them"
        DRAFTS = "drafts", "Also drafts, stories in review and scheduled stories"

    name = models.CharField(
        max_length=120,
        help_text="Who holds it (“Partner site: Example Daily”), so you know which "
        "one to revoke.",
    )
    scope = models.CharField(
        max_length=16,
        choices=Scope.choices,
        default=Scope.PUBLISHED,
        help_text="What the token may read. No token ever reads a story under "
        "embargo before its lift.",
    )
    rate_per_minute = models.PositiveIntegerField(
        default=600,
        help_text="Requests a minute; more are answered 429 until the minute ends.",
    )
    prefix = models.CharField(
        max_length=12, editable=False, help_text="The token's first characters."
    )
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    created_by = staff_member()
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = "API token"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self):
        return self.revoked_at is None

    @property
    def reads_drafts(self):
        return self.scope == self.Scope.DRAFTS
