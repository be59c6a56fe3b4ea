"""Related headlines: the curated links first, then stories that share the most tags."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import (
    Count,
    DateTimeField,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from . import cache
from .cache import keys
from .models import Story, StoryCountry, StoryPerson
from .time_bounds import shifted


@dataclass(frozen=True)
class Headline:
    """One line of the related headlines: enough to choose it without following it."""

    title: str
    url: str
    story_id: int | None = None
    section_id: int | None = None
    section_name: str = ""
    published_at: datetime | None = None
    # The story's lead picture (its renditions are listed on the row), or None.
    image: object = None
    is_curated: bool = False

    @classmethod
    def of_story(cls, story, title=None, is_curated=False):
        """The line of a story loaded with its section and lead picture."""
        return cls(
            title or story.headline,
            story.get_absolute_url(),
            story.pk,
            story.section_id,
            story.section.name,
            story.published_at,
            story.lead_image if story.lead_image_id else None,
            is_curated,
        )

    @property
    def is_external(self):
        return self.story_id is None

    @property
    def host(self):
        """The site an outside link leads to, as readers know it."""
        return urlsplit(self.url).hostname.removeprefix("www.") if self.url else ""

    @property
    def keys(self):
        """What the line shows: the story, its section (named, and in its URL) and
        its picture."""
        if self.story_id is None:
            return []
        shown = [
            keys.story(self.story_id),
            keys.subject_by_id("section", self.section_id),
        ]
        if self.image is not None:
            shown.append(keys.image(self.image.pk))
        return shown


def _shared_tags(through, tag_ids):
    """How many of `tag_ids` the outer story carries in one vocabulary."""
    if not tag_ids:
        return Value(0, output_field=IntegerField())
    counts = (
        through.objects.filter(content_object=OuterRef("pk"), tag_id__in=tag_ids)
        .order_by()
        .values("content_object")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), 0)


def _nearest(story):
    """A condition on `published_at`: the published stories nearest the story in time,
    within the window, at most NEWSROOM_RELATED_CANDIDATES, half before it and half
    after.

    Related news is recent news. Ranking only these keeps the fill's cost flat
    however large, and however busy, the archive grows. The bounds are the times of
    the last candidates on each side, found by index inside the fill's own query.
    """
    around = story.published_at or timezone.now()
    window = timedelta(days=settings.NEWSROOM_RELATED_WINDOW_DAYS)
    half = settings.NEWSROOM_RELATED_CANDIDATES // 2
    stories = Story.objects.published().exclude(pk=story.pk)

    def edge(side, order, limit):
        times = side.order_by(order).values("published_at")[half - 1 : half]
        return Coalesce(Subquery(times), Value(limit), output_field=DateTimeField())

    earliest = edge(
        stories.filter(published_at__range=(shifted(around, -window), around)),
        "-published_at",
        shifted(around, -window),
    )
    latest = edge(
        stories.filter(
            published_at__gt=around, published_at__lte=shifted(around, window)
        ),
        "published_at",
        shifted(around, window),
    )
    return Q(published_at__gte=earliest, published_at__lte=latest)


def related_headlines(story, limit=None, tag_ids=None):
    """The story's related headlines, for a story loaded with `for_detail()`, or with
    `tag_ids` ({"countries": [pk...], "people": [pk...]}, see Story.tag_ids) given.

    Curated links come first, in order, and only to published stories (the prefetch
    filters them); one more query fills up to `limit` with the stories near it in
    time (see _nearest) that share the most country and person tags, newest first.
    """
    limit = settings.NEWSROOM_RELATED_HEADLINES if limit is None else limit
    links = getattr(story, "visible_links", None)
    if links is None:
        links = list(
            story.related_links.visible().defer(
                "target__body", "target__seo_title", "target__seo_description"
            )
        )
    # Never more than the page shows, whatever an older release let a story hold.
    headlines = [
        Headline.of_story(link.target, link.display_title, is_curated=True)
        if link.target_id
        else Headline(link.display_title, link.href, is_curated=True)
        for link in links[:limit]
    ]
    tag_ids = story.tag_ids() if tag_ids is None else tag_ids
    taken = {link.target_id for link in links if link.target_id}
    fill = sharing_tags(story, tag_ids, limit - len(headlines), exclude=taken)
    return headlines + [Headline.of_story(s) for s in fill]


def sharing_tags(story, tag_ids, limit, exclude=()):
    """Up to `limit` published stories near `story` in time (see _nearest) sharing
    the most of `tag_ids`, newest first, leaving out the story and `exclude`: the
    related headlines' fill, and the story form's suggestions."""
    if limit <= 0 or not (tag_ids["countries"] or tag_ids["people"]):
        return []
    return (
        Story.objects.published()
        .filter(_nearest(story))
        .for_related()
        .exclude(pk__in={story.pk, *exclude} - {None})
        .annotate(
            shared=_shared_tags(StoryCountry, tag_ids["countries"])
            + _shared_tags(StoryPerson, tag_ids["people"])
        )
        .filter(shared__gt=0)
        .order_by("-shared", "-published_at", "-pk")[:limit]
    )


def kept_related_headlines(story, tag_ids=None, shape=None, name="related"):
    """A published story's related headlines for its public page, kept as long as a
    cached page would keep them: until the story, one of the stories listed, their
    sections or pictures change, a linked story is published, or the next scheduled
    change. `shape(headlines)`, when given, is kept in their place (the story page
    keeps the block's HTML, so a page made again renders no picture)."""

    def compute():
        headlines = related_headlines(story, tag_ids=tag_ids)
        shown = [keys.story(story), keys.story_page(story)]
        shown += [key for item in headlines for key in item.keys]
        return (shape(headlines) if shape else headlines), shown

    return cache.keep(kept_name(story, name), compute)


def kept_name(story, name="related"):
    """The name under which kept_related_headlines() keeps `story`'s headlines."""
    return f"{name}:{story.pk}:{settings.NEWSROOM_RELATED_HEADLINES}"
