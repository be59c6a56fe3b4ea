"""What a listing is about: a section, country, person or author, and the lookup by
which stories point at it. Feeds, list pages, sitemaps and search filters share it."""

from dataclasses import dataclass

from .models import Author, CountryTag, PersonTag, Section, people_in_print


@dataclass(frozen=True)
class Scope:
    """A kind of subject page and the stories it lists."""

    model: type | None
    lookup: str
    label: str

    def subjects(self):
        """What may have a page; people only once a published story names them."""
        return people_in_print() if self.model is PersonTag else self.model.objects


SCOPES = {
    "latest": Scope(None, "", "Latest stories"),
    "section": Scope(Section, "section", "Section"),
    "country": Scope(CountryTag, "country_items__tag", "Country"),
    "person": Scope(PersonTag, "person_items__tag", "Person"),
    "author": Scope(Author, "bylines__author", "Author"),
}
