"""A story's page, and its staff preview."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .. import rights
from ..cache import ahead, cached_page, keys, shows
from ..models import FormerSlug, Story, with_details
from ..preview import render_private_story
from ..rail import column_names, kept_column
from ..related import kept_name, kept_related_headlines
from .context import SECTIONS
from .parts import ARTICLE, DATED_HEADLINE, HEAD, part_names, render, story_parts
from .times import render_page

# Headlines in a story page's "Latest" column.
RAIL_LATEST = 6
# The related headlines' block is kept as HTML under this name.
RELATED = "related-html"


@require_safe
@cached_page
def story_detail(request, section, year, month, day, slug):
    story = Story.objects.published_page(slug)
    if story is None:
        former = (
            FormerSlug.objects.filter(
                Story.objects.published_exists("story_id"), slug=slug
            )
            .select_related("story__section")
            .first()
        )
        if former is None:
            raise Http404("No story at this address.")
        return redirect(former.story, permanent=True)
    if request.path != story.get_absolute_url():
        return redirect(story, permanent=True)
    shows(keys.story_page(story))
    wanted = [(ARTICLE, story.pk), (HEAD, story.pk)]
    column, latest = column_names(story, RAIL_LATEST)
    ahead(
        part_names(wanted),
        kept=[kept_name(story, RELATED), *column],
        shared=[SECTIONS, *latest],
    )
    # The article and head from the cache while nothing in them changed; else the
    # rest of the story (bylines, tags, corrections, links) is loaded to render them.
    parts = story_parts(wanted, lambda pks: with_details([story]))
    article = parts[ARTICLE, story.pk]
    related = kept_related_headlines(
        story, tag_ids=article["data"], shape=related_block, name=RELATED
    )
    return render_page(
        request,
        "articles/story_detail.html",
        {
            "story": story,
            "article": article["html"],
            "head": parts[HEAD, story.pk]["html"],
            "related": mark_safe(related),
            "column": mark_safe(
                kept_column(
                    story, article["data"], column_html, RAIL_LATEST, dated_line
                )
            ),
        },
    )


def related_block(headlines):
    """The related headlines' HTML, kept in their place: a page made again renders
    no line and no picture of them."""
    return render_to_string("articles/includes/related.html", {"related": headlines})


def column_html(lines, subjects):
    """The second column's HTML (see articles.rail.kept_column)."""
    return render_to_string(
        "articles/includes/story_column.html",
        {"latest": [mark_safe(line) for line in lines], "subjects": subjects},
    )


def dated_line(story):
    """A story's dated headline line, as the "Latest" lists show it."""
    return render(DATED_HEADLINE, story)


@never_cache
@require_safe
def story_preview(request, pk):
    """A story as readers would see it, for staff who may change it; never cached.

    A Reporter previews drafts and stories in review, never a published, scheduled
    or embargoed story's text, which only editors may change.
    """
    if not request.user.is_authenticated or not request.user.is_staff:
        raise Http404("No story at this address.")
    if not request.user.has_perm("articles.change_story"):
        raise PermissionDenied("You may not preview stories.")
    story = get_object_or_404(Story.objects.for_detail(), pk=pk)
    if not rights.can_change(request.user, story):
        raise PermissionDenied("You may not preview this story.")
    return render_private_story(request, story)
