"""Admin widgets."""

from django.contrib.admin.widgets import AutocompleteSelect


class KnownChoiceSelect(AutocompleteSelect):
    """An autocomplete that labels its chosen option from `known` ({pk: label}),
    set by the form from the row it edits, instead of a query per row."""

    known = None

    def optgroups(self, name, value, attr=None):
        known = self.known or {}
        empty = self.choices.field.empty_values
        selected = {str(v) for v in value if str(v) not in empty}
        if not selected or not selected <= known.keys():
            return super().optgroups(name, value, attr)
        options = []
        if not self.is_required:
            options.append(self.create_option(name, "", "", False, 0))
        for pk in sorted(selected):
            options.append(
                self.create_option(name, pk, known[pk], selected, len(options))
            )
        return [(None, options, 0)]
