"""The story change form: the rich-text body and the version it was opened at."""

from django import forms
from django.utils import timezone
from django_prose_editor.widgets import AdminProseEditorWidget

from ..models import Story
from ..services import StaleStory, former_address_clash, last_change

# What the body editor offers; articles.sanitize keeps exactly this on save.
BODY_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HardBreak": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
}


class StoryForm(forms.ModelForm):
    base_version = forms.IntegerField(
        widget=forms.HiddenInput, required=False, label="version"
    )
    # Preview of unsaved changes skips the check: it saves nothing.
    check_version = True

    class Meta:
        model = Story
        fields = [
            "headline",
            "slug",
            "dek",
            "section",
            "dateline",
            "body",
            "credit",
            "lead_image",
            "status",
            "published_at",
            "embargoed_until",
            "updated_at",
            "seo_title",
            "seo_description",
        ]
        widgets = {
            "body": AdminProseEditorWidget(
                config={"extensions": BODY_EXTENSIONS}, preset="configurable"
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["base_version"].initial = self.instance.version

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if slug != self.instance.slug or not self.instance.pk:
            clash = former_address_clash(slug, self.instance)
            if clash:
                raise forms.ValidationError(clash, code="former_address")
        return slug

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and self.check_version:
            # The admin saves inside one transaction: the row stays locked from this
            # check to the save, so no other save can slip in between.
            current = (
                Story.objects.select_for_update()
                .filter(pk=self.instance.pk)
                .values_list("version", flat=True)
                .first()
            )
            opened_at = cleaned.get("base_version")
            if opened_at is not None and current is not None and current != opened_at:
                raise forms.ValidationError(
                    str(StaleStory(*last_change(self.instance))), code="stale"
                )
        if (
            "published_at" in self.fields
            and cleaned.get("status") == Story.Status.PUBLISHED
            and not cleaned.get("published_at")
        ):
            cleaned["published_at"] = timezone.now()
        return cleaned
