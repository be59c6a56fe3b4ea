from django.db import models
from django.db.models import Q
from django.utils import timezone

from ..time_bounds import validate_moment
from .at_moment import rows_at


class FrontPageSlotQuerySet(models.QuerySet):
    def active(self, now=None):
        """Pins not yet expired whose story readers can see now."""
        now = now or timezone.now()
        stories = self.model._meta.get_field("story").related_model.objects
        return self.filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=now),
            stories.published_exists("story_id", now),
        )

    def active_positions(self, now, slots):
        """{position: story pk}: the active pins of slots 1..`slots`, compiled once
        per process (the front page asks on every render)."""
        return dict(rows_at(_active_positions, now, slots, db=self.db))


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


def _active_positions(moment, slots):
    return (
        FrontPageSlot.objects.active(moment)
        .filter(position__lte=slots)
        .values_list("position", "story_id")
    )
