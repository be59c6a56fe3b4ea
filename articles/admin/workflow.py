"""The story admin's rules: who sees which control, the workflow buttons and what
they say they did, stale saves. Every write goes through articles.services."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import IS_POPUP_VAR
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.text import slugify

from .. import rights, services
from ..models import Correction, ShareLink, Story
from ..services.subjects import save_subject
from .buttons import allowed, buttons
from .editorial import audit_table, save_editorial_formset
from .endpoints import mark_present
from .forms import DeskDateTimeInput
from .moments import badges, done, moment, state
from .saving import SavedOnceOverRaces

# Fields only someone with the publish right may set.
PUBLISHING_FIELDS = ["published_at", "embargoed_until", "updated_at"]
# Set only once a story is published: its publication time and "Updated" time.
ONCE_PUBLISHED = ["published_at", "updated_at"]
RELATIONS = {
    "byline_list": "bylines",
    "country_list": "countries",
    "person_list": "people",
    "link_list": "links",
}


class WorkflowMixin(SavedOnceOverRaces):
    """Mixed into StoryAdmin; every write below goes through articles.services."""

    change_form_template = "admin/articles/story/change_form.html"
    formfield_overrides = {
        models.DateTimeField: {
            "form_class": forms.DateTimeField,
            "widget": DeskDateTimeInput,
        }
    }

    class Media:
        css = {"all": ["css/desk-form.css"]}
        js = ["js/story_presence.js", "js/desk-actions.js", "js/desk-names.js"]

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and rights.can_change(
            request.user, obj
        )

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and rights.can_delete(
            request.user, obj
        )

    def has_publish_permission(self, request, obj=None):
        """Actions marked permissions=["publish"] show only to publishers."""
        return rights.can_publish(request.user)

    def get_inline_instances(self, request, obj=None):
        # Corrections and share links are about a story that exists.
        return [
            inline
            for inline in super().get_inline_instances(request, obj)
            if obj is not None or inline.model not in (Correction, ShareLink)
        ]

    def get_fieldsets(self, request, obj=None):
        hidden = set()
        if not rights.can_publish(request.user):
            hidden.update(PUBLISHING_FIELDS)
        if obj is None or obj.status != Story.Status.PUBLISHED:
            hidden.update(ONCE_PUBLISHED)
        return [
            (
                name,
                {
                    **options,
                    "fields": [f for f in options["fields"] if f not in hidden],
                },
            )
            for name, options in super().get_fieldsets(request, obj)
        ]

    def get_readonly_fields(self, request, obj=None):
        return [
            *super().get_readonly_fields(request, obj),
            "publication",
            "audit_trail",
        ]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        return type(form.__name__, (form,), {"user": request.user})

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "section" and field is not None:
            # A plain list of the sections, with no pop-up windows to add or edit one.
            if isinstance(field.widget, RelatedFieldWidgetWrapper):
                field.widget = field.widget.widget
        return field

    @admin.display(description="status")
    def publication(self, story):
        """The story's status badges and what they mean for readers."""
        now = timezone.now()
        labels = format_html_join(
            " ",
            '<span class="desk-badge desk-badge-{}">{}</span>',
            ((slugify(label), label) for label in badges(story, now)),
        )
        saved = ""
        if story.pk:
            saved = f" Last saved {moment(story.modified_at, now)}."
        return format_html(
            '<p class="desk-status">{}</p><p class="desk-state">{}{}</p>',
            labels,
            state(story, now),
            saved,
        )

    def audit_trail(self, story):
        return audit_table(story) if story.pk else "Nothing yet."

    audit_trail.short_description = "who published, scheduled, corrected…"

    # How the story's relations read where they cannot be changed.

    @admin.display(description="byline")
    def byline_list(self, story):
        return ", ".join(b.author.name for b in story.bylines.all()) or "—"

    @admin.display(description="countries")
    def country_list(self, story):
        return ", ".join(story.countries.names()) or "—"

    @admin.display(description="people")
    def person_list(self, story):
        return ", ".join(story.people.names()) or "—"

    @admin.display(description="related headlines")
    def link_list(self, story):
        links = story.related_links.select_related("target")
        return ", ".join(link.display_title for link in links) or "—"

    def render_change_form(self, request, context, add=False, change=False, **kw):
        story = kw.get("obj")
        may_change = (
            self.has_add_permission(request)
            if story is None
            else self.has_change_permission(request, story)
        )
        preview = None
        if may_change:
            preview = (
                reverse("admin:articles_story_preview", args=[story.pk])
                if story is not None
                else reverse("admin:articles_story_preview_new")
            )
        context.update(
            desk_buttons=buttons(request.user, story) if may_change else [],
            desk_may_schedule=may_change and "schedule" in allowed(request.user, story),
            desk_badges=badges(story or Story(), timezone.now()),
            desk_zone=timezone.localtime().strftime("%Z"),
            desk_preview_url=preview,
        )
        return super().render_change_form(request, context, add, change, **kw)

    def save_model(self, request, obj, form, change):
        """The story's own fields; a submission moves it to review in the same
        save. Publishing, scheduling and unpublishing follow in save_related."""
        action = form.cleaned_data["workflow"]
        obj._desk_action = action
        if action == "submit":
            obj.status = Story.Status.IN_REVIEW
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

    def save_related(self, request, form, formsets, change):
        """Corrections and share links, then the relations in one call (new people
        made first), then the button's act: all through the services, all in the
        admin's one transaction."""
        story = form.instance
        for formset in formsets:
            save_editorial_formset(request, story, formset)
        relations = {}
        for field, name in RELATIONS.items():
            rows = form.cleaned_data.get(field)
            if rows is not None and name == "people":
                rows = [
                    tag if tag.pk else save_subject(subject=tag, user=request.user)
                    for tag in rows
                ]
            relations[name] = rows
        services.set_relations(story=story, user=request.user, **relations)
        action = form.cleaned_data["workflow"]
        if action == "publish":
            services.publish_story(story=story, user=request.user)
        elif action == "schedule":
            at = form.cleaned_data["schedule_at"]
            services.publish_story(story=story, at=at, user=request.user)
        elif action == "unpublish":
            services.unpublish_story(story=story, user=request.user)

    def response_add(self, request, obj, post_url_continue=None):
        if IS_POPUP_VAR in request.POST:
            # Opened from another page's "+" (a front-page slot): close and pick it.
            return super().response_add(request, obj, post_url_continue)
        return self.said_and_shown(request, obj)

    def response_change(self, request, obj):
        if IS_POPUP_VAR in request.POST:
            return super().response_change(request, obj)
        return self.said_and_shown(request, obj)

    def said_and_shown(self, request, story):
        """Say what the button did, then show the story again."""
        action = getattr(story, "_desk_action", "save")
        self.message_user(
            request, done(story, action, timezone.now()), messages.SUCCESS
        )
        return HttpResponseRedirect(
            reverse("admin:articles_story_change", args=[story.pk])
        )

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
