"""What social networks and search engines get for a story with or without a
picture and a byline: a card that fits, an image, and an author, every time."""

import io
import json
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from PIL import Image as PILImage

from articles.images.tasks import make_renditions
from tests.factories import (
    AuthorFactory,
    BylineFactory,
    ImageFactory,
    PersonFactory,
    StoryFactory,
)

pytestmark = pytest.mark.django_db

SITE = "https://news.example.com"


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE


class Head(HTMLParser):
    """A page's <meta> tags by property or name, and its JSON-LD items."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.meta, self.json_ld, self._in_json_ld = {}, [], False
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and "content" in attrs:
            key = attrs.get("property") or attrs.get("name")
            self.meta.setdefault(key, []).append(attrs["content"])
        self._in_json_ld = (
            tag == "script" and attrs.get("type") == "application/ld+json"
        )

    def handle_endtag(self, tag):
        self._in_json_ld = False

    def handle_data(self, data):
        if self._in_json_ld:
            block = json.loads(data)
            self.json_ld.extend(block if isinstance(block, list) else [block])

    def one(self, key):
        (value,) = self.meta[key]
        return value

    def article(self):
        (article,) = [i for i in self.json_ld if i["@type"] == "NewsArticle"]
        return article


def head(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return Head(response.content.decode())


def picture_at(client, url):
    """The picture behind a card's absolute URL, as Pillow reads it: a stored
    upload or rendition, or a static file as the site serves it."""
    assert url.startswith(SITE + "/")
    path = url.removeprefix(SITE)
    if path.startswith(settings.MEDIA_URL):
        with default_storage.open(path.removeprefix(settings.MEDIA_URL)) as file:
            return PILImage.open(io.BytesIO(file.read()))
    response = client.get(path)
    assert response.status_code == 200, url
    return PILImage.open(io.BytesIO(b"".join(response.streaming_content)))


def assert_site_picture(client, page):
    """The card names the site's own picture, which is a real 1200×630+ image."""
    url = page.one("og:image")
    picture = picture_at(client, url)
    assert picture.format in {"PNG", "JPEG"}
    assert picture.width >= 1200 and picture.height >= 630
    assert picture.size == (
        int(page.one("og:image:width")),
        int(page.one("og:image:height")),
    )
    return url


def test_story_with_picture_and_bylines_has_a_large_card_and_both_authors(client):
    """A story with a lead picture and two bylines: a large-image card of its social
    crop, and JSON-LD naming both reporters and the picture's renditions."""
    image = ImageFactory(file__width=1600, file__height=900)
    make_renditions.call(image.pk)
    story = StoryFactory(lead_image=image)
    authors = [AuthorFactory(name="Ana Lima"), AuthorFactory(name="Ben Ode")]
    for position, author in enumerate(authors):
        BylineFactory(story=story, author=author, position=position)
    page = head(client, story.get_absolute_url())
    assert page.one("twitter:card") == "summary_large_image"
    assert picture_at(client, page.one("og:image")).size == (1200, 630)
    assert page.one("twitter:image") == page.one("og:image")
    article = page.article()
    assert article["author"] == [
        {
            "@type": "Person",
            "name": author.name,
            "url": SITE + author.get_absolute_url(),
        }
        for author in authors
    ]
    assert article["image"]
    for url in article["image"]:
        assert picture_at(client, url).width >= 640


def test_story_with_agency_credit_only_has_a_summary_card_and_the_agency(client):
    """A credited story without picture or byline: a summary card with the site's
    picture, JSON-LD with that image and the agency as its author."""
    story = StoryFactory(credit="Reuters")
    page = head(client, story.get_absolute_url())
    assert page.one("twitter:card") == "summary"
    site_picture = assert_site_picture(client, page)
    article = page.article()
    assert article["image"] == [site_picture]
    assert article["author"] == [{"@type": "Organization", "name": "Reuters"}]


def test_story_with_neither_picture_nor_byline_names_the_publisher(client, settings):
    """A story with no picture, byline or credit: a summary card with the site's
    picture, JSON-LD with that image and the publisher as its author."""
    story = StoryFactory()
    page = head(client, story.get_absolute_url())
    assert page.one("twitter:card") == "summary"
    site_picture = assert_site_picture(client, page)
    article = page.article()
    assert article["image"] == [site_picture]
    (author,) = article["author"]
    assert author["@type"] == "NewsMediaOrganization"
    assert (author["name"], author["url"]) == (settings.SITE_NAME, SITE + "/")
    assert article["publisher"] == author


def test_front_and_list_pages_offer_the_site_picture(client):
    """The front page and the list pages, which have no picture of their own, give
    social networks the site's picture."""
    story = StoryFactory()
    person = PersonFactory()
    story.people.add(person)
    for path in ("/", story.section.get_absolute_url(), person.get_absolute_url()):
        page = head(client, path)
        assert page.one("twitter:card") == "summary"
        assert_site_picture(client, page)
