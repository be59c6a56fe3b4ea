"""Pictures and the focal-point picker in a real browser, within the CSP."""

import pytest

from articles.images.tasks import make_renditions
from articles.models import Image
from tests.factories import ImageFactory, StoryFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def _serve_media(settings):
    settings.ROOT_URLCONF = "tests.browser.media_urls"


def policy_violations(page):
    """Content Security Policy reports the browser logs while pages run."""
    problems = []
    page.on(
        "console",
        lambda message: (
            problems.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    return problems


def test_the_browser_loads_the_avif_lead_picture_at_a_fitting_width(page):
    """Chromium picks the AVIF rendition for the lead picture, sized to the layout."""
    image = ImageFactory(file__width=2000, file__height=1200)
    make_renditions.call(image.pk)
    story = StoryFactory(lead_image=image)
    page.set_viewport_size({"width": 800, "height": 900})
    problems = policy_violations(page)
    page.goto(story.get_absolute_url())
    img = page.locator(".lead-image img")
    img.wait_for()
    page.wait_for_function(
        "document.querySelector('.lead-image img').complete"
        " && document.querySelector('.lead-image img').naturalWidth > 0"
    )
    current = img.evaluate("el => el.currentSrc")
    chosen = next(r for r in image.renditions.all() if current.endswith(r.file.url))
    # In an 800 px window the story column is 40rem (640 px) wide: 640w fits.
    assert (chosen.format, chosen.ratio, chosen.width) == ("avif", "16:9", 640)
    assert problems == []
    box = img.bounding_box()
    assert abs(box["width"] / box["height"] - 16 / 9) < 0.02


def test_clicking_the_preview_sets_the_focal_point(page):
    """An editor clicks the subject in the preview; the focal point fields follow."""
    UserFactory(username="photo-editor", is_staff=True, is_superuser=True)
    image = ImageFactory(file__width=800, file__height=400)
    problems = policy_violations(page)
    page.goto(f"/admin/articles/image/{image.pk}/change/")
    page.fill("#id_username", "photo-editor")
    page.fill("#id_password", "correct horse 42")
    page.click("input[type=submit]")
    picture = page.locator(".focal-picker img")
    picture.wait_for()
    page.wait_for_function("document.querySelector('.focal-picker img').complete")
    box = picture.bounding_box()
    picture.click(position={"x": box["width"] * 0.25, "y": box["height"] * 0.75})
    assert float(page.input_value("#id_focal_x")) == pytest.approx(0.25, abs=0.01)
    assert float(page.input_value("#id_focal_y")) == pytest.approx(0.75, abs=0.01)
    assert page.locator(".focal-marker").is_visible()
    page.click("input[name=_save]")
    page.wait_for_url("**/admin/articles/image/")
    image = Image.objects.get(pk=image.pk)
    assert image.focal_x == pytest.approx(0.25, abs=0.01)
    assert image.renditions.get(ratio="1:1", format="jpeg").crop == "0,0,400,400"
    page.goto("/admin/articles/image/")
    assert page.locator("img.library-thumb").count() == 1
    assert problems == []
