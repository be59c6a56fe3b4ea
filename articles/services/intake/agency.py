"""What an import gives a story besides its text: the agency's tags, the byline,
and the related links its headlines matched confidently, as set_relations takes
them."""

from ...intake import countries
from ...intake.suggest import Suggestion
from ...models import Author, CountryTag, PersonTag


def agency_relations(item, suggestions, matches, notes):
    """{"countries", "people", "bylines", "links"} for `item`; people the vocabulary
    lacks are proposed like those found in the text, names nobody can be credited
    as and subjects without a tag are noted."""
    return {
        "countries": _countries(item, notes),
        "people": _people(item, suggestions),
        "bylines": _bylines(item, notes),
        "links": _links(matches),
    }


def _countries(item, notes):
    names = item.countries + item.subjects
    codes = [_country_code(name) for name in names]
    unmapped = [
        subject
        for subject, code in zip(
            item.subjects, codes[len(item.countries) :], strict=True
        )
        if not code
    ]
    if unmapped:
        notes.append(
            "Agency subjects with no tag here: " + ", ".join(unmapped[:10]) + "."
        )
    return list(CountryTag.objects.filter(code__in=[code for code in codes if code]))


def _country_code(name):
    if len(name) == 2 and name.isupper():
        return name
    return (
        countries.forms().get(name)
        or CountryTag.objects.filter(name__iexact=name)
        .values_list("code", flat=True)
        .first()
    )


def _people(item, suggestions):
    known = list(PersonTag.objects.filter(name__in=item.people))
    names = {tag.name for tag in known}
    proposed = {suggestion.label for suggestion in suggestions.new_people}
    for name in item.people:
        if name not in names and name not in proposed:
            suggestions.new_people.append(
                Suggestion("new-person", name, name, 0, 0, [], "listed by the agency")
            )
    return known


def _bylines(item, notes):
    authors = {
        author.name.casefold(): author
        for author in Author.objects.filter(name__in=item.byline)
    }
    missing = [name for name in item.byline if name.casefold() not in authors]
    if missing:
        notes.append(
            "Byline names not among the desk's authors (add them under Authors to "
            "credit them): " + ", ".join(missing) + "."
        )
    return [
        (authors[name.casefold()], "reporting")
        for name in item.byline
        if name.casefold() in authors
    ]


def _links(matches):
    targets = []
    for match in matches:
        if match.is_confident and match.best.pk not in targets:
            targets.append(match.best.pk)
    return [(pk, "", "") for pk in targets]
