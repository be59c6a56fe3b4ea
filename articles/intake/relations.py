"""What an import writes besides the story: the agency's tags, the byline, and the
related links its headlines matched confidently."""

from ..models import Author, Byline, CountryTag, PersonTag, RelatedLink
from . import countries
from .suggest import Suggestion


def apply_agency_tags(story, item, suggestions, notes):
    """The agency's own places, people and subjects, where the vocabulary has them;
    people it lacks are proposed like the ones found in the text."""
    codes = [_country_code(name) for name in item.countries + item.subjects]
    story.country_items.all().delete()
    story.person_items.all().delete()
    tags = list(CountryTag.objects.filter(code__in=[c for c in codes if c]))
    story.countries.add(*tags)
    known = list(PersonTag.objects.filter(name__in=item.people))
    story.people.add(*known)
    names = {tag.name for tag in known}
    proposed = {s.label for s in suggestions.new_people}
    for name in item.people:
        if name not in names and name not in proposed:
            suggestions.new_people.append(
                Suggestion("new-person", name, name, 0, 0, [], "listed by the agency")
            )
    unmapped = [
        s
        for s, code in zip(item.subjects, codes[len(item.countries) :], strict=True)
        if not code
    ]
    if unmapped:
        notes.append(
            "Agency subjects with no tag here: " + ", ".join(unmapped[:10]) + "."
        )


def _country_code(name):
    if len(name) == 2 and name.isupper():
        return name
    return (
        countries.forms().get(name)
        or CountryTag.objects.filter(name__iexact=name)
        .values_list("code", flat=True)
        .first()
    )


def write_bylines(story, item, notes):
    story.bylines.all().delete()
    authors = {
        a.name.casefold(): a for a in Author.objects.filter(name__in=item.byline)
    }
    missing = [name for name in item.byline if name.casefold() not in authors]
    Byline.objects.bulk_create(
        Byline(story=story, author=authors[name.casefold()], position=n)
        for n, name in enumerate(item.byline)
        if name.casefold() in authors
    )
    if missing:
        notes.append(
            "Byline names not among the desk's authors (add them under Authors to "
            "credit them): " + ", ".join(missing) + "."
        )


def write_links(story, matches):
    story.related_links.all().delete()
    targets = []
    for match in matches:
        if match.is_confident and match.best.pk not in targets:
            targets.append(match.best.pk)
    RelatedLink.objects.bulk_create(
        RelatedLink(story=story, target_id=pk, position=n)
        for n, pk in enumerate(targets, start=1)
    )
