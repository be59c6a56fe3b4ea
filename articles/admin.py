from django.contrib import admin, messages
from django.db.models import Count, Exists, OuterRef, Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from . import services
from .models import (
    Author,
    Byline,
    CountryTag,
    FrontPageSlot,
    Image,
    PersonTag,
    RelatedLink,
    Section,
    Story,
    StoryCountry,
    StoryPerson,
)


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


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position", "story_count"]
    list_editable = ["position"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(story_count=Count("stories"))

    @admin.display(description="stories", ordering="story_count")
    def story_count(self, section):
        return section.story_count


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "user"]
    list_select_related = ["user"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["user"]


class TagAdmin(admin.ModelAdmin):
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(story_count=Count("story_items"))

    @admin.display(description="stories", ordering="story_count")
    def story_count(self, tag):
        return tag.story_count


@admin.register(CountryTag)
class CountryTagAdmin(TagAdmin):
    list_display = ["name", "code", "slug", "story_count"]
    search_fields = ["name", "code"]


@admin.register(PersonTag)
class PersonTagAdmin(TagAdmin):
    list_display = ["name", "description", "slug", "story_count"]
    search_fields = ["name", "description"]


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    list_display = ["thumbnail", "alt_text", "credit", "width", "height", "uploaded_at"]
    search_fields = ["caption", "credit", "alt_text"]
    readonly_fields = ["width", "height", "uploaded_at", "uploaded_by"]

    @admin.display(description="image")
    def thumbnail(self, image):
        return format_html(
            '<img src="{}" alt="" width="80" loading="lazy">', image.file.url
        )

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(FrontPageSlot)
class FrontPageSlotAdmin(admin.ModelAdmin):
    list_display = ["position", "story", "expires_at", "is_showing"]
    list_display_links = ["story"]
    list_editable = ["position", "expires_at"]
    list_select_related = ["story"]
    autocomplete_fields = ["story"]

    def get_queryset(self, request):
        active = FrontPageSlot.objects.active().filter(pk=OuterRef("pk"))
        return super().get_queryset(request).annotate(is_active=Exists(active))

    @admin.display(description="on the front page now", boolean=True)
    def is_showing(self, slot):
        return slot.is_active
