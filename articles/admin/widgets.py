"""The story form's widgets: counted text, token fields, bylines, related headlines.

Each renders server-side what the story holds (so the page shows it before any
script runs) and posts plain form values; static/js/desk-*.js makes them live.
A hidden "<name>-shown" input says the field was on the page: a post without it
(an older form, a crafted request) leaves that relation as it is.
"""

from django import forms
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

COMBOBOX = "js/desk-combobox.js"
SORTABLE = "js/desk-sortable.js"


class CountedMixin:
    """A text field with a live count against the length a reader's screen shows."""

    def __init__(self, limit, shown_by, attrs=None):
        self.limit, self.shown_by = limit, shown_by
        super().__init__(attrs={**(attrs or {}), "data-count-limit": limit})

    def render(self, name, value, attrs=None, renderer=None):
        attrs = dict(attrs or {})
        count_id = f"{attrs.get('id', name)}_count"
        described = f"{attrs.get('aria-describedby', '')} {count_id}".strip()
        attrs.update({"aria-describedby": described, "data-count-id": count_id})
        return format_html(
            '{}<p class="desk-count" id="{}"><span data-count>{}</span> characters; '
            "{} show about {}</p>",
            super().render(name, value, attrs, renderer),
            count_id,
            len(value or ""),
            self.shown_by,
            self.limit,
        )

    class Media:
        js = ["js/desk-counters.js"]


class CountedInput(CountedMixin, forms.TextInput):
    pass


class CountedTextarea(CountedMixin, forms.Textarea):
    pass


class ListWidget(forms.Widget):
    """Rows posted as repeated `<name>` values, with the shown marker. Rendered from
    the project's templates (the form renderer reads only Django's own)."""

    def render(self, name, value, attrs=None, renderer=None):
        context = self.get_context(name, value, attrs)
        return mark_safe(render_to_string(self.template_name, context))

    def value_from_datadict(self, data, files, name):
        if f"{name}-shown" not in data:
            return None
        return _getlist(data, name)

    def value_omitted_from_data(self, data, files, name):
        return f"{name}-shown" not in data

    def lookup_url(self, kind):
        return reverse("admin:articles_story_lookup", args=[kind])


class TokensWidget(ListWidget):
    """Tags as tokens: type, pick from the suggestions, Enter; new people too."""

    template_name = "admin/articles/story/widgets/tokens.html"

    def __init__(self, kind, noun, allow_new=False, attrs=None):
        self.kind, self.noun, self.allow_new = kind, noun, allow_new
        super().__init__(attrs)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"].update(
            items=value or [],
            lookup=self.lookup_url(self.kind),
            kind=self.kind,
            noun=self.noun,
            allow_new=self.allow_new,
        )
        return context

    class Media:
        js = [COMBOBOX, "js/desk-tokens.js"]


class BylinesWidget(TokensWidget):
    """Authors as ordered tokens, each with a role."""

    template_name = "admin/articles/story/widgets/bylines.html"

    def __init__(self, roles, attrs=None):
        self.roles = roles
        super().__init__("author", "author", attrs=attrs)

    def value_from_datadict(self, data, files, name):
        return _paired(
            super().value_from_datadict(data, files, name), data, name, "role"
        )

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["roles"] = self.roles
        return context

    class Media:
        js = [COMBOBOX, SORTABLE, "js/desk-tokens.js"]


class RelatedLinksWidget(ListWidget):
    """Related headlines in order: search and add, drag or move, suggestions."""

    template_name = "admin/articles/story/widgets/related_links.html"
    story_pk = None

    def value_from_datadict(self, data, files, name):
        return _paired(
            super().value_from_datadict(data, files, name), data, name, "title"
        )

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"].update(
            items=value or [],
            lookup=self.lookup_url("story"),
            suggestions=reverse("admin:articles_story_suggestions"),
            story_pk=self.story_pk or "",
        )
        return context

    class Media:
        js = [COMBOBOX, SORTABLE, "js/desk-related.js"]


def _paired(values, data, name, part):
    """[(value, its `part`)] for rows posted as `name` and `name-part`, in order; a
    row whose part is missing gets ""."""
    if values is None:
        return None
    parts = _getlist(data, f"{name}-{part}")
    return [
        (value, parts[n] if n < len(parts) else "") for n, value in enumerate(values)
    ]


def _getlist(data, name):
    if hasattr(data, "getlist"):
        return data.getlist(name)
    value = data.get(name)
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]
