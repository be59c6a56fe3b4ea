"""The story form's inline rows as the relations articles.services.set_relations
takes: bylines, countries, people and related links, in the editors' order."""

from ..models import Byline, RelatedLink, StoryCountry, StoryPerson

RELATIONS = {
    Byline: "bylines",
    StoryCountry: "countries",
    StoryPerson: "people",
    RelatedLink: "links",
}


def kept_forms(formset):
    """The forms of rows that stay: filled in, not marked for deletion."""
    deleted = set(formset.deleted_forms) if formset.can_delete else set()
    return [
        form
        for form in formset.forms
        if form not in deleted
        and form.cleaned_data
        and (form.instance.pk or form.has_changed())
    ]


def relation_rows(formset):
    """The rows of one inline formset, as set_relations wants them."""
    forms = kept_forms(formset)
    if formset.model in (Byline, RelatedLink):
        forms.sort(key=lambda form: form.cleaned_data.get("position") or 0)
    data = [form.cleaned_data for form in forms]
    if formset.model is Byline:
        return [(row["author"], row["role"]) for row in data]
    if formset.model is RelatedLink:
        return [
            (row.get("target"), row.get("url", ""), row.get("title", ""))
            for row in data
        ]
    return [row["tag"] for row in data]
