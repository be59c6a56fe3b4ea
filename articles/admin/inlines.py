"""The story form's rows: bylines, countries, people and related headlines."""

from django.conf import settings
from django.contrib import admin
from django.core.exceptions import ValidationError

from ..models import Byline, RelatedLink, StoryCountry, StoryPerson
from ..services import too_many_links
from .relations import kept_forms
from .widgets import KnownChoiceSelect


class RowsWithTheirChoice(admin.TabularInline):
    """An inline whose rows come with the object their autocomplete shows, which
    labels the autocomplete: a story with 40 rows costs no query per row."""

    chosen = ""

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(self.chosen)

    @property
    def chosen_field(self):
        return self.chosen.split("__")[0]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == self.chosen_field:
            kwargs["widget"] = KnownChoiceSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        name = self.chosen_field

        class Form(formset.form):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                chosen = self.instance.__dict__.get(f"{name}_id") and getattr(
                    self.instance, name
                )
                field = self.fields.get(name)
                if chosen and field is not None:
                    # The admin wraps the widget to add "+" and edit links.
                    widget = getattr(field.widget, "widget", field.widget)
                    widget.known = {str(chosen.pk): field.label_from_instance(chosen)}

        class FormSet(formset):
            form = Form

            def _construct_form(self, i, **kwargs):
                # Rows name their story (a tag's label does): give them the one loaded.
                form = super()._construct_form(i, **kwargs)
                setattr(form.instance, self.fk.name, self.instance)
                return form

        return FormSet


class BylineInline(RowsWithTheirChoice):
    model = Byline
    extra = 1
    chosen = "author"
    autocomplete_fields = ["author"]
    fields = ["position", "author", "role"]


class TagInline(RowsWithTheirChoice):
    fk_name = "content_object"
    extra = 1
    chosen = "tag"
    autocomplete_fields = ["tag"]


class CountryInline(TagInline):
    model = StoryCountry
    verbose_name = "country"
    verbose_name_plural = "countries"


class PersonInline(TagInline):
    model = StoryPerson
    verbose_name = "person"
    verbose_name_plural = "people"


class RelatedLinkInline(RowsWithTheirChoice):
    model = RelatedLink
    fk_name = "story"
    extra = 1
    chosen = "target__section"
    autocomplete_fields = ["target"]
    fields = ["position", "target", "url", "title"]
    verbose_name = "related headline"
    verbose_name_plural = (
        "related headlines: shown first, in order; the rest fill from shared tags"
    )

    def get_max_num(self, request, obj=None, **kwargs):
        # No "add another" row past what a story page shows.
        return settings.NEWSROOM_RELATED_HEADLINES

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)

        class AtMostAPageful(formset):
            def clean(self):
                super().clean()
                refusal = too_many_links(len(kept_forms(self)))
                if refusal:
                    raise ValidationError(refusal, code="too_many")

        return AtMostAPageful
