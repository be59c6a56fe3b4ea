"""Story revisions: what each one holds beyond the story's columns, and their diffs."""

import difflib

from django.utils.html import format_html, format_html_join, strip_tags

from .models import Author, CountryTag, PersonTag, Story

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


def record_relations(story):
    """Store the story's current relations in its newest revision."""
    latest = story.history.order_by("-history_date", "-history_id").first()
    if latest is not None:
        latest.relations = snapshot(story)
        latest.save(update_fields=["relations"])


def _label(field):
    return Story._meta.get_field(field.removesuffix("_id")).verbose_name


def _text(value):
    return strip_tags(str(value)) if value is not None else ""


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
        before, after = getattr(old, field), getattr(new, field)
        if before != after:
            if field.endswith("_id"):
                before = getattr(old, field.removesuffix("_id"), None) if before else ""
                after = getattr(new, field.removesuffix("_id"), None) if after else ""
            rows.append(
                (
                    _label(field),
                    _text(before),
                    _text(after),
                    _word_diff(_text(before), _text(after)),
                )
            )
    old_rel, new_rel = (
        describe_relations(old.relations),
        describe_relations(new.relations),
    )
    for label, before in old_rel.items():
        after = new_rel[label]
        if before != after:
            rows.append((label, before, after, _word_diff(before, after)))
    return rows


def revision_label(revision):
    return format_html(
        "{} by {}",
        revision.history_date.strftime("%d %b %Y %H:%M"),
        revision.history_user or "the system",
    )
