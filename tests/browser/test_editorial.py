"""The editorial workflow in a real browser: write, review, preview, publish."""

import re

import pytest
from playwright.sync_api import expect

from articles.models import Story
from tests.factories import CountryFactory, SectionFactory, StoryFactory
from tests.workflow import PASSWORD, role_user

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def contexts(chromium, live_server):
    """Browser contexts opened by a test, all closed before the server stops."""
    opened = []

    def new():
        opened.append(chromium.new_context(base_url=live_server.url))
        return opened[-1]

    yield new
    for context in opened:
        context.close()


def log_in(new_context, user):
    context = new_context()
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto("/admin/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    expect(page.locator("#site-name")).to_be_visible()
    return page


def pick(page, field_id, typed, offered):
    """Type into a token field and press Enter on the match it offers."""
    box = page.locator(f"#{field_id}")
    box.press_sequentially(typed)
    expect(page.locator(f"#{field_id}-options [aria-selected=true]")).to_contain_text(
        offered
    )
    box.press("Enter")


def test_reporter_writes_editor_publishes_reader_sees(contexts):
    """Reporter files; editor previews, publishes; reader sees it; stale save fails."""
    SectionFactory(slug="europe", name="Europe")
    country = CountryFactory(code="UA")
    StoryFactory(headline="Earlier story on the port", slug="earlier-port")
    reporter = role_user("Reporter", first_name="Rita", last_name="Reporter")
    aisha = role_user("Editor", username="aisha", first_name="Aisha", last_name="Khan")
    ben = role_user("Editor", username="ben", first_name="Ben", last_name="Ortiz")

    page = log_in(contexts, reporter)
    page.goto("/admin/articles/story/add/")
    expect(page.locator("#id_published_at")).to_have_count(0)
    expect(page.get_by_role("button", name="Publish now")).to_have_count(0)
    page.locator("#id_headline").press_sequentially("Grain ships leave Odesa")
    page.select_option("#id_section", label="Europe")
    editor = page.locator(".ProseMirror[contenteditable=true]").first
    editor.click()
    page.keyboard.type("Three ships left the port at dawn.")
    pick(page, "id_country_list", "ukr", country.name)
    pick(page, "id_link_list", "earlier", "Earlier story")
    page.get_by_role("button", name="Submit for review").click()
    expect(page.locator(".messagelist")).to_contain_text("Submitted for review at")
    story = Story.objects.get(slug="grain-ships-leave-odesa")
    assert story.status == Story.Status.IN_REVIEW
    assert "Three ships left the port at dawn." in story.body
    assert list(story.countries.all()) == [country]
    assert story.related_links.get().target.slug == "earlier-port"

    page = log_in(contexts, aisha)
    page.goto(f"/preview/{story.pk}/")
    expect(page.locator(".preview-banner")).to_contain_text("In review")
    expect(page.locator("h1")).to_have_text("Grain ships leave Odesa")
    page.goto("/admin/articles/story/")
    page.check(f"input[name=_selected_action][value='{story.pk}']")
    page.select_option("select[name=action]", "publish")
    page.click("button[name=index]")
    expect(page.locator(".messagelist")).to_contain_text("Published 1 stories")

    reader = contexts().new_page()
    reader.goto("/")
    expect(reader.locator("main")).to_contain_text("Grain ships leave Odesa")

    first = page
    second = log_in(contexts, ben)
    url = f"/admin/articles/story/{story.pk}/change/"
    first.goto(url)
    second.goto(url)
    expect(second.locator("#story-presence")).to_contain_text(
        "Aisha Khan has been editing since"
    )
    first.fill("#id_headline", "Grain ships leave Odesa under escort")
    first.get_by_role("button", name="Save changes").click()
    expect(first.locator(".messagelist")).to_contain_text("Saved at")
    second.fill("#id_headline", "Ben's stale headline")
    second.get_by_role("button", name="Save changes").click()
    expect(second.locator(".errornote, .errorlist").first).to_be_visible()
    expect(second.locator("form#story_form")).to_contain_text(
        re.compile("Aisha Khan changed this story at")
    )
    expect(second.locator("#id_headline")).to_have_value("Ben's stale headline")
    story.refresh_from_db()
    assert story.headline == "Grain ships leave Odesa under escort"
