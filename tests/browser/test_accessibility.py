"""The reader's pages pass an axe-core audit in a real Chromium."""

import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from articles import services
from articles.models import CountryTag, Story
from tests.browser.journeys import desk_scene, log_in
from tests.browser.test_tag_suggestions import BODY, COUNTRIES
from tests.factories import (
    CountryFactory,
    FrontPageSlotFactory,
    ImageFactory,
    StoryFactory,
)
from tests.workflow import PASSWORD, role_user

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = {"serious", "critical"}


@pytest.fixture
def axe():
    if not AXE.exists():
        message = "axe-core is not installed (make test runs npm ci)"
        if os.environ.get("NEWSROOM_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return AXE


@pytest.fixture
def audit_page(chromium, live_server):
    """A page that lets the audit inject axe-core: the site's CSP forbids inline
    scripts, which is how Playwright adds one; tests/browser/test_csp.py checks it."""
    context = chromium.new_context(base_url=live_server.url, bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def audit(page, axe, url):
    page.goto(url)
    return audit_here(page, axe, url)


def audit_here(page, axe, where):
    """The serious and critical violations on the page as it stands."""
    if not page.evaluate("() => typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(axe))
    results = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    # An audit that checked nothing would pass too: make sure the rules ran.
    assert len(results["passes"]) > 10, where
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} at "
        + ", ".join(str(node["target"]) for node in violation["nodes"][:5])
        for violation in results["violations"]
        if violation["impact"] in BLOCKING
    ]


def test_reader_pages_have_no_serious_accessibility_violations(audit_page, axe):
    """Front, story, country and search pages have no serious or critical issues."""
    call_command("load_demo", verbosity=0)
    story = Story.objects.published().select_related("section").first()
    country = CountryTag.objects.filter(
        story_items__content_object__in=Story.objects.published()
    ).first()
    urls = [
        "/",
        story.get_absolute_url(),
        country.get_absolute_url(),
        "/search/?q=ukraine",
    ]
    problems = {url: audit(audit_page, axe, url) for url in urls}
    assert problems == {url: [] for url in urls}


def test_desk_and_story_list_have_no_serious_accessibility_violations(
    audit_page, axe, live_server
):
    """The desk, with every queue filled, and the story list pass the audit."""
    call_command("load_demo", verbosity=0)
    aisha = role_user("Editor", username="aisha")
    now = timezone.now()
    StoryFactory(draft=True, headline="A draft")
    services.save_story(story=StoryFactory(draft=True), user=aisha)
    StoryFactory(in_review=True, headline="Waiting for an editor")
    StoryFactory(headline="Later today", published_at=now + timedelta(hours=3))
    StoryFactory(headline="Held back", embargoed_until=now + timedelta(hours=3))
    services.add_correction(story=Story.objects.published().first(), text="A fix.")
    audit_page.goto("/admin/login/")
    audit_page.fill("#id_username", "aisha")
    audit_page.fill("#id_password", PASSWORD)
    audit_page.click("input[type=submit]")
    audit_page.wait_for_url("**/admin/")
    urls = ["/admin/", "/admin/articles/story/", "/admin/articles/story/?status=review"]
    problems = {url: audit(audit_page, axe, url) for url in urls}
    assert problems == {url: [] for url in urls}


def test_the_story_form_has_no_serious_accessibility_violations(audit_page, axe):
    """The story form, empty, then filled with tags, byline and related headlines,
    a list of matches open, and the preview pane open, has no serious issues."""
    scene = desk_scene()
    story = scene.waiting
    story.people.add(scene.president)
    story.bylines.create(author=scene.ada)
    story.related_links.create(target=scene.earlier[0], position=0)
    story.related_links.create(url="https://example.org/", title="Elsewhere")
    page = audit_page
    log_in(page, scene.editor)
    page.goto("/admin/articles/story/add/")
    # Once its scripts have run: the body editor is drawn and named.
    expect(page.locator(".ProseMirror[aria-labelledby]")).to_have_count(1)
    problems = {"empty": audit_here(page, axe, "empty")}
    page.goto(f"/admin/articles/story/{story.pk}/change/")
    expect(page.locator(".desk-suggestion").first).to_be_visible()
    page.locator("#id_person_list").press_sequentially("ole")
    expect(page.locator("#id_person_list-options [role=option]").first).to_be_visible()
    problems["filled"] = audit_here(page, axe, "filled")
    page.get_by_role("button", name="Preview", exact=True).click()
    pane = page.frame_locator("iframe[name=desk-preview-frame]")
    expect(pane.locator("h1")).to_have_text(story.headline)
    problems["preview"] = audit_here(page, axe, "preview")
    assert problems == {"empty": [], "filled": [], "preview": []}


def test_the_story_form_with_tag_suggestions_has_no_serious_violations(audit_page, axe):
    """With countries and people suggested under the tag fields, and one taken,
    the story form has no serious issues."""
    for code in COUNTRIES:
        CountryFactory(code=code)
    editor = role_user("Editor", username="aisha")
    story = StoryFactory(draft=True, headline="US backs Ukraine", body=BODY)
    page = audit_page
    log_in(page, editor)
    page.goto(f"/admin/articles/story/{story.pk}/change/")
    expect(page.locator(".desk-tag-suggestions .desk-suggestion")).to_have_count(9)
    problems = {"shown": audit_here(page, axe, "shown")}
    page.get_by_role("button", name="Add Ukraine to countries").click()
    page.get_by_role("button", name="Suggest tags from the text").click()
    expect(page.locator(".desk-suggest-status")).to_contain_text("suggested")
    problems["one taken"] = audit_here(page, axe, "one taken")
    assert problems == {"shown": [], "one taken": []}


def test_reader_pages_pass_the_audit_in_dark_mode(chromium, live_server, axe):
    """Front, story, person and search pages, in the reader's dark colour scheme,
    have no serious or critical issues (contrast included)."""
    call_command("load_demo", verbosity=0)
    context = chromium.new_context(
        base_url=live_server.url, bypass_csp=True, color_scheme="dark"
    )
    page = context.new_page()
    story = Story.objects.published().select_related("section").first()
    urls = [
        "/",
        story.get_absolute_url(),
        "/person/donald-trump/",
        "/search/?q=ukraine",
    ]
    try:
        problems = {url: audit(page, axe, url) for url in urls}
        background = page.evaluate(
            "() => getComputedStyle(document.body).backgroundColor"
        )
    finally:
        context.close()
    assert background == "rgb(20, 20, 20)"
    assert problems == {url: [] for url in urls}


def test_the_image_chooser_and_the_front_page_have_no_serious_violations(
    audit_page, axe
):
    """The story form with the image chooser open (the library's grid, then a
    picture's details) and the front-page screen have no serious issues."""
    scene = desk_scene()
    ImageFactory(alt_text="Cranes over the harbour", caption="Harbour at dawn")
    ImageFactory(alt_text="Grain silos", credit="Reuters")
    FrontPageSlotFactory(story=scene.earlier[1], position=1)
    page = audit_page
    log_in(page, scene.editor)
    page.goto(f"/admin/articles/story/{scene.waiting.pk}/change/")
    page.get_by_role("button", name="Choose or upload a photo…").click()
    expect(page.locator(".desk-image-tile")).to_have_count(2)
    problems = {"chooser": audit_here(page, axe, "chooser")}
    page.locator(".desk-image-tile").first.click()
    expect(page.locator(".desk-image-details")).to_be_visible()
    problems["picture"] = audit_here(page, axe, "picture")
    problems["front page"] = audit(page, axe, "/admin/articles/frontpageslot/")
    assert problems == {"chooser": [], "picture": [], "front page": []}
