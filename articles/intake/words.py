"""Words as the matchers compare them: countries as one token whatever their form
(“U.S.”, “American”, “United States”), stemmed, without function words."""

import re
import unicodedata
from functools import cache, lru_cache

import snowballstemmer

from . import countries

# Function words carry no subject; headlines and bodies share them all.
STOPWORDS = frozenset(
    """a an the and or but nor of in on at to for from by with without as after
    before over under amid amidst into onto than then that this these those is are
    was were be been being has have had do does did will would can could may might
    must shall should not no its it his her their our your my he she they we you i
    who whom which what when where why how all any some more most less few each
    other such only own same so too very just also about against between through
    during up down out off again further once here there says said say s""".split()
)
# Month abbreviations as written in datelines and headlines ("Jan. 6").
SYNONYMS = {
    "jan": "january",
    "feb": "february",
    "aug": "august",
    "sept": "september",
    "sep": "september",
    "oct": "october",
    "nov": "november",
    "dec": "december",
}
# How the archive may write them: what each synonym stands for besides itself.
ABBREVIATIONS = {}
for _short, _long in SYNONYMS.items():
    ABBREVIATIONS.setdefault(_long, []).append(_short)
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})
_WORD = re.compile(r"\w+")


@cache
def _stemmer():
    return snowballstemmer.stemmer("english")


def clean(text):
    """Unicode-normalised text with straight quotes."""
    return unicodedata.normalize("NFKC", text or "").translate(_QUOTES)


def country_token(code):
    return f"country{code.lower()}"


def words(text):
    """The lower-cased words of `text`, each country mention as one token."""
    text = clean(text)
    pieces, last = [], 0
    for mention in countries.find(text):
        pieces.append(text[last : mention.start])
        pieces.append(f" {country_token(mention.code)} ")
        last = mention.end
    pieces.append(text[last:])
    text = re.sub(r"'s\b", "", "".join(pieces))
    return [SYNONYMS.get(word, word) for word in _WORD.findall(text.lower())]


@lru_cache(maxsize=65536)
def stem(word):
    """The word's English stem; kept, since the stemmer is pure Python and the same
    words come back in every headline."""
    return _stemmer().stemWord(word)


@lru_cache(maxsize=4096)
def terms(text):
    """The stemmed content words of `text`, in order (a tuple)."""
    return tuple(
        word if word.startswith("country") else stem(word)
        for word in words(text)
        if word not in STOPWORDS
    )
