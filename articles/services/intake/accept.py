"""An editor's acceptance of suggestions: tags and related links added to a story."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from ... import rights
from ...models import CountryTag, PersonTag, Story
from ..relations import set_relations
from ..stories import save_story
from ..subjects import save_subject

MOST = 50


@transaction.atomic
def accept_suggestions(
    *,
    story,
    user,
    countries=(),
    people=(),
    new_people=(),
    links=(),
    expected_version=None,
):
    """Add the chosen countries (codes), people (pks), new people (names, created
    here) and related stories (pks, published ones only) to `story`, as one
    revision. Raises PermissionDenied, or StaleStory for a story changed since
    `expected_version`."""
    rights.require(rights.can_change(user, story), "You may not change this story.")
    names = [" ".join(str(name).split())[:100] for name in new_people]
    # A result page offers a few dozen at most; more is not an editor's choice.
    names = [name for name in names if name][:MOST]
    if names and user is not None and not user.has_perm("articles.add_persontag"):
        raise PermissionDenied("You may not add people to the vocabulary.")
    story = save_story(
        story=story,
        user=user,
        expected_version=expected_version,
        update_fields=["modified_at"],
        reason="Accepted wire suggestions",
    )
    chosen = list(PersonTag.objects.filter(pk__in=_numbers(people)))
    for name in names:
        tag = PersonTag.objects.filter(name__iexact=name).first()
        chosen.append(tag or save_subject(subject=PersonTag(name=name), user=user))
    set_relations(
        story=story,
        user=user,
        countries=[
            *story.countries.all(),
            *CountryTag.objects.filter(code__in=list(countries)),
        ],
        people=[*story.people.all(), *chosen],
        links=[*_current_links(story), *_new_links(story, _numbers(links))],
    )
    return story


def _numbers(values):
    return [int(value) for value in values if str(value).isdigit()][:MOST]


def _current_links(story):
    return list(
        story.related_links.order_by("position", "pk").values_list(
            "target_id", "url", "title"
        )
    )


def _new_links(story, pks):
    linked = set(story.related_links.values_list("target_id", flat=True))
    published = set(
        Story.objects.published()
        .filter(pk__in=pks)
        .exclude(pk=story.pk)
        .values_list("pk", flat=True)
    )
    new = []
    for pk in pks:
        if pk in published and pk not in linked:
            linked.add(pk)
            new.append((pk, "", ""))
    return new
