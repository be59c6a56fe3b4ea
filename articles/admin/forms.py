"""The story form: the rich-text body, counted headline and dek, relations typed in
place, the version it was opened at, and the workflow button pressed."""

from django import forms
from django.utils import timezone
from django_prose_editor.widgets import AdminProseEditorWidget

from ..models import Author, Byline, CountryTag, PersonTag, Story
from ..services import StaleStory, former_address_clash, last_change
from .buttons import allowed, refusal
from .relations import BylinesField, RelatedLinksField, TagsField
from .widgets import CountedInput, CountedTextarea

# What the body editor offers; articles.sanitize keeps exactly this on save. A link
# ends where it ends: Tiptap makes the link mark take in what is typed after it
# when links are made as one types ("autolink"), so that is off.
BODY_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Heading": {"levels": [2, 3, 4]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "HardBreak": True,
    "Link": {
        "enableTarget": False,
        "protocols": ["http", "https", "mailto"],
        "autolink": False,
    },
}
# Headline and dek wrap as they grow, but are one line of text: Enter adds no break.
ONE_LINE = {"data-one-line": ""}
# Times on publication fields are given to the minute.
TIME_FIELDS = ["published_at", "embargoed_until", "updated_at"]


class DeskDateTimeInput(forms.DateTimeInput):
    """The browser's own date and time picker, in the newsroom's time zone."""

    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class ButtonField(forms.CharField):
    """The button pressed: an act, not a change to the story."""

    def has_changed(self, initial, data):
        return False


class StoryForm(forms.ModelForm):
    base_version = forms.IntegerField(
        widget=forms.HiddenInput, required=False, label="version"
    )
    # The button pressed; checked against the user's rights in clean().
    workflow = ButtonField(required=False, max_length=20)
    schedule_at = forms.DateTimeField(
        required=False, label="Publish at", widget=DeskDateTimeInput
    )
    byline_list = BylinesField(label="Byline")
    country_list = TagsField(CountryTag, "country", label="Countries")
    person_list = TagsField(PersonTag, "person", allow_new=True, label="People")
    link_list = RelatedLinksField(label="Add a headline")
    # Preview of unsaved changes skips the check: it saves nothing.
    check_version = True
    # Set by the admin: who fills the form in.
    user = None

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
            "published_at",
            "embargoed_until",
            "updated_at",
            "seo_title",
            "seo_description",
        ]
        widgets = {
            "headline": CountedTextarea(60, "search results", ONE_LINE | {"rows": 1}),
            "dek": CountedTextarea(
                155, "search results and social cards", ONE_LINE | {"rows": 2}
            ),
            "seo_title": CountedInput(60, "search results"),
            "seo_description": CountedTextarea(155, "search results", {"rows": 2}),
            "body": AdminProseEditorWidget(
                config={"extensions": BODY_EXTENSIONS}, preset="configurable"
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        story = self.instance
        self.fields["base_version"].initial = story.version
        self.fields["person_list"].user = self.user
        self.fields["link_list"].story_pk = story.pk
        self.fields["link_list"].widget.story_pk = story.pk
        if not allowed_or_empty(self.user, story, "schedule"):
            del self.fields["schedule_at"]
        if "published_at" in self.fields:
            # A published story keeps a publication time: its address has the date.
            self.fields["published_at"].required = True
        labels = {
            "published_at": "Publication time",
            "embargoed_until": "Embargoed until",
            "updated_at": "“Updated” time",
        }
        for name, label in labels.items():
            if name in self.fields:
                self.fields[name].label = label
        if story.pk:
            self.initial.update(
                country_list=list(story.countries.order_by("name")),
                person_list=list(story.people.order_by("name")),
                byline_list=[
                    (byline.author, byline.role)
                    for byline in story.bylines.select_related("author")
                ],
                link_list=list(story.related_links.select_related("target__section")),
            )
        else:
            self.fields["headline"].widget.attrs["autofocus"] = True
        if not story.pk and self.user is not None:
            own = Author.objects.filter(user=self.user).first()
            self.initial["byline_list"] = [(own, Byline.Role.REPORTING)] if own else []

    def clean_headline(self):
        # One line, on pages, cards and feeds alike.
        return " ".join(self.cleaned_data["headline"].split())

    def clean_dek(self):
        return " ".join(self.cleaned_data["dek"].split())

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if slug != self.instance.slug or not self.instance.pk:
            clash = former_address_clash(slug, self.instance)
            if clash:
                raise forms.ValidationError(clash, code="former_address")
        return slug

    def clean(self):
        cleaned = super().clean()
        story = self.instance
        if story.pk and self.check_version:
            # The admin saves inside one transaction: the row stays locked from this
            # check to the save, so no other save can slip in between.
            current = (
                Story.objects.select_for_update()
                .filter(pk=story.pk)
                .values_list("version", flat=True)
                .first()
            )
            opened_at = cleaned.get("base_version")
            if opened_at is not None and current is not None and current != opened_at:
                raise forms.ValidationError(
                    str(StaleStory(*last_change(story))), code="stale"
                )
        for name in TIME_FIELDS:
            # Shown to the minute: a time posted back unchanged keeps its seconds.
            before = self.initial.get(name)
            if before and cleaned.get(name) == before.replace(second=0, microsecond=0):
                cleaned[name] = before
        self.clean_workflow_action(cleaned)
        return cleaned

    def clean_workflow_action(self, cleaned):
        action = cleaned.get("workflow") or "save"
        cleaned["workflow"] = action
        if action not in allowed(
            self.user, self.instance if self.instance.pk else None
        ):
            self.add_error(None, f"{refusal(action)} Nothing was saved.")
        elif action == "schedule":
            when = cleaned.get("schedule_at")
            if when is None or when <= timezone.now():
                self.add_error(
                    None,
                    "Choose a publication time in the future to schedule the story; "
                    "to publish it now, use Publish now.",
                )


def allowed_or_empty(user, story, action):
    """Whether `user` may ever take `action` on the story; with no user (a form made
    outside the admin), no publishing controls."""
    return user is not None and action in allowed(user, story if story.pk else None)
