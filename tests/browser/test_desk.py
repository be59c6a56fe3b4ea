"""The desk, the revision diff and share links in a real Chromium, within the CSP."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from articles import services
from articles.models import Story
from tests.browser.test_csp import watch_for_violations
from tests.factories import SectionFactory, StoryFactory
from tests.workflow import PASSWORD, role_user

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def log_in(chromium, live_server):
    """log_in(user, **context options) -> a logged-in page; contexts closed after."""
    opened = []

    def log_in(user, **options):
        context = chromium.new_context(base_url=live_server.url, **options)
        opened.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.goto("/admin/login/")
        page.fill("#id_username", user.username)
        page.fill("#id_password", PASSWORD)
        page.click("input[type=submit]")
        page.wait_for_url("**/admin/")
        return page

    yield log_in
    for context in opened:
        context.close()


def editor():
    return role_user("Editor", username="aisha", first_name="Aisha", last_name="Khan")


def test_editor_publishes_from_the_desk_in_one_click(log_in):
    """From the landing page, one click on Publish now puts a story in review live."""
    story = StoryFactory(in_review=True, headline="Port strike ends")
    page = log_in(editor())
    problems = watch_for_violations(page)
    row = page.locator(".desk-queue-review .desk-row", has_text="Port strike ends")
    row.get_by_role("button", name="Publish now").click()
    expect(page.locator(".messagelist")).to_contain_text(
        "Published “Port strike ends”: readers see it now."
    )
    assert Story.objects.published().filter(pk=story.pk).exists()
    expect(page.locator(".desk-queue-published")).to_contain_text("Port strike ends")
    assert problems == []


def test_editor_schedules_from_the_desk(log_in):
    """Schedule… opens a time field; the story is scheduled for the time typed."""
    story = StoryFactory(in_review=True, headline="Budget vote")
    page = log_in(editor())
    row = page.locator(".desk-queue-review .desk-row", has_text="Budget vote")
    row.locator("summary").click()
    at = timezone.localtime() + timedelta(days=1)
    row.locator("input[type=datetime-local]").fill(f"{at:%Y-%m-%dT%H:%M}")
    row.get_by_role("button", name="Schedule", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("Scheduled “Budget vote”")
    story.refresh_from_db()
    assert story.is_scheduled
    expect(page.locator(".desk-queue-scheduled")).to_contain_text("Budget vote")


def test_the_diff_is_coloured_and_the_breadcrumbs_styled(log_in):
    """Removed words show red, added words green, under the admin's breadcrumb bar."""
    story = StoryFactory(draft=True, headline="Old words here")
    story.headline = "New words here"
    services.save_story(story=story)
    old, new = story.history.order_by("history_date", "history_id")[:2]
    page = log_in(editor())
    problems = watch_for_violations(page)
    page.goto(
        f"/admin/articles/story/{story.pk}/history/compare/"
        f"?a={old.history_id}&b={new.history_id}"
    )
    colour = "el => getComputedStyle(el).backgroundColor"
    assert page.locator("#revision-diff del").first.evaluate(colour) == (
        "rgb(251, 211, 211)"
    )
    assert page.locator("#revision-diff ins").first.evaluate(colour) == (
        "rgb(201, 242, 208)"
    )
    assert page.locator("ol.breadcrumbs").evaluate(colour) == "rgb(38, 75, 93)"
    page.goto(f"/admin/articles/story/{story.pk}/history/")
    expect(page.locator(".revision-what").first).to_have_text("Edited")
    assert problems == []


def test_copy_link_puts_the_share_address_on_the_clipboard(log_in, settings):
    """Copy link copies the share link's full address and says so."""
    story = StoryFactory(draft=True)
    aisha = editor()
    services.share_story(story=story, user=aisha, note="Legal")
    page = log_in(aisha, permissions=["clipboard-read", "clipboard-write"])
    problems = watch_for_violations(page)
    page.goto(f"/admin/articles/story/{story.pk}/change/")
    page.get_by_role("button", name="Copy link").click()
    expect(page.locator(".copy-status")).to_have_text("Copied.")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith(f"{settings.SITE_URL}/share/")
    assert copied == page.locator(".share-address a").get_attribute("href")
    assert problems == []


def test_a_reporters_desk_offers_no_editor_step_and_a_forged_one_fails(log_in):
    """A reporter sees Submit on their draft and no editor's button; a publish
    posted from their browser by hand is refused and changes nothing."""
    rita = role_user("Reporter", username="rita")
    section = SectionFactory()
    services.save_story(
        story=StoryFactory.build(draft=True, section=section), user=rita
    )
    waiting = StoryFactory(in_review=True, headline="Waiting")
    StoryFactory(scheduled=True)
    StoryFactory(embargoed=True)
    page = log_in(rita)
    expect(page.locator(".desk-queue-drafts button")).to_have_text(
        [re.compile("^Submit for review")]
    )
    for name in ["Publish now", "Back to draft", "Lift embargo"]:
        expect(page.get_by_role("button", name=re.compile(name))).to_have_count(0)
    expect(page.locator(".desk-schedule")).to_have_count(0)
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    forged = page.request.post(
        f"/admin/desk/{waiting.pk}/publish/",
        form={"csrfmiddlewaretoken": token},
        headers={"Referer": page.url},
    )
    assert forged.status == 403
    waiting.refresh_from_db()
    assert waiting.status == Story.Status.IN_REVIEW
