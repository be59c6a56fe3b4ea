"""The one-screen story form in Chromium: the body editor, tags, related headlines,
the workflow buttons and their refusals, a phone's screen."""

import re
from types import SimpleNamespace

import pytest
from playwright.sync_api import expect

from articles.models import Story
from tests.browser.journeys import log_in
from tests.browser.test_csp import watch_for_violations
from tests.factories import (
    CountryFactory,
    PersonFactory,
    SectionFactory,
    StoryFactory,
    UserFactory,
)
from tests.workflow import role_user

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def editor_page(page):
    log_in(page, UserFactory(username="ed", is_staff=True, is_superuser=True))
    return page


def test_a_character_typed_after_a_link_is_not_part_of_it(editor_page):
    """In the body editor, what is typed right after a link stays outside it."""
    page = editor_page
    page.goto("/admin/articles/story/add/")
    page.locator(".ProseMirror[contenteditable=true]").first.click()
    page.keyboard.type("Read the report")
    for _ in "report":
        page.keyboard.press("Shift+ArrowLeft")
    page.locator(".prose-menubar button", has_text="insert_link").click()
    page.locator("dialog[open] input[name=href]").fill("https://example.org/report")
    page.locator("dialog[open] button[type=submit]").click()
    page.keyboard.press("End")
    page.keyboard.type("! Then more.")
    expect(page.locator("textarea#id_body")).to_have_value(
        re.compile(r'Read the <a href="https://example.org/report"[^>]*>report</a>! ')
    )


@pytest.fixture
def desk():
    europe = SectionFactory(slug="europe", name="Europe")
    stories = [
        StoryFactory(headline=headline, section=europe)
        for headline in ["Alpha report", "Bravo report", "Charlie report"]
    ]
    return SimpleNamespace(europe=europe, stories=stories)


def saved_order(story):
    return [link.target.headline for link in story.related_links.all()]


def test_related_headlines_reorder_by_dragging_and_by_keyboard(editor_page, desk):
    """Rows move by their handle or by their arrow buttons; the order is saved."""
    page = editor_page
    story = StoryFactory(draft=True, section=desk.europe)
    for n, target in enumerate(desk.stories):
        story.related_links.create(target=target, position=n)
    page.goto(f"/admin/articles/story/{story.pk}/change/")
    rows = page.locator(".desk-related-list > li")
    expect(rows).to_have_count(3)
    charlie = rows.nth(2).locator(".desk-handle")
    charlie.drag_to(rows.nth(0), target_position={"x": 40, "y": 2})
    expect(rows.locator(".desk-token-label")).to_have_text(
        ["Charlie report", "Alpha report", "Bravo report"]
    )
    down = page.get_by_role("button", name="Move Charlie report down")
    down.focus()
    page.keyboard.press("Enter")
    expect(rows.locator(".desk-token-label")).to_have_text(
        ["Alpha report", "Charlie report", "Bravo report"]
    )
    expect(page.locator(".desk-related .desk-live")).to_have_text(
        "Charlie report is now 2 of 3."
    )
    page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".messagelist")).to_contain_text("Draft saved at")
    assert saved_order(story) == ["Alpha report", "Charlie report", "Bravo report"]


def test_tokens_come_off_by_button_or_backspace(editor_page, desk):
    """A tag comes off with its × or with Backspace in the empty box; saved so."""
    page = editor_page
    story = StoryFactory(draft=True, section=desk.europe)
    story.countries.add(CountryFactory(code="UA"), CountryFactory(code="FR"))
    story.people.add(PersonFactory(name="Olena Marchenko"))
    page.goto(f"/admin/articles/story/{story.pk}/change/")
    page.get_by_role("button", name="Remove Olena Marchenko").click()
    page.locator("#id_country_list").press("Backspace")
    expect(page.locator("#id_country_list-options")).to_be_hidden()
    page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".messagelist")).to_contain_text("Draft saved at")
    assert list(story.countries.names()) == ["France"]
    assert not story.people.exists()


def force(page, name, value, tag="button"):
    """Add to the page a control the server did not offer, as a crafty user would."""
    page.evaluate(
        """([tag, name, value]) => {
            const forced = document.createElement(tag);
            forced.name = name;
            forced.value = value;
            if (tag === "button") forced.textContent = "Forced";
            document.querySelector(".desk-bar-buttons").append(forced);
        }""",
        [tag, name, value],
    )


@pytest.mark.parametrize("action", ["publish", "schedule", "unpublish"])
def test_a_reporter_forcing_a_publishing_button_is_refused(page, desk, action):
    """A reporter sees no publishing button; one added to the page by hand is
    refused and saves nothing."""
    story = StoryFactory(draft=True, headline="Kept", section=desk.europe)
    log_in(page, role_user("Reporter"))
    page.goto(f"/admin/articles/story/{story.pk}/change/")
    for name in ["Publish now", "Schedule…", "Unpublish"]:
        expect(page.get_by_role("button", name=name)).to_have_count(0)
    page.locator("#id_headline").fill("Changed")
    force(page, "schedule_at", "2030-01-01T09:30", tag="input")
    force(page, "workflow", action)
    page.get_by_role("button", name="Forced").click()
    expect(page.locator(".errornote + .errorlist")).to_have_text(
        f"Only editors may {action} a story. Nothing was saved."
    )
    story.refresh_from_db()
    assert (story.headline, story.status, story.published_at) == (
        "Kept",
        Story.Status.DRAFT,
        None,
    )


def test_a_reporter_forcing_an_embargo_changes_nothing(page, desk):
    """An embargo time added to a reporter's page by hand is not saved."""
    story = StoryFactory(draft=True, section=desk.europe)
    log_in(page, role_user("Reporter"))
    page.goto(f"/admin/articles/story/{story.pk}/change/")
    expect(page.locator("#id_embargoed_until")).to_have_count(0)
    force(page, "embargoed_until", "2030-01-01T09:30", tag="input")
    page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".messagelist")).to_contain_text("Draft saved at")
    story.refresh_from_db()
    assert story.embargoed_until is None


def test_a_reporter_forcing_a_save_on_a_published_story_is_refused(page, desk):
    """A published story is read-only to a reporter; a forced Save is refused."""
    story = StoryFactory(headline="Live", section=desk.europe)
    log_in(page, role_user("Reporter"))
    page.goto(f"/admin/articles/story/{story.pk}/change/")
    expect(page.locator("button[name=workflow]")).to_have_count(0)
    expect(page.locator("#id_headline")).to_have_count(0)
    page.evaluate(
        """() => {
            const form = document.getElementById("story_form");
            const forced = document.createElement("button");
            forced.name = "workflow";
            forced.value = "save";
            forced.textContent = "Forced";
            form.append(forced);
        }"""
    )
    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.get_by_role("button", name="Forced").click()
    assert posted.value.status == 403
    story.refresh_from_db()
    assert (story.headline, story.status) == ("Live", Story.Status.PUBLISHED)


def test_the_form_fits_a_phone(editor_page, desk):
    """At 390 px the form has no sideways scroll and its buttons stay in view."""
    page = editor_page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/admin/articles/story/add/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    for name in ["Save draft", "Submit for review", "Publish now", "Preview"]:
        button = page.get_by_role("button", name=name, exact=True)
        box = button.bounding_box()
        assert box["y"] + box["height"] <= 844, name
        assert box["height"] >= 40, name
    page.locator("#id_headline").fill("Quake hits the coast")
    page.select_option("#id_section", label="Europe")
    page.get_by_role("button", name="Preview", exact=True).click()
    pane = page.frame_locator("iframe[name=desk-preview-frame]")
    expect(pane.locator("h1")).to_have_text("Quake hits the coast")
    assert page.locator("#desk-preview iframe").bounding_box()["width"] >= 380


def test_the_form_runs_under_the_policy(editor_page, desk):
    """Typing tags, adding a related headline and opening the preview pane break no
    rule of the admin's Content Security Policy and raise no script error."""
    page = editor_page
    problems = watch_for_violations(page)
    story = StoryFactory(draft=True, section=desk.europe)
    desk.stories[0].countries.add(CountryFactory(code="UA"))
    page.goto(f"/admin/articles/story/{story.pk}/change/")
    box = page.locator("#id_country_list")
    box.press_sequentially("ukr")
    expect(page.locator("#id_country_list-options [aria-selected=true]")).to_have_text(
        re.compile("Ukraine")
    )
    box.press("Enter")
    page.get_by_role("button", name="Add Alpha report").click()
    page.get_by_role("button", name="Preview", exact=True).click()
    pane = page.frame_locator("iframe[name=desk-preview-frame]")
    expect(pane.locator(".related")).to_contain_text("Alpha report")
    assert problems == []


def test_an_outside_link_is_pasted_and_titled(editor_page, desk):
    """A pasted web address is offered as an outside link; the cursor moves to its
    title, and both are saved."""
    page = editor_page
    story = StoryFactory(draft=True, section=desk.europe)
    page.goto(f"/admin/articles/story/{story.pk}/change/")
    box = page.locator("#id_link_list")
    box.fill("https://example.org/un-report")
    expect(page.locator("#id_link_list-options [aria-selected=true]")).to_have_text(
        "Add the outside link https://example.org/un-report"
    )
    box.press("Enter")
    title = page.get_by_role(
        "textbox", name="Title of the link to https://example.org/un-report"
    )
    expect(title).to_be_focused()
    title.press_sequentially("UN report on the grain deal")
    page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".messagelist")).to_contain_text("Draft saved at")
    link = story.related_links.get()
    assert (link.url, link.title) == (
        "https://example.org/un-report",
        "UN report on the grain deal",
    )
