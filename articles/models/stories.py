from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords
from taggit.managers import TaggableManager

from ..reversing import cached_reverse
from ..sanitize import clean_html
from ..time_bounds import local, validate_moment
from .story_queries import StoryQuerySet
from .taxonomy import StoryCountry, StoryPerson


class RevisionSnapshot(models.Model):
    """What a revision holds besides the story's own columns: tags, bylines, links."""

    relations = models.JSONField(default=dict, blank=True)

    class Meta:
        abstract = True


class Story(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        IN_REVIEW = "review", "In review"
        PUBLISHED = "published", "Published"

    headline = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=120,
        unique=True,
        help_text="The story's address. Changing it after publication keeps the old "
        "address working as a redirect.",
    )
    dek = models.CharField(
        max_length=300,
        blank=True,
        default="",
        help_text="One sentence under the headline that says why the story matters.",
    )
    body = models.TextField(
        blank=True,
        default="",
        help_text="Paragraphs, headings, lists, quotes and links; anything else "
        "is removed on save.",
    )
    section = models.ForeignKey(
        "articles.Section", on_delete=models.PROTECT, related_name="stories"
    )
    dateline = models.CharField(
        max_length=60, blank=True, default="", help_text="Where it was reported: PARIS."
    )
    credit = models.CharField(
        "agency credit",
        max_length=100,
        blank=True,
        default="",
        help_text="The wire agency whose copy the story uses, e.g. Reuters.",
    )
    lead_image = models.ForeignKey(
        "articles.Image",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="lead_stories",
    )
    status = models.CharField(
        max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(
        null=True,
        blank=True,
        validators=[validate_moment],
        help_text="Set on publication. A time in the future schedules the story: "
        "readers see it from then on.",
    )
    embargoed_until = models.DateTimeField(
        null=True,
        blank=True,
        validators=[validate_moment],
        help_text="Hidden from every public page until this time, even when "
        "published. Only editors may set or lift it.",
    )
    updated_at = models.DateTimeField(
        null=True,
        blank=True,
        validators=[validate_moment],
        help_text="The “Updated” time readers see; set it for a substantive change.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    modified_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(
        db_default=1,
        default=1,
        editable=False,
        help_text="Goes up on every saved change; a save based on an older "
        "version is refused.",
    )
    seo_title = models.CharField(
        "search title",
        max_length=70,
        blank=True,
        default="",
        help_text="Headline for search engines, if different (70 characters).",
    )
    seo_description = models.CharField(
        "search description",
        max_length=160,
        blank=True,
        default="",
        help_text="Summary for search results, if different from the dek.",
    )

    countries = TaggableManager(
        "countries",
        through=StoryCountry,
        blank=True,
        related_name="stories",
        help_text="The countries the story is about.",
    )
    people = TaggableManager(
        "people",
        through=StoryPerson,
        blank=True,
        related_name="stories",
        help_text="The people the story is about.",
    )

    objects = StoryQuerySet.as_manager()
    history = HistoricalRecords(bases=[RevisionSnapshot], excluded_fields=["version"])

    class Meta:
        verbose_name_plural = "stories"
        ordering = ["-published_at", "-pk"]
        indexes = [
            # Newest first, with what the visibility rule reads besides the status:
            # listings step through it without touching the stories' rows.
            models.Index(
                fields=["-published_at", "-id"],
                include=["embargoed_until"],
                condition=Q(status="published"),
                name="story_published_cover_idx",
            ),
            models.Index(
                fields=["section", "-published_at"],
                condition=Q(status="published"),
                name="story_section_published_idx",
            ),
            models.Index(fields=["status", "-modified_at"], name="story_status_idx"),
            # The editors' story list, latest work first.
            models.Index(fields=["-modified_at", "-id"], name="story_modified_idx"),
            # The desk's embargoed stories, next to lift first: a handful in the
            # archive, found without reading every published story.
            models.Index(
                fields=["embargoed_until"],
                condition=Q(embargoed_until__isnull=False),
                name="story_embargo_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="story_published_has_time",
            )
        ]
        permissions = [("publish_story", "Can publish, unpublish and schedule stories")]

    def __str__(self):
        return self.headline

    def save(self, *args, **kwargs):
        self.body = clean_html(self.body)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "body", "modified_at"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        if self.published_at is None:
            return cached_reverse("articles:story_preview", kwargs={"pk": self.pk})
        return story_address(self.section.slug, self.published_at, self.slug)

    @property
    def is_scheduled(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )

    @property
    def is_embargoed(self):
        return (
            self.embargoed_until is not None and self.embargoed_until > timezone.now()
        )

    @property
    def display_time(self):
        """The time readers are shown last: the update, else the publication."""
        return self.updated_at or self.published_at

    def tag_ids(self):
        """{"countries": [pk...], "people": [pk...]}: its tags (prefetched)."""
        return {
            "countries": [tag.pk for tag in self.countries.all()],
            "people": [tag.pk for tag in self.people.all()],
        }


class FormerSlug(models.Model):
    """A slug a published story had before; its old address redirects to the new one."""

    slug = models.SlugField(max_length=120, unique=True)
    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.slug


def story_address(section_slug, published_at, slug):
    """The public address of a story published at `published_at`: its section, the
    day in the desk's time zone, its slug."""
    day = local(published_at).date()
    return cached_reverse(
        "articles:story_detail",
        kwargs={
            "section": section_slug,
            "year": day.year,
            "month": day.month,
            "day": day.day,
            "slug": slug,
        },
    )
