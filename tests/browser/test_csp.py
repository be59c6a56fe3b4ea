"""Pages work in a real browser under the Content Security Policy."""

import pytest
from playwright.sync_api import expect

from tests.factories import StoryFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def watch_for_violations(page):
    """Console errors and CSP violations the browser reports while pages load."""
    problems = []
    page.on(
        "console",
        lambda message: (
            problems.append(message.text)
            if message.type == "error" and "Failed to load resource" not in message.text
            else None
        ),
    )
    page.on("pageerror", lambda error: problems.append(str(error)))
    # Missing files are listed by URL, the browser's own favicon probe included.
    page.on(
        "response",
        lambda response: (
            problems.append(f"{response.status} {response.url}")
            if response.status >= 400
            else None
        ),
    )
    return problems


def test_reader_pages_load_without_policy_violations(page):
    """A reader's pages load their styles and show no CSP errors."""
    story = StoryFactory(headline="Policy holds")
    problems = watch_for_violations(page)
    for url in ["/", story.section.get_absolute_url(), story.get_absolute_url()]:
        page.goto(url)
    assert page.locator("h1").inner_text() == "Policy holds"
    assert page.evaluate("document.styleSheets[0].cssRules.length") > 0
    assert problems == []


def test_editor_works_in_the_admin_without_policy_violations(page):
    """An editor logs in, opens the desk, a list and a story form with no CSP errors."""
    UserFactory(username="ada", is_staff=True, is_superuser=True)
    story = StoryFactory(headline="Desk story")
    problems = watch_for_violations(page)
    page.goto("/admin/")
    page.fill("#id_username", "ada")
    page.fill("#id_password", "correct horse 42")
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")
    for url in [
        "/admin/articles/story/",
        "/admin/articles/story/add/",
        f"/admin/articles/story/{story.pk}/change/",
        "/admin/articles/frontpageslot/add/",
    ]:
        page.goto(url)
        page.wait_for_load_state("load")
    # The admin's own scripts ran (the slug follows the headline), and the story
    # form's (the headline's count follows it).
    page.goto("/admin/articles/story/add/")
    page.locator("#id_headline").press_sequentially("Policy holds")
    expect(page.locator("#id_slug")).to_have_value("policy-holds")
    expect(page.locator("#id_headline_count [data-count]")).to_have_text("12")
    assert problems == []
