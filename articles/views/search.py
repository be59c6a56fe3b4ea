"""Full-text search over published stories, with filters."""

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import OuterRef, Subquery
from django.shortcuts import render
from django.views.decorators.http import require_safe

from .. import search as engine
from ..forms import SearchForm
from ..models import CountryTag, Story, StoryCountry
from ..subjects import SCOPES

FILTER_LOOKUPS = {
    **{kind: SCOPES[kind].lookup for kind in ("section", "country", "person")},
    "since": "published_at__date__gte",
    "until": "published_at__date__lte",
}


@require_safe
def search(request):
    """Published stories matching the query and filters, best match first."""
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
            .for_listing()
            .filter(**{FILTER_LOOKUPS[name]: value for name, value in filters.items()})
        )
        paginator = Paginator(stories, settings.NEWSROOM_PAGE_SIZE)
        if engine.has_words(query):
            matched, paginator.count = engine.counted_match(stories, query)
            paginator.object_list = engine.with_snippets(matched, query)
        page_obj = paginator.get_page(request.GET.get("page"))
        for story in page_obj:
            story.snippet = engine.snippet_html(getattr(story, "snippet_source", ""))
    response = render(
        request,
        "articles/search.html",
        {
            "form": form,
            "query": query,
            "filters": filters,
            # Only countries readers can find stories about; a loop, not a widget,
            # since a select of every country costs more to render than the search.
            "countries": countries_with_stories(),
            "page_obj": page_obj,
            "is_capped": bool(
                query and page_obj and page_obj.paginator.count >= engine.MAX_MATCHES
            ),
        },
    )
    response["X-Robots-Tag"] = "noindex"
    return response


def countries_with_stories():
    """Countries with a published story.

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
        .only("name", "slug")
    )
