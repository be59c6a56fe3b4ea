"""A story as an IPTC ninjs 2.1 news item, for agency-style consumers.

Made from the story's JSON data (stories.whole, with its related headlines), so
both forms always say the same. Only properties the ninjs 2.1 schema defines are
used; the story's page is a rendition, its picture and related stories are
associations, and its corrections are descriptions with the role "correction".
"""

import re

from django.conf import settings

STANDARD = {
    "name": "ninjs",
    "version": "2.1",
    "schema": "http://www.iptc.org/std/ninjs/ninjs-schema_2.1.json",
}
_TAG = re.compile(r"<[^>]*>")


def item(story):
    """The ninjs item for `story` (the API's whole story, related included)."""
    data = {
        "uri": story["api_url"],
        "standard": STANDARD,
        "type": "text",
        "representationtype": "full",
        "version": str(story["version"]),
        "firstcreated": story["published_at"],
        "versioncreated": story["updated_at"] or story["published_at"],
        "pubstatus": "usable",
        "language": settings.LANGUAGE_CODE,
        "copyrightholder": story["credit"] or settings.SITE_NAME,
        "headlines": [{"role": "main", "value": story["headline"]}],
        "descriptions": _descriptions(story),
        "bodies": [_body(story["body_html"])],
        "by": _by(story["bylines"]),
        "located": story["dateline"],
        "subjects": [
            {
                "name": story["section"]["name"],
                "rel": "section",
                "uri": story["section"]["url"],
                "literal": story["section"]["slug"],
            }
        ],
        "places": [
            {
                "name": tag["name"],
                "rel": "about",
                "uri": tag["url"],
                "literal": tag["code"],
            }
            for tag in story["tags"]
            if tag["kind"] == "country"
        ],
        "people": [
            {"name": tag["name"], "rel": "about", "uri": tag["url"]}
            for tag in story["tags"]
            if tag["kind"] == "person"
        ],
        "renditions": [
            {"name": "web", "href": story["url"], "contenttype": "text/html"}
        ],
        "associations": _associations(story),
        "altids": [{"role": "newsroom-id", "value": str(story["id"])}],
    }
    # Empty values say nothing; the schema allows every property to be absent.
    return {key: value for key, value in data.items() if value not in ("", [], None)}


def _descriptions(story):
    found = []
    if story["dek"]:
        found.append({"role": "summary", "value": story["dek"]})
    for correction in story["corrections"]:
        found.append(
            {
                "role": "correction",
                "value": f"{correction['kind_label']} ({correction['created_at']}): "
                f"{correction['text']}",
            }
        )
    return found


def _body(html):
    words = len(_TAG.sub(" ", html).split())
    return {
        "role": "main",
        "contenttype": "text/html",
        "value": html,
        "wordcount": words,
        "charcount": len(_TAG.sub("", html)),
    }


def _by(bylines):
    names = [row["author"]["name"] for row in bylines]
    if len(names) < 2:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def _associations(story):
    found = []
    if picture := story["lead_image"]:
        association = {
            "name": "featureimage",
            "uri": picture["url"],
            "type": "picture",
            "headlines": [{"role": "alt", "value": picture["alt_text"]}],
            "renditions": [
                {
                    "name": "original",
                    "href": picture["url"],
                    "width": picture["width"],
                    "height": picture["height"],
                }
            ]
            + [
                {
                    "name": f"{r['ratio']}-{r['width']}-{r['format']}",
                    "href": r["url"],
                    "contenttype": r["media_type"],
                    "width": r["width"],
                    "height": r["height"],
                }
                for r in picture["renditions"]
            ],
        }
        if picture["caption"]:
            association["descriptions"] = [
                {"role": "caption", "value": picture["caption"]}
            ]
        if picture["credit"]:
            association["by"] = picture["credit"]
        found.append(association)
    for n, line in enumerate(story["related"], start=1):
        found.append(
            {
                "name": f"related{n}",
                "uri": line["api_url"] or line["url"],
                "type": "text",
                "headlines": [{"role": "main", "value": line["headline"]}],
                "renditions": [
                    {"name": "web", "href": line["url"], "contenttype": "text/html"}
                ],
            }
        )
    return found
