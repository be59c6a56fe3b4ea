"""Full-text search over published stories, with filters.

A search page is kept for a short while like any reader page, so a query many readers
type is answered from the cache. Each reader may run only so many searches the cache
does not answer (NEWSROOM_SEARCH_RATE a minute); beyond that, a 429 page: a crawler
sending distinct queries cannot hold every worker away from the reader pages.
"""

from django.conf import settings
from django.core.cache import cache as shared_cache
from django.core.paginator import Paginator
from django.db.models import OuterRef, Subquery
from django.shortcuts import render
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe

from newsroom.client_ip import client_ip

from .. import search as engine
from ..cache import ahead, cached_page, keep, keys, shows
from ..forms import SearchForm
from ..models import CountryTag, Section, Story, StoryCountry
from ..subjects import SCOPES
from .context import SECTIONS
from .times import render_page

# The filters whose options are kept: countries, and sections (named as the menu).
COUNTRIES = "search-countries"
OPTIONS = (COUNTRIES, SECTIONS)
PARAMS = ("q", "section", "country", "person", "since", "until", "page")
RATE_WINDOW_SECONDS = 60

FILTER_LOOKUPS = {
    **{kind: SCOPES[kind].lookup for kind in ("section", "country", "person")},
    "since": "published_at__date__gte",
    "until": "published_at__date__lte",
}


@require_safe
@cached_page(params=PARAMS, seconds=lambda: settings.NEWSROOM_SEARCH_CACHE_SECONDS)
def search(request):
    """Published stories matching the query and filters, best match first."""
    if over_rate(request):
        response = render(request, "429.html", status=429)
        response["Retry-After"] = str(RATE_WINDOW_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
    # The filters' options and the sections menu, read in one go.
    ahead(shared=[SECTIONS, *(options_name(name) for name in OPTIONS)])
    data = request.GET.copy()
    data["q"] = engine.clean_query(data.get("q", ""))
    form = SearchForm(data)
    form.is_valid()
    query = form.cleaned_data.get("q", "")
    filters = form.filters()
    page_obj = None
    if engine.has_words(query) or filters:
        # Filters first: the engine ranks only the newest matches among these.
        stories = (
            Story.objects.published()
            .for_results()
            .filter(**{FILTER_LOOKUPS[name]: value for name, value in filters.items()})
        )
        if engine.has_words(query):
            stories = engine.results(stories, query)
        paginator = Paginator(stories, settings.NEWSROOM_PAGE_SIZE)
        page_obj = paginator.get_page(request.GET.get("page"))
        for story in page_obj:
            shows(*keys.headline(story))
    shows(keys.SEARCH)
    response = render_page(
        request,
        "articles/search.html",
        {
            "form": form,
            "query": query,
            "filters": filters,
            # Only countries readers can find stories about, as kept HTML: a select
            # of every country costs more to render than the search.
            "country_options": options(
                COUNTRIES, countries_with_stories, filters.get("country")
            ),
            "section_options": options(
                SECTIONS, sections_in_order, filters.get("section")
            ),
            "page_obj": page_obj,
            "is_capped": bool(
                query and page_obj and page_obj.paginator.count >= engine.MAX_MATCHES
            ),
        },
    )
    response["X-Robots-Tag"] = "noindex"
    return response


def over_rate(request):
    """True once this reader has run NEWSROOM_SEARCH_RATE searches in the current
    minute. Staff are never held back."""
    limit = settings.NEWSROOM_SEARCH_RATE
    if not limit or getattr(request.user, "is_staff", False):
        return False
    name = f"newsroom:search-rate:{client_ip(request)}"
    shared_cache.add(name, 0, RATE_WINDOW_SECONDS)
    try:
        count = shared_cache.incr(name)
    except ValueError:
        # Gone between the two calls (evicted or expired): a fresh window.
        return False
    return count > limit


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
