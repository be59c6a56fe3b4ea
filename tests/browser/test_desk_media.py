"""The lead image's chooser and the front page in Chromium: what editors do, what a
Reporter is refused through the page, the admin's policy kept, and the pictures
bench/desk_journeys.py keeps for docs/desk.md."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from articles.lineup import lineup_ids
from articles.models import FrontPageSlot, Image, Story
from tests.browser.journeys import desk_scene, log_in
from tests.browser.test_csp import watch_for_violations
from tests.browser.test_desk_journeys import screenshot
from tests.factories import ImageFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def scene():
    scene = desk_scene()
    scene.harbour = ImageFactory(
        alt_text="Cranes over the harbour of Odesa", caption="Harbour at dawn"
    )
    scene.live_picture = ImageFactory(
        alt_text="The minister in Kharkiv", caption="As readers see it"
    )
    scene.published.lead_image = scene.live_picture
    scene.published.save()
    return scene


def open_chooser(page):
    page.get_by_role("button", name="Choose or upload a photo…").click()
    dialog = page.locator(".desk-image-dialog")
    expect(dialog.locator(".desk-image-tile").first).to_be_visible()
    return dialog


def test_choosing_a_library_picture_and_moving_its_focal_point(page, scene):
    """Search the grid, pick a picture, move its focal point by keyboard; the
    thumbnail shows in the side column and the save keeps it, with no CSP error."""
    problems = watch_for_violations(page)
    log_in(page, scene.reporter)
    page.goto(f"/admin/articles/story/{scene.waiting.pk}/change/")
    page.wait_for_load_state("load")
    dialog = open_chooser(page)
    dialog.get_by_label("Search the library").press_sequentially("harbour")
    expect(dialog.locator(".desk-image-tile")).to_have_count(1)
    dialog.locator(".desk-image-tile").click()
    expect(dialog.locator("#id_lead_image-alt")).to_be_focused()
    dialog.get_by_label("Across").fill("0.8")
    dialog.get_by_role("button", name="Use this photo").click()
    expect(dialog).to_be_hidden()
    current = page.locator(".desk-image-current img")
    expect(current).to_have_attribute("alt", scene.harbour.alt_text)
    page.locator("button[name=workflow][value=save]").click()
    expect(page.locator(".messagelist")).to_contain_text("Saved at")
    scene.waiting.refresh_from_db()
    assert scene.waiting.lead_image == scene.harbour
    scene.harbour.refresh_from_db()
    assert scene.harbour.focal_x == 0.8
    assert problems == []


def test_a_bad_file_is_refused_in_the_chooser_with_its_reason(page, scene, tmp_path):
    """A text file named .jpg is refused in the dialog, which stays open."""
    bad = tmp_path / "notes.jpg"
    bad.write_text("not a picture")
    log_in(page, scene.reporter)
    page.goto("/admin/articles/story/add/")
    page.get_by_role("button", name="Choose or upload a photo…").click()
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Upload a new photo…").click()
    chooser.value.set_files(bad)
    page.locator("#id_lead_image-alt").fill("Nothing")
    page.get_by_role("button", name="Use this photo").click()
    error = page.locator(".desk-image-error")
    expect(error).to_contain_text("This is not a")
    expect(page.locator(".desk-image-dialog")).to_be_visible()
    assert not Image.objects.filter(alt_text="Nothing").exists()


def test_a_reporter_cannot_describe_a_published_storys_picture(page, scene):
    """Shown read-only in the chooser, with the reason; a post forced from the page
    is refused and nothing changes."""
    log_in(page, scene.reporter)
    page.goto(f"/admin/articles/story/{scene.waiting.pk}/change/")
    dialog = open_chooser(page)
    dialog.get_by_label("Search the library").press_sequentially("kharkiv")
    expect(dialog.locator(".desk-image-tile")).to_have_count(1)
    dialog.locator(".desk-image-tile").click()
    expect(dialog.locator("#id_lead_image-caption")).to_be_disabled()
    expect(dialog.locator(".desk-image-locked")).to_be_visible()
    status = page.evaluate(
        """async (pk) => {
          const data = new FormData();
          data.append("csrfmiddlewaretoken",
            document.querySelector("input[name=csrfmiddlewaretoken]").value);
          data.append("alt_text", "Changed"); data.append("caption", "Changed");
          data.append("focal_x", "0.1"); data.append("focal_y", "0.1");
          const url = document.querySelector(".desk-image").dataset.describe
            .replace("/0/", "/" + pk + "/");
          return (await fetch(url, {method: "POST", body: data})).status;
        }""",
        scene.live_picture.pk,
    )
    assert status == 403
    scene.live_picture.refresh_from_db()
    assert scene.live_picture.caption == "As readers see it"


def test_a_reporter_has_no_pin_and_a_forced_one_is_refused(page, scene):
    """No "Pin to slot" for a Reporter; a pin posted from the page is refused, and
    the front-page screen is closed to them."""
    log_in(page, scene.reporter)
    page.goto(f"/admin/articles/story/{scene.waiting.pk}/change/")
    expect(page.locator(".desk-image-open")).to_be_visible()
    expect(page.get_by_role("button", name="Pin to slot 1")).to_have_count(0)
    status = page.evaluate(
        """async (pk) => {
          const data = new FormData();
          data.append("csrfmiddlewaretoken",
            document.querySelector("input[name=csrfmiddlewaretoken]").value);
          data.append("pin_slot", "1");
          const url = "/admin/articles/story/" + pk + "/pin/";
          return (await fetch(url, {method: "POST", body: data})).status;
        }""",
        scene.earlier[1].pk,
    )
    assert status == 403
    assert not FrontPageSlot.objects.exists()
    response = page.goto("/admin/articles/frontpageslot/")
    assert response.status == 403


def test_an_editor_reorders_the_front_page_by_keyboard_and_by_drag(page, scene):
    """Move a story up with its button and another by its handle, save: readers'
    lineup reads as arranged."""
    problems = watch_for_violations(page)
    FrontPageSlot.objects.create(
        story=scene.earlier[2], position=1, expires_at=scene.now + timedelta(hours=6)
    )
    log_in(page, scene.editor)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/admin/articles/frontpageslot/")
    rows = page.locator(".desk-lineup-row")
    before = [row.locator(".desk-token-label").inner_text() for row in rows.all()]
    assert before[:3] == [
        scene.earlier[2].headline,
        scene.published.headline,
        scene.earlier[0].headline,
    ]
    expect(rows.first).to_contain_text("Pinned until")
    screenshot(page, "front-page-1280")
    # The third story up one, from the keyboard.
    rows.nth(2).get_by_role("button", name=f"Move {before[2]} up").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".desk-live")).to_contain_text("is now 2 of")
    # The fourth dragged above the first.
    rows.nth(3).locator(".desk-handle").drag_to(
        rows.nth(0), target_position={"x": 40, "y": 2}
    )
    arranged = [row.locator(".desk-token-label").inner_text() for row in rows.all()]
    assert arranged[:4] == [before[3], before[0], before[2], before[1]]
    expect(rows.first.locator(".desk-lineup-slot")).to_have_text("1")
    page.get_by_role("button", name="Save this order").click()
    expect(page.locator(".messagelist")).to_contain_text("reads in this order now")
    shown = Story.objects.in_bulk(lineup_ids().stories)
    assert [shown[pk].headline for pk in lineup_ids().stories][:4] == arranged[:4]
    assert problems == []
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/admin/articles/frontpageslot/")
    screenshot(page, "front-page-390")


def test_the_chooser_on_a_desk_and_on_a_phone(page, scene):
    """The chooser's grid and a new photo's details, at 1280 and 390 px."""
    for n, alt in enumerate(["Grain silos", "Ships at anchor", "The port at night"]):
        ImageFactory(alt_text=alt, caption=f"Library picture {n}")
    log_in(page, scene.reporter)
    for width, height in [(1280, 900), (390, 844)]:
        page.set_viewport_size({"width": width, "height": height})
        page.goto(f"/admin/articles/story/{scene.waiting.pk}/change/")
        dialog = open_chooser(page)
        expect(dialog.locator(".desk-image-tile")).to_have_count(5)
        box = dialog.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width
        screenshot(page, f"image-chooser-{width}")
        with page.expect_file_chooser() as chooser:
            dialog.get_by_role("button", name="Upload a new photo…").click()
        chooser.value.set_files(scene.photo)
        expect(dialog.locator("#id_lead_image-alt")).to_be_focused()
        dialog.locator("#id_lead_image-alt").fill("Three grain ships at dawn")
        screenshot(page, f"image-chooser-{width}-new-photo")
