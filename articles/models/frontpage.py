from django.db import models
from django.db.models import Q
from django.utils import timezone

from ..time_bounds import validate_moment


class FrontPageSlotQuerySet(models.QuerySet):
    def active(self, now=None):
        """Pins not yet expired whose story readers can see now."""
        now = now or timezone.now()
        stories = self.model._meta.get_field("story").related_model.objects
        return self.filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=now),
            stories.published_exists("story_id", now),
        )


class FrontPageSlot(models.Model):
    position = models.PositiveSmallIntegerField(
        help_text="1 is the lead story; 2 and up are the top stories, in order."
    )
    story = models.ForeignKey(
        "articles.Story", on_delete=models.CASCADE, related_name="front_page_slots"
    )
    expires_at = models.DateTimeField(
        null=True,
        blank=True,
        validators=[validate_moment],
        help_text="Leave blank to keep the pin until you remove it.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = FrontPageSlotQuerySet.as_manager()

    class Meta:
        verbose_name = "front-page slot"
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["position"], name="frontpageslot_position"),
            models.UniqueConstraint(fields=["story"], name="frontpageslot_story_once"),
            models.CheckConstraint(
                condition=Q(position__gte=1), name="frontpageslot_position_from_1"
            ),
        ]

    def __str__(self):
        return f"{self.position}: {self.story}"
