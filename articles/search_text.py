"""How text becomes searchable words, the same way on PostgreSQL and SQLite.

A story's fields and a reader's query go through one definition:

1. accents and ligatures are spelled out by PostgreSQL's `unaccent` rules
   (`unaccent.rules` here is PostgreSQL 15's own file): "São" is "Sao", "Łódź"
   "Lodz", "ß" "ss", "Æ" "AE";
2. the text is lower-cased (full Unicode case mapping: "УКРАЇНА" is "україна");
3. words are the runs of letters and decimal digits; everything else separates
   them, so "covid-19" is "covid 19" and "U.S." is "u s".

PostgreSQL runs it in SQL (`articles_search_text`, migration 0010): `unaccent`, then
`lower()` and `[[:alnum:]]` under the ICU root collation, whose letters, digits and
case mapping are Unicode's, as Python's are. SQLite runs this module's function,
registered on each connection (articles.search_index), in its triggers.
tests/test_search_parity.py checks that both give the same words.
"""

import functools
import re
import unicodedata
from pathlib import Path

RULES = Path(__file__).with_name("unaccent.rules")
# After folding, a word is letters and decimal digits only (no underscore).
WORD = re.compile(r"[^\W_]+")
# Markup and character references in a body separate words; PostgreSQL's trigger
# removes the same pattern.
MARKUP = re.compile(r"<[^>]*>|&[#0-9A-Za-z]+;")
# The planes holding numbers other than decimal digits (superscripts, fractions,
# Roman numerals ...); beyond them are ideographs and private use only.
_NUMBER_PLANES = 0x30000


@functools.cache
def fold_table():
    """The character map of step 1, for str.translate."""
    # Python counts other numbers as word characters; ICU's [[:alnum:]] does not,
    # so they separate words here too, unless unaccent spells them out below.
    table = {
        code: " "
        for code in range(_NUMBER_PLANES)
        if unicodedata.category(chr(code)) in ("Nl", "No")
    }
    for line in RULES.read_text(encoding="utf-8").splitlines():
        # unaccent's own parsing: a source character, then its replacement, if any,
        # separated by white space.
        source, *target = line.split()
        table[ord(source)] = "".join(target)
    return table


def fold(text):
    """Text with accents spelled out and lower-cased (steps 1 and 2)."""
    return (text or "").translate(fold_table()).lower()


def words(text):
    """The searchable words of plain text, in order."""
    return WORD.findall(fold(text))


def search_text(text):
    """Plain text as the index stores it: its words, separated by spaces."""
    return " ".join(words(text))


def search_html(html):
    """A stored body as the index stores it: its text's words, without markup."""
    return search_text(MARKUP.sub(" ", html or ""))
