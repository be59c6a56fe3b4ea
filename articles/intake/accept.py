"""An editor's acceptance of suggestions: tags and related links added to a story."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max

from .. import rights, services
from ..models import CountryTag, PersonTag, RelatedLink, Story

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
    story.countries.add(*CountryTag.objects.filter(code__in=list(countries)))
    chosen = list(PersonTag.objects.filter(pk__in=_numbers(people)))
    for name in names:
        tag = PersonTag.objects.filter(name__iexact=name).first()
        chosen.append(tag or PersonTag.objects.create(name=name))
    story.people.add(*chosen)
    _add_links(story, _numbers(links))
    return services.save_story(
        story=story,
        user=user,
        expected_version=expected_version,
        update_fields=["modified_at"],
        reason="Accepted wire suggestions",
    )


def _numbers(values):
    return [int(value) for value in values if str(value).isdigit()][:MOST]


def _add_links(story, pks):
    linked = set(story.related_links.values_list("target_id", flat=True))
    published = set(
        Story.objects.published()
        .filter(pk__in=pks)
        .exclude(pk=story.pk)
        .values_list("pk", flat=True)
    )
    position = story.related_links.aggregate(last=Max("position"))["last"] or 0
    new = []
    for pk in pks:
        if pk in published and pk not in linked:
            position += 1
            linked.add(pk)
            new.append(RelatedLink(story=story, target_id=pk, position=position))
    RelatedLink.objects.bulk_create(new)
