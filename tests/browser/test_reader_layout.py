"""The reader's pages on a phone and without scripts, in a real Chromium."""

import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from articles.models import Story
from tests.factories import CountryFactory, StoryFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def context_of(chromium, live_server):
    """Browser contexts made to measure; all closed after the test."""
    made = []

    def make(**options):
        context = chromium.new_context(base_url=live_server.url, **options)
        made.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        return page

    yield make
    for context in made:
        context.close()


def test_on_a_phone_the_headline_starts_within_120_px(context_of):
    """At 390 px the story's headline starts within the first 120 px, the sections
    scroll in one row, and search is one tap away."""
    call_command("load_demo", verbosity=0)
    page = context_of(viewport=PHONE)
    story = Story.objects.published().select_related("section").first()
    page.goto(story.get_absolute_url())
    assert page.locator("h1").bounding_box()["y"] < 120
    row = page.locator(".sections ul li").all()
    assert len({round(item.bounding_box()["y"]) for item in row}) == 1
    page.locator(".search-link").click()
    assert page.url.endswith("/search/")
    assert page.locator("#id_q").is_visible()


def test_on_a_phone_the_search_form_fits_the_screen(context_of):
    """At 390 px every field of the search form, the country list with its long
    names too, fits the screen: nothing to scroll sideways to."""
    call_command("load_demo", verbosity=0)
    # The seeded country with the longest name (made again if a test flushed it).
    longest = CountryFactory(code="GS")
    assert longest.name == "South Georgia and the South Sandwich Islands"
    StoryFactory(headline="Ukraine and a far island").countries.add(longest)
    page = context_of(viewport=PHONE)
    page.goto("/search/?q=ukraine")
    assert page.locator("#id_country option", has_text=longest.name).count() == 1
    for field in page.locator(
        ".search-page-form input, .search-page-form select"
    ).all():
        if field.is_visible():
            box = field.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_the_lead_has_no_rule_above_it(context_of):
    """The front page's lead teaser has no border above its picture."""
    call_command("load_demo", verbosity=0)
    page = context_of(viewport={"width": 1280, "height": 900})
    page.goto("/")
    width = page.eval_on_selector(
        ".teaser-lead", "el => getComputedStyle(el).borderTopWidth"
    )
    assert width == "0px"


def test_every_page_reads_without_javascript(context_of):
    """With scripts off, a story shows its headline, body, times and second column."""
    call_command("load_demo", verbosity=0)
    page = context_of(java_script_enabled=False)
    story = Story.objects.published().select_related("section").first()
    page.goto(story.get_absolute_url())
    assert page.locator("h1").inner_text() == story.headline
    assert page.locator(".story .body p").count() > 1
    assert "ago" in page.locator(".story .meta time").first.inner_text()
    assert page.locator(".story-rail .headlines li").count() > 0
    for path in ("/", "/search/?q=ukraine", "/country/ukraine/"):
        page.goto(path)
        assert page.locator("main h1, main h2").count() > 0, path


def test_times_follow_the_readers_zone_where_scripts_run(context_of):
    """An older story's date is said in the reader's time zone by the small script;
    a recent one keeps saying how long ago."""
    older = StoryFactory(
        headline="Older story",
        published_at=timezone.now() - timedelta(days=3),
    )
    page = context_of(timezone_id="Asia/Tokyo")
    page.goto(older.get_absolute_url())
    said = page.locator(".story .meta time").first
    page.wait_for_function(
        "el => !el.textContent.includes('UTC')", arg=said.element_handle()
    )
    local = older.published_at.astimezone(timezone.get_fixed_timezone(9 * 60))
    assert f"{local:%H:%M}" in said.inner_text()
    assert re.search(r"GMT\+9|JST", said.inner_text())
