"""The story as the form holds it, relations included, shown in the form's own
preview pane: nothing is saved, and the page may be framed by the admin only."""

from django.conf import settings
from django.utils.csp import CSP

from ..models import Byline, RelatedLink, Story
from ..preview import render_private_story


class Rows:
    """Stands in for a related manager in the story templates: `.all`."""

    def __init__(self, rows):
        self.rows = list(rows)

    def all(self):
        return self.rows


class Unsaved:
    """`story` (unsaved edits, maybe a story never saved) with the relations the
    form holds; a relation the form left out keeps what the story has."""

    def __init__(self, story, cleaned):
        self._story = story
        saved = story.pk is not None
        bylines = cleaned.get("byline_list")
        self.bylines = (
            story.bylines
            if bylines is None and saved
            else Rows(Byline(author=a, role=r) for a, r in bylines or [])
        )
        for name, field in (("countries", "country_list"), ("people", "person_list")):
            tags = cleaned.get(field)
            if tags is None:
                rows = getattr(story, name).all() if saved else []
            else:
                rows = [_named(tag) for tag in tags]
            setattr(self, name, Rows(rows))
        self.corrections = story.corrections if saved else Rows([])
        self.visible_links = _visible(story, cleaned.get("link_list"))

    def __getattr__(self, name):
        return getattr(self._story, name)

    def tag_ids(self):
        return {
            "countries": [tag.pk for tag in self.countries.all() if tag.pk],
            "people": [tag.pk for tag in self.people.all() if tag.pk],
        }


def _named(tag):
    """A tag to be made on save has no address yet: give it one to show."""
    if tag.pk is None and not tag.slug:
        tag = type(tag)(name=tag.name, slug=tag.slugify(tag.name) or "new")
    return tag


def _visible(story, links):
    """The curated links as readers would see them: published targets only."""
    if links is None:
        return list(story.related_links.visible()) if story.pk else []
    targets = Story.objects.published().select_related("section")
    shown = targets.in_bulk([target.pk for target, _url, _title in links if target])
    return [
        RelatedLink(target=shown.get(target.pk) if target else None, url=url, title=t)
        for target, url, t in links
        if target is None or target.pk in shown
    ]


def preview_page(request, story, cleaned):
    """The private story page of the form's contents, for the preview pane."""
    return framed(render_private_story(request, Unsaved(story, cleaned)))


def framed(response):
    """Let the admin's own pages, and only them, show `response` in a frame."""
    response["X-Frame-Options"] = "SAMEORIGIN"
    response._csp_config = {
        **settings.NEWSROOM_ADMIN_CSP,
        "frame-ancestors": [CSP.SELF],
    }
    return response
