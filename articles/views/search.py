"""Full-text search over published stories, with filters.

A search page is kept for a short while like any reader page, so a query many readers
type is answered from the cache. Each reader may run only so many searches the cache
does not answer (NEWSROOM_SEARCH_RATE a minute); beyond that, a 429 page: a crawler
sending distinct queries cannot hold every worker away from the reader pages.
"""

from django.conf import settings
from django.core.cache import cache as shared_cache
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_safe

from newsroom.client_ip import client_ip

from .. import search as engine
from ..cache import ahead, cached_page, keys, shows
from ..forms import SearchForm
from ..models import Story
from ..subjects import SCOPES
from .context import SECTIONS
from .search_filters import (
    COUNTRIES,
    OPTIONS,
    countries_with_stories,
    options,
    options_name,
    sections_in_order,
)
from .times import render_page

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
        paginator = Paginator(found(query, filters), settings.NEWSROOM_PAGE_SIZE)
        page_obj = paginator.get_page(request.GET.get("page"))
        for story in page_obj:
            shows(*keys.headline(story))
    shows(keys.SEARCH)
    response = render_page(
        request,
        "articles/search.html",
        {
            # The form's fields are written out in the template: Django's widgets
            # cost more to render than a page of results.
            "MAX_QUERY_LENGTH": engine.MAX_QUERY_LENGTH,
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


def found(query, filters):
    """The published stories matching the query among those the filters leave, best
    first (newest first without words)."""
    if not filters:
        return engine.published_results(Story.objects, query, load=result_rows)
    # Filters first: the engine ranks only the newest matches among these.
    stories = (
        Story.objects.published()
        .for_results()
        .filter(**{FILTER_LOOKUPS[name]: value for name, value in filters.items()})
    )
    if engine.has_words(query):
        return engine.results(stories, query, load=result_rows)
    return stories


def result_rows(ids):
    """A page of results, in one written-out query (see Story.result_rows)."""
    stories = Story.objects.result_rows(ids)
    for story in stories:
        story.search_body = story.body
    return stories


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
