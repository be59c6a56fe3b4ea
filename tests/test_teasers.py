"""How reader pages credit and date a story."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from django.template import engines
from django.utils import timezone

from tests.factories import AuthorFactory, BylineFactory, StoryFactory

pytestmark = pytest.mark.django_db


def render(source, **context):
    return engines["django"].from_string(source).render(context)


def test_byline_names_authors_roles_and_agency(client):
    """“By A, B (photos) and C · Agency”: authors linked, plain roles unsaid."""
    story = StoryFactory(credit="Reuters & AP")
    for position, (name, role) in enumerate(
        [("Ana", "reporting"), ("Ben <b>", "photos"), ("Chloé", "writing")]
    ):
        BylineFactory(
            story=story, author=AuthorFactory(name=name), position=position, role=role
        )
    html = client.get(story.get_absolute_url()).text
    assert (
        'By <a href="/author/{}/">Ana</a>, <a href="/author/{}/">Ben &lt;b&gt;</a> '
        '(photos) and <a href="/author/{}/">Chloé</a> · '
        '<span class="credit">Reuters &amp; AP</span>'
    ).format(*[b.author.slug for b in story.bylines.order_by("position")]) in html


def test_byline_with_an_agency_only():
    """A wire story without authors is credited to the agency alone."""
    story = StoryFactory(credit="AFP")
    assert render("{% load bylines %}{% byline story %}", story=story) == (
        '<p class="byline"><span class="credit">AFP</span></p>'
    )
    assert render("{% load bylines %}{% byline story %}", story=StoryFactory()) == ""


def test_times_are_shown_in_the_site_time_zone():
    """A timestamp reads in the newsroom's zone, with its abbreviation, daylight saving
    included."""
    when = datetime(2026, 7, 1, 12, 0, tzinfo=UTC)
    with timezone.override(ZoneInfo("Europe/Paris")):
        html = render("{% load times %}{% timestamp when %}", when=when)
    assert html == (
        '<time datetime="2026-07-01T14:00:00+02:00">1 July 2026, 14:00 CEST</time>'
    )
    assert render("{% load times %}{% timestamp when %}", when=when).endswith(
        "12:00 UTC</time>"
    )
