"""No stale page after an edit: whatever an editor changes shows at once on every page
that shows it, pages readers had a moment before included."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from articles import services
from articles.models import FrontPageSlot
from articles.services.frontpage import delete_slots, save_slot
from articles.services.images import save_image
from articles.services.subjects import save_subject
from tests.factories import (
    AuthorFactory,
    BylineFactory,
    CountryFactory,
    FrontPageSlotFactory,
    ImageFactory,
    PersonFactory,
    RelatedLinkFactory,
    SectionFactory,
    StoryFactory,
)
from tests.reading import in_the_news, lead, related

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk():
    """The story (Europe; a byline, a country, a person, a captioned picture); in
    Asia, a story linking to it and one sharing its country and person, whose
    related headlines list it."""
    europe = SectionFactory(slug="europe", name="Europe")
    asia = SectionFactory(slug="asia", name="Asia")
    country, person, author = CountryFactory(), PersonFactory(), AuthorFactory()
    picture = ImageFactory(caption="Delegates arrive at the palace")
    story = StoryFactory(
        section=europe,
        headline="Paris summit opens",
        slug="paris-summit",
        body="<p>Leaders met for the first time.</p>",
        lead_image=picture,
    )
    story.countries.add(country)
    story.people.add(person)
    BylineFactory(story=story, author=author)
    linking = StoryFactory(section=asia, headline="Envoys gather")
    RelatedLinkFactory(story=linking, target=story)
    sharing = StoryFactory(section=asia, headline="Border calm holds")
    sharing.countries.add(country)
    sharing.people.add(person)
    return {
        "story": story,
        "europe": europe,
        "asia": asia,
        "country": country,
        "person": person,
        "author": author,
        "picture": picture,
        "linking": linking,
        "sharing": sharing,
    }


def text(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.text


def seen(client, urls):
    """Read each page, as readers do, so each is kept before the edit."""
    return {url: text(client, url) for url in urls}


def story_pages(desk):
    """Every page showing the story's headline."""
    return [
        desk["story"].get_absolute_url(),
        reverse("articles:front_page"),
        desk["europe"].get_absolute_url(),
        desk["country"].get_absolute_url(),
        desk["person"].get_absolute_url(),
        desk["author"].get_absolute_url(),
        desk["linking"].get_absolute_url(),
        desk["sharing"].get_absolute_url(),
        reverse("articles:feed_latest", kwargs={"fmt": "atom"}),
        reverse(
            "articles:feed", kwargs={"kind": "section", "slug": "europe", "fmt": "rss"}
        ),
        reverse("articles:news_sitemap"),
    ]


def test_a_new_headline_shows_on_every_page_at_once(client, desk, committed):
    """An edited headline replaces the old one on the story's page, its lists, the
    front page, feeds, the news sitemap and other stories' related headlines."""
    urls = story_pages(desk)
    for url, html in seen(client, urls).items():
        assert "Paris summit opens" in html, url
    story = desk["story"]
    story.headline = "Paris summit ends in accord"
    committed(services.save_story, story=story)
    for url in urls:
        html = text(client, url)
        assert "Paris summit ends in accord" in html, url
        assert "Paris summit opens" not in html, url


def test_a_new_body_shows_on_the_story_page(client, desk, committed):
    """An edited body shows on the story's page at once."""
    url = desk["story"].get_absolute_url()
    assert "Leaders met for the first time." in text(client, url)
    story = desk["story"]
    story.body = "<p>Leaders signed the accord at noon.</p>"
    committed(services.save_story, story=story)
    html = text(client, url)
    assert "Leaders signed the accord at noon." in html
    assert "Leaders met for the first time." not in html


def test_a_renamed_section_shows_in_every_menu_and_kicker(client, desk, committed):
    """A section's new name shows in the menu of every page, on its stories' teasers
    and on their pages."""
    urls = [
        reverse("articles:front_page"),
        desk["story"].get_absolute_url(),
        desk["linking"].get_absolute_url(),
        desk["asia"].get_absolute_url(),
    ]
    seen(client, urls)
    europe = desk["europe"]
    europe.name = "Europe and beyond"
    committed(save_subject, subject=europe)
    kicker = '<p class="kicker"><a href="/europe/">Europe and beyond</a></p>'
    for url in urls:
        assert "Europe and beyond" in text(client, url), url
    assert kicker in text(client, urls[0])
    assert kicker in text(client, urls[1])


def test_a_renamed_section_slug_moves_every_link_to_its_stories(
    client, desk, committed
):
    """After a section's address changes, the related headlines on other stories'
    pages, the front page and the feeds link its stories at their new address."""
    old = desk["story"].get_absolute_url()
    urls = [
        desk["linking"].get_absolute_url(),
        desk["sharing"].get_absolute_url(),
        reverse("articles:front_page"),
        reverse("articles:feed_latest", kwargs={"fmt": "rss"}),
    ]
    for url, html in seen(client, urls[:2]).items():
        assert old in related(html), url
    seen(client, urls[2:])
    europe = desk["europe"]
    europe.slug = "europe-and-beyond"
    committed(save_subject, subject=europe)
    new = desk["story"].get_absolute_url()
    assert new.startswith("/europe-and-beyond/")
    for url in urls[:2]:
        assert new in related(text(client, url)), url
    for url in urls:
        html = text(client, url)
        assert new in html, url
        assert old not in html, url


def test_a_renamed_author_shows_on_every_byline(client, desk, committed):
    """An author's new name shows on the bylines of the story page and the front
    page's teaser, and heads the author's page."""
    author = desk["author"]
    urls = [
        desk["story"].get_absolute_url(),
        reverse("articles:front_page"),
        author.get_absolute_url(),
    ]
    for url, html in seen(client, urls).items():
        assert escape(author.name) in html, url
    author.name = "Ana Renamed"
    committed(save_subject, subject=author)
    for url in urls:
        assert "Ana Renamed" in text(client, url), url


@pytest.mark.parametrize("tag", ["country", "person"])
def test_a_renamed_tag_shows_on_the_story_and_in_the_news(client, desk, committed, tag):
    """A country's or a person's new name shows on the stories tagged with it, on
    its own page and in the front page's "In the news"."""
    subject = desk[tag]
    front = reverse("articles:front_page")
    urls = [desk["story"].get_absolute_url(), subject.get_absolute_url(), front]
    for url, html in seen(client, urls).items():
        assert escape(subject.name) in html, url
    assert escape(subject.name) in in_the_news(text(client, front))
    subject.name = "Renamed Subject"
    committed(save_subject, subject=subject)
    for url in urls:
        assert "Renamed Subject" in text(client, url), url
    assert "Renamed Subject" in in_the_news(text(client, front))


def test_a_new_caption_shows_under_the_picture(client, desk, committed):
    """An edited caption shows under the story's picture at once."""
    url = desk["story"].get_absolute_url()
    assert "Delegates arrive at the palace" in text(client, url)
    picture = desk["picture"]
    picture.caption = "Delegates leave the palace"
    committed(save_image, image=picture)
    html = text(client, url)
    assert "Delegates leave the palace" in html
    assert "Delegates arrive at the palace" not in html


def test_a_correction_shows_on_the_story_page(client, desk, committed):
    """A correction shows on the story's page and the corrections page at once."""
    url = desk["story"].get_absolute_url()
    corrections = reverse("articles:corrections")
    assert "misdated the summit" not in text(client, url)
    assert "misdated the summit" not in text(client, corrections)
    committed(
        services.add_correction,
        story=desk["story"],
        text="An earlier version misdated the summit.",
    )
    assert "misdated the summit" in text(client, url)
    assert "misdated the summit" in text(client, corrections)


def test_a_new_tag_lists_the_story_on_the_tag_page(client, desk, committed):
    """A country added to a story shows on its page and lists it on the country's
    page; the country it lost no longer lists it."""
    old, new = desk["country"], CountryFactory()
    StoryFactory(headline="Already about the new country").countries.add(new)
    story_url = desk["story"].get_absolute_url()
    seen(client, [story_url, old.get_absolute_url(), new.get_absolute_url()])
    committed(services.set_relations, story=desk["story"], countries=[new])
    assert escape(new.name) in text(client, story_url)
    assert "Paris summit opens" in text(client, new.get_absolute_url())
    assert "Paris summit opens" not in text(client, old.get_absolute_url())


def test_a_linked_draft_shows_on_the_linking_page_once_published(
    client, desk, committed
):
    """An editor's link to a story not yet published appears on the linking story's
    page when that story is published."""
    draft = StoryFactory(draft=True, headline="Analysis: what the accord means")
    RelatedLinkFactory(story=desk["linking"], target=draft, position=5)
    url = desk["linking"].get_absolute_url()
    assert "Analysis: what the accord means" not in text(client, url)
    committed(services.publish_story, story=draft)
    assert "Analysis: what the accord means" in text(client, url)


def test_a_story_published_shows_at_once_wherever_it_belongs(client, desk, committed):
    """A story published now leads the front page and heads its section's, its
    country's and its author's pages and the feeds on the next visit."""
    draft = StoryFactory(draft=True, section=desk["europe"], headline="Fresh news")
    draft.countries.add(desk["country"])
    BylineFactory(story=draft, author=desk["author"])
    urls = [
        reverse("articles:front_page"),
        desk["europe"].get_absolute_url(),
        desk["country"].get_absolute_url(),
        desk["author"].get_absolute_url(),
        reverse("articles:feed_latest", kwargs={"fmt": "rss"}),
    ]
    for url, html in seen(client, urls).items():
        assert "Fresh news" not in html, url
    committed(services.publish_story, story=draft)
    assert "Fresh news" in lead(text(client, urls[0]))
    for url in urls[1:]:
        assert "Fresh news" in text(client, url), url


def test_a_story_pinned_leads_the_front_page_at_once(client, desk, committed):
    """A story an editor pins to the lead slot leads the front page on the next
    visit, and leaves it when unpinned."""
    front = reverse("articles:front_page")
    assert "Paris summit opens" not in lead(text(client, front))
    slot = FrontPageSlotFactory.build(story=desk["story"], position=1)
    committed(save_slot, slot=slot)
    assert "Paris summit opens" in lead(text(client, front))
    committed(delete_slots, slots=FrontPageSlot.objects.all())
    assert "Paris summit opens" not in lead(text(client, front))


def test_a_section_renamed_in_the_admin_shows_at_once(
    client, desk, editor_client, django_capture_on_commit_callbacks
):
    """A section an editor renames in the admin shows its new name on every reader
    page at once."""
    urls = [reverse("articles:front_page"), desk["linking"].get_absolute_url()]
    seen(client, urls)
    europe = desk["europe"]
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            reverse("admin:articles_section_change", args=[europe.pk]),
            {"name": "Europe and beyond", "slug": "europe", "position": 0},
        )
    assert response.status_code == 302
    for url in urls:
        assert "Europe and beyond" in text(client, url), url
