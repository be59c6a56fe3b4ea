"""What filing a story and an editor's pass cost a person, counted in Chromium.

bench/desk_journeys.py runs these and prints the figures (docs/desk.md records them).
"""

import json
import os

import pytest
from playwright.sync_api import expect

from articles.lineup import lineup_ids
from articles.models import FrontPageSlot
from tests.browser.journeys import (
    Journey,
    desk_scene,
    editors_pass,
    editors_pass_is_done,
    file_story,
    filed_story_is_complete,
    log_in,
    pin_from_the_story,
)
from tests.factories import ImageFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# The desk's promises: filing in at most 20 clicks and 2 page loads, no pop-up
# window; an editor's pass in at most 12 clicks; pinning a story to slot 1 from the
# story in at most 3. Each budget is what the journey takes now, within the promise.
FILING_CLICKS, FILING_PROMISE = 19, 20
PASS_CLICKS, PASS_PROMISE = 11, 12
PIN_CLICKS, PIN_PROMISE = 2, 3


def report(name, figures):
    """Hand the figures to bench/desk_journeys.py when it runs the tests."""
    path = os.environ.get("NEWSROOM_JOURNEY_REPORT")
    if path:
        with open(path, "a", encoding="utf-8") as out:
            out.write(json.dumps({"journey": name, **figures}) + "\n")


@pytest.fixture
def scene():
    return desk_scene()


def test_filing_a_story(page, scene):
    """A reporter files a complete story with a new lead photo (focal point, alt
    text, caption, credit) in 19 clicks and 2 page loads, no pop-up."""
    log_in(page, scene.reporter)
    journey = Journey(page)
    journey.start("/admin/articles/story/")
    file_story(journey, scene)
    filed_story_is_complete(scene)
    figures = journey.figures()
    report("filing a story", figures)
    assert figures["clicks"] <= FILING_CLICKS <= FILING_PROMISE
    assert figures["page_loads"] <= 2
    assert figures["popups"] == 0


def test_an_editors_pass(page, scene, tomorrow):
    """An editor reviews, shares, schedules and pins one story to slot 1 and
    corrects another, in 11 clicks and no pop-up."""
    log_in(page, scene.editor)
    journey = Journey(page)
    journey.start("/admin/articles/story/")
    editors_pass(journey, scene, tomorrow)
    editors_pass_is_done(scene, tomorrow)
    figures = journey.figures()
    report("an editor's pass", figures)
    assert figures["clicks"] <= PASS_CLICKS <= PASS_PROMISE
    assert figures["popups"] == 0


def test_pinning_a_story_to_slot_1_from_the_story(page, scene):
    """From the story list, an editor pins a story to slot 1 in 2 clicks and one
    page load; the story pinned there moves down and the message names it."""
    FrontPageSlot.objects.create(story=scene.earlier[0], position=1)
    log_in(page, scene.editor)
    journey = Journey(page)
    journey.start("/admin/articles/story/")
    story = pin_from_the_story(journey, scene)
    assert lineup_ids().stories[:2] == [story.pk, scene.earlier[0].pk]
    figures = journey.figures()
    report("pinning a story to slot 1", figures)
    assert figures["clicks"] <= PIN_CLICKS <= PIN_PROMISE
    assert figures["page_loads"] <= 1
    assert figures["popups"] == 0


RAIL_STORY = [
    "Trains between Kyiv and Lviv ran on time on Monday for the first time in "
    "three weeks, after engineers replaced a bridge span damaged in a strike.",
    "Ukrzaliznytsia, the state railway, said night trains would return on "
    "Wednesday and freight would follow once the new span had been load-tested.",
    "Passengers at Lviv station applauded the first arrival from the capital, "
    "eleven minutes early.",
]


def screenshot(page, name, whole=False):
    """Kept in NEWSROOM_SCREENSHOTS when bench/desk_journeys.py asks for them; the
    whole page in a window that tall, so the action bar sits at its foot."""
    folder = os.environ.get("NEWSROOM_SCREENSHOTS")
    if not folder:
        return
    window = page.viewport_size
    if whole:
        height = page.evaluate("document.documentElement.scrollHeight")
        page.set_viewport_size({"width": window["width"], "height": height})
    page.screenshot(path=os.path.join(folder, f"{name}.png"))
    page.set_viewport_size(window)


def test_the_story_form_on_a_desk_and_on_a_phone(page, scene):
    """At 1280 px the side column stands beside the story; at 390 px below it."""
    story = scene.waiting
    story.body = "".join(f"<p>{line}</p>" for line in RAIL_STORY)
    story.slug, story.dateline = "rail-link-to-lviv-restored", "LVIV"
    story.save()
    story.lead_image = ImageFactory(
        alt_text="A train at Lviv station", caption="The first arrival", credit="AP"
    )
    story.save()
    story.people.add(scene.president)
    story.bylines.create(author=scene.ada)
    for n, target in enumerate(scene.earlier[:2]):
        story.related_links.create(target=target, position=n)
    log_in(page, scene.editor)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"/admin/articles/story/{story.pk}/change/")
    main, side = page.locator(".desk-col-main"), page.locator(".desk-col-side")
    expect(page.locator(".desk-suggestion").first).to_be_visible()
    assert side.bounding_box()["x"] > main.bounding_box()["x"] + 600
    screenshot(page, "story-form-1280")
    screenshot(page, "story-form-1280-whole", whole=True)
    page.get_by_role("button", name="Preview", exact=True).click()
    pane = page.frame_locator("iframe[name=desk-preview-frame]")
    expect(pane.locator("h1")).to_have_text(story.headline)
    screenshot(page, "story-form-1280-preview")
    page.get_by_role("button", name="Close preview").click()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"/admin/articles/story/{story.pk}/change/")
    expect(page.locator(".desk-suggestion").first).to_be_visible()
    assert (
        side.bounding_box()["y"]
        > main.bounding_box()["y"] + main.bounding_box()["height"] - 1
    )
    screenshot(page, "story-form-390")
    screenshot(page, "story-form-390-whole", whole=True)
