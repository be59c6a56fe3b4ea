"""A story's relations: its bylines, countries, people and related links."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from .. import rights
from ..cache import keys, purge
from ..models import Byline, RelatedLink, StoryCountry, StoryPerson
from ..revisions import record_relations
from .placement import is_public, placement
from .stories import save_story


@transaction.atomic
def set_relations(
    *, story, user=None, bylines=None, countries=None, people=None, links=None
):
    """Give the saved `story` these relations, in order; None leaves one as it is.

    `bylines` [(author, role)], `countries` and `people` [tag], `links` [(target
    story or None, outside URL, title)]. Rows already right are left alone.
    """
    rights.require(rights.can_change(user, story), "You may not change this story.")
    if links is not None and too_many_links(len(links)):
        raise ValidationError({"links": too_many_links(len(links))})
    # What the save before this one (the same form's, a restore's) left to do: None
    # once it made a revision, else the name of the revision it did not make.
    unrevised = story.__dict__.pop("_unrevised", "Edited")
    before = placement(story)
    changed = False
    if bylines is not None:
        changed |= _replace(
            story.bylines.order_by("position", "pk"),
            ("author_id", "role"),
            [(_pk(author), role) for author, role in bylines],
            lambda n, row: Byline(
                story=story, author_id=row[0], role=row[1], position=n
            ),
        )
    for rows, model, tags in (
        (story.country_items, StoryCountry, countries),
        (story.person_items, StoryPerson, people),
    ):
        if tags is not None:
            changed |= _replace(
                rows.order_by("tag_id"),
                ("tag_id",),
                sorted({(_pk(tag),) for tag in tags}),
                lambda n, row, model=model: model(content_object=story, tag_id=row[0]),
            )
    if links is not None:
        changed |= _replace(
            story.related_links.order_by("position", "pk"),
            ("target_id", "url", "title"),
            [
                (_pk(target) if target else None, url, title)
                for target, url, title in links
            ],
            lambda n, row: RelatedLink(
                story=story, target_id=row[0], url=row[1], title=row[2], position=n
            ),
        )
    if not changed:
        return False
    if is_public(story):
        purge(keys.story(story), keys.story_page(story), *before, *placement(story))
    if unrevised is None:
        record_relations(story)
    else:
        # Only the relations changed: they are a revision of their own, and the
        # revision before keeps what it held.
        save_story(story=story, user=user, reason=unrevised, force=True)
        story.__dict__.pop("_unrevised", None)
    return True


def too_many_links(count):
    """Why `count` curated related headlines are too many for a story, or "".

    A story page lists NEWSROOM_RELATED_HEADLINES related headlines, curated ones
    first: a link past them would never be seen, and each costs the page a row.
    """
    cap = settings.NEWSROOM_RELATED_HEADLINES
    if count <= cap:
        return ""
    return f"A story has at most {cap} related headlines; remove {count - cap}."


def _pk(obj):
    return obj if obj is None or isinstance(obj, int) else obj.pk


def _replace(rows, columns, wanted, make):
    """Make `rows` (a related manager's queryset) hold `wanted` (tuples of `columns`,
    in order), made by `make(position, row)`; True if anything changed."""
    if list(rows.values_list(*columns)) == wanted:
        return False
    rows.delete()
    model = rows.model
    model.objects.bulk_create(make(n, row) for n, row in enumerate(wanted, start=1))
    return True
