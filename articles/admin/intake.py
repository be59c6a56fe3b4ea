"""The “Import wire copy” screen: paste or upload agency copy, get a draft, then
accept the suggested tags and related headlines with one click each."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from .. import rights, services
from ..intake.item import WireError
from ..models import Section, WireImport
from ..services.intake import accept_suggestions, import_wire


class ImportForm(forms.Form):
    copy = forms.CharField(
        label="Paste the copy",
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 18, "cols": 100}),
        help_text="The story's paragraphs, then its related headlines, one a line.",
    )
    file = forms.FileField(
        label="or upload a file",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,.json"}),
        help_text="Plain text (.txt) or IPTC ninjs (.json).",
    )
    section = forms.ModelChoiceField(
        Section.objects.all(),
        required=False,
        empty_label="The first section",
        help_text="Where the draft is filed; you can move it later.",
    )

    def clean(self):
        data = super().clean()
        copy, upload = data.get("copy", ""), data.get("file")
        if bool(copy.strip()) == bool(upload):
            raise forms.ValidationError(
                "Paste the copy or upload a file (one of them)."
            )
        limit = settings.NEWSROOM_WIRE_MAX_BYTES
        if upload and upload.size > limit:
            raise forms.ValidationError(
                f"The file is larger than {filesizeformat(limit)}; a wire story is "
                "far shorter."
            )
        return data


@admin.register(WireImport)
class WireImportAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "draft",
        "version",
        "is_withdrawn",
        "imported_by",
        "updated_at",
    ]
    list_filter = ["is_withdrawn"]
    list_select_related = ["story", "imported_by"]
    search_fields = ["uri"]
    ordering = ["-updated_at", "-pk"]

    def has_add_permission(self, request):
        return rights.can_change(request.user) and request.user.has_perm(
            "articles.add_story"
        )

    def has_view_permission(self, request, obj=None):
        return self.has_add_permission(request) or super().has_view_permission(
            request, obj
        )

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="draft")
    def draft(self, record):
        if record.story_id is None:
            return "—"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:articles_story_change", args=[record.story_id]),
            record.story,
        )

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/result/",
                wrap(self.result_view),
                name="articles_wireimport_result",
            ),
            *super().get_urls(),
        ]

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                result = import_wire(
                    source=upload.read() if upload else form.cleaned_data["copy"],
                    name=upload.name if upload else "",
                    user=request.user,
                    section=form.cleaned_data["section"],
                )
            except WireError as refusal:
                form.add_error(None, str(refusal))
            else:
                level = (
                    messages.WARNING
                    if result.status in ("conflict", "older", "withdrawn")
                    else messages.SUCCESS
                )
                self.message_user(request, result.message, level)
                if result.record is not None:
                    return HttpResponseRedirect(
                        reverse(
                            "admin:articles_wireimport_result", args=[result.record.pk]
                        )
                    )
        return TemplateResponse(
            request,
            "admin/articles/wireimport/import_form.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": "Import wire copy",
                "form": form,
            },
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if not str(object_id).isdigit():
            raise Http404("No such import.")
        return HttpResponseRedirect(
            reverse("admin:articles_wireimport_result", args=[object_id])
        )

    def result_view(self, request, pk):
        if not self.has_view_permission(request):
            raise PermissionDenied
        record = WireImport.objects.select_related("story").filter(pk=pk).first()
        if record is None:
            raise Http404("No such import.")
        story = record.story
        if request.method == "POST":
            return self.accept(request, record, story)
        return TemplateResponse(
            request,
            "admin/articles/wireimport/result.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": "Wire copy imported",
                "record": record,
                "story": story,
                "report": record.report,
                "current": _current(story),
                "can_change": story is not None
                and rights.can_change(request.user, story),
            },
        )

    def accept(self, request, record, story):
        if story is None or not rights.can_change(request.user, story):
            raise PermissionDenied("You may not change this story.")
        version = request.POST.get("version", "")
        try:
            accept_suggestions(
                story=story,
                user=request.user,
                countries=request.POST.getlist("country"),
                people=request.POST.getlist("person"),
                new_people=request.POST.getlist("new_person"),
                links=request.POST.getlist("link"),
                expected_version=int(version) if version.isdigit() else None,
            )
        except (PermissionDenied, services.StaleStory) as refusal:
            self.message_user(request, str(refusal), messages.ERROR)
            return HttpResponseRedirect(request.path)
        self.message_user(
            request, f"Saved your choices to “{story}”.", messages.SUCCESS
        )
        return HttpResponseRedirect(
            reverse("admin:articles_story_change", args=[story.pk])
        )


def _current(story):
    """What the draft has already, so the page marks suggestions already taken."""
    if story is None:
        return {"countries": [], "people": [], "links": []}
    return {
        "countries": list(story.countries.values_list("code", flat=True)),
        "people": [str(pk) for pk in story.people.values_list("pk", flat=True)],
        "names": list(story.people.values_list("name", flat=True)),
        "links": list(story.related_links.values_list("target_id", flat=True)),
    }
