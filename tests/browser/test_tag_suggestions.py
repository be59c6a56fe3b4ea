"""Tag suggestions in the story form, in Chromium: shown under the tag fields with
why, one click adds each, and saving keeps them; a new person exists only then."""

import os
import re

import pytest
from playwright.sync_api import expect

from articles.models import PersonTag, Story
from articles.services.intake import import_wire
from tests.browser.journeys import log_in
from tests.browser.test_csp import watch_for_violations
from tests.factories import CountryFactory, SectionFactory, StoryFactory
from tests.test_tag_suggestions import WIRE_COPY
from tests.workflow import role_user

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BODY = (
    "<p>The United States has, for the first time, publicly backed a coalition of "
    "Ukraine’s allies pledging security guarantees against Russian aggression, at "
    "a summit in Paris.</p>"
    "<p>U.S. envoys Steve Witkoff and Jared Kushner joined European and Ukrainian "
    "leaders. Witkoff said President Donald Trump strongly supports the protocols."
    "</p><p>Ukrainian President Volodymyr Zelenskiy welcomed the talks; France and "
    "Britain said they would lead. Russia did not comment.</p>"
)
COUNTRIES = ["US", "UA", "RU", "FR", "GB"]


@pytest.fixture
def countries():
    # An earlier transactional test may have flushed the seeded countries.
    return {code: CountryFactory(code=code) for code in COUNTRIES}


@pytest.fixture
def reporter_page(page, countries):
    reporter = role_user("Reporter", first_name="Rita", last_name="Reporter")
    log_in(page, reporter)
    return page


def keep(page, name):
    """Kept in NEWSROOM_SCREENSHOTS for docs/desk.md: the window on the tag fields."""
    folder = os.environ.get("NEWSROOM_SCREENSHOTS")
    if folder:
        page.locator(".field-country_list").evaluate(
            "row => { row.scrollIntoView({block: 'start'}); window.scrollBy(0, -60); }"
        )
        page.screenshot(path=os.path.join(folder, f"{name}.png"))


def shelf(page, field):
    return page.locator(f"#{field}-suggested + .desk-suggestion-list")


def test_a_click_adds_a_suggested_tag_and_save_keeps_it(reporter_page, countries):
    """A Reporter's draft shows the countries and people its text names, with why;
    one click on each adds it, and the new person is made only on save."""
    page = reporter_page
    problems = watch_for_violations(page)
    story = StoryFactory(
        draft=True, headline="US backs guarantees for Ukraine", body=BODY
    )
    story.countries.add(countries["FR"])
    page.goto(f"/admin/articles/story/{story.pk}/change/")

    countries_shelf = shelf(page, "country_list")
    expect(countries_shelf).to_contain_text("Ukraine")
    expect(countries_shelf).not_to_contain_text("France")
    expect(countries_shelf.locator("li", has_text="United States")).to_contain_text(
        re.compile(r"mentioned 3 times, first in the headline \(as “US”, “U\.S\.”")
    )
    page.set_viewport_size({"width": 1280, "height": 1000})
    expect(shelf(page, "person_list")).to_contain_text("Steve Witkoff")
    keep(page, "tag-suggestions-1280")
    page.get_by_role("button", name="Add Ukraine to countries").click()
    expect(
        page.locator("#id_country_list").locator("..").locator("..")
    ).to_contain_text("Ukraine")
    expect(countries_shelf).not_to_contain_text("Ukraine")
    expect(page.locator(".desk-suggest-status")).to_have_text(
        "Ukraine added to countries."
    )

    trump = shelf(page, "person_list").locator("li", has_text="Donald Trump")
    expect(trump).to_contain_text("new person")
    expect(trump).to_contain_text("after “President”")
    # The related headlines' suggestions follow the tags: let them settle before
    # saving, as a person would (on SQLite a read during the save can fail).
    with page.expect_response(lambda response: "/story/suggestions/" in response.url):
        page.get_by_role("button", name="Add Donald Trump to people").click()
    expect(
        page.locator('input[name=person_list][value="new:Donald Trump"]')
    ).to_have_count(1)
    assert not PersonTag.objects.exists()

    page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".messagelist")).to_contain_text("Draft saved at")
    story = Story.objects.get(pk=story.pk)
    assert sorted(story.countries.values_list("code", flat=True)) == ["FR", "UA"]
    assert list(story.people.names()) == ["Donald Trump"]
    assert list(PersonTag.objects.values_list("name", flat=True)) == ["Donald Trump"]
    # Once saved, they are the story's tags, no longer suggestions.
    expect(shelf(page, "country_list")).to_contain_text("Russia")
    expect(shelf(page, "country_list")).not_to_contain_text("Ukraine")
    expect(shelf(page, "person_list")).not_to_contain_text("Donald Trump")
    assert problems == []


def test_a_typed_story_is_read_on_request_and_as_it_changes(reporter_page):
    """On a new story, “Suggest tags from the text” reads the typed headline, and
    typing in the body reads it again after a pause."""
    page = reporter_page
    SectionFactory(slug="europe", name="Europe")
    page.goto("/admin/articles/story/add/")
    expect(page.locator(".desk-tag-suggestions").first).to_be_hidden()
    page.locator("#id_headline").fill("Russia and Ukraine talk in Paris")
    page.get_by_role("button", name="Suggest tags from the text").click()
    expect(page.locator(".desk-suggest-status")).to_have_text(
        "2 countries and 0 people suggested from the text."
    )
    expect(shelf(page, "country_list")).to_contain_text("Russia")
    page.locator(".ProseMirror[contenteditable=true]").first.click()
    page.keyboard.type("France said President Emmanuel Macron would host them.")
    expect(shelf(page, "country_list")).to_contain_text(
        "France" + "mentioned once, first in paragraph 1"
    )
    expect(shelf(page, "person_list")).to_contain_text("Emmanuel Macron")


def test_suggestions_fit_a_phone(reporter_page):
    """At 390 px the suggestions wrap inside the screen and their buttons are
    finger-sized."""
    page = reporter_page
    page.set_viewport_size({"width": 390, "height": 844})
    story = StoryFactory(draft=True, headline="US backs Ukraine", body=BODY)
    page.goto(f"/admin/articles/story/{story.pk}/change/")
    add = page.get_by_role("button", name="Add Volodymyr Zelenskiy to people")
    expect(add).to_be_visible()
    keep(page, "tag-suggestions-390")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    box = add.bounding_box()
    assert box["x"] + box["width"] <= 390
    assert box["height"] >= 32


def test_an_imported_draft_shows_its_suggestions_at_once(reporter_page):
    """A draft made from wire copy opens with its suggestions drawn in, asking the
    server nothing more, and under the policy."""
    page = reporter_page
    problems = watch_for_violations(page)
    SectionFactory()
    story = import_wire(source=WIRE_COPY, user=None).story
    asked = []
    page.on(
        "request",
        lambda request: (
            asked.append(request.url) if "tag-suggestions" in request.url else None
        ),
    )
    page.goto(f"/admin/articles/story/{story.pk}/change/")
    expect(shelf(page, "person_list")).to_contain_text("Donald Trump")
    page.get_by_role("button", name="Add Russia to countries").click()
    expect(page.locator(".desk-suggest-status")).to_have_text(
        "Russia added to countries."
    )
    assert asked == []
    assert problems == []
