"""Reading ninjs values: JSON loaded under limits, typed fields, pictures and
associated texts. Every refusal is a WireError naming the field."""

import json

from django.utils import timezone
from django.utils.dateparse import parse_datetime

from .item import Picture, WireError

MAX_DEPTH = 20
MAX_PICTURES = 4


def load(copy):
    check_depth(copy)
    try:
        item = json.loads(copy, parse_constant=no_constant)
    except (ValueError, RecursionError) as error:
        raise WireError(f"The JSON is malformed: {str(error)[:120]}.") from None
    if not isinstance(item, dict):
        raise WireError("A ninjs item is a JSON object; this is not.")
    return item


def no_constant(name):
    raise ValueError(f"{name} is not a JSON number")


def check_depth(copy):
    """Refuse nesting deeper than any news item needs, before parsing it."""
    depth, in_string, escaped = 0, False, False
    for char in copy:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                raise WireError(
                    f"The JSON nests deeper than {MAX_DEPTH} levels; a news item "
                    "never does."
                )
        elif char in "]}":
            depth -= 1


def string(item, key):
    value = item.get(key, "")
    if not isinstance(value, str):
        raise WireError(f"“{key}” should be text.")
    return value.strip()


def objects(item, key):
    value = item.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise WireError(f"“{key}” should be a list of objects.")
    return value


def time(item, key):
    value = string(item, key)
    if not value:
        return None
    try:
        moment = parse_datetime(value)
    except ValueError:
        moment = None
    if moment is None:
        raise WireError(f"“{key}” is not a date and time: “{value[:40]}”.")
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, timezone.UTC)
    return moment


def names_of(entries, *keys):
    found = []
    for entry in entries:
        for key in keys:
            value = entry.get(key)
            if isinstance(value, str) and value.strip():
                found.append(value.strip()[:100])
                break
    return found


def value(entry):
    value = entry.get("value", "")
    if not isinstance(value, str):
        raise WireError("A headline or description “value” should be text.")
    return " ".join(value.split())


def associated(associations, generation):
    pictures, related = [], []
    for association in associations:
        if not isinstance(association, dict):
            raise WireError("Each association should be an object.")
        kind = association.get("type", "")
        if kind in ("picture", "graphic") and len(pictures) < MAX_PICTURES:
            picture = read_picture(association, generation)
            if picture is not None:
                pictures.append(picture)
        elif kind in ("text", "composite"):
            if generation == 2:
                headlines = objects(association, "headlines")
                headline = value(headlines[0]) if headlines else ""
            else:
                headline = string(association, "headline")
            if headline:
                related.append(" ".join(headline.split())[:200])
    return {"pictures": pictures, "related_headlines": related}


def read_picture(association, generation):
    renditions = association.get("renditions", [] if generation == 2 else {})
    if generation == 1 and isinstance(renditions, dict):
        renditions = list(renditions.values())
    if not isinstance(renditions, list) or not all(
        isinstance(r, dict) for r in renditions
    ):
        raise WireError("A picture's “renditions” are malformed.")
    usable = [r for r in renditions if isinstance(r.get("href"), str) and r["href"]]
    if not usable:
        return None
    # The largest the agency offers; the upload policy decides if it is too large.
    best = max(usable, key=area)
    if generation == 2:
        descriptions = objects(association, "descriptions")
        caption = value(descriptions[0]) if descriptions else ""
        headlines = objects(association, "headlines")
        title = value(headlines[0]) if headlines else ""
        by = string(association, "by")
    else:
        caption = string(association, "description_text")
        title = string(association, "headline")
        by = string(association, "byline")
    credit = string(association, "copyrightholder") or by
    return Picture(
        href=best["href"].strip(),
        caption=caption[:1000],
        credit=credit[:120],
        alt_text=(title or caption or "A picture supplied with the agency copy")[:250],
    )


def area(rendition):
    width, height = rendition.get("width"), rendition.get("height")
    if isinstance(width, int | float) and isinstance(height, int | float):
        return width * height
    return 0
