"""Sections, authors and the two tag vocabularies."""

from django.contrib import admin
from django.db.models import Count

from ..models import Author, CountryTag, PersonTag, PersonVariant, Section
from .saving import SavedThroughServices


@admin.register(Section)
class SectionAdmin(SavedThroughServices, admin.ModelAdmin):
    list_display = ["name", "slug", "position", "story_count"]
    list_editable = ["position"]
    ordering = ["position", "name"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(story_count=Count("stories"))

    @admin.display(description="stories", ordering="story_count")
    def story_count(self, section):
        return section.story_count


@admin.register(Author)
class AuthorAdmin(SavedThroughServices, admin.ModelAdmin):
    list_display = ["name", "slug", "user"]
    list_select_related = ["user"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["user"]


class TagAdmin(SavedThroughServices, admin.ModelAdmin):
    ordering = ["name"]
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


class PersonVariantInline(admin.TabularInline):
    model = PersonVariant
    extra = 1
    verbose_name_plural = "spellings in agency copy (wire imports recognise them)"


@admin.register(PersonTag)
class PersonTagAdmin(TagAdmin):
    inlines = [PersonVariantInline]
    list_display = ["name", "description", "slug", "story_count"]
    search_fields = ["name", "description"]
