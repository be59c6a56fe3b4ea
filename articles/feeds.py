"""RSS 2.0 and Atom feeds: the latest stories, and those of a section, country,
person or author. Every feed lists `Story.objects.published()` only."""

import mimetypes

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.files.storage import FileSystemStorage
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Enclosure
from django.utils.html import escape
from django.views.decorators.http import require_safe

from .absolute import absolute_url, image_url
from .cache import cached_page, keys, shows
from .credits import credits
from .feed_formats import AtomFeed, RssFeed
from .images.picture import STORAGE, feed_image
from .models import Story
from .reversing import cached_reverse
from .subjects import SCOPES

FEED_SIZE = 30
FORMATS = {"rss": RssFeed, "atom": AtomFeed}


def feed_url(kind="latest", subject=None, fmt="rss"):
    """The path of a feed; `subject` is the section, tag or author it follows."""
    if kind == "latest":
        return cached_reverse("articles:feed_latest", kwargs={"fmt": fmt})
    return cached_reverse(
        "articles:feed", kwargs={"kind": kind, "slug": subject.slug, "fmt": fmt}
    )


def scoped_stories(kind, subject):
    stories = Story.objects.published()
    if subject is not None:
        stories = stories.filter(**{SCOPES[kind].lookup: subject})
    return stories


class StoryFeed(Feed):
    """One feed class for every scope; `fmt` picks RSS 2.0 or Atom."""

    def __init__(self, fmt):
        self.fmt = fmt
        self.feed_type = FORMATS[fmt]

    def __call__(self, request, *args, **kwargs):
        response = super().__call__(request, *args, **kwargs)
        # Item dates miss edits made without an "Updated" time: the page cache's
        # render time is the feed's Last-Modified.
        del response.headers["Last-Modified"]
        return response

    def get_object(self, request, kind, slug=None):
        if kind == "latest":
            shows(keys.FEEDS)
            return (kind, None)
        subject = get_object_or_404(SCOPES[kind].subjects(), slug=slug)
        shows(keys.subject(subject), keys.listing(subject))
        return (kind, subject)

    def title(self, obj):
        kind, subject = obj
        if subject is None:
            return f"{settings.SITE_NAME}: latest stories"
        return f"{subject.name} | {settings.SITE_NAME}"

    def link(self, obj):
        kind, subject = obj
        if subject is None:
            return absolute_url(cached_reverse("articles:front_page"))
        return absolute_url(subject.get_absolute_url())

    def feed_url(self, obj):
        kind, subject = obj
        return absolute_url(feed_url(kind, subject, self.fmt))

    def subtitle(self, obj):
        """What the feed follows, as plain text (Atom's subtitle is of type text)."""
        kind, subject = obj
        if subject is None:
            return f"The latest stories from {settings.SITE_NAME}."
        return f"{SCOPES[kind].label}: {subject.name}. The latest stories."

    def description(self, obj):
        # Readers render an RSS description as HTML: a name must reach them as text.
        return escape(self.subtitle(obj))

    def items(self, obj):
        kind, subject = obj
        stories = list(
            scoped_stories(kind, subject)
            .for_listing()
            .prefetch_related("countries", "people")[:FEED_SIZE]
        )
        shows(*(key for story in stories for key in keys.article(story)))
        return stories

    def item_title(self, story):
        return story.headline

    def item_description(self, story):
        # RSS descriptions and Atom summaries (type="html") are HTML; the dek is text.
        return escape(story.dek)

    def item_link(self, story):
        return absolute_url(story.get_absolute_url())

    def item_pubdate(self, story):
        return story.published_at

    def item_updateddate(self, story):
        return story.display_time

    def item_extra_kwargs(self, story):
        # The formats write an author element per credit (feed_formats.py).
        return {"credits": credits(story)}

    def item_categories(self, story):
        return [tag.name for tag in [*story.countries.all(), *story.people.all()]]

    def item_enclosures(self, story):
        image = story.lead_image
        if image is None or not image.file:
            return []
        rendition = feed_image(image)
        if rendition is None:
            # Before its renditions are made, the image as uploaded.
            name = image.file.name
            return [
                Enclosure(
                    image_url(image),
                    _length(image.file.storage, name),
                    mimetypes.guess_type(name)[0] or "image/jpeg",
                )
            ]
        return [
            Enclosure(
                absolute_url(rendition.url),
                _length(STORAGE, rendition.name),
                "image/jpeg",
            )
        ]


def _length(storage, name):
    """The file's size in bytes, or "0", which RSS readers take for "unknown"."""
    # On local disk the size is a stat; on object storage it would be a request
    # per item, so remote images go without one.
    if isinstance(storage, FileSystemStorage):
        try:
            return str(storage.size(name))
        except OSError:
            pass
    return "0"


FEEDS = {fmt: StoryFeed(fmt) for fmt in FORMATS}


@require_safe
@cached_page
def story_feed(request, fmt, kind="latest", slug=None):
    """A feed of the latest stories, or of one subject's."""
    if fmt not in FORMATS or kind not in SCOPES or (kind == "latest") != (slug is None):
        raise Http404("No such feed.")
    return FEEDS[fmt](request, kind=kind, slug=slug)
