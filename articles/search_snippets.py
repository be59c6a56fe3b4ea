"""Snippets: a result's body text around the words the reader looked for, marked.

Made here rather than by the database, so both databases show the same snippet.
The body is not folded as a whole, which costs more than the search on a long
story: each phrase becomes a pattern matching its words as written, in any case and
with or without accents ("Sao" finds "São", "strasse" finds "Straße"), and only the
text around the first matches is looked at again.
"""

import functools
import heapq
import html
import re

from .search_text import fold, fold_table, search_text

FRAGMENTS = 2
FRAGMENT_WORDS = 24
# Words shown before the first match of a fragment.
LEAD_WORDS = 6
_TAG = re.compile(r"<[^>]*>")
_MAX_LIGATURES = 4
# A phrase starts a word: no letter or digit before its first letter. Tested after
# that letter, so that the regular expression engine can skip ahead to the letters
# the phrase may start with instead of trying every position.
_STARTS_WORD = r"(?<![^\W_].)"


def snippet(body, query):
    """Up to FRAGMENTS passages of the body's text around the query's phrases, as
    HTML: escaped, with the matches in <mark>. "" when the body has none."""
    phrases = query.phrases()
    if not body or not phrases:
        return ""
    # Stored bodies are HTML (a ">" in text is "&gt;"): drop the tags, then turn
    # entities back into text, escaped once below.
    text = " ".join(html.unescape(_TAG.sub(" ", body)).split())
    patterns = _patterns(tuple(phrases))
    wanted = {" ".join(p) for p in phrases}
    fragments, start = [], 0
    while len(fragments) < FRAGMENTS:
        found = next(_matches(patterns, wanted, text, start, len(text)), None)
        if found is None:
            break
        begin = _words_back(text, found.start(), LEAD_WORDS)
        end = _words_forward(text, begin, FRAGMENT_WORDS)
        fragments.append((begin, max(end, found.end())))
        start = fragments[-1][1]
    if not fragments:
        return ""
    marked = " … ".join(_marked(patterns, wanted, text, *span) for span in fragments)
    before = "… " if fragments[0][0] else ""
    after = " …" if fragments[-1][1] < len(text) else ""
    return before + marked + after


def _matches(patterns, wanted, text, begin, end):
    """The phrases' matches between begin and end, in order, none overlapping."""

    def verified(number, pattern):
        for found in pattern.finditer(text, begin, end):
            # The pattern may take a case pairing the folding does not: check.
            if _folded(found.group()) in wanted:
                yield found.start(), found.start() - found.end(), number, found

    at = begin
    ordered = heapq.merge(*(verified(n, p) for n, p in enumerate(patterns)))
    for start, _, _, found in ordered:
        if start >= at:
            yield found
            at = found.end()


@functools.lru_cache(maxsize=4096)
def _folded(matched):
    """A match as the index folds it (the same few spellings recur in a page)."""
    return search_text(matched)


def _marked(patterns, wanted, text, begin, end):
    # The text is plain: escaped as Django's escape() does, without its lazy-string
    # wrapper (twenty results make hundreds of calls).
    escape = html.escape
    out, at = [], begin
    for found in _matches(patterns, wanted, text, begin, end):
        out += [escape(text[at : found.start()]), "<mark>", escape(found.group())]
        out.append("</mark>")
        at = found.end()
    out.append(escape(text[at:end]))
    # Words marked one after the other read as one mark: "<mark>São Paulo</mark>".
    return "".join(out).replace("</mark> <mark>", " ")


def _words_back(text, position, count):
    for _ in range(count):
        space = text.rfind(" ", 0, max(position - 1, 0))
        if space < 0:
            return 0
        position = space + 1
    return position


def _words_forward(text, position, count):
    for _ in range(count):
        space = text.find(" ", position + 1)
        if space < 0:
            return len(text)
        position = space
    return position


@functools.lru_cache(maxsize=256)
def _patterns(phrases):
    """One pattern a phrase: alone, each starts with the letters it may start with,
    which the regular expression engine looks for before anything else."""
    return tuple(
        re.compile(_phrase(phrase) + r"(?![^\W_])", re.IGNORECASE) for phrase in phrases
    )


def _phrase(words_):
    first, *others = words_
    return r"[\W_]+".join([_word(first, _STARTS_WORD), *map(_word, others)])


def _word(word, after_first=""):
    """A pattern for the spellings of one folded word: "ss" is "ss" or "ß";
    `after_first` goes after its first letter."""
    singles, multiples, marks = _spellings()
    mark = f"[{marks}]*"
    ligatures = {
        i: [(s, t) for s, t in multiples if word.startswith(t, i)]
        for i in range(len(word))
    }
    # Each place a ligature may start doubles the pattern: past a few, letters only.
    if sum(map(bool, ligatures.values())) > _MAX_LIGATURES:
        ligatures = {}

    def rest(i):
        if i == len(word):
            return ""
        letter = f"[{re.escape(word[i])}{singles.get(word[i], '')}]"
        then = after_first if i == 0 else ""
        options = [f"{letter}{then}{mark}{rest(i + 1)}"]
        for source, target in ligatures.get(i, ()):
            options.append(f"{re.escape(source)}{then}{mark}{rest(i + len(target))}")
        return options[0] if len(options) == 1 else "(?:" + "|".join(options) + ")"

    return rest(0)


@functools.cache
def _spellings():
    """Which characters fold to each letter, which to several, which to nothing."""
    singles, multiples, marks = {}, [], []
    for code in fold_table():
        source = chr(code)
        target = fold(source)
        if not target:
            marks.append(re.escape(source))
        elif not target.isalnum():
            continue
        elif len(target) == 1:
            singles[target] = singles.get(target, "") + re.escape(source)
        else:
            multiples.append((source, target))
    return singles, multiples, "".join(marks)
