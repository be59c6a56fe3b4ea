"""Tag suggestions in the story form: countries and people found in the story's
current headline, dek and body, each explained, for one-click adding beside the
tag fields (static/js/desk-suggest.js). Nothing is written here: a new person is
only proposed, and made on save like one typed in."""

from dataclasses import replace

from django.core.exceptions import (
    PermissionDenied,
    RequestDataTooBig,
    TooManyFieldsSent,
)
from django.http import Http404, JsonResponse
from django.urls import path
from django.views.decorators.http import require_http_methods

from .. import rights
from ..intake.suggest import paragraphs_of, suggest_tags
from ..models import CountryTag, PersonTag
from .matching import fold
from .relations import NEW

# A request bigger than this is not a story's text; refused before it is read.
MAX_REQUEST_BYTES = 400_000
# Characters per field: far above any story, low enough to stay fast.
LIMITS = {"headline": 1_000, "dek": 2_000, "body": 300_000}
# Plain text read from the body: a story names its subjects long before this, and
# the time to read grows with it (bench/tag_suggestions.py).
READ_CHARS = 60_000
# Token values posted back: enough for any story's tags.
MAX_TOKENS = 60
# Most suggestions per field: more than this is not a suggestion.
MOST = 15


class TagSuggestionsMixin:
    """Mixed into StoryAdmin: `<id>/tag-suggestions/` and `add/tag-suggestions/`."""

    def get_urls(self):
        wrap = self.admin_site.admin_view
        view = wrap(require_http_methods(["GET", "POST"])(self.tag_suggestions_view))
        return [
            path(
                "add/tag-suggestions/",
                view,
                name="articles_story_tag_suggestions_new",
            ),
            path(
                "<path:object_id>/tag-suggestions/",
                view,
                name="articles_story_tag_suggestions",
            ),
            *super().get_urls(),
        ]

    def tag_suggestions_view(self, request, object_id=None):
        """Suggested countries and people for the posted text, as JSON, leaving out
        the tags posted as already on the story."""
        try:
            story = self._suggesting_for(request, object_id)
            data = _read(request)
        except PermissionDenied as refusal:
            return JsonResponse({"error": str(refusal)}, status=403)
        except Http404 as missing:
            return JsonResponse({"error": str(missing)}, status=404)
        except BadText as problem:
            return JsonResponse({"error": str(problem)}, status=400)
        if data.get("tags-shown") is None and story is not None:
            chosen = _saved_tags(story)
        else:
            chosen = {
                "countries": data.getlist("country_list")[:MAX_TOKENS],
                "people": data.getlist("person_list")[:MAX_TOKENS],
            }
        return JsonResponse(
            suggestions_for(
                headline=_field(data, "headline"),
                dek=_field(data, "dek"),
                body=_field(data, "body"),
                new_people=rights.can(request.user, "add", PersonTag),
                **chosen,
            )
        )

    def render_change_form(self, request, context, add=False, change=False, **kw):
        """An imported draft opens with its suggestions drawn in: the wire copy is
        what they are for, and the form need not ask again."""
        story = kw.get("obj")
        if (
            request.method == "GET"
            and story is not None
            and self.has_change_permission(request, story)
            and story.wire_imports.exists()
        ):
            context["tag_suggestions"] = suggestions_for(
                headline=story.headline,
                dek=story.dek,
                body=story.body,
                new_people=rights.can(request.user, "add", PersonTag),
                **_saved_tags(story),
            )
        return super().render_change_form(request, context, add, change, **kw)

    def _suggesting_for(self, request, object_id):
        if object_id is None:
            if not self.has_add_permission(request):
                raise PermissionDenied("You may not add stories.")
            return None
        story = self.get_object(request, object_id)
        if story is None:
            raise Http404("No such story.")
        if not self.has_change_permission(request, story):
            raise PermissionDenied("You may not change this story.")
        return story


class BadText(ValueError):
    """Input no story's text looks like; the message says why."""


def _read(request):
    """The request's values, refused when too big or not text."""
    if request.method == "GET":
        size = len(request.META.get("QUERY_STRING", ""))
    else:
        try:
            size = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            size = MAX_REQUEST_BYTES + 1
    if size > MAX_REQUEST_BYTES:
        raise BadText("The text is too long to suggest tags from.")
    try:
        data = request.GET if request.method == "GET" else request.POST
    except (RequestDataTooBig, TooManyFieldsSent, UnicodeDecodeError):
        raise BadText("The text is too long, or not text.") from None
    for name, limit in LIMITS.items():
        value = data.get(name, "")
        if len(value) > limit:
            raise BadText(f"The {name} is too long to suggest tags from.")
        if "\x00" in value or "\ufffd" in value:
            raise BadText(f"The {name} is not text.")
    return data


def _saved_tags(story):
    """The story's saved tags, as its fields post them."""
    return {
        "countries": [str(pk) for pk in story.countries.values_list("pk", flat=True)],
        "people": [str(pk) for pk in story.people.values_list("pk", flat=True)],
    }


def _field(data, name):
    return " ".join(data.get(name, "").split()) if name != "body" else data.get(name)


def suggestions_for(*, headline, dek, body, countries, people, new_people=True):
    """{"countries": [...], "people": [...]}: what to offer beside each tag field,
    each with the token value that adds it and why it is suggested."""
    paragraphs = _first(paragraphs_of(body or ""), READ_CHARS)
    texts = [dek, *paragraphs] if dek else paragraphs
    found = suggest_tags(headline=headline, paragraphs=texts)
    codes = dict(
        CountryTag.objects.filter(code__in=[s.key for s in found.countries])
        .values_list("code", "pk")
        .order_by()
    )
    chosen = set(countries)
    offered_countries = [
        _offer(s, str(codes[s.key]), dek=bool(dek))
        for s in found.countries
        if s.key in codes and str(codes[s.key]) not in chosen
    ]
    chosen = set(people)
    offered_people = [
        _offer(s, s.key, dek=bool(dek)) for s in found.people if s.key not in chosen
    ]
    if new_people:
        taken = {
            fold(value.removeprefix(NEW)) for value in chosen if value.startswith(NEW)
        }
        taken |= {
            fold(name)
            for name in PersonTag.objects.filter(pk__in=_pks(chosen)).values_list(
                "name", flat=True
            )
        }
        offered_people += [
            _offer(s, NEW + s.label, dek=bool(dek), is_new=True)
            for s in found.new_people
            if fold(s.label) not in taken
        ]
    return {"countries": offered_countries[:MOST], "people": offered_people[:MOST]}


def _pks(values):
    return [
        int(value)
        for value in values
        if value.isascii() and value.isdigit() and len(value) < 19
    ][:MAX_TOKENS]


def _first(paragraphs, most):
    """The paragraphs in the first `most` characters."""
    kept = []
    for paragraph in paragraphs:
        if most <= 0:
            break
        kept.append(paragraph[:most])
        most -= len(paragraph)
    return kept


def _offer(suggestion, value, *, dek, is_new=False):
    if dek and suggestion.first == 1:
        suggestion = replace(suggestion, place="the dek")
    elif dek and suggestion.first > 1:
        suggestion = replace(suggestion, first=suggestion.first - 1)
    return {
        "value": value,
        "label": suggestion.label,
        "explanation": suggestion.explanation,
        "mentions": suggestion.mentions,
        "is_new": is_new,
    }
