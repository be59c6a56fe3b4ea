"""The story form's relations, each typed into one field and cleaned into what
articles.services.set_relations takes: countries, people (new ones named, made on
save), bylines and related links, in the editors' order.

A field left off the post (no "<name>-shown" marker) cleans to None: the relation
stays as it is.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone

from .. import rights
from ..models import Author, Byline, Story
from ..services import too_many_links
from .matching import fold, pattern
from .moments import story_note
from .widgets import BylinesWidget, RelatedLinksWidget, TokensWidget

MAX_ROWS = 30
NEW, URL = "new:", "url:"
GONE = "Some of these are no longer there: remove them, or reload the story."


def _pk(raw):
    raw = str(raw).strip()
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 19 else None


def _text(raw, limit):
    return " ".join(str(raw).replace("\x00", " ").split())[:limit]


class RelationField(forms.Field):
    def __init__(self, widget, **kwargs):
        super().__init__(required=False, widget=widget, **kwargs)

    def bound_data(self, data, initial):
        return data if data is not None else initial

    def has_changed(self, initial, data):
        if data is None:
            return False
        before = [self.posted(self.item(row)) for row in initial or []]
        return self.compared(before) != self.compared(
            [self.posted_raw(value) for value in data]
        )

    def posted(self, item):
        """What the form posts for a row it shows."""
        return item["value"]

    def posted_raw(self, value):
        return str(value).strip()

    def compared(self, rows):
        return rows

    def clean(self, value):
        if value is None:
            return None
        if len(value) > MAX_ROWS:
            raise ValidationError(f"At most {MAX_ROWS}, please.")
        rows, gone = self.resolve(value)
        if gone:
            raise ValidationError(GONE)
        self.check(rows)
        return rows

    def check(self, rows):
        """Refuse rows that cannot be saved, saying why."""

    def prepare_value(self, value):
        """The rows to show: those the story holds, or those a post named."""
        if not value:
            return []
        if not self.is_loaded(value):
            value = self.resolve(value[:MAX_ROWS])[0]
        return [self.item(row) for row in value]


class TagsField(RelationField):
    """Tags of one vocabulary; with `allow_new`, names typed for new tags too."""

    # Set by the form: whoever would make the new tags.
    user = None

    def __init__(self, model, kind, allow_new=False, **kwargs):
        self.model, self.allow_new = model, allow_new
        noun = str(model._meta.verbose_name_plural)
        super().__init__(TokensWidget(kind, noun, allow_new), **kwargs)

    def is_loaded(self, value):
        return isinstance(value[0], self.model)

    def compared(self, rows):
        # Tags have no order.
        return sorted(set(rows))

    def resolve(self, values):
        pks, names, gone = [], [], 0
        for raw in values:
            raw = str(raw).strip()
            if self.allow_new and raw.startswith(NEW):
                names.append(_text(raw.removeprefix(NEW), 100))
            elif (pk := _pk(raw)) is not None:
                pks.append(pk)
            else:
                gone += 1
        found = self.model.objects.in_bulk(pks)
        gone += len(set(pks) - found.keys())
        tags = [found[pk] for pk in dict.fromkeys(pks) if pk in found]
        seen = {fold(tag.name) for tag in tags}
        for name in names:
            if not (regex := pattern(name, at="whole")) or fold(name) in seen:
                continue
            seen.add(fold(name))
            # A name typed again with other accents or capitals is the same person.
            same = self.model.objects.filter(name__regex=regex).first()
            if same is None or same.pk not in {tag.pk for tag in tags}:
                tags.append(same or self.model(name=name))
        return tags, gone

    def check(self, rows):
        if any(tag.pk is None for tag in rows) and not rights.can(
            self.user, "add", self.model
        ):
            raise ValidationError(
                f"You may not add new {self.model._meta.verbose_name_plural}: "
                "choose from the suggestions."
            )

    def item(self, tag):
        note = getattr(tag, "code", "") or getattr(tag, "description", "")
        if tag.pk is None:
            return {"value": NEW + tag.name, "label": tag.name, "note": "new"}
        return {"value": str(tag.pk), "label": tag.name, "note": note}


class BylinesField(RelationField):
    """Authors in byline order, each with a role."""

    def __init__(self, **kwargs):
        super().__init__(BylinesWidget(Byline.Role.choices), **kwargs)

    def is_loaded(self, value):
        return isinstance(value[0][0], Author)

    def posted(self, item):
        return (item["value"], item["role"])

    def posted_raw(self, value):
        return (str(value[0]).strip(), str(value[1]))

    def resolve(self, rows):
        pks = [_pk(author) for author, _role in rows]
        found = Author.objects.in_bulk([pk for pk in pks if pk is not None])
        bylines, gone = [], 0
        for pk, (_author, role) in zip(pks, rows, strict=True):
            if pk in found and role in Byline.Role.values:
                bylines.append((found[pk], role))
            else:
                gone += 1
        return bylines, gone

    def check(self, rows):
        authors = [author for author, _role in rows]
        for author in authors:
            if authors.count(author) > 1:
                raise ValidationError(f"{author.name} is in the byline twice.")

    def item(self, row):
        author, role = row
        return {"value": str(author.pk), "label": author.name, "role": role}


class RelatedLinksField(RelationField):
    """Related headlines in order: our stories, or outside pages with a title."""

    # Set by the form: the story being edited, which may not link to itself.
    story_pk = None

    def __init__(self, **kwargs):
        super().__init__(RelatedLinksWidget(), **kwargs)

    def is_loaded(self, value):
        return not isinstance(value[0], tuple)

    def posted(self, item):
        return (item["value"], item["title"])

    def posted_raw(self, value):
        return (str(value[0]).strip(), _text(value[1], 200))

    def resolve(self, rows):
        pks = [_pk(raw) for raw, _title in rows]
        found = (
            Story.objects.select_related("section")
            .only("headline", "status", "published_at", "section__name")
            .in_bulk([pk for pk in pks if pk is not None])
        )
        links, gone = [], 0
        for pk, (raw, title) in zip(pks, rows, strict=True):
            title = _text(title, 200)
            if str(raw).startswith(URL):
                links.append((None, str(raw).removeprefix(URL).strip()[:500], title))
            elif pk in found:
                links.append((found[pk], "", title))
            else:
                gone += 1
        return links, gone

    def check(self, rows):
        if refusal := too_many_links(len(rows)):
            raise ValidationError(refusal, code="too_many")
        valid_url = URLValidator(schemes=["http", "https"])
        targets = []
        for target, url, title in rows:
            if target is not None:
                if target.pk == self.story_pk:
                    raise ValidationError("A story cannot link to itself.")
                if target.pk in targets:
                    raise ValidationError(f"“{target.headline}” is listed twice.")
                targets.append(target.pk)
                continue
            try:
                valid_url(url)
            except ValidationError:
                raise ValidationError(
                    f"“{url}” is not a web address: outside links start with "
                    "https:// or http://."
                ) from None
            if not title:
                raise ValidationError(f"The outside link to {url} needs a title.")

    def item(self, row):
        if not isinstance(row, tuple):
            row = (row.target, row.url, row.title)
        target, url, title = row
        if target is None:
            return {"value": URL + url, "label": url, "title": title, "is_url": True}
        return {
            "value": str(target.pk),
            "label": target.headline,
            "title": title,
            "note": story_note(target, timezone.now()),
        }
