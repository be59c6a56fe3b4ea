"""The search page's filters: their options, kept as HTML for every search page."""

from django.db.models import OuterRef, Subquery
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from ..cache import keep, keys
from ..models import CountryTag, Section, Story, StoryCountry
from .context import SECTIONS

# The filters whose options are kept: countries, and sections (named as the menu).
COUNTRIES = "search-countries"
OPTIONS = (COUNTRIES, SECTIONS)


def options(name, subjects, selected=None):
    """A filter's <option>s (subjects' slugs and names), `selected` marked.

    Kept as HTML, shared by every search page (the same for every reader, read by
    every search), until a story is published or changes or a subject is saved
    (`keys.SEARCH`, purged by both).
    """

    def compute():
        html = format_html_join(
            "", '<option value="{}">{}</option>', subjects().values_list("slug", "name")
        )
        return str(html), [keys.SEARCH]

    html = keep(options_name(name), compute, shared=True)
    if selected is not None:
        plain = format_html('<option value="{}">', selected.slug)
        html = html.replace(plain, plain[:-1] + " selected>", 1)
    return mark_safe(html)


def options_name(name):
    return f"options:{name}"


def sections_in_order():
    return Section.objects.order_by("position", "name")


def countries_with_stories():
    """Countries with a published story, by name.

    One story per country is looked up by index, country by country: a scalar
    subquery, which PostgreSQL runs per row, where an EXISTS would be turned into a
    join over every tagged story in the archive.
    """
    first_story = StoryCountry.objects.filter(
        Story.objects.published_exists("content_object_id"), tag=OuterRef("pk")
    ).values("pk")[:1]
    return (
        CountryTag.objects.annotate(first_story=Subquery(first_story))
        .filter(first_story__isnull=False)
        .order_by("name")
    )
