"""Search with the site's engine (articles.search): the same ranking and filters."""

from datetime import date

from django.conf import settings
from ninja import Field, Query, Router, Schema
from ninja.decorators import decorate_view

from .. import search as engine
from ..cache import cached_page, keys, shows
from ..serialize import stories as serialize
from ..subjects import SCOPES
from . import schemas
from .auth import stories_for
from .cursors import next_url
from .stories import subject_for

router = Router(tags=["search"])
PARAMS = ("q", "section", "country", "person", "since", "until", "page", "limit")
# Results go stale with any public change (the search key is purged on each); kept
# briefly besides, so that a flood of distinct queries leaves the cache soon.
# Kept as briefly as the site's search pages.
SECONDS = lambda: settings.NEWSROOM_SEARCH_CACHE_SECONDS  # noqa: E731


class SearchQuery(Schema):
    q: str = Field(
        ...,
        max_length=engine.MAX_QUERY_LENGTH,
        description='Web-search syntax: "a phrase", kyiv or lviv, grain -wheat.',
    )
    section: str | None = Field(None, max_length=80)
    country: str | None = Field(None, max_length=100)
    person: str | None = Field(None, max_length=100)
    since: date | None = Field(None, description="Published on or after (YYYY-MM-DD).")
    until: date | None = Field(None, description="Published on or before.")
    page: int = Field(1, ge=1, le=engine.MAX_MATCHES)
    limit: int = Field(20, ge=1, le=100)


@router.get(
    "/search",
    response={200: schemas.SearchPage, 400: schemas.Problem},
    url_name="search",
    summary="Stories matching a query, best match first",
)
@decorate_view(cached_page(params=PARAMS, seconds=SECONDS))
def search(request, query: Query[SearchQuery]):
    """Headline matches rank above dek, body and tag matches. Only the 1,000 newest
    matches (after the filters) are ranked: filter by date or subject to go back."""
    shows(keys.SEARCH)
    stories = stories_for(request).for_listing()
    for kind in ("section", "country", "person"):
        if value := getattr(query, kind):
            subject = subject_for(kind, value)
            stories = stories.filter(**{SCOPES[kind].lookup: subject})
    if query.since:
        stories = stories.filter(published_at__date__gte=query.since)
    if query.until:
        stories = stories.filter(published_at__date__lte=query.until)
    matched = engine.results(stories, query.q)
    count = len(matched)
    start = (query.page - 1) * query.limit
    found = list(matched[start : start + query.limit])
    for story in found:
        shows(*keys.teaser(story))
    more = start + query.limit < count
    following = str(query.page + 1) if more else None
    data = {
        "items": [serialize.summary(story) for story in found],
        "count": count,
        "is_capped": count >= engine.MAX_MATCHES,
        "next": next_url(request, following, param="page"),
    }
    return schemas.respond(schemas.SearchPage, data)
