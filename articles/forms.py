"""Reader-facing forms."""

from django import forms

from .models import CountryTag, PersonTag, Section
from .search import clean_query
from .subjects import SCOPES


class SearchForm(forms.Form):
    """The search page's query and filters; a bad filter value is simply ignored.
    It only reads them: templates/articles/search.html writes the inputs out, which
    costs less than rendering Django's widgets."""

    q = forms.CharField(required=False)
    section = forms.ModelChoiceField(
        Section.objects.only("name", "slug"), to_field_name="slug", required=False
    )
    country = forms.ModelChoiceField(
        CountryTag.objects.none(), to_field_name="slug", required=False
    )
    person = forms.ModelChoiceField(
        PersonTag.objects.none(), to_field_name="slug", required=False
    )
    since = forms.DateField(required=False)
    until = forms.DateField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Built per request: published() reads the clock when it is called; only
        # for a filter given (an empty one is never looked up).
        for name in ("country", "person"):
            if self.data.get(name):
                self.fields[name].queryset = (
                    SCOPES[name].subjects().only("name", "slug")
                )

    def clean_q(self):
        return clean_query(self.cleaned_data["q"])

    def filters(self):
        """The valid filters, by name; call after is_valid()."""
        data = getattr(self, "cleaned_data", {})
        return {
            name: data[name]
            for name in ("section", "country", "person", "since", "until")
            if data.get(name)
        }
