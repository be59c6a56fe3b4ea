"""The story admin: the editors' main desk."""

from django.contrib import admin
from django.db.models import Prefetch
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from .. import search, services
from ..desk.badges import badge
from ..models import Byline, Story
from ..templatetags.moments import moment
from .chooser import ImageChooserMixin
from .editorial import CorrectionInline, ShareLinkInline
from .endpoints import EndpointsMixin
from .filters import (
    AuthorFilter,
    CountryFilter,
    MineFilter,
    PersonFilter,
    StatusFilter,
)
from .forms import StoryForm
from .history import HistoryMixin
from .pinning import PinMixin
from .suggesting import TagSuggestionsMixin
from .workflow import WorkflowMixin


@admin.register(Story)
class StoryAdmin(
    PinMixin,
    ImageChooserMixin,
    WorkflowMixin,
    EndpointsMixin,
    TagSuggestionsMixin,
    HistoryMixin,
    admin.ModelAdmin,
):
    form = StoryForm
    change_list_template = "admin/articles/story/change_list.html"
    list_display = [
        "status_badge",
        "headline",
        "section",
        "byline",
        "updated",
        "public_link",
    ]
    list_display_links = ["headline"]
    list_filter = [
        StatusFilter,
        MineFilter,
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
    inlines = [CorrectionInline, ShareLinkInline]
    actions = ["publish", "unpublish", "lift_embargo"]
    # One screen: the story in the main column, its facts in the side column (the
    # "desk-side" fieldsets), the workflow as buttons in the action bar.
    fieldsets = [
        (None, {"fields": ["headline", "slug", "dek", "body", "base_version"]}),
        (
            "Related headlines",
            {
                "fields": ["link_list"],
                "description": "Shown first under the story, in this order; "
                "the rest fill from stories sharing its tags.",
            },
        ),
        (
            "Search engines and social cards",
            {"fields": ["seo_title", "seo_description"], "classes": ["collapse"]},
        ),
        ("Editorial record", {"fields": ["audit_trail"], "classes": ["collapse"]}),
        (
            "Publication",
            {
                "fields": [
                    "publication",
                    "published_at",
                    "embargoed_until",
                    "updated_at",
                ],
                "classes": ["desk-side"],
            },
        ),
        (
            "Section and tags",
            {
                "fields": ["section", "dateline", "country_list", "person_list"],
                "classes": ["desk-side"],
            },
        ),
        ("Lead image", {"fields": ["lead_image"], "classes": ["desk-side"]}),
        ("Front page", {"fields": ["front_page_pin"], "classes": ["desk-side"]}),
        ("Byline", {"fields": ["byline_list", "credit"], "classes": ["desk-side"]}),
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

    def changelist_view(self, request, extra_context=None):
        # The app list is one click away on the desk: the list gets the width.
        context = {"is_nav_sidebar_enabled": False, **(extra_context or {})}
        return super().changelist_view(request, context)

    def get_object(self, request, object_id, from_field=None):
        story = super().get_object(request, object_id, from_field)
        if story is not None and not self.has_change_permission(request, story):
            # Shown read-only, the body reads as the story's text, not its source:
            # it is stored clean (articles.sanitize), the one field shown |safe.
            story.body = mark_safe(story.body.replace("\n", " "))
        return story

    def get_search_results(self, request, queryset, search_term):
        """The site's search engine, over every story whatever its status."""
        if not search.has_words(search.clean_query(search_term)):
            return queryset, False
        # "Newest" by id: drafts have no publication time, and ids are indexed.
        return search.match(queryset, search_term, newest=("-pk",)), False

    @admin.display(description="status", ordering="status")
    def status_badge(self, story):
        return badge(story)

    @admin.display(description="updated", ordering="modified_at")
    def updated(self, story):
        return moment(story.modified_at)

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
