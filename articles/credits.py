"""Who a story names as its authors where machines read it (feeds, JSON-LD): the
bylined authors, else the agency credited, else the publisher. Atom and Google's
article data both require an author, so the list is never empty."""

from dataclasses import dataclass

from django.conf import settings

from .absolute import absolute_url
from .reversing import cached_reverse

PERSON, AGENCY, PUBLISHER = "person", "agency", "publisher"


@dataclass(frozen=True)
class Credit:
    name: str
    kind: str
    url: str = ""


def publisher():
    return Credit(
        settings.SITE_NAME,
        PUBLISHER,
        absolute_url(cached_reverse("articles:front_page")),
    )


def credits(story):
    """The story's credits in byline order; reads its prefetched bylines only."""
    people = [
        Credit(b.author.name, PERSON, absolute_url(b.author.get_absolute_url()))
        for b in story.bylines.all()
    ]
    if people:
        return people
    if story.credit:
        return [Credit(story.credit, AGENCY)]
    return [publisher()]
