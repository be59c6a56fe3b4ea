"""The story form's own addresses under the admin: who else has the story open, the
preview pane, and what its search boxes find. Each checks the user's rights."""

from datetime import UTC, datetime

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from .. import rights
from ..models import Author, CountryTag, PersonTag, Story
from ..sanitize import clean_html
from .finding import find_names, find_stories, suggest_stories
from .previewing import framed, preview_page

LOOKUPS = {"country": CountryTag, "person": PersonTag, "author": Author}
# Ids taken from a query string: enough for any story, few enough to stay cheap.
MAX_IDS = 30


class EndpointsMixin:
    """Mixed into StoryAdmin."""

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "lookup/<str:kind>/",
                wrap(require_GET(self.lookup_view)),
                name="articles_story_lookup",
            ),
            path(
                "suggestions/",
                wrap(require_GET(self.suggestions_view)),
                name="articles_story_suggestions",
            ),
            path(
                "add/preview/",
                wrap(require_POST(self.preview_view)),
                name="articles_story_preview_new",
            ),
            path(
                "<path:object_id>/presence/",
                wrap(require_POST(self.presence_view)),
                name="articles_story_presence",
            ),
            path(
                "<path:object_id>/preview/",
                wrap(require_POST(self.preview_view)),
                name="articles_story_preview",
            ),
            *super().get_urls(),
        ]

    def get_story_or_404(self, request, object_id, check):
        story = self.get_object(request, object_id)
        if story is None:
            raise Http404("No such story.")
        if not check(request, story):
            raise PermissionDenied("You may not change this story.")
        return story

    def presence_view(self, request, object_id):
        story = self.get_story_or_404(request, object_id, self.has_change_permission)
        return JsonResponse({"others": mark_present(story, request.user)})

    def preview_view(self, request, object_id=None):
        """The story as it would look with the form's unsaved edits, tags, bylines
        and related headlines included; nothing is saved."""
        if object_id is None:
            if not self.has_add_permission(request):
                raise PermissionDenied("You may not add stories.")
            story = Story()
        else:
            story = self.get_story_or_404(
                request, object_id, self.has_change_permission
            )
        form_class = self.get_form(request, story if story.pk else None)
        form_class.check_version = False
        form = form_class(request.POST, request.FILES, instance=story)
        if not form.is_valid():
            return framed(
                TemplateResponse(
                    request,
                    "admin/articles/story/preview_problems.html",
                    {"problems": _problems(form)},
                )
            )
        story = form.save(commit=False)
        story.body = clean_html(story.body)
        return preview_page(request, story, form.cleaned_data)

    def lookup_view(self, request, kind):
        """Tags, authors or stories matching the typed text, as JSON."""
        model = LOOKUPS.get(kind, Story if kind == "story" else None)
        if model is None:
            raise Http404("Nothing to look up there.")
        if not rights.can(request.user, "view", model):
            raise PermissionDenied("You may not see these.")
        text = request.GET.get("q", "")
        if model is Story:
            found = find_stories(text, exclude=_ids(request.GET.getlist("exclude")))
        else:
            found = find_names(model, text)
        return JsonResponse({"results": found})

    def suggestions_view(self, request):
        """Published stories sharing the given tags, for one-click related links."""
        if not rights.can(request.user, "view", Story):
            raise PermissionDenied("You may not see stories.")
        story = Story.objects.filter(pk__in=_ids([request.GET.get("story")])).first()
        tag_ids = {
            "countries": _ids(request.GET.getlist("country")),
            "people": _ids(request.GET.getlist("person")),
        }
        exclude = _ids(request.GET.getlist("exclude"))
        found = suggest_stories(story or Story(), tag_ids, exclude=exclude)
        return JsonResponse({"results": found})


def _ids(values):
    return [
        int(value)
        for value in values[:MAX_IDS]
        if value and value.isascii() and value.isdigit() and len(value) < 19
    ]


def _problems(form):
    """Each error with the label of its field, as the preview pane lists them."""
    problems = list(form.non_field_errors())
    for name, errors in form.errors.items():
        if name in form.fields and name != "__all__":
            label = form.fields[name].label or name
            problems += [f"{label}: {error}" for error in errors]
    return problems


def mark_present(story, user):
    """Note that `user` has the story open; return who else does, and since when."""
    key = f"story-presence:{story.pk}"
    now = timezone.now().timestamp()
    fresh_after = now - settings.NEWSROOM_PRESENCE_SECONDS
    present = {
        uid: entry
        for uid, entry in (cache.get(key) or {}).items()
        if entry[2] > fresh_after
    }
    since = present.get(user.pk, [None, now])[1]
    present[user.pk] = [user.get_full_name() or user.get_username(), since, now]
    cache.set(key, present, settings.NEWSROOM_PRESENCE_SECONDS * 2)
    return [
        {
            "name": name,
            "since": timezone.localtime(
                datetime.fromtimestamp(started, tz=UTC)
            ).strftime("%H:%M"),
        }
        for uid, (name, started, _seen) in present.items()
        if uid != user.pk
    ]
