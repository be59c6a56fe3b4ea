"""The one write of wire intake: agency copy in, a draft story out.

`import_wire` reads the copy, suggests tags, matches its related headlines, fetches
its pictures (articles/intake/, which writes nothing), then writes the draft through
the story services (which check the importing user's rights): the story, its agency
tags, bylines and confident related links, its pictures; and records the item.
Nothing is ever published. The same item again (same URI, or for plain text the same
content) changes nothing; a new version updates the draft only if no one has edited it
since.
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from ... import rights
from ...intake import headlines, pictures
from ...intake.item import WireError, WireItem
from ...intake.source import read_wire
from ...intake.suggest import suggest_tags
from ...models import FormerSlug, Image, Section, Story, WireImport
from ..images import save_image
from ..relations import set_relations
from ..stories import save_story
from .agency import agency_relations


@dataclass
class ImportResult:
    """What an import did: `status` is created, updated, unchanged, conflict,
    older or withdrawn."""

    status: str
    message: str
    item: WireItem
    record: WireImport | None = None
    story: Story | None = None
    report: dict = field(default_factory=dict)


def import_wire(*, source, user, name="", section=None):
    """Import `source` (copy as bytes or text, `name` its file name if any) as a
    draft in `section` (default: the first section). Raises WireError, writing
    nothing, for copy that cannot be imported or a user who may not import it."""
    item = source if isinstance(source, WireItem) else read_wire(source, name)
    pictures.check_addresses(item.pictures)
    record = WireImport.objects.filter(key=item.key).select_related("story").first()
    story = record.story if record is not None else None
    if item.is_withdrawn:
        return _withdrawn(item, record)
    if story is not None:
        if record.digest == item.digest:
            return ImportResult(
                "unchanged",
                _said("unchanged", story),
                item,
                record,
                story,
                record.report,
            )
        if _older(item, record):
            return ImportResult(
                "older", _said("older", story), item, record, story, record.report
            )
        if story.version != record.story_version:
            return ImportResult(
                "conflict", _said("conflict", story), item, record, story, record.report
            )
    _check_rights(item, user, story)
    section = section or Section.objects.order_by("position", "name").first()
    if section is None:
        raise WireError("There is no section to file the draft in; add one first.")
    suggestions = suggest_tags(headline=item.headline, paragraphs=item.paragraphs)
    matches = headlines.match(
        item.related_headlines, exclude={story.pk} if story else set()
    )
    prepared = pictures.prepare(item.pictures)
    try:
        with transaction.atomic():
            story, report = _write(
                item, record, story, section, user, suggestions, matches, prepared
            )
    except IntegrityError:
        raise WireError(
            "This item was imported by someone else at the same moment; open the "
            "wire imports list to find its draft."
        ) from None
    except PermissionDenied as refusal:
        raise WireError(str(refusal)) from None
    status = "updated" if record is not None and record.story_id else "created"
    record = WireImport.objects.get(key=item.key)
    return ImportResult(status, _said(status, story), item, record, story, report)


def _said(status, story):
    return {
        "created": f"Made the draft “{story}”.",
        "updated": f"Updated the draft “{story}” to the agency's new version.",
        "unchanged": f"Already imported as “{story}”; nothing changed.",
        "older": f"An older version of “{story}”; the draft keeps the newer one.",
        "conflict": f"“{story}” was edited after it was imported, so the agency's "
        "new version was not applied: your work is left as it is. Compare and "
        "update by hand if needed.",
    }[status]


def _older(item, record):
    new, old = item.version_number(), _number(record.version)
    return new is not None and old is not None and new < old


def _number(text):
    try:
        return int(text)
    except (TypeError, ValueError):
        return None


def _withdrawn(item, record):
    if record is None:
        message = "The agency withdrew this item; nothing was imported."
        return ImportResult("withdrawn", message, item)
    WireImport.objects.filter(pk=record.pk).update(
        is_withdrawn=True, updated_at=timezone.now()
    )
    record.refresh_from_db()
    message = (
        f"The agency withdrew this item: do not publish “{record.story}”."
        if record.story
        else "The agency withdrew this item."
    )
    return ImportResult("withdrawn", message, item, record, record.story, record.report)


def _check_rights(item, user, story):
    """Refuse before any fetch or write what save_story would refuse later."""
    if not rights.can_change(user, story) or (
        story is None and user is not None and not user.has_perm("articles.add_story")
    ):
        raise WireError("You may not make or change stories.")
    embargo = _embargo(item)
    changes_embargo = embargo != (story.embargoed_until if story else None)
    if changes_embargo and not rights.can_publish(user):
        raise WireError(
            "This item is under embargo; only an editor may import it, since "
            "setting an embargo is an editor's call. Nothing was imported."
        )


def _embargo(item):
    until = item.embargoed_until
    return until if until is not None and until > timezone.now() else None


def _write(item, record, story, section, user, suggestions, matches, prepared):
    new = story is None
    if new:
        story = Story(section=section, status=Story.Status.DRAFT)
    story.headline = item.headline or _placeholder(item)
    if new:
        story.slug = _free_slug(story.headline)
    story.dek = item.dek or story.dek
    story.body = item.body_html
    story.dateline = item.dateline or story.dateline
    story.credit = item.credit or story.credit
    story.embargoed_until = _embargo(item)
    added = add_pictures(prepared, user=user)
    lead = next((image for image, _ in added if image is not None), None)
    if lead is not None:
        story.lead_image = lead
    save_story(
        story=story,
        user=user,
        expected_version=None if new else record.story_version,
        reason="Imported from wire copy" if new else "Updated from the agency",
    )
    notes = list(item.notes)
    set_relations(
        story=story, user=user, **agency_relations(item, suggestions, matches, notes)
    )
    report = _report(item, suggestions, matches, prepared, added, notes)
    now = timezone.now()
    fields = {
        "uri": item.uri,
        "version": item.version,
        "digest": item.digest,
        "story": story,
        "story_version": story.version,
        "is_withdrawn": False,
        "report": report,
        "imported_by": user,
        "updated_at": now,
    }
    # create_defaults replaces defaults on creation: the row gets both.
    WireImport.objects.update_or_create(
        key=item.key, defaults=fields, create_defaults={**fields, "imported_at": now}
    )
    return story, report


def _placeholder(item):
    words = " ".join(item.paragraphs[0].split()[:10]) if item.paragraphs else ""
    return f"Untitled wire copy: {words}…"[:200]


def _free_slug(headline):
    base = slugify(headline)[:100].strip("-") or "wire-copy"
    slug, n = base, 1
    while (
        Story.objects.filter(slug=slug).exists()
        or FormerSlug.objects.filter(slug=slug).exists()
    ):
        n += 1
        slug = f"{base}-{n}"
    return slug


def _report(item, suggestions, matches, prepared, added, notes):
    return {
        "headline": item.headline,
        "headline_source": item.headline_source,
        "format": item.format,
        "dateline": item.dateline,
        "credit": item.credit,
        "byline": item.byline,
        "paragraphs": len(item.paragraphs),
        "suggestions": suggestions.as_dict(),
        "matches": [match.as_dict() for match in matches],
        "pictures": [
            {
                "href": entry.picture.href,
                "image": image.pk if image else None,
                "problem": problem,
            }
            for entry, (image, problem) in zip(prepared, added, strict=True)
        ],
        "notes": notes,
    }


def add_pictures(prepared, *, user):
    """Add the pictures that passed to the library; [(Image or None, problem)]."""
    allowed = user is None or user.has_perm("articles.add_image")
    added = []
    for entry in prepared:
        if entry.clean is None:
            added.append((None, entry.problem))
        elif not allowed:
            added.append((None, "You may not add pictures to the library."))
        else:
            image = Image(
                file=entry.clean.file,
                width=entry.clean.width,
                height=entry.clean.height,
                alt_text=entry.picture.alt_text,
                caption=entry.picture.caption,
                credit=entry.picture.credit,
                uploaded_by=user,
            )
            added.append((save_image(image=image, user=user), ""))
    return added
