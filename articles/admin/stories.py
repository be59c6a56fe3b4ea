"""The story admin: the editors' main desk."""

from datetime import timedelta

from django.contrib import admin
from django.db.models import Count, Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from .. import search, services
from ..models import Byline, RelatedLink, Story, StoryCountry, StoryPerson
from .editorial import CorrectionInline, ShareLinkInline
from .forms import StoryForm
from .history import HistoryMixin
from .widgets import KnownChoiceSelect
from .workflow import WorkflowMixin

# The subject filters offer what the desk covered in this many days, busiest first.
RECENT_DAYS = 30
RECENT_CHOICES = 30


class RecentSubjectFilter(admin.RelatedFieldListFilter):
    """The countries, people or authors of the last month's stories, busiest first,
    and any already chosen.

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
        recent = Story.objects.published().filter(published_at__gte=since)
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


class RowsWithTheirChoice(admin.TabularInline):
    """An inline whose rows come with the object their autocomplete shows, which
    labels the autocomplete: a story with 40 rows costs no query per row."""

    chosen = ""

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(self.chosen)

    @property
    def chosen_field(self):
        return self.chosen.split("__")[0]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == self.chosen_field:
            kwargs["widget"] = KnownChoiceSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        name = self.chosen_field

        class Form(formset.form):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                chosen = self.instance.__dict__.get(f"{name}_id") and getattr(
                    self.instance, name
                )
                field = self.fields.get(name)
                if chosen and field is not None:
                    # The admin wraps the widget to add "+" and edit links.
                    widget = getattr(field.widget, "widget", field.widget)
                    widget.known = {str(chosen.pk): field.label_from_instance(chosen)}

        class FormSet(formset):
            form = Form

            def _construct_form(self, i, **kwargs):
                # Rows name their story (a tag's label does): give them the one loaded.
                form = super()._construct_form(i, **kwargs)
                setattr(form.instance, self.fk.name, self.instance)
                return form

        return FormSet


class BylineInline(RowsWithTheirChoice):
    model = Byline
    extra = 1
    chosen = "author"
    autocomplete_fields = ["author"]
    fields = ["position", "author", "role"]


class TagInline(RowsWithTheirChoice):
    fk_name = "content_object"
    extra = 1
    chosen = "tag"
    autocomplete_fields = ["tag"]


class CountryInline(TagInline):
    model = StoryCountry
    verbose_name = "country"
    verbose_name_plural = "countries"


class PersonInline(TagInline):
    model = StoryPerson
    verbose_name = "person"
    verbose_name_plural = "people"


class RelatedLinkInline(RowsWithTheirChoice):
    model = RelatedLink
    fk_name = "story"
    extra = 1
    chosen = "target__section"
    autocomplete_fields = ["target"]
    fields = ["position", "target", "url", "title"]
    verbose_name = "related headline"
    verbose_name_plural = (
        "related headlines: shown first, in order; the rest fill from shared tags"
    )


@admin.register(Story)
class StoryAdmin(WorkflowMixin, HistoryMixin, admin.ModelAdmin):
    form = StoryForm
    list_display = [
        "headline",
        "status_label",
        "section",
        "byline",
        "published_at",
        "updated_at",
        "public_link",
    ]
    list_filter = [
        "status",
        "section",
        ("country_items__tag", CountryFilter),
        ("person_items__tag", PersonFilter),
        ("bylines__author", AuthorFilter),
        # A date filter, not a date hierarchy: that one reads every story's date.
        ("published_at", admin.DateFieldListFilter),
    ]
    list_select_related = ["section"]
    search_fields = [
        "headline",
        "dek",
        "country_items__tag__name",
        "person_items__tag__name",
    ]
    ordering = ["-modified_at", "-pk"]
    list_per_page = 50
    # The filtered count is enough; a second COUNT(*) of every story is not.
    show_full_result_count = False
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["section", "lead_image"]
    readonly_fields = ["created_at", "modified_at"]
    inlines = [
        BylineInline,
        CountryInline,
        PersonInline,
        RelatedLinkInline,
        CorrectionInline,
        ShareLinkInline,
    ]
    actions = ["publish", "unpublish", "lift_embargo"]
    save_on_top = True
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "headline",
                    "slug",
                    "dek",
                    "section",
                    "dateline",
                    "body",
                    "base_version",
                ]
            },
        ),
        ("Credit and image", {"fields": ["credit", "lead_image"]}),
        (
            "Publication",
            {
                "fields": [
                    "status",
                    "published_at",
                    "embargoed_until",
                    "updated_at",
                    "created_at",
                    "modified_at",
                ]
            },
        ),
        ("Editorial record", {"fields": ["audit_trail"], "classes": ["collapse"]}),
        (
            "Search engines",
            {"fields": ["seo_title", "seo_description"], "classes": ["collapse"]},
        ),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .defer("body")
            .prefetch_related(
                Prefetch("bylines", queryset=Byline.objects.select_related("author"))
            )
        )

    def get_search_results(self, request, queryset, search_term):
        """The site's search engine, over every story whatever its status."""
        if not search.has_words(search.clean_query(search_term)):
            return queryset, False
        # "Newest" by id: drafts have no publication time, and ids are indexed.
        return search.match(queryset, search_term, newest=("-pk",)), False

    @admin.display(description="status", ordering="status")
    def status_label(self, story):
        label = story.get_status_display()
        if story.is_scheduled:
            label = (
                f"Scheduled for {timezone.localtime(story.published_at):%d %b %Y %H:%M}"
            )
        if story.is_embargoed:
            until = timezone.localtime(story.embargoed_until)
            label += f" · embargoed until {until:%d %b %Y %H:%M}"
        return label

    @admin.display(description="byline")
    def byline(self, story):
        names = ", ".join(byline.author.name for byline in story.bylines.all())
        return names or story.credit or "—"

    @admin.display(description="page")
    def public_link(self, story):
        if story.published_at is None:
            url, label = reverse("articles:story_preview", args=[story.pk]), "Preview"
        else:
            url, label = story.get_absolute_url(), "View"
        return format_html('<a href="{}">{}</a>', url, label)

    @admin.action(description="Publish selected stories now", permissions=["publish"])
    def publish(self, request, queryset):
        self.run_service(request, queryset, services.publish_story, "Published")

    @admin.action(
        description="Unpublish selected stories (back to draft)",
        permissions=["publish"],
    )
    def unpublish(self, request, queryset):
        self.run_service(request, queryset, services.unpublish_story, "Unpublished")

    @admin.action(
        description="Lift the embargo on selected stories",
        permissions=["publish"],
    )
    def lift_embargo(self, request, queryset):
        def lift(*, story, user):
            services.embargo_story(story=story, until=None, user=user)

        self.run_service(request, queryset, lift, "Lifted the embargo on")
