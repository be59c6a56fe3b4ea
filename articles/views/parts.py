"""The parts of reader pages drawn from one story: its teaser, its line in a headline
list, its article and its page head. Each is rendered once and kept (articles.cache)
with the keys of what it shows, until one of them is purged."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.template.loader import get_template
from django.utils.safestring import mark_safe

from .. import cache
from ..cache import keys
from ..rail import tags_of


@dataclass(frozen=True, eq=False)
class Kind:
    """A part of one story: its template, and the keys of what it shows."""

    name: str
    template: str
    context: dict = field(default_factory=dict)
    keys: Callable = keys.teaser
    # Plain data kept beside the HTML, for the page around it.
    data: Callable = lambda story: None


TEASER = Kind("teaser", "articles/includes/teaser.html")
LEAD_TEASER = Kind("lead", "articles/includes/teaser.html", {"lead": True})
HEADLINE = Kind("headline", "articles/includes/headline.html", keys=keys.headline)
DATED_HEADLINE = Kind(
    "dated", "articles/includes/headline.html", {"dated": True}, keys=keys.headline
)
# A story page's article and head: for a story loaded with `for_detail()`.
ARTICLE = Kind(
    "article",
    "articles/includes/story_article.html",
    keys=keys.article,
    data=tags_of,
)
HEAD = Kind("head", "articles/includes/meta_story.html", keys=keys.article)


def render(kind, story):
    """The part, rendered now (previews and share links use this, never the cache)."""
    html = get_template(kind.template).render(
        {"story": story, "SITE_NAME": settings.SITE_NAME, **kind.context}
    )
    return mark_safe(html)


def part_names(wanted):
    """The names story_parts() keeps each wanted (kind, pk) under."""
    return [f"{kind.name}:{pk}" for kind, pk in wanted]


def story_parts(wanted, load):
    """{(kind, pk): {"html", "data"}} for each wanted (kind, pk) whose story `load`
    still finds: kept parts from the cache, the others rendered from one call of
    `load(pks)` (an iterable of stories) and kept."""
    names = dict(zip(part_names(wanted), wanted, strict=True))

    def make(missing):
        stories = {story.pk: story for story in load({names[n][1] for n in missing})}
        made = {}
        for name in missing:
            kind, pk = names[name]
            if (story := stories.get(pk)) is not None:
                part = {"html": str(render(kind, story)), "data": kind.data(story)}
                made[name] = (part, kind.keys(story))
        return made

    found = cache.parts(dict.fromkeys(names), make)
    return {
        names[name]: {"html": mark_safe(part["html"]), "data": part["data"]}
        for name, part in found.items()
    }
