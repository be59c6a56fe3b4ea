"""A story's revisions in the admin: the list, a diff of any two, and restore."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from .. import services
from ..revisions import compare, revision_label, what_happened


class HistoryMixin:
    """Replaces the admin's History page with the story's revisions."""

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/history/compare/",
                wrap(self.compare_view),
                name="articles_story_compare",
            ),
            path(
                "<path:object_id>/history/<int:history_id>/restore/",
                wrap(require_POST(self.restore_view)),
                name="articles_story_restore",
            ),
            *super().get_urls(),
        ]

    def viewable_story(self, request, object_id):
        story = self.get_object(request, object_id)
        if story is None:
            raise Http404("No such story.")
        if not self.has_view_or_change_permission(request, story):
            raise PermissionDenied("You may not see this story.")
        return story

    def revision_context(self, request, story, **context):
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": story,
            "story": story,
            "can_restore": self.has_change_permission(request, story),
            **context,
        }

    def history_view(self, request, object_id, extra_context=None):
        story = self.viewable_story(request, object_id)
        revisions = list(
            story.history.select_related("history_user").order_by(
                "-history_date", "-history_id"
            )
        )
        for revision in revisions:
            revision.what = what_happened(revision)
        return TemplateResponse(
            request,
            "admin/articles/story/revisions.html",
            self.revision_context(
                request,
                story,
                title=f"Revisions of “{story}”",
                revisions=revisions,
            ),
        )

    def compare_view(self, request, object_id):
        story = self.viewable_story(request, object_id)
        try:
            ids = [int(request.GET[key]) for key in ("a", "b")]
            if not all(0 < pk < 2**63 for pk in ids):
                raise ValueError("not a revision number")
        except (KeyError, ValueError):
            return redirect(reverse("admin:articles_story_history", args=[story.pk]))
        found = story.history.in_bulk(ids)
        if len(found) != len(set(ids)):
            raise Http404("No such revision.")
        old, new = sorted(
            (found[pk] for pk in ids), key=lambda r: (r.history_date, r.history_id)
        )
        return TemplateResponse(
            request,
            "admin/articles/story/compare.html",
            self.revision_context(
                request,
                story,
                title=f"Changes to “{story}”",
                old=old,
                new=new,
                old_label=revision_label(old),
                new_label=revision_label(new),
                old_what=what_happened(old),
                new_what=what_happened(new),
                rows=compare(old, new),
            ),
        )

    def restore_view(self, request, object_id, history_id):
        story = self.viewable_story(request, object_id)
        if not self.has_change_permission(request, story):
            raise PermissionDenied("You may not change this story.")
        revision = story.history.filter(history_id=history_id).first()
        if revision is None:
            raise Http404("No such revision.")
        services.restore_revision(story=story, revision=revision, user=request.user)
        messages.success(
            request,
            f"Restored the revision of {revision_label(revision)}; "
            "it is now the newest revision.",
        )
        return redirect(reverse("admin:articles_story_change", args=[story.pk]))
