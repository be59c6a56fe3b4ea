"""The story admin's editorial record: corrections, share links, the audit trail."""

from django import forms
from django.contrib import admin
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from .. import rights, services
from ..absolute import absolute_url
from ..models import Correction, ShareLink
from ..models.editorial import default_share_expiry
from ..services.editorial import ON_THE_RECORD


class OnTheRecordForm(forms.ModelForm):
    """A correction of a published story: shown, never changed (a crafted post's
    values are ignored, as for any disabled field)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            for field in self.fields.values():
                field.disabled = True
                field.help_text = ""
            if "text" in self.fields:
                self.fields["text"].help_text = ON_THE_RECORD


class CorrectionInline(admin.StackedInline):
    model = Correction
    extra = 0
    fields = ["kind", "text", "created_at", "created_by"]
    readonly_fields = ["created_at", "created_by"]
    verbose_name_plural = "corrections: shown dated at the foot of the story"

    def get_formset(self, request, obj=None, **kwargs):
        if obj is not None and not rights.can_amend_correction(request.user, obj):
            kwargs["form"] = OnTheRecordForm
        return super().get_formset(request, obj, **kwargs)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (
            obj is None or rights.can_amend_correction(request.user, obj)
        )


class ShareLinkForm(forms.ModelForm):
    revoke = forms.BooleanField(
        required=False, help_text="Tick and save to stop this link working now."
    )

    class Meta:
        model = ShareLink
        fields = ["note", "expires_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expires_at"].required = False
        self.fields["expires_at"].help_text = "Leave blank for 48 hours from now."

    def clean_expires_at(self):
        return self.cleaned_data.get("expires_at") or default_share_expiry()


class ShareLinkInline(admin.TabularInline):
    model = ShareLink
    form = ShareLinkForm
    extra = 0
    fields = ["note", "expires_at", "address", "state", "created_by", "revoke"]
    readonly_fields = ["address", "state", "created_by"]
    verbose_name = "share link"
    verbose_name_plural = (
        "share links: read-only copies for reviewers outside the newsroom"
    )

    def has_delete_permission(self, request, obj=None):
        # Revoke instead: the row keeps who shared the story and when.
        return False

    class Media:
        js = ["js/copy-link.js"]
        css = {"all": ["css/admin-desk.css"]}

    @admin.display(description="address")
    def address(self, link):
        if not link.pk or not link.is_active:
            return "—"
        url = absolute_url(link.get_absolute_url())
        return format_html(
            '<span class="share-address"><a href="{0}">{0}</a> '
            '<button type="button" class="button copy-link" data-copy="{0}">'
            "Copy link</button>"
            '<span class="copy-status" role="status" aria-live="polite"></span>'
            "</span>",
            url,
        )

    @admin.display(description="state")
    def state(self, link):
        if not link.pk:
            return "—"
        if link.revoked_at:
            return f"Revoked {timezone.localtime(link.revoked_at):%d %b %H:%M}"
        if link.expires_at <= timezone.now():
            return "Expired"
        return "Active"


def save_editorial_formset(request, story, formset):
    """Save corrections and share links through the services."""
    instances = formset.save(commit=False)
    for obj in formset.deleted_objects:
        services.delete_correction(correction=obj, user=request.user)
    for obj in instances:
        if obj.pk and formset.model is Correction:
            services.change_correction(correction=obj, user=request.user)
        elif obj.pk:
            services.change_share_link(link=obj, user=request.user)
        elif formset.model is Correction:
            services.add_correction(
                story=story, kind=obj.kind, text=obj.text, user=request.user
            )
        else:
            services.share_story(
                story=story,
                note=obj.note,
                expires_at=obj.expires_at,
                user=request.user,
            )
    if formset.model is ShareLink:
        for form in formset.forms:
            if form.instance.pk and form.cleaned_data.get("revoke"):
                services.revoke_share_link(link=form.instance, user=request.user)
    return True


def audit_table(story):
    entries = story.audit_entries.select_related("user")[:50]
    if not entries:
        return "Nothing yet."
    rows = format_html_join(
        "",
        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
        (
            (
                f"{timezone.localtime(e.created_at):%d %b %Y %H:%M}",
                e.get_action_display(),
                e.detail,
                e.user or "the system",
            )
            for e in entries
        ),
    )
    return format_html(
        '<table class="audit-trail"><thead><tr><th>when</th><th>what</th>'
        "<th>detail</th><th>who</th></tr></thead><tbody>{}</tbody></table>",
        rows,
    )
