"""The shapes the content API answers with: the OpenAPI description is made from
these, and every response is checked against them before it leaves.

They describe the data of articles.serialize; plain pydantic models (not ninja's
ORM-reading Schema), since what they check is already plain data.
"""

from typing import Literal

from django.http import HttpResponse
from pydantic import BaseModel, ConfigDict, Field

JSON = "application/json; charset=utf-8"


def respond(schema, data):
    """`data` checked against `schema` and written as JSON by pydantic's compiled
    core: the same check ninja makes, in a third of the time on a list."""
    return HttpResponse(
        schema.model_validate(data).model_dump_json(), content_type=JSON
    )


class Data(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SectionRef(Data):
    id: int
    name: str
    slug: str
    url: str = Field(description="The section's page on the site.")


class Section(SectionRef):
    description: str


class Country(Data):
    id: int
    name: str
    slug: str
    code: str = Field(description="ISO 3166-1 alpha-2.", examples=["UA"])
    url: str


class Person(Data):
    id: int
    name: str
    slug: str
    description: str
    url: str


class AuthorRef(Data):
    id: int
    name: str
    slug: str
    url: str


class Author(AuthorRef):
    bio: str


class Byline(Data):
    author: AuthorRef
    role: str = Field(examples=["reporting", "writing", "photos"])
    role_label: str


class Rendition(Data):
    ratio: str = Field(examples=["16:9", "1:1", "social"])
    format: str = Field(examples=["avif", "webp", "jpeg"])
    media_type: str
    width: int
    height: int
    url: str


class FocalPoint(Data):
    x: float = Field(ge=0, le=1, description="0 is the left edge, 1 the right.")
    y: float = Field(ge=0, le=1, description="0 is the top edge, 1 the bottom.")


class Image(Data):
    id: int
    alt_text: str
    caption: str
    credit: str
    width: int
    height: int
    focal_point: FocalPoint
    url: str = Field(description="The original, re-encoded without metadata.")
    renditions: list[Rendition] = Field(
        description="Crops around the focal point made so far; empty until the "
        "worker has made them."
    )


class Tag(Data):
    kind: Literal["country", "person"]
    id: int
    name: str
    slug: str
    code: str | None = Field(description="ISO 3166-1 alpha-2, for countries.")
    description: str | None = Field(description="Who they are, for people.")
    url: str


class Correction(Data):
    kind: Literal["correction", "clarification", "editors-note"]
    kind_label: str
    text: str
    created_at: str


class Related(Data):
    headline: str
    url: str
    story_id: int | None = Field(description="Null for a page elsewhere on the web.")
    api_url: str | None


STATUS = Literal["published", "scheduled", "review", "draft"]


class StorySummary(Data):
    id: int
    status: STATUS = Field(
        description="Always published, except for tokens that may read drafts."
    )
    headline: str
    dek: str
    section: SectionRef
    dateline: str
    credit: str = Field(description="The agency whose copy the story uses.")
    bylines: list[Byline]
    lead_image: Image | None
    published_at: str | None = Field(description="First publication, UTC.")
    updated_at: str | None = Field(
        description="The “Updated” time readers see: the last substantive change."
    )
    url: str
    api_url: str


class Story(StorySummary):
    body_html: str = Field(description="Sanitised HTML: paragraphs, headings, lists…")
    tags: list[Tag]
    corrections: list[Correction]
    related: list[Related] = Field(
        description="As the story page lists them: curated first, then stories "
        "sharing its countries and people."
    )
    seo_title: str
    seo_description: str
    modified_at: str
    version: int


class StoryPage(Data):
    items: list[StorySummary]
    next: str | None = Field(description="The next page's address, or null.")


class SearchPage(Data):
    items: list[StorySummary]
    count: int = Field(description="Matches found, at most 1,000.")
    is_capped: bool = Field(
        description="True when only the newest 1,000 matches were ranked."
    )
    next: str | None


class SectionPage(Data):
    items: list[Section]
    next: str | None


class CountryPage(Data):
    items: list[Country]
    next: str | None


class PersonPage(Data):
    items: list[Person]
    next: str | None


class AuthorPage(Data):
    items: list[Author]
    next: str | None


class Problem(Data):
    detail: str | list = Field(description="What was wrong, in words.")


class Ninjs(BaseModel):
    """An IPTC ninjs 2.1 news item (https://www.iptc.org/std/ninjs/)."""

    model_config = ConfigDict(extra="allow")

    uri: str
    standard: dict
    type: Literal["text"]
    headlines: list[dict]
