"""Snippets: a result's body text around the words the reader looked for, marked.

Made here rather than by the database, so both databases show the same snippet.
The words are found in the text as the index folds it (articles.search_text), so
"Sao" finds "São" and "strasse" finds "Straße". Most texts fold letter for letter:
lower-cased, with the few letters folding to another one ("ã" to "a", "’" to "'")
put in their place, so a match there is at the same place in the text, and each
phrase is a plain pattern (about 25 times faster per body). A text with a letter
that folds into several or none ("ß", "æ", a combining accent) is searched as
written instead: each phrase becomes a pattern matching its words in any case and
with or without accents, and each match is checked.
"""

import functools
import heapq
import html
import re

from .search_text import WORD, fold, fold_table, search_text

FRAGMENTS = 2
FRAGMENT_WORDS = 24
# Words shown before the first match of a fragment.
LEAD_WORDS = 6
_TAG = re.compile(r"<[^>]*>")
_MAX_LIGATURES = 4
_NOT_ASCII = re.compile(r"[^\x00-\x7f]+")
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
    phrases = tuple(phrases)
    folded = _folded_in_place(text)
    if folded is None:
        wanted = {" ".join(phrase) for phrase in phrases}
        find = functools.partial(_matches, _patterns(phrases), wanted, text)
    else:
        find = functools.partial(_matches, _plain_patterns(phrases), None, folded)
    fragments, start = [], 0
    while len(fragments) < FRAGMENTS:
        found = next(find(start, len(text)), None)
        if found is None:
            break
        begin = _words_back(text, found.start(), LEAD_WORDS)
        end = _words_forward(text, begin, FRAGMENT_WORDS)
        fragments.append((begin, max(end, found.end())))
        start = fragments[-1][1]
    if not fragments:
        return ""
    marked = " … ".join(_marked(find, text, *span) for span in fragments)
    before = "… " if fragments[0][0] else ""
    after = " …" if fragments[-1][1] < len(text) else ""
    return before + marked + after


def _matches(patterns, wanted, text, begin, end):
    """The phrases' matches between begin and end, in order, none overlapping.
    `wanted`: the phrases as folded, to check each match against; None when
    `text` is folded already and the patterns match only what they should."""

    def verified(number, pattern):
        for found in pattern.finditer(text, begin, end):
            # The pattern may take a case pairing the folding does not: check.
            if wanted is None or _folded(found.group()) in wanted:
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


def _marked(find, text, begin, end):
    # The text is plain: escaped as Django's escape() does, without its lazy-string
    # wrapper (twenty results make hundreds of calls).
    escape = html.escape
    out, at = [], begin
    for found in find(begin, end):
        start, stop = found.span()
        out += [escape(text[at:start]), "<mark>", escape(text[start:stop]), "</mark>"]
        at = stop
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


def _folded_in_place(text):
    """The text as articles.search_text.fold() folds it, letter for letter, so that
    a match's place in it is its place in `text`; None when a letter of `text`
    folds into several or none."""
    lowered = text.lower()
    if text.isascii():
        return lowered
    parts, at = [], 0
    for run in _NOT_ASCII.finditer(text):
        letters = [_in_place(character) for character in run.group()]
        if None in letters:
            return None
        parts += [lowered[at : run.start()], *letters]
        at = run.end()
    parts.append(lowered[at:])
    return "".join(parts)


@functools.lru_cache(maxsize=4096)
def _in_place(character):
    """What `character` folds to, as one character, or None. Folding into several
    separators ("…" into "...") is one: only words are looked for."""
    # A capital sigma lowers by its place in a word: never letter for letter.
    spelled = character.translate(fold_table())
    if len(character.lower()) != 1 or "Σ" in character + spelled:
        return None
    target = fold(character)
    if len(target) == 1:
        return target
    return " " if target and not WORD.search(target) else None


@functools.lru_cache(maxsize=256)
def _plain_patterns(phrases):
    """One pattern a phrase, for folded text: its words as they are. The first word
    leads, so the regular expression engine looks for it as a string; the letter
    before it is checked afterwards (a phrase starts a word)."""
    return tuple(
        re.compile(
            r"[\W_]+".join(
                [re.escape(first) + f"(?<![^\\W_]{re.escape(first)})"]
                + [re.escape(word) for word in others]
            )
            + r"(?![^\W_])"
        )
        for first, *others in phrases
    )


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
