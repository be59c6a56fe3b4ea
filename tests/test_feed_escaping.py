"""Feeds carry plain text as text: a dek or a name holding markup never becomes
elements in a feed reader that renders HTML."""

import html
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import feedparser
import pytest
from django.urls import reverse

from tests.factories import PersonFactory, StoryFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
HOSTILE = 'x"><img src=x onerror=alert(1)> & <b>bold</b>'


class Markup(HTMLParser):
    """What an HTML renderer would make of a string: its elements and its text."""

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.elements, self.chunks = [], []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.elements.append(tag)

    def handle_data(self, data):
        self.chunks.append(data)

    @property
    def text(self):
        return "".join(self.chunks)


def fetch(client, url):
    """The feed as parsed strictly (any XML error raises) and by feedparser."""
    response = client.get(url)
    assert response.status_code == 200, url
    return ET.fromstring(response.content), feedparser.parse(response.content)


def latest(fmt):
    return reverse("articles:feed_latest", kwargs={"fmt": fmt})


def person_feed(person, fmt):
    return reverse(
        "articles:feed", kwargs={"kind": "person", "slug": person.slug, "fmt": fmt}
    )


def test_rss_item_description_shows_a_hostile_dek_as_text(client):
    """An RSS item's description renders as the dek's text, with no element in it."""
    StoryFactory(dek=HOSTILE)
    root, feed = fetch(client, latest("rss"))
    description = root.find("channel/item/description").text
    rendered = Markup(description)
    assert rendered.elements == []
    assert rendered.text == HOSTILE
    assert html.unescape(feed.entries[0].summary) == HOSTILE


def test_atom_summary_shows_a_hostile_dek_as_text(client):
    """An Atom entry's HTML summary renders as the dek's text, with no element."""
    StoryFactory(dek=HOSTILE)
    root, feed = fetch(client, latest("atom"))
    summary = root.find(f"{ATOM}entry/{ATOM}summary")
    assert summary.get("type") == "html"
    rendered = Markup(summary.text)
    assert rendered.elements == []
    assert rendered.text == HOSTILE
    assert html.unescape(feed.entries[0].summary) == HOSTILE


def test_rss_channel_description_shows_a_hostile_name_as_text(client):
    """A person feed's RSS channel description renders the person's name as text."""
    person = PersonFactory(name=HOSTILE)
    StoryFactory().people.add(person)
    root, feed = fetch(client, person_feed(person, "rss"))
    expected = f"Person: {HOSTILE}. The latest stories."
    rendered = Markup(root.find("channel/description").text)
    assert rendered.elements == []
    assert rendered.text == expected
    assert html.unescape(feed.feed.subtitle) == expected


def test_atom_subtitle_is_plain_text_holding_the_name_as_written(client):
    """A person feed's Atom subtitle is plain text with the name as written, not
    escaped twice."""
    person = PersonFactory(name=HOSTILE)
    StoryFactory().people.add(person)
    root, feed = fetch(client, person_feed(person, "atom"))
    subtitle = root.find(f"{ATOM}subtitle")
    assert subtitle.get("type", "text") == "text"
    assert subtitle.text == f"Person: {HOSTILE}. The latest stories."
    assert feed.feed.subtitle == f"Person: {HOSTILE}. The latest stories."


@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_titles_are_plain_text_escaped_once(client, fmt):
    """Headlines and feed titles, plain text in both formats, read as written."""
    person = PersonFactory(name="Ben & <Jerry>")
    StoryFactory(headline="Q&A: why <this> matters").people.add(person)
    root, feed = fetch(client, person_feed(person, fmt))
    if fmt == "rss":
        feed_title = root.find("channel/title").text
        item_title = root.find("channel/item/title").text
    else:
        feed_title = root.find(f"{ATOM}title").text
        item_title = root.find(f"{ATOM}entry/{ATOM}title").text
    assert feed_title.startswith("Ben & <Jerry> | ")
    assert item_title == "Q&A: why <this> matters"
    assert feed.entries[0].title == "Q&A: why <this> matters"
    assert feed.feed.title.startswith("Ben & <Jerry> | ")
