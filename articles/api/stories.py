"""Stories: the list (newest first, cursor pages, filters), one story by id or by its
address, and the same story as an IPTC ninjs item."""

from datetime import datetime
from urllib.parse import urlsplit

from django.db.models import Q
from django.http import Http404
from django.urls import Resolver404, resolve
from ninja import Field, Path, Query, Router, Schema
from ninja.decorators import decorate_view
from ninja.errors import HttpError

from ..cache import cached_page, keys, shows
from ..serialize import ninjs
from ..subjects import SCOPES
from . import cursors, schemas
from .auth import stories_for
from .loading import story_data, teasers

router = Router(tags=["stories"])

MAX_ID = 2**63 - 1
LIST_PARAMS = ("section", "country", "person", "author", "updated_since", "cursor")
LIST_PARAMS += ("limit",)
NOT_FOUND = {404: schemas.Problem}


class StoryFilters(Schema):
    section: str | None = Field(None, max_length=80, description="A section's slug.")
    country: str | None = Field(
        None, max_length=100, description="A country's slug or ISO 3166-1 code."
    )
    person: str | None = Field(None, max_length=100, description="A person's slug.")
    author: str | None = Field(None, max_length=120, description="An author's slug.")
    updated_since: datetime | None = Field(
        None,
        description="Only stories published, updated or edited at or after this "
        "time (ISO 8601; UTC when no offset is given).",
    )
    cursor: str | None = Field(
        None,
        max_length=200,
        description="The `next` address of the previous page carries it.",
    )
    limit: int = Field(20, ge=1, le=100, description="Stories per page.")


def subject_for(kind, value):
    """The section, country, person or author a filter names; 400 if none."""
    subjects = SCOPES[kind].subjects()
    found = subjects.filter(slug=value).first()
    if found is None and kind == "country" and len(value) == 2:
        found = subjects.filter(code=value.upper()).first()
    if found is None:
        raise HttpError(400, f"No {kind} “{value[:100]}”.")
    return found


@router.get(
    "/stories",
    response={200: schemas.StoryPage, 400: schemas.Problem},
    url_name="stories",
    summary="Published stories, newest first",
)
@decorate_view(cached_page(params=LIST_PARAMS))
def story_list(request, filters: Query[StoryFilters]):
    """Each page's `next` continues after its last story, whatever is published
    meanwhile. Filters combine."""
    rows = stories_for(request)
    shows(keys.FEEDS)
    for kind in ("section", "country", "person", "author"):
        if value := getattr(filters, kind):
            subject = subject_for(kind, value)
            rows = rows.filter(**{SCOPES[kind].lookup: subject})
            shows(keys.subject(subject), keys.listing(subject))
    if filters.updated_since:
        since = cursors.in_utc(filters.updated_since)
        rows = rows.filter(
            Q(modified_at__gte=since)
            | Q(published_at__gte=since)
            | Q(embargoed_until__gte=since)
        )
    rows = cursors.stories_after(
        rows, filters.cursor, with_drafts=request.auth.reads_drafts
    )
    found = list(rows.values_list("pk", "published_at")[: filters.limit + 1])
    page = found[: filters.limit]
    cursor = None
    if len(found) > filters.limit:
        pk, when = page[-1]
        cursor = cursors.encode(when.isoformat() if when else "", pk)
    page = {
        "items": teasers(request, [pk for pk, _ in page]),
        "next": cursors.next_url(request, cursor),
    }
    return schemas.respond(schemas.StoryPage, page)


@router.get(
    "/stories/by-path",
    response={200: schemas.Story, **NOT_FOUND},
    url_name="story_by_path",
    summary="One story by its address on the site",
)
@decorate_view(cached_page(params=("path",)))
def story_by_path(request, path: str = Query(..., max_length=500)):
    """`path` is the story's address (`/world/2026/11/30/slug/`) or its whole URL;
    an address the story had before a rename finds it too."""
    try:
        match = resolve(urlsplit(path).path or "/")
    except (Resolver404, ValueError):
        raise Http404("No story at this address.") from None
    if match.view_name != "articles:story_detail":
        raise Http404("No story at this address.")
    data = story_data(request, slug=match.kwargs["slug"])
    if data is None:
        raise Http404("No story at this address.")
    return schemas.respond(schemas.Story, data)


@router.get(
    "/stories/{story_id}",
    response={200: schemas.Story, **NOT_FOUND},
    url_name="story",
    summary="One story",
)
@decorate_view(cached_page(params=()))
def story_detail(request, story_id: int = Path(..., ge=1, le=MAX_ID)):
    data = story_data(request, pk=story_id)
    if data is None:
        raise Http404("No story with this id.")
    return schemas.respond(schemas.Story, data)


@router.get(
    "/stories/{story_id}/ninjs",
    response={200: schemas.Ninjs, **NOT_FOUND},
    url_name="story_ninjs",
    summary="One story as an IPTC ninjs 2.1 item",
)
@decorate_view(cached_page(params=()))
def story_ninjs(request, story_id: int = Path(..., ge=1, le=MAX_ID)):
    data = story_data(request, pk=story_id)
    if data is None:
        raise Http404("No story with this id.")
    return schemas.respond(schemas.Ninjs, ninjs.item(data))
