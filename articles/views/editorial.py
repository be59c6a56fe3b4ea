"""Reader-facing pages of the editorial workflow: share links and corrections."""

from django.http import Http404
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from ..cache import cached_page, keys, shows
from ..models import Correction, ShareLink, Story
from ..preview import render_private_story
from .times import render_page


@never_cache
@require_safe
def share(request, token):
    """One story, read-only, for whoever holds a live share link; else a clean 404."""
    pk = ShareLink.pk_from_token(token)
    link = (
        ShareLink.objects.active().filter(pk=pk).select_related("story").first()
        if pk
        else None
    )
    if link is None:
        raise Http404("This link has expired or was withdrawn.")
    story = Story.objects.for_detail().get(pk=link.story_id)
    return render_private_story(request, story)


@require_safe
@cached_page
def corrections(request):
    """Recent corrections, clarifications and editor's notes on published stories."""
    recent = list(
        Correction.objects.public()
        .select_related("story__section")
        .defer(
            "story__body",
            "story__seo_title",
            "story__seo_description",
            "story__dek",
        )
        .order_by("-created_at", "-pk")[:50]
    )
    shows(keys.CORRECTIONS)
    shows(*(key for item in recent for key in keys.headline(item.story)))
    return render_page(request, "articles/corrections.html", {"corrections": recent})
