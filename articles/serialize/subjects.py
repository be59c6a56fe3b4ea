"""Sections, countries, people and authors as JSON data."""

from .common import page_url


def section_ref(section):
    return {
        "id": section.pk,
        "name": section.name,
        "slug": section.slug,
        "url": page_url(section),
    }


def section(section):
    return {**section_ref(section), "description": section.description}


def country(tag):
    return {
        "id": tag.pk,
        "name": tag.name,
        "slug": tag.slug,
        "code": tag.code,
        "url": page_url(tag),
    }


def person(tag):
    return {
        "id": tag.pk,
        "name": tag.name,
        "slug": tag.slug,
        "description": tag.description,
        "url": page_url(tag),
    }


def author_ref(author):
    return {
        "id": author.pk,
        "name": author.name,
        "slug": author.slug,
        "url": page_url(author),
    }


def author(author):
    return {**author_ref(author), "bio": author.bio}


def tags(story):
    """The story's countries, then its people, each with its kind (prefetched)."""
    return [
        {"kind": "country", **country(tag), "description": None}
        for tag in story.countries.all()
    ] + [{"kind": "person", **person(tag), "code": None} for tag in story.people.all()]
