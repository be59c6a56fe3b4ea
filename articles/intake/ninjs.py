"""IPTC ninjs (2.x, and 1.x where it differs) read into a WireItem.

Mapped: headlines (1.x headline), bodies (1.x body_html/body_text), descriptions
(1.x description_text) to the dek, by (1.x byline), located, copyrightholder or
usageterms to the credit, subjects/places/people (1.x subject/place/person) to
tags, embargoed, pubstatus, uri, version, associated pictures (their renditions'
href) and associated texts' headlines as related headlines. Every other field the
standard defines is accepted and left aside; a field it does not define is refused,
as the standard's own schema refuses it.
"""

from django.utils.html import escape

from ..sanitize import clean_html
from . import ninjs_fields as fields
from .item import WireError, WireItem, digest, paragraphs_of, split_names

MAX_ASSOCIATIONS = 30
COMMON = {
    "uri", "type", "representationtype", "profile", "version", "firstcreated",
    "versioncreated", "contentcreated", "embargoed", "pubstatus", "urgency",
    "copyrightholder", "copyrightnotice", "usageterms", "ednote", "language",
    "title", "slugline", "located", "renditions", "associations", "altids",
    "genres", "expires", "rightsinfo", "name",
}  # fmt: skip
FIELDS = {
    2: COMMON | {
        "headlines", "bodies", "descriptions", "by", "people", "organisations",
        "places", "subjects", "events", "objects", "infosources", "trustindicators",
        "standard",
    },
    1: COMMON | {
        "mimetype", "headline", "byline", "person", "organisation", "place",
        "subject", "event", "object", "infosource", "trustindicator", "$standard",
        "genre", "charcount", "wordcount",
    },
}  # fmt: skip
PATTERNS_1 = ("description_", "body_", "headline_")


def parse(copy):
    item = fields.load(copy)
    generation = _generation(item)
    _check_fields(item, generation)
    uri = fields.string(item, "uri")
    if not uri:
        raise WireError("The ninjs item has no “uri”, which the standard requires.")
    kind = fields.string(item, "type") or "text"
    if kind not in ("text", "composite"):
        raise WireError(f"This is a ninjs “{kind}” item, not a story.")
    pubstatus = fields.string(item, "pubstatus") or "usable"
    if pubstatus not in ("usable", "withheld", "canceled"):
        raise WireError(
            f"“pubstatus” is “{pubstatus[:20]}”, which ninjs does not define."
        )
    read = _read_v2 if generation == 2 else _read_v1
    parts = read(item)
    body_html = parts.pop("body_html")
    if "<script" in body_html.lower():
        raise WireError(
            "The body holds scripts, which agency copy never does; nothing was "
            "imported."
        )
    body_html = clean_html(body_html)
    paragraphs = paragraphs_of(body_html)
    if not paragraphs and pubstatus == "usable":
        raise WireError("The ninjs item has no body text.")
    located = fields.string(item, "located")
    return WireItem(
        key=uri[:500],
        digest=digest(copy),
        body_html=body_html,
        paragraphs=paragraphs,
        format=f"ninjs {generation}",
        uri=uri[:500],
        version=fields.string(item, "version")[:40],
        dateline=located.upper()[:60],
        credit=(
            fields.string(item, "copyrightholder") or fields.string(item, "usageterms")
        )[:100],
        embargoed_until=fields.time(item, "embargoed"),
        pubstatus=pubstatus,
        headline_source="agency" if parts.get("headline") else "",
        **parts,
    )


def _generation(item):
    for key in ("standard", "$standard"):
        standard = item.get(key)
        if isinstance(standard, dict) and isinstance(standard.get("version"), str):
            major = standard["version"].split(".")[0]
            if major in ("1", "2"):
                return int(major)
            raise WireError(
                f"ninjs {standard['version'][:10]} is not supported; send 2.x or 1.x."
            )
    v1 = {"headline", "byline", "place", "subject", "person"}
    if v1 & item.keys() or any(key.startswith(PATTERNS_1) for key in item):
        return 1
    return 2


def _check_fields(item, generation):
    unknown = sorted(
        key
        for key in item
        if key not in FIELDS[generation]
        and not (generation == 1 and key.startswith(PATTERNS_1))
    )
    if unknown:
        listed = ", ".join(f"“{key[:40]}”" for key in unknown[:5])
        raise WireError(
            f"The ninjs {generation}.x item has fields the standard does not define: "
            f"{listed}. Nothing was imported."
        )


def _read_v2(item):
    headlines = fields.objects(item, "headlines")
    main = [h for h in headlines if h.get("role") in (None, "main")] or headlines
    bodies = fields.objects(item, "bodies")
    descriptions = fields.objects(item, "descriptions")
    associations = fields.objects(item, "associations")
    return {
        "headline": fields.value(main[0])[:200] if main else "",
        "dek": fields.value(descriptions[0])[:300] if descriptions else "",
        "body_html": _body_v2(bodies),
        "byline": split_names(fields.string(item, "by").removeprefix("By ")),
        "countries": fields.names_of(fields.objects(item, "places"), "name", "literal"),
        "people": fields.names_of(fields.objects(item, "people"), "name", "literal"),
        "subjects": fields.names_of(
            fields.objects(item, "subjects"), "name", "literal"
        ),
        **fields.associated(associations[:MAX_ASSOCIATIONS], generation=2),
    }


def _body_v2(bodies):
    html = [b for b in bodies if "html" in str(b.get("contenttype", ""))]
    main = [b for b in html if b.get("role") in (None, "main")] or html
    if main:
        return _body_value(main[0])
    if bodies:
        return _plain(_body_value(bodies[0]))
    return ""


def _body_value(entry):
    value = entry.get("value", "")
    if not isinstance(value, str):
        raise WireError("A body “value” should be text.")
    return value


def _plain(text):
    return "".join(f"<p>{escape(p.strip())}</p>" for p in text.split("\n") if p.strip())


def _read_v1(item):
    body = fields.string(item, "body_html") or _plain(fields.string(item, "body_text"))
    associations = item.get("associations", {})
    if not isinstance(associations, dict):
        raise WireError("“associations” should be an object in ninjs 1.x.")
    return {
        "headline": " ".join(fields.string(item, "headline").split())[:200],
        "dek": fields.string(item, "description_text")[:300],
        "body_html": body,
        "byline": split_names(fields.string(item, "byline").removeprefix("By ")),
        "countries": fields.names_of(fields.objects(item, "place"), "name", "code"),
        "people": fields.names_of(fields.objects(item, "person"), "name"),
        "subjects": fields.names_of(fields.objects(item, "subject"), "name"),
        **fields.associated(
            list(associations.values())[:MAX_ASSOCIATIONS], generation=1
        ),
    }
