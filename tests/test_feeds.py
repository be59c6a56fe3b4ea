"""RSS and Atom feeds: what feed readers get."""

import io
import xml.etree.ElementTree as ET
from datetime import timedelta

import feedparser
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage

from articles import services
from articles.images.picture import STORAGE
from articles.images.tasks import make_renditions
from articles.models import Image
from tests.factories import (
    AuthorFactory,
    BylineFactory,
    CountryFactory,
    ImageFactory,
    PersonFactory,
    SectionFactory,
    StoryFactory,
)

pytestmark = pytest.mark.django_db

SITE = "https://news.example.com"
ATOM = "{http://www.w3.org/2005/Atom}"
DC = "{http://purl.org/dc/elements/1.1/}"


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE


def jpeg(name="lead.jpg"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (32, 18), "navy").save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def parse(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200, url
    return response, feedparser.parse(response.content)


def stories_by_age(now, count=3, **kwargs):
    return [
        StoryFactory(published_at=now - timedelta(hours=n + 1), **kwargs)
        for n in range(count)
    ]


@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_latest_feed_lists_published_stories_newest_first(client, now, fmt):
    """The latest feed holds exactly the published stories, newest first."""
    stories = stories_by_age(now)
    StoryFactory(draft=True)
    StoryFactory(scheduled=True)
    _, feed = parse(client, reverse("articles:feed_latest", kwargs={"fmt": fmt}))
    assert not feed.bozo, feed.bozo_exception
    assert [entry.link for entry in feed.entries] == [
        SITE + story.get_absolute_url() for story in stories
    ]
    assert feed.feed.link == SITE + "/"


@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_feed_item_carries_summary_dates_authors_and_tags(client, now, fmt):
    """An item has its headline, dek, dates, author names and tag categories."""
    story = StoryFactory(headline="Talks resume", dek="Both sides return.")
    BylineFactory(story=story, author=AuthorFactory(name="Ana Lima"), position=0)
    BylineFactory(story=story, author=AuthorFactory(name="Ben Ode"), position=1)
    story.countries.add(CountryFactory(code="UA"))
    story.people.add(PersonFactory(name="Jane Roe"))
    services.mark_updated(story=story, at=now)
    _, feed = parse(client, reverse("articles:feed_latest", kwargs={"fmt": fmt}))
    (entry,) = feed.entries
    assert entry.title == "Talks resume"
    assert entry.summary == "Both sides return."
    assert [author.name for author in entry.authors] == ["Ana Lima", "Ben Ode"]
    assert {tag.term for tag in entry.tags} == {"Ukraine", "Jane Roe"}
    assert entry.published_parsed[:5] == story.published_at.utctimetuple()[:5]
    if fmt == "atom":
        assert entry.updated_parsed[:5] == now.utctimetuple()[:5]


def test_feed_offers_the_original_image_before_its_renditions_exist(client):
    """Before its renditions are made, a lead image is enclosed as uploaded."""
    image = Image.objects.create(file=jpeg(), alt_text="A harbour at dawn")
    StoryFactory(lead_image=image)
    _, feed = parse(client, reverse("articles:feed_latest", kwargs={"fmt": "rss"}))
    (enclosure,) = feed.entries[0].enclosures
    assert enclosure.href == SITE + image.file.url
    assert enclosure.type == "image/jpeg"
    assert int(enclosure.length) == image.file.size


def rendered(width, height):
    """A lead image with its renditions made, as the task leaves it."""
    image = ImageFactory(file__width=width, file__height=height)
    make_renditions.call(image.pk)
    image.refresh_from_db()
    return image


def enclosed(client, fmt):
    """The one enclosure of the latest feed's first item: (url, type, length)."""
    root = ET.fromstring(client.get(f"/feeds/{fmt}/").content)
    if fmt == "rss":
        (element,) = root.findall("channel/item/enclosure")
        return element.get("url"), element.get("type"), element.get("length")
    (element,) = root.find(f"{ATOM}entry").findall(f"{ATOM}link[@rel='enclosure']")
    return element.get("href"), element.get("type"), element.get("length")


def rendition_on_disk(url):
    """The stored rendition behind an enclosure URL: (width, height, bytes)."""
    name = url.removeprefix(SITE + STORAGE.base_url)
    with STORAGE.open(name) as file:
        size = PILImage.open(file).size
    return (*size, STORAGE.size(name))


@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_feed_encloses_the_social_card_rendition(client, fmt):
    """With renditions made, the enclosure is the 1200×630 JPEG card, with its size."""
    StoryFactory(lead_image=rendered(1600, 900))
    url, mime_type, length = enclosed(client, fmt)
    assert url.startswith(SITE + "/")
    assert mime_type == "image/jpeg"
    assert rendition_on_disk(url) == (1200, 630, int(length))


def test_feed_encloses_a_wide_jpeg_when_the_image_has_no_social_card(client):
    """An image rendered before social cards existed is enclosed as its largest
    16:9 JPEG up to 1280 px wide, never the multi-megabyte original."""
    image = rendered(2000, 1125)
    older = {k: v for k, v in image.rendition_files.items() if k != "social"}
    Image.objects.filter(pk=image.pk).update(rendition_files=older)
    StoryFactory(lead_image=image)
    url, mime_type, length = enclosed(client, "rss")
    assert mime_type == "image/jpeg"
    assert rendition_on_disk(url) == (1280, 720, int(length))


def entry_authors(client, story):
    """(name, uri) of each <author> of the story's Atom entry, parsed strictly."""
    root = ET.fromstring(client.get("/feeds/atom/").content)
    (entry,) = root.findall(f"{ATOM}entry")
    return [
        (author.findtext(f"{ATOM}name"), author.findtext(f"{ATOM}uri"))
        for author in entry.findall(f"{ATOM}author")
    ]


def credited_story(case):
    """A story signed by two reporters, credited to an agency only, or neither."""
    story = StoryFactory(credit="Reuters" if case == "credit" else "")
    if case == "bylines":
        for position, name in enumerate(["Ana Lima", "Ben Ode"]):
            BylineFactory(
                story=story, author=AuthorFactory(name=name), position=position
            )
    return story


@pytest.mark.parametrize("case", ["bylines", "credit", "neither"])
def test_every_atom_entry_names_its_authors(client, settings, case):
    """Each Atom entry has an <author> per byline, linked to the author's page; else
    the agency; else the publisher, linked to the site."""
    story = credited_story(case)
    expected = {
        "bylines": [
            (b.author.name, SITE + b.author.get_absolute_url())
            for b in story.bylines.order_by("position")
        ],
        "credit": [("Reuters", None)],
        "neither": [(settings.SITE_NAME, SITE + "/")],
    }[case]
    assert entry_authors(client, story) == expected
    _, feed = parse(client, "/feeds/atom/")
    assert [author.name for author in feed.entries[0].authors] == [
        name for name, _ in expected
    ]


@pytest.mark.parametrize("case", ["bylines", "credit", "neither"])
def test_every_rss_item_names_each_author_as_a_creator(client, settings, case):
    """Each RSS item has a dc:creator per byline author, else the agency, else the
    publisher, in a feed that parses strictly."""
    credited_story(case)
    response, feed = parse(client, "/feeds/rss/")
    assert not feed.bozo, feed.bozo_exception
    (item,) = ET.fromstring(response.content).findall("channel/item")
    expected = {
        "bylines": ["Ana Lima", "Ben Ode"],
        "credit": ["Reuters"],
        "neither": [settings.SITE_NAME],
    }[case]
    assert [creator.text for creator in item.findall(f"{DC}creator")] == expected
    assert item.find("author") is None  # RSS's own <author> is an e-mail address


def test_feed_links_come_from_site_url_not_host_header(client):
    """Links use the configured site URL even when the request names another host."""
    story = StoryFactory()
    response, feed = parse(
        client,
        reverse("articles:feed_latest", kwargs={"fmt": "atom"}),
        HTTP_HOST="localhost",
    )
    assert b"localhost" not in response.content
    assert feed.entries[0].link == SITE + story.get_absolute_url()


@pytest.mark.parametrize("kind", ["section", "country", "person", "author"])
def test_subject_feeds_list_only_their_stories(client, now, kind):
    """A section, country, person or author feed lists that subject's stories only."""
    section = SectionFactory(slug="europe", name="Europe")
    country, person, author = CountryFactory(), PersonFactory(), AuthorFactory()
    mine = stories_by_age(now, 2, section=section)
    for story in mine:
        story.countries.add(country)
        story.people.add(person)
        BylineFactory(story=story, author=author)
    StoryFactory()  # another section, untagged, unsigned
    subject = {"section": section, "country": country, "person": person}.get(
        kind, author
    )
    url = reverse(
        "articles:feed", kwargs={"kind": kind, "slug": subject.slug, "fmt": "rss"}
    )
    _, feed = parse(client, url)
    assert [entry.link for entry in feed.entries] == [
        SITE + story.get_absolute_url() for story in mine
    ]
    assert feed.feed.link == SITE + subject.get_absolute_url()


def test_unknown_subject_feed_is_not_found(client):
    """A feed for a section that does not exist is a 404, not an empty feed."""
    url = reverse(
        "articles:feed", kwargs={"kind": "section", "slug": "nope", "fmt": "rss"}
    )
    assert client.get(url).status_code == 404


def test_feed_answers_not_modified_until_a_story_changes(
    client, django_capture_on_commit_callbacks
):
    """A feed reader polling with its validators gets 304 until a story changes."""
    story = StoryFactory()
    url = reverse("articles:feed_latest", kwargs={"fmt": "rss"})
    first = client.get(url)
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    story.headline = "A corrected headline"
    with django_capture_on_commit_callbacks(execute=True):
        services.save_story(story=story)
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed.headers["ETag"] != etag


def test_feed_validators_change_when_a_story_is_unpublished(
    client, django_capture_on_commit_callbacks
):
    """Unpublishing a story changes the feed's ETag: readers refetch and lose it."""
    story = StoryFactory()
    StoryFactory()
    url = reverse("articles:feed_latest", kwargs={"fmt": "rss"})
    etag = client.get(url).headers["ETag"]
    with django_capture_on_commit_callbacks(execute=True):
        services.unpublish_story(story=story)
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_pages_link_to_their_feeds(client):
    """Pages advertise the latest feed and their own subject's feed."""
    section = SectionFactory(slug="europe", name="Europe")
    story = StoryFactory(section=section)
    latest = reverse("articles:feed_latest", kwargs={"fmt": "rss"})
    section_feed = reverse(
        "articles:feed", kwargs={"kind": "section", "slug": "europe", "fmt": "atom"}
    )
    for url in ["/", story.get_absolute_url(), section.get_absolute_url()]:
        assert f'href="{latest}"' in client.get(url).content.decode()
    for url in [story.get_absolute_url(), section.get_absolute_url()]:
        assert f'href="{section_feed}"' in client.get(url).content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/feeds/json/",
        "/feeds/latest/x/rss/",
        "/feeds/tag/ukraine/rss/",
        "/feeds/section/world/xml/",
        "/feeds/section/%00/rss/",
    ],
)
def test_unknown_feed_addresses_are_not_found(client, url):
    """A feed format or kind that does not exist is a 404."""
    StoryFactory()
    assert client.get(url).status_code == 404
