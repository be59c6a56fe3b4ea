from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q


class RelatedLinkQuerySet(models.QuerySet):
    def visible(self):
        """Links a reader may see: outside URLs, and stories that are published now."""
        stories = self.model._meta.get_field("target").related_model.objects
        return self.filter(
            Q(target__isnull=True) | Q(stories.published_exists("target_id"))
        ).select_related("target__section", "target__lead_image")


class RelatedLink(models.Model):
    story = models.ForeignKey(
        "articles.Story", on_delete=models.CASCADE, related_name="related_links"
    )
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Order under the story; lower comes first."
    )
    target = models.ForeignKey(
        "articles.Story",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="linked_from",
        help_text="Another story of ours. Shown only while it is published.",
    )
    url = models.URLField(
        "outside URL",
        max_length=500,
        blank=True,
        default="",
        help_text="Or a page elsewhere on the web; give one or the other, not both.",
    )
    title = models.CharField(
        max_length=200,
        blank=True,
        default="",
        help_text="Leave blank to use the linked story's current headline.",
    )

    objects = RelatedLinkQuerySet.as_manager()

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(target__isnull=False) & Q(url=""))
                | (Q(target__isnull=True) & ~Q(url="")),
                name="relatedlink_story_or_url",
            ),
            models.CheckConstraint(
                condition=~Q(target=F("story")), name="relatedlink_not_self"
            ),
            # Outside links have no target, and NULLs never clash in a unique index.
            models.UniqueConstraint(
                fields=["story", "target"], name="relatedlink_target_once"
            ),
        ]

    def __str__(self):
        return self.display_title

    def clean(self):
        if bool(self.target_id) == bool(self.url):
            raise ValidationError("Link to one of our stories or to an outside URL.")
        if self.target_id and self.target_id == self.story_id:
            raise ValidationError({"target": "A story cannot link to itself."})
        if self.url and not self.title:
            raise ValidationError({"title": "An outside link needs a title."})

    @property
    def display_title(self):
        if self.title:
            return self.title
        return self.target.headline if self.target_id else self.url

    @property
    def href(self):
        return self.target.get_absolute_url() if self.target_id else self.url
