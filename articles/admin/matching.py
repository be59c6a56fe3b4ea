"""Finding names as editors type them: case and accents aside, so "zelenskiy" finds
"Zelenskíy" and "Zelenskíy" finds "Zelenskiy", on PostgreSQL and SQLite alike.

Neither database folds accents without an extension, so the typed text is folded
here and turned into a regular expression in which each letter stands for all its
accented and capital forms.
"""

import unicodedata

# Letters that carry no decomposable accent but are read as a plain one.
_PLAIN = {"ø": "o", "ł": "l", "đ": "d", "ı": "i", "ħ": "h", "ŧ": "t", "ð": "d"}
# Latin-1 Supplement, Latin Extended-A and -B, Latin Extended Additional.
_LATIN = [(0xC0, 0x250), (0x1E00, 0x1F00)]
# A typed name is cut here: nobody types more, and each letter widens the pattern.
MAX_TERM = 60


def _plain(char):
    lower = char.lower()
    if lower in _PLAIN:
        return _PLAIN[lower]
    base = unicodedata.normalize("NFKD", lower)[:1]
    return base if base.isascii() and base.isalpha() else lower


def _forms():
    forms = {}
    for start, end in _LATIN:
        for point in range(start, end):
            char = chr(point)
            if char.isalpha():
                forms.setdefault(_plain(char), set()).add(char)
    for letter in "abcdefghijklmnopqrstuvwxyz":
        forms.setdefault(letter, set()).update({letter, letter.upper()})
    return {base: "".join(sorted(chars)) for base, chars in forms.items()}


FORMS = _forms()


def fold(text):
    """`text` without accents or capitals, in single spaces: how names compare."""
    text = (text or "").replace("\x00", " ")[:MAX_TERM]
    return " ".join("".join(_plain(char) for char in text).split())


def _letter(char):
    if char in FORMS:
        return f"[{FORMS[char]}]"
    if char.isdigit():
        return char
    upper = char.upper()
    return f"[{char}{upper}]" if len(upper) == 1 and upper != char else char


def pattern(text, at="word"):
    """A regular expression matching names that hold `text` at the start of a word
    (`at="word"`), at their start ("start") or as a whole ("whole"), whatever
    their accents and capitals; "" when `text` holds no letter or digit. Runs of
    anything else match any run of spaces and punctuation, so "jean pierre" finds
    "Jean-Pierre"."""
    parts, gap = [], False
    for char in fold(text):
        if char.isalnum():
            if gap and parts:
                parts.append(r"\W*")
            parts.append(_letter(char))
            gap = False
        else:
            gap = True
    if not parts:
        return ""
    body = "".join(parts)
    if at == "whole":
        return rf"^\W*{body}\W*$"
    return rf"^\W*{body}" if at == "start" else rf"(^|\W){body}"
