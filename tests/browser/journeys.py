"""What a person does on the editors' desk, counted: the harness and its journeys.

A journey drives the admin in Chromium only through a `Journey`, which counts what a
person would do: clicks (choosing from a native list is two: open it, pick), keys
typed, form fields typed into, full page loads after the starting page, and pop-up
windows (new tabs count too). tests/browser/test_desk_journeys.py pins the figures;
bench/desk_journeys.py prints them.
"""

import tempfile
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

from django.utils import timezone
from playwright.sync_api import expect

from articles.models import FrontPageSlot, PersonTag, Story
from tests.factories import (
    AuthorFactory,
    CountryFactory,
    PersonFactory,
    SectionFactory,
    StoryFactory,
)
from tests.imagefiles import jpeg
from tests.workflow import PASSWORD, role_user

PHOTO = {
    "alt": "Three grain ships leave the port of Odesa at dawn",
    "caption": "The first convoy since the talks.",
    "credit": "Reuters",
}


@dataclass
class Journey:
    """Counts what a person does on `page` from the moment `start` is called."""

    page: object
    clicks: int = 0
    keys: int = 0
    page_loads: int = 0
    popups: int = 0
    fields: set = field(default_factory=set)

    def __post_init__(self):
        self.page.on("response", self._loaded)
        self.page.context.on("page", self._popup)

    def _loaded(self, response):
        # A document arriving in the window (not a redirect, not a frame's): the
        # protocol delivers it before anything on the new page can be seen.
        request = response.request
        if (
            request.is_navigation_request()
            and request.frame == self.page.main_frame
            and not 300 <= response.status < 400
        ):
            self.page_loads += 1

    def _popup(self, _page):
        self.popups += 1

    def start(self, url):
        """Open the starting page; what follows is counted."""
        self.page.goto(url)
        self.page.wait_for_load_state("load")
        self.clicks = self.keys = self.page_loads = self.popups = 0
        self.fields = set()

    def click(self, target):
        self.clicks += 1
        target.click()

    def type(self, target, text, click=True):
        """Click into a field (unless the cursor is already there) and type."""
        if click:
            self.click(target)
        else:
            expect(target).to_be_focused()
        self.fields.add(target)
        target.press_sequentially(text)
        self.keys += len(text)

    def press(self, key, target=None):
        self.keys += 1
        (target or self.page.keyboard).press(key)

    def key_in(self, target, keys):
        """Key in a date or time one key at a time, as its fields take it, where
        the cursor already is."""
        expect(target).to_be_focused()
        self.fields.add(target)
        for key in keys:
            self.press(key)

    def choose(self, select, label):
        """Pick from a native drop-down list: open it, click the choice."""
        self.clicks += 2
        self.fields.add(select)
        select.select_option(label=label)

    def pick_file(self, chooser, path):
        """Pick a file in the system's file dialog: one click (a double-click on it)."""
        self.clicks += 1
        chooser.set_files(path)

    def close(self, popup):
        """Close a pop-up window or tab: one click on its close button."""
        self.clicks += 1
        popup.close()

    def figures(self):
        return {
            "clicks": self.clicks,
            "keys": self.keys,
            "fields": len(self.fields),
            "page_loads": self.page_loads,
            "popups": self.popups,
        }


def log_in(page, user):
    page.goto("/admin/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    expect(page.locator("#site-name")).to_be_visible()


def desk_scene():
    """A small desk: sections, authors, a reporter and an editor, countries, a person
    spelled with an accent, published stories on Ukraine to relate to, a story in
    review for the editor and a published one to correct."""
    now = timezone.now()
    europe = SectionFactory(slug="europe", name="Europe")
    SectionFactory(slug="world", name="World")
    reporter = role_user("Reporter", first_name="Rita", last_name="Reporter")
    editor = role_user("Editor", username="aisha", first_name="Aisha", last_name="Khan")
    ada = AuthorFactory(name="Ada Lindqvist", slug="ada-lindqvist")
    ukraine, france = CountryFactory(code="UA"), CountryFactory(code="FR")
    president = PersonFactory(name="Volodymyr Zelenskíy", slug="volodymyr-zelenskiy")
    earlier = []
    for hours, headline in enumerate(
        [
            "Grain corridor reopens after talks",
            "Ports on the Black Sea count the cost",
            "Farmers wait for the harvest to move",
            "Insurers return to Odesa shipping",
        ],
        start=1,
    ):
        story = StoryFactory(
            headline=headline,
            section=europe,
            published_at=now - timedelta(hours=hours * 5),
        )
        story.countries.add(ukraine)
        earlier.append(story)
    waiting = StoryFactory(
        headline="Rail link to Lviv restored",
        dek="Trains run again after repairs.",
        section=europe,
        in_review=True,
    )
    waiting.countries.add(ukraine)
    published = StoryFactory(
        headline="Minister visits Kharkiv", section=europe, published_at=now
    )
    # The reporter's new photo, on their disk.
    photo = Path(tempfile.mkdtemp()) / "odesa-dawn.jpg"
    photo.write_bytes(jpeg((1200, 800)))
    return SimpleNamespace(**locals())


def filed_story_is_complete(scene):
    """The filed story holds all the journey gave it, and waits for review."""
    story = Story.objects.get(headline="Grain ships leave Odesa")
    assert story.status == Story.Status.IN_REVIEW
    assert story.dek == "Three ships left at dawn under escort."
    assert "The first ship left at six." in story.body
    assert story.section == scene.europe
    assert [b.author for b in story.bylines.all()] == [scene.ada]
    assert set(story.countries.all()) == {scene.ukraine, scene.france}
    assert set(story.people.names()) == {"Volodymyr Zelenskíy", "Olena Marchenko"}
    assert len(story.related_links.all()) == 3
    assert PersonTag.objects.filter(name="Olena Marchenko").count() == 1
    image = story.lead_image
    assert (image.alt_text, image.caption, image.credit) == tuple(PHOTO.values())
    assert (image.width, image.height) == (1200, 800)
    # Clicked a quarter across and a third down the picture.
    assert abs(image.focal_x - 0.25) < 0.04, (image.focal_x, image.focal_y)
    assert abs(image.focal_y - 0.33) < 0.04, (image.focal_x, image.focal_y)
    return story


def editors_pass_is_done(scene, tomorrow):
    """The story in review is scheduled with a share link; the other is corrected."""
    waiting = Story.objects.get(pk=scene.waiting.pk)
    assert waiting.is_scheduled
    assert timezone.localtime(waiting.published_at).strftime("%Y-%m-%d %H:%M") == (
        f"{tomorrow:%Y-%m-%d} 09:30"
    )
    assert waiting.share_links.count() == 1
    assert FrontPageSlot.objects.get(position=1).story == waiting
    assert scene.published.corrections.get().text.startswith("An earlier version")


# The journeys, on the one-screen story form.


def tokens(journey, field, entries):
    """Click into a token field once, then for each (typed, offered) type and press
    Enter: `offered` is the match Enter takes, None for a new name."""
    page = journey.page
    box = page.locator(field)
    journey.click(box)
    for typed, offered in entries:
        journey.type(box, typed, click=False)
        active = page.locator(f"{field}-options [aria-selected=true]")
        expect(active).to_contain_text(offered or f"Add {typed} as a new person")
        journey.press("Enter", box)
        expect(box).to_have_value("")


def lead_photo(journey, scene):
    """Upload a new photo from the form in the image chooser; the cursor lands in
    its alt text, Tab moves to the caption and the credit; a click on the subject
    sets the focal point; "Use this photo" uploads it and shows its thumbnail."""
    page = journey.page
    journey.click(page.get_by_role("button", name="Choose or upload a photo…"))
    with page.expect_file_chooser() as chooser:
        journey.click(page.get_by_role("button", name="Upload a new photo…"))
    journey.pick_file(chooser.value, scene.photo)
    dialog = page.locator(".desk-image-dialog")
    for name, text in zip(["alt", "caption", "credit"], PHOTO.values(), strict=True):
        if name != "alt":
            journey.press("Tab")
        journey.type(dialog.locator(f"#id_lead_image-{name}"), text, click=False)
    picture = dialog.locator(".desk-image-preview")
    box = picture.bounding_box()
    journey.clicks += 1
    picture.click(position={"x": box["width"] * 0.25, "y": box["height"] * 0.33})
    journey.click(dialog.get_by_role("button", name="Use this photo"))
    expect(dialog).to_be_hidden()
    expect(page.locator(".desk-image-current img")).to_have_attribute(
        "alt", PHOTO["alt"]
    )


def preview(journey, headline, *shown):
    """Open the preview pane, see the story as readers would, close it."""
    page = journey.page
    journey.click(page.get_by_role("button", name="Preview", exact=True))
    pane = page.frame_locator("iframe[name=desk-preview-frame]")
    expect(pane.locator("h1")).to_have_text(headline)
    for text in shown:
        expect(pane.locator("main")).to_contain_text(text)
    journey.click(page.get_by_role("button", name="Close preview"))


def file_story(journey, scene):
    """A reporter files a story: headline, dek, body, section, byline, two countries,
    two people (one new), three related headlines, preview, submit for review."""
    page = journey.page
    journey.click(page.locator(".object-tools a.addlink"))
    # The cursor starts in the headline.
    journey.type(page.locator("#id_headline"), "Grain ships leave Odesa", click=False)
    journey.type(page.locator("#id_dek"), "Three ships left at dawn under escort.")
    body = page.locator(".ProseMirror[contenteditable=true]").first
    journey.type(body, "The first ship left at six.")
    journey.choose(page.locator("#id_section"), "Europe")
    tokens(journey, "#id_byline_list", [("ada", "Ada Lindqvist")])
    tokens(journey, "#id_country_list", [("ukr", "Ukraine"), ("fra", "France")])
    tokens(
        journey,
        "#id_person_list",
        [("zelenskiy", "Volodymyr Zelenskíy"), ("Olena Marchenko", None)],
    )
    lead_photo(journey, scene)
    tokens(journey, "#id_link_list", [("corridor", "Grain corridor reopens")])
    for headline in ["Insurers return to Odesa shipping", "Ports on the Black Sea"]:
        journey.click(page.get_by_role("button", name=f"Add {headline}"))
    preview(
        journey,
        "Grain ships leave Odesa",
        "The first ship left at six.",
        "Olena Marchenko",
        "Insurers return to Odesa shipping",
    )
    journey.click(page.get_by_role("button", name="Submit for review"))
    expect(page.locator(".messagelist")).to_contain_text("Submitted for review at")


def pin_from_the_story(journey, scene):
    """An editor opens a published story from the list and pins it to slot 1; the
    story pinned there moves down and is named."""
    page = journey.page
    story = scene.earlier[2]
    journey.click(page.get_by_role("link", name=story.headline))
    journey.click(page.get_by_role("button", name="Pin to slot 1"))
    expect(page.locator(".desk-pin-said")).to_contain_text(
        f"“{scene.earlier[0].headline}”, there before, moves down to slot 2"
    )
    return story


def editors_pass(journey, scene, tomorrow):
    """An editor reviews the story in review, makes a share link for the lawyers,
    schedules it for 09:30 tomorrow, then corrects a published story."""
    page = journey.page
    journey.click(page.get_by_role("link", name=scene.waiting.headline))
    preview(journey, scene.waiting.headline)
    # A row just added has the cursor in its text.
    journey.click(page.locator("#share_links-group .add-row a"))
    journey.type(page.locator("#id_share_links-0-note"), "Legal", click=False)
    journey.click(page.locator(".desk-schedule summary"))
    when = [*f"{tomorrow:%m%d%Y}", "ArrowRight", *"0930A"]
    journey.key_in(page.locator("#id_schedule_at"), when)
    journey.click(page.get_by_role("button", name="Schedule", exact=True))
    expect(page.locator(".messagelist")).to_contain_text("Scheduled for 09:30")
    journey.click(page.get_by_role("button", name="Pin to slot 1"))
    expect(page.locator(".desk-pin-said")).to_contain_text(
        f"Pinned “{scene.waiting.headline}” to slot 1"
    )
    journey.click(page.locator(".breadcrumbs a", has_text="Stories"))
    journey.click(page.get_by_role("link", name=scene.published.headline))
    journey.click(page.locator("#corrections-group .add-row a"))
    journey.type(
        page.locator("#id_corrections-0-text"),
        "An earlier version named the wrong port.",
        click=False,
    )
    journey.click(page.get_by_role("button", name="Save changes"))
    expect(page.locator(".messagelist")).to_contain_text("Saved at")
