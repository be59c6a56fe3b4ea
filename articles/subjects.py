"""What a listing is about: a section, country, person or author, and the lookup by
which stories point at it. Feeds, list pages, sitemaps and search filters share it."""

from dataclasses import dataclass

from django.db.models import OuterRef, Subquery

from .models import (
    Author,
    CountryTag,
    PersonTag,
    Section,
    Story,
    StoryCountry,
    StoryPerson,
)

# The tag vocabularies: kind, tag model, through model, and the story's field.
VOCABULARIES = (
    ("country", CountryTag, StoryCountry, "countries"),
    ("person", PersonTag, StoryPerson, "people"),
)


@dataclass(frozen=True)
class Scope:
    """A kind of subject page and the stories it lists."""

    model: type | None
    lookup: str
    label: str

    def subjects(self):
        """What may have a page, feeds and a search filter.

        Countries, people and authors only once a published story names them: a
        name first given to a draft, a scheduled or an embargoed story (a new
        appointee, a reporter joining next week) stays on the desk until then.
        Sections are the site's structure, made by editors and named in every
        page's menu: an empty one has its page.
        """
        return self.model.objects.all() if self.model is Section else self.in_print()

    def in_print(self):
        """The subjects a published story names.

        One such story per subject is looked up by index, subject by subject (a
        scalar subquery that stops at the first): an EXISTS, PostgreSQL turns into
        a join over every story of the subject, thousands for a busy country.
        """
        any_story = (
            Story.objects.published()
            .filter(**{self.lookup: OuterRef("pk")})
            .order_by()
            .values("pk")[:1]
        )
        return self.model.objects.alias(any_story=Subquery(any_story)).filter(
            any_story__isnull=False
        )


SCOPES = {
    "latest": Scope(None, "", "Latest stories"),
    "section": Scope(Section, "section", "Section"),
    "country": Scope(CountryTag, "country_items__tag", "Country"),
    "person": Scope(PersonTag, "person_items__tag", "Person"),
    "author": Scope(Author, "bylines__author", "Author"),
}
