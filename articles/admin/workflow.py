"""The story admin's rules: who sees which control, stale saves, presence, preview."""

from datetime import UTC, datetime

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils import timezone
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from .. import rights, services
from ..models import Correction, ShareLink, Story
from ..preview import render_private_story
from ..sanitize import clean_html
from .editorial import audit_table, save_editorial_formset
from .relations import RELATIONS, relation_rows
from .saving import SavedOnceOverRaces

# Fields only someone with the publish right may set.
PUBLISHING_FIELDS = ["published_at", "embargoed_until", "updated_at"]


class WorkflowMixin(SavedOnceOverRaces):
    """Mixed into StoryAdmin; every write below goes through articles.services."""

    change_form_template = "admin/articles/story/change_form.html"

    class Media:
        js = ["js/story_presence.js"]

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and rights.can_change(
            request.user, obj
        )

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and rights.can_delete(
            request.user, obj
        )

    def get_inline_instances(self, request, obj=None):
        # Corrections and share links are about a story that exists.
        return [
            inline
            for inline in super().get_inline_instances(request, obj)
            if obj is not None or inline.model not in (Correction, ShareLink)
        ]

    def get_readonly_fields(self, request, obj=None):
        fields = [*super().get_readonly_fields(request, obj), "audit_trail"]
        if not rights.can_publish(request.user):
            fields += PUBLISHING_FIELDS
        return fields

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "status" and not rights.can_publish(request.user):
            kwargs["choices"] = [
                (value, label)
                for value, label in Story.Status.choices
                if value != Story.Status.PUBLISHED
            ]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def has_publish_permission(self, request, obj=None):
        """Actions marked permissions=["publish"] show only to publishers."""
        return rights.can_publish(request.user)

    def audit_trail(self, story):
        return audit_table(story) if story.pk else "Nothing yet."

    audit_trail.short_description = "who published, scheduled, corrected…"

    def save_model(self, request, obj, form, change):
        try:
            services.save_story(
                story=obj,
                user=request.user,
                expected_version=(
                    form.cleaned_data.get("base_version") if change else None
                ),
            )
        except services.StaleStory as stale:
            # The form's own check normally catches this with the text kept.
            raise PermissionDenied(str(stale)) from stale
        except ValidationError as refused:
            # Likewise: the form names a taken address, unless it was taken meanwhile.
            raise PermissionDenied(" ".join(refused.messages)) from refused

    def delete_model(self, request, obj):
        services.delete_story(story=obj, user=request.user)

    @transaction.atomic
    def delete_queryset(self, request, queryset):
        for story in queryset:
            services.delete_story(story=story, user=request.user)

    def get_deleted_objects(self, objs, request):
        """The admin's list of what a delete takes with it, plus the stories whose
        related headlines the user may not take away: the delete page names them
        and offers no confirmation."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(
            objs, request
        )
        for linking, story in services.links_in_the_way(list(objs), request.user):
            protected.append(
                format_html(
                    "“{}” links to “{}”: only an editor may remove the link",
                    linking.headline,
                    story.headline,
                )
            )
        return deleted, counts, perms_needed, protected

    def save_related(self, request, form, formsets, change):
        """The inlines' rows, through the services: relations in one call, then
        corrections and share links."""
        relations = {}
        for formset in formsets:
            if formset.model in RELATIONS:
                relations[RELATIONS[formset.model]] = relation_rows(formset)
                # Saved by the service, not the formset: the admin's log entry
                # names no rows (the story's revisions record them).
                formset.new_objects = formset.changed_objects = []
                formset.deleted_objects = []
            else:
                save_editorial_formset(request, form.instance, formset)
        services.set_relations(story=form.instance, user=request.user, **relations)

    def run_service(self, request, queryset, service, done):
        """Apply `service` to each story; a refusal changes nothing and says why."""
        count = 0
        try:
            for story in queryset.select_related("section"):
                service(story=story, user=request.user)
                count += 1
        except PermissionDenied as refusal:
            self.message_user(request, str(refusal), messages.ERROR)
            return
        self.message_user(request, f"{done} {count} stories.", messages.SUCCESS)

    # Extra pages under each story: who else has it open, and unsaved preview.

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
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

    def preview_view(self, request, object_id):
        """The story as it would look with the change form's unsaved edits."""
        story = self.get_story_or_404(request, object_id, self.has_change_permission)
        form_class = self.get_form(request, story, change=True)
        form_class.check_version = False
        form = form_class(request.POST, request.FILES, instance=story)
        if form.is_valid():
            story = form.save(commit=False)
            story.body = clean_html(story.body)
        else:
            story = get_object_or_404(Story.objects.for_detail(), pk=story.pk)
            messages.warning(
                request, "Some edits are not valid; showing the saved story."
            )
        return render_private_story(request, story)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        story = self.get_object(request, object_id)
        others = []
        if story is not None and self.has_change_permission(request, story):
            others = mark_present(story, request.user)
        return super().change_view(
            request,
            object_id,
            form_url,
            extra_context={**(extra_context or {}), "others_editing": others},
        )


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
