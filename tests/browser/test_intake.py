"""Wire intake in a real browser: paste the day's first story, accept, save."""

import json
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from playwright.sync_api import expect

from articles.models import Story
from tests.factories import CountryFactory
from tests.workflow import PASSWORD, role_user

SEED = Path(
    os.environ.get("NEWSROOM_SEED_DIR")
    or Path(settings.BASE_DIR).parent / "shared" / "seed"
)
DESK = Path(settings.BASE_DIR) / "articles" / "demo" / "desk.json"
COUNTRIES = ["US", "UA", "RU", "FR", "GB"]
PEOPLE = [
    "Steve Witkoff",
    "Jared Kushner",
    "Alexus Grynkewich",
    "Donald Trump",
    "Volodymyr Zelenskiy",
]

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(not SEED.is_dir(), reason="the shared seed is not here"),
]


def test_a_reporter_pastes_the_seed_accepts_suggestions_and_saves(page):
    """The pasted story becomes a draft with the accepted tags and its links."""
    # An earlier transactional test may have flushed the seeded countries.
    for code in COUNTRIES:
        CountryFactory(code=code)
    call_command("load_demo", stdout=open(os.devnull, "w"))
    reporter = role_user("Reporter", first_name="Rita", last_name="Reporter")
    page.goto("/admin/login/")
    page.fill("#id_username", reporter.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    expect(page.locator("#site-name")).to_be_visible()

    page.goto("/admin/articles/wireimport/add/")
    page.fill("#id_copy", sorted(SEED.glob("*.txt"))[0].read_text())
    page.click("#wire-import-form input[type=submit]")
    expect(page.locator("#wire-draft")).to_be_visible()
    for code in COUNTRIES:
        page.locator(f"input[name=country][value={code}]").check()
    for name in PEOPLE:
        page.locator(f"input[name=person][data-label='{name}']").check()
    page.click("text=Save choices to the draft")
    expect(page.locator("#id_headline")).to_be_visible()

    draft = Story.objects.get(status=Story.Status.DRAFT)
    assert draft.history.first().history_user == reporter
    assert draft.body.count("<p>") == 6
    assert set(draft.countries.values_list("code", flat=True)) == set(COUNTRIES)
    assert set(draft.people.values_list("name", flat=True)) == set(PEOPLE)
    order = json.loads(DESK.read_text())["lead_related"]
    linked = list(
        draft.related_links.order_by("position").values_list("target__slug", flat=True)
    )
    assert len(linked) >= 13
    assert linked == [slug for slug in order if slug in linked]
