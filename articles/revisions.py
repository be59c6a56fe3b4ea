"""Story revisions: when a save makes one and what it is called, what each holds
beyond the story's columns, and the diff of two as editors read it."""

import difflib
from datetime import datetime

from django.utils.html import format_html, format_html_join, strip_tags

from . import moments
from .models import AuditEntry, Author, CountryTag, PersonTag, Story
from .sanitize import clean_html

# The columns a restore brings back; status, times and embargo stay as they are,
# since bringing those back would publish or unpublish by the side door.
CONTENT_FIELDS = [
    "headline",
    "slug",
    "dek",
    "body",
    "section_id",
    "dateline",
    "credit",
    "lead_image_id",
    "seo_title",
    "seo_description",
]
COMPARED_FIELDS = [
    *CONTENT_FIELDS,
    "status",
    "published_at",
    "embargoed_until",
    "updated_at",
]
# Compared word by word; every other field is one value replaced by another.
PROSE_FIELDS = {"headline", "dek", "body", "seo_title", "seo_description"}
# Kept by the database or by every save, never an editor's change.
NOT_EDITS = {"id", "version", "created_at", "modified_at"}
TIMES = ["published_at", "embargoed_until", "updated_at"]
# What a revision is called after the editorial act it carries out.
ACT_LABELS = {
    AuditEntry.Action.SCHEDULED: "Scheduled for {}",
    AuditEntry.Action.EMBARGOED: "Embargoed until {}",
}


def keep_stored_times(before, story):
    """Give `story` the stored time wherever it holds the same time to a form's
    precision: a form shows minutes or seconds, and saving it again must neither
    move a publication by a fraction of a second nor count as a change."""
    for name in TIMES:
        stored, posted = getattr(before, name), getattr(story, name)
        if stored is None or posted is None or stored == posted:
            continue
        if posted.microsecond:
            continue
        to_second = stored.replace(microsecond=0)
        if posted == to_second or (
            posted.second == 0 and posted == to_second.replace(second=0)
        ):
            setattr(story, name, stored)


def edited_fields(before, story, fields=None):
    """The columns of `story` (those in `fields`, else all) that differ from
    `before`, the stored row."""
    names = [Story._meta.get_field(name).attname for name in fields or []] or [
        field.attname for field in Story._meta.concrete_fields
    ]
    edited = []
    for name in names:
        if name in NOT_EDITS:
            continue
        value = getattr(story, name)
        if name == "body":
            # What the save would store: the body is cleaned on the way in.
            value = clean_html(value)
        if value != getattr(before, name):
            edited.append(name)
    return edited


def save_label(is_new, acts, reason=""):
    """What a revision is called: “Created”, the acts the save carries out
    (“Submitted for review”, “Scheduled for 02 Dec 2026 14:00”), else `reason`
    (“Corrected”), else “Edited”."""
    parts = ["Created"] if is_new else []
    parts += [ACT_LABELS.get(act, act.label).format(detail) for act, detail in acts]
    if not parts:
        parts = [reason or "Edited"]
    label = ", ".join([parts[0], *(part[0].lower() + part[1:] for part in parts[1:])])
    return label[:100]


def snapshot(story):
    """The story's tags, bylines and related links, as plain data."""
    return {
        "countries": sorted(story.country_items.values_list("tag_id", flat=True)),
        "people": sorted(story.person_items.values_list("tag_id", flat=True)),
        "bylines": [
            [author_id, role]
            for author_id, role in story.bylines.order_by("position", "pk").values_list(
                "author_id", "role"
            )
        ],
        "links": [
            [target_id, url, title]
            for target_id, url, title in story.related_links.order_by(
                "position", "pk"
            ).values_list("target_id", "url", "title")
        ],
    }


def latest_revision(story):
    return story.history.order_by("-history_date", "-history_id").first()


def record_relations(story):
    """Store the story's current relations in its newest revision."""
    latest = latest_revision(story)
    if latest is not None:
        latest.relations = snapshot(story)
        latest.save(update_fields=["relations"])


def relations_recorded(story):
    """Whether the newest revision holds the story's relations as they are."""
    latest = latest_revision(story)
    if latest is None:
        return False
    now = snapshot(story)
    # A revision made before relations were recorded holds none: no rows then.
    return {**dict.fromkeys(now, []), **(latest.relations or {})} == now


def _label(field):
    return Story._meta.get_field(field.removesuffix("_id")).verbose_name


def _shown(revision, field):
    """A field's value as an editor reads it: “In review”, the section's name, a
    time in the newsroom's zone; "" for none."""
    value = getattr(revision, field)
    if value is None or value == "":
        return ""
    name = field.removesuffix("_id")
    if field != name:
        related = getattr(revision, name, None)
        return str(related) if related is not None else f"a deleted {_label(field)}"
    choices = Story._meta.get_field(name).flatchoices
    if choices:
        return str(dict(choices).get(value, value))
    if isinstance(value, datetime):
        return moments.full(value)
    return strip_tags(str(value))


def _word_diff(old, new):
    """Inline HTML marking removed words <del> and added words <ins>."""
    parts = []
    for token in difflib.ndiff(old.split(), new.split()):
        tag, word = token[:2], token[2:]
        if tag == "- ":
            parts.append(("del", word))
        elif tag == "+ ":
            parts.append(("ins", word))
        elif tag == "  ":
            parts.append(("span", word))
    return format_html_join(" ", "<{0}>{1}</{0}>", parts)


def _replaced(old, new):
    """“<del>Draft</del> → <ins>In review</ins>”: one value for another."""
    if not old:
        return format_html("<ins>{}</ins>", new)
    if not new:
        return format_html("<del>{}</del>", old)
    return format_html("<del>{}</del> → <ins>{}</ins>", old, new)


def describe_relations(relations):
    relations = relations or {}
    countries = CountryTag.objects.in_bulk(relations.get("countries", []))
    people = PersonTag.objects.in_bulk(relations.get("people", []))
    authors = Author.objects.in_bulk([a for a, _ in relations.get("bylines", [])])
    targets = Story.objects.in_bulk([t for t, _, _ in relations.get("links", []) if t])
    return {
        "countries": ", ".join(
            str(countries.get(pk, "?")) for pk in relations.get("countries", [])
        ),
        "people": ", ".join(
            str(people.get(pk, "?")) for pk in relations.get("people", [])
        ),
        "bylines": ", ".join(
            f"{authors.get(a, '?')} ({role})"
            for a, role in relations.get("bylines", [])
        ),
        "related headlines": "; ".join(
            title or (str(targets.get(t, "a deleted story")) if t else url)
            for t, url, title in relations.get("links", [])
        ),
    }


def compare(old, new):
    """[(label, old text, new text, inline diff)] for each field that differs."""
    rows = []
    for field in COMPARED_FIELDS:
        if getattr(old, field) == getattr(new, field):
            continue
        before, after = _shown(old, field), _shown(new, field)
        if field in PROSE_FIELDS:
            diff = _word_diff(before, after)
        else:
            diff = _replaced(before, after)
        rows.append((_label(field), before, after, diff))
    old_rel, new_rel = (
        describe_relations(old.relations),
        describe_relations(new.relations),
    )
    for label, before in old_rel.items():
        after = new_rel[label]
        if before != after:
            rows.append((label, before, after, _word_diff(before, after)))
    return rows


def what_happened(revision):
    """A revision's name: what its save did (“Published”), for revisions made
    before saves were named, “Created” or “Edited”."""
    if revision.history_change_reason:
        return revision.history_change_reason
    return "Created" if revision.history_type == "+" else "Edited"


def revision_label(revision):
    return format_html(
        "{} by {}",
        moments.full(revision.history_date),
        revision.history_user or "the system",
    )
