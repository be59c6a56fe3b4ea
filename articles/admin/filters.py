"""The story list's filters: status as the desk speaks of it, “mine”, and subjects."""

from datetime import timedelta

from django.contrib import admin
from django.db.models import Count
from django.utils import timezone

from ..desk.states import in_state, mine
from ..models import Story

# The subject filters offer what the desk covered in this many days, busiest first.
RECENT_DAYS = 30
RECENT_CHOICES = 30


class StatusFilter(admin.SimpleListFilter):
    title = "status"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [
            ("draft", "Draft"),
            ("review", "In review"),
            ("scheduled", "Scheduled"),
            ("embargoed", "Embargoed"),
            ("published", "Published: readers see it"),
        ]

    def queryset(self, request, queryset):
        if self.value() in dict(self.lookup_choices):
            return in_state(queryset, self.value())
        return queryset


class MineFilter(admin.SimpleListFilter):
    title = "whose"
    parameter_name = "mine"

    def lookups(self, request, model_admin):
        return [("1", "Mine: I started it or have a byline")]

    def queryset(self, request, queryset):
        if self.value() == "1":
            return queryset.filter(mine(request.user))
        return queryset


class RecentSubjectFilter(admin.RelatedFieldListFilter):
    """The countries, people or authors of the last month's stories, busiest first,
    and any already chosen. Stories still on the desk count too (drafts, those in
    review, scheduled ones), so a new person can be filtered by before readers
    ever meet them.

    Every tag ever used would be thousands of choices and a scan of the archive on
    each page of the list; older subjects are a search away (search covers tags).
    """

    title_text = ""
    # The path from the subject to its stories.
    stories = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.title = self.title_text

    def field_choices(self, field, request, model_admin):
        model = field.related_model
        since = timezone.now() - timedelta(days=RECENT_DAYS)
        # Two index ranges, each read from its index alone: the month's
        # publications (scheduled ones included), and the stories not yet
        # published that were worked on in the month.
        published = Story.objects.filter(
            status=Story.Status.PUBLISHED, published_at__gte=since
        ).values("pk")
        on_the_desk = Story.objects.filter(
            status__in=[Story.Status.DRAFT, Story.Status.IN_REVIEW],
            modified_at__gte=since,
        ).values("pk")
        recent = published.union(on_the_desk)
        busiest = list(
            model.objects.filter(**{f"{self.stories}__in": recent})
            .annotate(recent_stories=Count(self.stories))
            .order_by("-recent_stories", "name")[:RECENT_CHOICES]
        )
        chosen = [value for value in self.lookup_val or [] if str(value).isdigit()]
        shown = {subject.pk for subject in busiest}
        busiest += model.objects.filter(pk__in=chosen).exclude(pk__in=shown)
        return [(subject.pk, str(subject)) for subject in busiest]

    def has_output(self):
        # Django hides a filter with one choice, and then ignores its parameter.
        return bool(self.lookup_choices or self.lookup_val)


class CountryFilter(RecentSubjectFilter):
    title_text = "country"
    stories = "story_items__content_object"


class PersonFilter(RecentSubjectFilter):
    title_text = "person"
    stories = "story_items__content_object"


class AuthorFilter(RecentSubjectFilter):
    title_text = "author"
    stories = "bylines__story"
