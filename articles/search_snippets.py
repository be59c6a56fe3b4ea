"""Snippets: a result's body text around the words the reader looked for, marked.

Made here rather than by the database, so both databases show the same snippet.
The body is not folded as a whole, which costs more than the search on a long
story: each phrase becomes a pattern matching its words as written, in any case and
with or without accents ("Sao" finds "São", "strasse" finds "Straße"), and only the
text around the first matches is looked at again.
"""

import functools
import html
import re

from django.utils.html import escape

from .search_text import fold, fold_table, search_text

FRAGMENTS = 2
FRAGMENT_WORDS = 24
# Words shown before the first match of a fragment.
LEAD_WORDS = 6
_TAG = re.compile(r"<[^>]*>|^[^<]*?>|<[^>]*$")
_MAX_LIGATURES = 4


def snippet(body, query):
    """Up to FRAGMENTS passages of the body's text around the query's phrases, as
    HTML: escaped, with the matches in <mark>. "" when the body has none."""
    phrases = query.phrases()
    if not body or not phrases:
        return ""
    # Stored bodies are HTML (a ">" in text is "&gt;"): drop whole or cut-off tags,
    # then turn entities back into text, escaped once below.
    text = " ".join(html.unescape(_TAG.sub(" ", body)).split())
    pattern = _pattern(tuple(phrases))
    wanted = {" ".join(p) for p in phrases}
    fragments, start = [], 0
    while len(fragments) < FRAGMENTS:
        found = _next(pattern, wanted, text, start)
        if found is None:
            break
        begin = _words_back(text, found.start(), LEAD_WORDS)
        end = _words_forward(text, begin, FRAGMENT_WORDS)
        fragments.append((begin, max(end, found.end())))
        start = fragments[-1][1]
    if not fragments:
        return ""
    marked = " … ".join(_marked(pattern, wanted, text, *span) for span in fragments)
    before = "… " if fragments[0][0] else ""
    after = " …" if fragments[-1][1] < len(text) else ""
    return before + marked + after


def _next(pattern, wanted, text, start):
    for found in pattern.finditer(text, start):
        # The pattern may take a case pairing the folding does not: check.
        if search_text(found.group()) in wanted:
            return found
    return None


def _marked(pattern, wanted, text, begin, end):
    out, at = [], begin
    for found in pattern.finditer(text, begin, end):
        if search_text(found.group()) not in wanted:
            continue
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
def _pattern(phrases):
    alternatives = sorted((_phrase(p) for p in phrases), key=len, reverse=True)
    return re.compile(
        r"(?<![^\W_])(?:" + "|".join(alternatives) + r")(?![^\W_])", re.IGNORECASE
    )


def _phrase(words_):
    return r"[\W_]+".join(_word(word) for word in words_)


def _word(word):
    """A pattern for the spellings of one folded word: "ss" is "ss" or "ß"."""
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
        options = [f"{letter}{mark}{rest(i + 1)}"]
        for source, target in ligatures.get(i, ()):
            options.append(f"{re.escape(source)}{mark}{rest(i + len(target))}")
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
