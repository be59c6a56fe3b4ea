"""How alike two pieces of copy are.

Agency and newsroom rarely word a headline alike (“U.S.” and “US”, “Israeli” and
“Israel”, clauses reordered), so headlines are compared as sets of stemmed content
words, countries as one token whatever their form, near-identical spellings
(“Zelensky”, “Zelenskiy”) counted as one. The score is their Dice coefficient: 1 for
the same words, 0 for none in common.
"""

from rapidfuzz import fuzz

from . import words

# Spellings this close (rapidfuzz ratio, 0-100) are one word; only for long words.
SAME_WORD = 85


def dice(first, second):
    """Dice coefficient of two sets of terms, near-identical spellings as one."""
    if not first or not second:
        return 0.0
    shared = 0
    for term in first:
        if term in second:
            shared += 1
        elif len(term) >= 5 and any(
            len(other) >= 5 and fuzz.ratio(term, other) >= SAME_WORD for other in second
        ):
            shared += 1
    return 2 * shared / (len(first) + len(second))


def own_headline(headlines, body_terms):
    """The index of the headline that is clearly the copy's own, or None.

    Clearly: most of its words are in the body, far more than any other's.
    """
    body = set(body_terms)
    coverage = []
    for text in headlines:
        terms = words.terms(text)
        coverage.append(
            sum(1 for term in terms if term in body) / len(terms) if terms else 0.0
        )
    if not coverage:
        return None
    ranked = sorted(range(len(coverage)), key=lambda n: -coverage[n])
    best = coverage[ranked[0]]
    runner_up = coverage[ranked[1]] if len(ranked) > 1 else 0.0
    return ranked[0] if best >= 0.7 and best - runner_up >= 0.25 else None
