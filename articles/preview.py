"""A story as readers would see it, for staff and invited reviewers: bannered, never
indexed, never cached. The staff preview, the editor's unsaved-changes preview and
share links all render through here."""

from django.shortcuts import render
from django.template.loader import get_template

from .related import related_headlines


def render_private_story(request, story):
    """The story page of `story` (loaded with `for_detail()`, or an unsaved copy).

    Its article is rendered here, never taken from or put in the cache: the story may
    be a draft, or a version readers have not seen.
    """
    article = get_template("articles/includes/story_article.html").render(
        {"story": story}, request
    )
    response = render(
        request,
        "articles/story_detail.html",
        {
            "story": story,
            "article": article,
            "related": get_template("articles/includes/related.html").render(
                {"related": related_headlines(story)}
            ),
            "is_preview": True,
        },
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-store"
    return response
