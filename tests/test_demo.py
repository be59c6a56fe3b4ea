"""The demo desk: `make run` shows a day of world news; reloading changes nothing."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils.html import escape

from articles.models import Byline, FrontPageSlot, PersonTag, RelatedLink, Story

pytestmark = pytest.mark.django_db

DESK = json.loads(
    (Path(__file__).parents[1] / "articles" / "demo" / "desk.json").read_text()
)


def load():
    call_command("load_demo", stdout=StringIO())


def snapshot():
    return {
        "stories": list(Story.objects.order_by("pk").values()),
        "bylines": list(Byline.objects.order_by("pk").values()),
        "links": list(RelatedLink.objects.order_by("pk").values()),
        "people": list(PersonTag.objects.order_by("pk").values()),
        "slots": list(FrontPageSlot.objects.order_by("pk").values()),
    }


def test_demo_desk_serves_the_lead_and_its_related_headlines(client):
    """The lead story leads the front page and lists the seed's headlines in order."""
    load()
    lead = Story.objects.get(slug=DESK["stories"][0]["slug"])
    front = client.get(reverse("articles:front_page"))
    assert escape(lead.headline) in front.context["lead_teaser"]
    page = client.get(lead.get_absolute_url())
    assert page.status_code == 200
    related = page.context["related"]
    expected = [row["headline"] for row in DESK["stories"][1:]]
    assert [headline.title for headline in related] == expected
    for headline in related:
        assert client.get(headline.url).status_code == 200


def test_demo_stories_are_tagged_and_bylined():
    """Every demo story has countries, a byline or a credit, and a clean body."""
    load()
    assert PersonTag.objects.filter(story_items__isnull=False).distinct().count() >= 8
    for story in Story.objects.published().prefetch_related("countries"):
        assert story.countries.all(), story.slug
        assert story.bylines.exists() or story.credit, story.slug
        assert story.body.startswith("<p>")


def test_loading_twice_changes_nothing():
    """A second load adds nothing and rewrites nothing."""
    load()
    before = snapshot()
    load()
    assert snapshot() == before


def test_loading_keeps_an_editors_changes():
    """An edited or deleted demo story is not restored over the editor's work."""
    load()
    lead = Story.objects.get(slug=DESK["stories"][0]["slug"])
    lead.headline = "Edited by the desk"
    lead.save()
    RelatedLink.objects.filter(story=lead, position=1).delete()
    load()
    lead.refresh_from_db()
    assert lead.headline == "Edited by the desk"
    assert not RelatedLink.objects.filter(story=lead, position=1).exists()


def test_ensure_editor_creates_one_account_and_keeps_it(monkeypatch):
    """The local editor account is made once, from the environment when given."""
    from django.contrib.auth import get_user_model

    monkeypatch.setenv("NEWSROOM_EDITOR_USERNAME", "desk")
    monkeypatch.setenv("NEWSROOM_EDITOR_PASSWORD", "a long demo password")
    out = StringIO()
    call_command("ensure_editor", stdout=out)
    assert "a long demo password" in out.getvalue()
    user = get_user_model().objects.get(username="desk")
    assert user.is_staff and user.check_password("a long demo password")
    monkeypatch.setenv("NEWSROOM_EDITOR_PASSWORD", "another password")
    call_command("ensure_editor", stdout=StringIO())
    user.refresh_from_db()
    assert user.check_password("a long demo password")
