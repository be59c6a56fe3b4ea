"""Agency headlines matched to the newsroom's published stories (see likeness for
how two headlines are compared, archive for how candidates are found)."""

from dataclasses import dataclass, field

from . import archive, words
from .likeness import dice

# A match is confident when it scores this much and clearly beats the runner-up:
# the runner-up scores at most (1 - MARGIN) of it.
CONFIDENT = 0.35
MARGIN = 0.15
# Listed for the editor to pick from when no match is confident, if they score
# at least FLOOR: below it a story shares a word or two by chance.
ALTERNATIVES = 3
FLOOR = 0.2


@dataclass
class Candidate:
    pk: int
    headline: str
    score: float


@dataclass
class HeadlineMatch:
    """One agency headline and the published stories it may be, best first."""

    text: str
    candidates: list[Candidate] = field(default_factory=list)

    @property
    def best(self):
        return self.candidates[0] if self.candidates else None

    @property
    def confidence(self):
        return self.best.score if self.best else 0.0

    @property
    def is_confident(self):
        if self.best is None or self.best.score < CONFIDENT:
            return False
        runner_up = self.candidates[1].score if len(self.candidates) > 1 else 0.0
        return runner_up <= self.best.score * (1 - MARGIN)

    def as_dict(self):
        return {
            "text": self.text,
            "confident": self.is_confident,
            "confidence": round(self.confidence, 2),
            "candidates": [
                {"pk": c.pk, "headline": c.headline, "score": round(c.score, 2)}
                for c in self.candidates
            ],
        }


def match(headlines, *, exclude=()):
    """[HeadlineMatch] for `headlines`, in their order, each with its best
    published stories (never a story whose pk is in `exclude`)."""
    found = archive.candidates(headlines)
    matches = []
    for text, stories in zip(headlines, found, strict=True):
        terms = set(words.terms(text))
        scored = sorted(
            (
                Candidate(pk, headline, dice(terms, set(words.terms(headline))))
                for pk, headline in stories
                if pk not in exclude
            ),
            key=lambda candidate: (-candidate.score, -candidate.pk),
        )
        matches.append(
            HeadlineMatch(text, [c for c in scored[:ALTERNATIVES] if c.score >= FLOOR])
        )
    return matches
