"""Tag suggestions for a story's text: countries, known people, new people.

One call for the import and the story form alike: `suggest_tags(headline=...,
paragraphs=[...])`. Each suggestion says why (“mentioned 4 times, first in
paragraph 1”) so an editor can accept it with one click or pass.
"""

from dataclasses import asdict, dataclass, field

from ..models import CountryTag
from . import countries, people
from .item import paragraphs_of

__all__ = ["Suggestion", "Suggestions", "paragraphs_of", "suggest_tags"]


@dataclass
class Suggestion:
    kind: str  # "country", "person" (in the vocabulary) or "new-person"
    label: str
    # What accepting it takes: a country code, a person's pk, a new person's name.
    key: str
    mentions: int
    first: int  # 0: the headline; n: paragraph n
    forms: list[str] = field(default_factory=list)
    cue: str = ""
    # Where `first` is, when the caller numbered its texts otherwise ("the dek").
    place: str = ""

    @property
    def explanation(self):
        times = "once" if self.mentions == 1 else f"{self.mentions} times"
        where = self.place or (
            "the headline" if self.first == 0 else f"paragraph {self.first}"
        )
        text = f"mentioned {times}, first in {where}"
        written = [form for form in self.forms if form != self.label]
        if written:
            text += " (as " + ", ".join(f"“{form}”" for form in written[:4]) + ")"
        if self.cue:
            text += f", after “{self.cue}”"
        return text

    def as_dict(self):
        return {**asdict(self), "explanation": self.explanation}


@dataclass
class Suggestions:
    countries: list[Suggestion] = field(default_factory=list)
    people: list[Suggestion] = field(default_factory=list)
    new_people: list[Suggestion] = field(default_factory=list)

    def as_dict(self):
        return {
            "countries": [s.as_dict() for s in self.countries],
            "people": [s.as_dict() for s in self.people],
            "new_people": [s.as_dict() for s in self.new_people],
        }


def suggest_tags(*, headline="", paragraphs=()):
    """Suggestions for a story whose text is `headline` and plain `paragraphs`."""
    paragraphs = list(paragraphs)
    return Suggestions(
        countries=_countries(headline, paragraphs),
        **dict(
            zip(("people", "new_people"), _people(headline, paragraphs), strict=True)
        ),
    )


def _countries(headline, paragraphs):
    seen = {}
    for number, text in enumerate([headline, *paragraphs]):
        for mention in countries.find(text):
            entry = seen.setdefault(mention.code, [0, number, []])
            entry[0] += 1
            if mention.form not in entry[2]:
                entry[2].append(mention.form)
    tags = {tag.code: tag for tag in CountryTag.objects.filter(code__in=seen)}
    found = [
        Suggestion("country", tags[code].name, code, count, first, forms)
        for code, (count, first, forms) in seen.items()
        if code in tags
    ]
    return sorted(found, key=lambda s: (-s.mentions, s.first, s.label))


def _people(headline, paragraphs):
    known, new = people.find(headline, paragraphs)
    return (
        sorted(
            (
                Suggestion(
                    "person", f.tag.name, str(f.tag.pk), f.mentions, f.first, f.forms
                )
                for f in known
            ),
            key=lambda s: (-s.mentions, s.first, s.label),
        ),
        [
            Suggestion(
                "new-person", f.name, f.name, f.mentions, f.first, f.forms, f.cue
            )
            for f in new
        ],
    )
