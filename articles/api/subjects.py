"""Sections, countries, people and authors: what stories are listed under."""

from ninja import Field, Query, Router, Schema
from ninja.decorators import decorate_view

from ..cache import cached_page, keys, shows
from ..serialize import subjects as serialize
from ..subjects import SCOPES
from . import cursors, schemas

router = Router(tags=["subjects"])
PARAMS = ("cursor", "limit")


class Page(Schema):
    cursor: str | None = Field(None, max_length=200)
    limit: int = Field(100, ge=1, le=500)


def subject_page(request, kind, page, make, schema):
    """One page of a kind of subject, in slug order.

    The lists change when a subject is added, renamed or removed, and the people's
    list when a story first names someone: the sitemaps' key is purged on each of
    those (services.subjects, services.stories), as the sitemaps list the same.
    """
    rows = cursors.by_slug_after(SCOPES[kind].subjects(), page.cursor)
    found = list(rows[: page.limit + 1])
    shown = found[: page.limit]
    shows(keys.SITEMAPS, *(keys.subject(row) for row in shown))
    cursor = cursors.encode(shown[-1].slug) if len(found) > page.limit else None
    data = {
        "items": [make(row) for row in shown],
        "next": cursors.next_url(request, cursor),
    }
    return schemas.respond(schema, data)


@router.get("/sections", response=schemas.SectionPage, url_name="sections")
@decorate_view(cached_page(params=PARAMS))
def sections(request, page: Query[Page]):
    shows(keys.SECTIONS)
    return subject_page(
        request, "section", page, serialize.section, schemas.SectionPage
    )


@router.get("/countries", response=schemas.CountryPage, url_name="countries")
@decorate_view(cached_page(params=PARAMS))
def countries(request, page: Query[Page]):
    """Every country of the vocabulary, with its ISO 3166-1 code."""
    return subject_page(
        request, "country", page, serialize.country, schemas.CountryPage
    )


@router.get("/people", response=schemas.PersonPage, url_name="people")
@decorate_view(cached_page(params=PARAMS))
def people(request, page: Query[Page]):
    """People named by at least one published story."""
    return subject_page(request, "person", page, serialize.person, schemas.PersonPage)


@router.get("/authors", response=schemas.AuthorPage, url_name="authors")
@decorate_view(cached_page(params=PARAMS))
def authors(request, page: Query[Page]):
    return subject_page(request, "author", page, serialize.author, schemas.AuthorPage)
