"""Fragments: the parts of reader pages drawn from one story, kept in the shared cache.

A teaser, a line in a headline list, a story's article and its page head are each
rendered once per story and kept with the surrogate keys of what they show (see
invalidation). A purge makes a fragment stale exactly when it makes a page showing it
stale, so the page rendered after a purge renders again only the fragments of what
changed and joins the rest from the cache: an edit to one story re-renders one teaser
of the front page's thirty.

Only what the public may see goes in. The reader views fill fragments from published
stories; previews, share links and revisions render theirs with `render`, never
reading or writing the cache. A fragment holds no request data: no CSRF token, no
nonce, nothing about the user.
"""

import hashlib
import logging
import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cache as once
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.template.loader import get_template
from django.utils.safestring import mark_safe

from .invalidation import fresh, purge_times, story_keys, track

logger = logging.getLogger(__name__)

PREFIX = "newsroom:fragment:"
# A purge, not this timeout, is what makes a fragment stale; the timeout only lets
# the fragments of stories nobody reads any more leave the cache.
FRAGMENT_SECONDS = 24 * 3600

_bypassed = ContextVar("fragments_bypassed", default=False)


@contextmanager
def bypassed():
    """Within, fragments are rendered afresh, never read from or put in the cache."""
    token = _bypassed.set(True)
    try:
        yield
    finally:
        _bypassed.reset(token)


@dataclass(frozen=True, eq=False)
class Kind:
    """A fragment of one story: its template, and what it shows besides the story."""

    name: str
    template: str
    context: dict = field(default_factory=dict)
    # The surrogate keys of what it shows; a teaser's: story, section, picture, authors.
    keys: Callable = story_keys
    # Plain data kept beside the HTML, for the page around it.
    data: Callable = lambda story: {}


def _line_keys(story):
    return [f"story:{story.pk}", f"section:{story.section_id}"]


def _page_keys(story):
    return [
        *story_keys(story),
        *(f"country:{tag.pk}" for tag in story.countries.all()),
        *(f"person:{tag.pk}" for tag in story.people.all()),
    ]


TEASER = Kind("teaser", "articles/includes/teaser.html")
LEAD_TEASER = Kind("lead", "articles/includes/teaser.html", {"lead": True})
# A line of a headline list: the headline linked (its URL names the section).
HEADLINE = Kind("headline", "articles/includes/headline.html", keys=_line_keys)
DATED_HEADLINE = Kind(
    "dated", "articles/includes/headline.html", {"dated": True}, keys=_line_keys
)
# A story page's article and head: for a story loaded with `for_detail()`.
ARTICLE = Kind(
    "article",
    "articles/includes/story_article.html",
    keys=_page_keys,
    data=lambda story: story.tag_ids(),
)
HEAD = Kind("head", "articles/includes/meta_story.html", keys=_page_keys)


@once
def code_release():
    """A digest of the code, templates and static manifest that shape fragments: a
    deploy that changes how a fragment looks starts with none cached."""
    root = Path(settings.BASE_DIR)
    paths = [*root.glob("templates/**/*.html"), *root.glob("articles/**/*.py")]
    if settings.STATIC_ROOT:
        paths.append(Path(settings.STATIC_ROOT) / "staticfiles.json")
    digest = hashlib.sha256()
    for path in sorted(paths):
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


@lru_cache(maxsize=8)
def _site(url, name):
    return hashlib.sha256(f"{url}|{name}".encode()).hexdigest()[:8]


def cache_key(kind, pk):
    # The site's name and address are in fragments too (absolute links, page heads).
    site = _site(settings.SITE_URL, settings.SITE_NAME)
    return f"{PREFIX}{code_release()}:{site}:{kind.name}:{pk}"


def render(kind, story, started=None):
    """The fragment of `story`, rendered now: {"html", "keys", "at", "data"}."""
    html = get_template(kind.template).render(
        {"story": story, "SITE_NAME": settings.SITE_NAME, **kind.context}
    )
    return {
        "html": str(html),
        "keys": kind.keys(story),
        "at": time.time() if started is None else started,
        "data": kind.data(story),
    }


# A process keeps the fragments it read or rendered lately: a hot fragment costs no
# transfer from the shared cache. Each is still checked against the keys' purge
# times there on every use, so it is never served a moment after a purge.
_local = OrderedDict()
_local_lock = threading.Lock()
LOCAL_SIZE = 4096


def _read(names):
    """{name: entry} from this process's memo, else from the shared cache."""
    with _local_lock:
        found = {name: _local[name] for name in names if name in _local}
    if missing := [name for name in names if name not in found]:
        fetched = cache.get_many(missing)
        _remember(fetched)
        found.update(fetched)
    return found


def _remember(entries):
    with _local_lock:
        for name, entry in entries.items():
            _local[name] = entry
            _local.move_to_end(name)
        while len(_local) > LOCAL_SIZE:
            _local.popitem(last=False)


def cached(wanted):
    """{(kind, pk): fragment} for the `wanted` pairs fresh in the cache: at most two
    reads of the shared cache (the fragments, the purge times of their keys)."""
    if _bypassed.get() or not wanted:
        return {}
    names = {pair: cache_key(*pair) for pair in wanted}
    found = _read(list(names.values()))
    entries = {pair: found[name] for pair, name in names.items() if name in found}
    times = purge_times({key for entry in entries.values() for key in entry["keys"]})
    return {
        pair: entry
        for pair, entry in entries.items()
        if fresh(entry["keys"], entry["at"], times)
    }


def store(fragments):
    """Keep fresh renders {(kind, pk): fragment} for the pages that follow."""
    if _bypassed.get() or not fragments:
        return
    track(
        {key for fragment in fragments.values() for key in fragment["keys"]},
        min(fragment["at"] for fragment in fragments.values()),
    )
    entries = {cache_key(*pair): fragment for pair, fragment in fragments.items()}
    cache.set_many(entries, FRAGMENT_SECONDS)
    _remember(entries)


def fragments(wanted, load, started=None):
    """{(kind, pk): fragment} for every wanted pair whose story `load` still finds.

    Fresh fragments come from the cache; the stories of the others are loaded with
    one call, `load(pks)` (an iterable of stories), rendered and stored as of
    `started`, a time before any of the rows they show was read (default: now).
    """
    started = time.time() if started is None else started
    found = cached(wanted)
    missing = [pair for pair in wanted if pair not in found]
    if missing:
        stories = {story.pk: story for story in load({pk for _, pk in missing})}
        rendered = {
            (kind, pk): render(kind, stories[pk], started)
            for kind, pk in missing
            if pk in stories
        }
        store(rendered)
        found.update(rendered)
    return found


def kept(name, compute, seconds=None):
    """`compute()`'s value, kept in the shared cache up to `seconds` and while none of
    the surrogate keys it gave was purged: `compute` returns (value, keys). Never
    longer than a cached page would be kept (schedule.valid_until).

    For what pages show beside their stories that costs queries on every render and
    changes only with the keys it names, or may lag by `seconds`: the front page's
    pins and rails, a story's related headlines.
    """
    name = f"{PREFIX}{code_release()}:kept:{name}"
    now = time.time()
    entry = None if _bypassed.get() else _read([name]).get(name)
    if (
        entry is not None
        and entry["until"] > now
        and fresh(entry["keys"], entry["at"], purge_times(entry["keys"]))
    ):
        return entry["value"]
    value, keys = compute()
    from .schedule import valid_until

    # Never past the next scheduled change: a story due at 14:00 shows at 14:00.
    seconds = min(valid_until(now) - now, math.inf if seconds is None else seconds)
    if not _bypassed.get() and seconds > 0:
        # Every page's "site" key: a flushed shared cache loses its purge time, and
        # with it every entry, this process's copies included.
        keys = sorted({"site", *keys})
        track(keys, now)
        entry = {"value": value, "keys": keys, "at": now, "until": now + seconds}
        cache.set(name, entry, math.ceil(seconds))
        _remember({name: entry})
    return value


# What a reader's next visit after an edit needs: the story's page and its teasers.
PRERENDERED = (ARTICLE, HEAD, TEASER, LEAD_TEASER, HEADLINE, DATED_HEADLINE)


def prerender(pk):
    """Render a changed story's fragments now, if readers can see it, so the first
    reader after an edit does not wait for them. Called once the change is committed
    and purged; a failure is logged, never raised into the editor's save."""
    from .models import Story
    from .related import kept_related_headlines
    from .static_files import static_manifest_missing

    if static_manifest_missing():
        # Not deployed yet (collectstatic has not run): no page can render, so there
        # is nothing to make ready, and a traceback per save would only bury that.
        return
    try:
        started = time.time()
        story = Story.objects.published().for_detail().filter(pk=pk).first()
        if story is not None:
            store({(kind, pk): render(kind, story, started) for kind in PRERENDERED})
            kept_related_headlines(story)
    except Exception:
        logger.exception("Could not render the fragments of story %s", pk)


def html(fragment):
    return mark_safe(fragment["html"])
