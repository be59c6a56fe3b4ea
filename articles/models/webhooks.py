"""Webhooks: partners' endpoints, each event's delivery to each, and every attempt."""

from django.db import models
from django.utils import timezone

from .staff import staff_member


class Event(models.TextChoices):
    PUBLISHED = "story.published", "Published"
    UPDATED = "story.updated", "Updated (a substantive change)"
    CORRECTED = "story.corrected", "Corrected"
    UNPUBLISHED = "story.unpublished", "Unpublished"
    DELETED = "story.deleted", "Deleted"
    EMBARGO_LIFTED = "story.embargo_lifted", "Embargo lifted"
    WENT_LIVE = "story.went_live", "Scheduled story went live"


def every_event():
    return list(Event.values)


class WebhookEndpoint(models.Model):
    url = models.URLField(
        "URL",
        max_length=500,
        help_text="Where each event is posted: a public https address. Redirects "
        "are not followed.",
    )
    description = models.CharField(
        max_length=200,
        blank=True,
        default="",
        help_text="Whose endpoint it is and what it does with the events.",
    )
    events = models.JSONField(
        default=every_event,
        help_text="The events sent to this endpoint.",
    )
    secret = models.CharField(
        max_length=64,
        editable=False,
        help_text="The signing secret: give it to the endpoint's owner, who checks "
        "every delivery's signature with it.",
    )
    is_active = models.BooleanField(
        "active", default=True, help_text="Untick to stop sending, keeping the log."
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    created_by = staff_member()

    class Meta:
        verbose_name = "webhook endpoint"
        ordering = ["url", "pk"]

    def __str__(self):
        return self.url


class WebhookDelivery(models.Model):
    """One event for one endpoint: sent, retried, replayed under one event id."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to be sent"
        DELIVERED = "delivered", "Delivered"
        FAILED = "failed", "Failed: no more retries"
        SKIPPED = "skipped", "Not sent: the story is no longer public"

    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries"
    )
    event_id = models.UUIDField(help_text="Sent as webhook-id; receivers dedupe by it.")
    event = models.CharField(max_length=32, choices=Event.choices)
    # Not a foreign key: a deleted story's events stay in the log.
    story_id = models.PositiveBigIntegerField(null=True, blank=True)
    occurred_at = models.DateTimeField()
    # Exactly the bytes signed and sent, made at the first attempt and kept.
    body = models.TextField(blank=True, default="")
    status = models.CharField(
        max_length=16, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    # A worker sending it holds it until then; another worker leaves it alone.
    claimed_until = models.DateTimeField(null=True, blank=True)
    last_status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    last_response_ms = models.PositiveIntegerField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True, default="")
    delivered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "webhook delivery"
        verbose_name_plural = "webhook deliveries"
        ordering = ["-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["endpoint", "event_id"], name="webhookdelivery_event_once"
            )
        ]
        indexes = [
            # A delivery waits for the earlier ones of its story to the same endpoint.
            models.Index(
                fields=["endpoint", "story_id", "status"],
                name="webhookdelivery_story_idx",
            )
        ]
        permissions = [("replay_webhookdelivery", "Can replay webhook deliveries")]

    def __str__(self):
        return f"{self.get_event_display()} of story {self.story_id} to {self.endpoint}"


class WebhookAttempt(models.Model):
    delivery = models.ForeignKey(
        WebhookDelivery, on_delete=models.CASCADE, related_name="attempt_log"
    )
    attempted_at = models.DateTimeField(default=timezone.now)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    response_ms = models.PositiveIntegerField(default=0)
    error = models.CharField(max_length=300, blank=True, default="")

    class Meta:
        ordering = ["attempted_at", "pk"]

    def __str__(self):
        return f"{self.status_code or self.error} in {self.response_ms} ms"
