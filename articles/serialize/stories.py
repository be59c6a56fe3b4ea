"""A story as JSON data: its summary for lists, and the whole story."""

from ..absolute import absolute_url
from . import subjects
from .common import api_url, iso, page_url
from .images import image

SCHEDULED = "scheduled"


def status(story):
    """draft, review, published, or scheduled (published, its time still to come)."""
    return SCHEDULED if story.is_scheduled else story.status


def byline(row):
    return {
        "author": subjects.author_ref(row.author),
        "role": row.role,
        "role_label": row.get_role_display(),
    }


def summary(story):
    """What a list shows of a story, for one loaded with `for_listing()`."""
    return {
        "id": story.pk,
        "status": status(story),
        "headline": story.headline,
        "dek": story.dek,
        "section": subjects.section_ref(story.section),
        "dateline": story.dateline,
        "credit": story.credit,
        "bylines": [byline(row) for row in story.bylines.all()],
        "lead_image": image(story.lead_image),
        "published_at": iso(story.published_at),
        "updated_at": iso(story.updated_at),
        "url": page_url(story),
        "api_url": api_url("story", story_id=story.pk),
    }


def whole(story):
    """The whole story but its related headlines (kept apart, see `related`), for
    one loaded with `for_detail()`."""
    return {
        **summary(story),
        "body_html": story.body,
        "tags": subjects.tags(story),
        "corrections": [correction(row) for row in story.corrections.all()],
        "seo_title": story.seo_title,
        "seo_description": story.seo_description,
        "modified_at": iso(story.modified_at),
        "version": story.version,
    }


def correction(row):
    return {
        "kind": row.kind,
        "kind_label": row.get_kind_display(),
        "text": row.text,
        "created_at": iso(row.created_at),
    }


def related(headlines):
    """Related headlines (articles.related.Headline) as the story page lists them."""
    return [
        {
            "headline": item.title,
            "url": absolute_url(item.url),
            "story_id": item.story_id,
            "api_url": None
            if item.story_id is None
            else api_url("story", story_id=item.story_id),
        }
        for item in headlines
    ]


def gone(story_id):
    """All an event says of a story taken down or deleted: which one it was."""
    return {"id": story_id}
