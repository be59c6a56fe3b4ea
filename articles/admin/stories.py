"""The story admin: the editors' main desk."""

from django.contrib import admin, messages
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from .. import services
from ..models import Byline, RelatedLink, Story, StoryCountry, StoryPerson


class TitledRelatedOnlyFilter(admin.RelatedOnlyFieldListFilter):
    """A related filter listing only values in use, under a title of our choosing."""

    title_text = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.title = self.title_text


class CountryFilter(TitledRelatedOnlyFilter):
    title_text = "country"


class PersonFilter(TitledRelatedOnlyFilter):
    title_text = "person"


class AuthorFilter(TitledRelatedOnlyFilter):
    title_text = "author"


class BylineInline(admin.TabularInline):
    model = Byline
    extra = 1
    autocomplete_fields = ["author"]
    fields = ["position", "author", "role"]


class CountryInline(admin.TabularInline):
    model = StoryCountry
    fk_name = "content_object"
    extra = 1
    autocomplete_fields = ["tag"]
    verbose_name = "country"
    verbose_name_plural = "countries"


class PersonInline(admin.TabularInline):
    model = StoryPerson
    fk_name = "content_object"
    extra = 1
    autocomplete_fields = ["tag"]
    verbose_name = "person"
    verbose_name_plural = "people"


class RelatedLinkInline(admin.TabularInline):
    model = RelatedLink
    fk_name = "story"
    extra = 1
    autocomplete_fields = ["target"]
    fields = ["position", "target", "url", "title"]
    verbose_name = "related headline"
    verbose_name_plural = (
        "related headlines: shown first, in order; the rest fill from shared tags"
    )


@admin.register(Story)
class StoryAdmin(admin.ModelAdmin):
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
    ]
    list_select_related = ["section"]
    search_fields = [
        "headline",
        "dek",
        "country_items__tag__name",
        "person_items__tag__name",
    ]
    date_hierarchy = "published_at"
    ordering = ["-modified_at"]
    list_per_page = 50
    # The filtered count is enough; a second COUNT(*) of every story is not.
    show_full_result_count = False
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["section", "lead_image"]
    readonly_fields = ["created_at", "modified_at"]
    inlines = [BylineInline, CountryInline, PersonInline, RelatedLinkInline]
    actions = ["publish", "unpublish"]
    save_on_top = True
    fieldsets = [
        (None, {"fields": ["headline", "slug", "dek", "section", "dateline", "body"]}),
        ("Credit and image", {"fields": ["credit", "lead_image"]}),
        (
            "Publication",
            {
                "fields": [
                    "status",
                    "published_at",
                    "updated_at",
                    "created_at",
                    "modified_at",
                ]
            },
        ),
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

    @admin.display(description="status", ordering="status")
    def status_label(self, story):
        if (
            story.status == Story.Status.PUBLISHED
            and story.published_at > timezone.now()
        ):
            return (
                f"Scheduled for {timezone.localtime(story.published_at):%d %b %Y %H:%M}"
            )
        return story.get_status_display()

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

    def save_model(self, request, obj, form, change):
        services.save_story(story=obj)

    def delete_model(self, request, obj):
        services.delete_story(story=obj)

    def delete_queryset(self, request, queryset):
        for story in queryset:
            services.delete_story(story=story)

    @admin.action(description="Publish selected stories now")
    def publish(self, request, queryset):
        for story in queryset.select_related("section"):
            services.publish_story(story=story)
        self.message_user(
            request, f"Published {len(queryset)} stories.", messages.SUCCESS
        )

    @admin.action(description="Unpublish selected stories (back to draft)")
    def unpublish(self, request, queryset):
        for story in queryset:
            services.unpublish_story(story=story)
        self.message_user(
            request, f"Unpublished {len(queryset)} stories.", messages.SUCCESS
        )
