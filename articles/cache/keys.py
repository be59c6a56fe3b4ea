"""Surrogate keys: the one vocabulary naming what a cached page, or part of a page,
shows.

A page records the keys of everything it shows; a write purges the keys of everything
it changed; a purge makes stale exactly the entries that show a purged key. A missed
key is a stale page, not an error, so no key is spelled anywhere but here: every key is
made by a function below, from the object it names.
"""


class Key(str):
    """One surrogate key, e.g. `story:12`: a plain string in headers and cache names."""

    __slots__ = ()


# Shown by every page: the site itself (a flushed cache loses its purge times, and
# with them every entry) and the sections menu.
SITE = Key("site")
SECTIONS = Key("sections")
EVERY_PAGE = (SITE, SECTIONS)
# Shared pages, each purged whenever a story appears on it, changes or leaves it.
FRONT = Key("front")
PINS = Key("pins")
FEEDS = Key("feeds")
SITEMAPS = Key("sitemaps")
CORRECTIONS = Key("corrections")
SEARCH = Key("search")
# The next scheduled publication, embargo lift or pin expiry.
SCHEDULE = Key("schedule")

# What a subject's pages are called, by model: its name on pages, and its list.
_KINDS = {
    "section": "section",
    "countrytag": "country",
    "persontag": "person",
    "author": "author",
}


def _pk(obj):
    return obj if isinstance(obj, int) else obj.pk


def story(obj):
    """A story (or its pk): shown wherever its headline, teaser or article is."""
    return Key(f"story:{_pk(obj)}")


def story_page(obj):
    """A story's own page, for what it lists besides itself (curated links to stories
    that may appear later)."""
    return Key(f"story-page:{_pk(obj)}")


def image(obj):
    return Key(f"image:{_pk(obj)}")


def kind_of(obj):
    """ "section", "country", "person" or "author": the subject kind of a model
    instance or class."""
    return _KINDS[obj._meta.model_name]


def subject(obj):
    """A section, country, person or author: its name and address, wherever shown."""
    return subject_by_id(kind_of(obj), obj.pk)


def listing(obj):
    """The list of a subject's stories: its page, its feeds."""
    return listing_by_id(kind_of(obj), obj.pk)


def subject_by_id(kind, pk):
    """subject() when only the kind and the pk are at hand (a story's foreign keys)."""
    return Key(f"{_checked(kind)}:{pk}")


def listing_by_id(kind, pk):
    return Key(f"{_checked(kind)}-list:{pk}")


def _checked(kind):
    if kind not in _KINDS.values():
        raise ValueError(f"No subject kind {kind!r}.")
    return kind


def headline(story_obj):
    """A headline line: the story and its section (its URL names the section)."""
    return [story(story_obj), subject_by_id("section", story_obj.section_id)]


def teaser(story_obj):
    """A teaser: the headline line, the picture and the byline's authors.

    The story must come with its bylines loaded (`for_listing()`, `for_detail()`): a
    teaser whose authors were left out would never go stale when one is renamed.
    """
    if "bylines" not in getattr(story_obj, "_prefetched_objects_cache", {}):
        raise ValueError("A teaser's keys need the story's bylines prefetched.")
    keys = headline(story_obj)
    if image_id := story_obj.__dict__.get("lead_image_id"):
        keys.append(image(image_id))
    keys += [subject_by_id("author", b.author_id) for b in story_obj.bylines.all()]
    return keys


def article(story_obj):
    """A story's article: its teaser's keys, its countries and people (prefetched)."""
    return [
        *teaser(story_obj),
        *(subject(tag) for tag in story_obj.countries.all()),
        *(subject(tag) for tag in story_obj.people.all()),
    ]
