"""The site's icon: linked from every page and answered at /favicon.ico."""

import io
import re

import pytest
from django.templatetags.static import static
from PIL import Image

from tests.factories import StoryFactory

pytestmark = pytest.mark.django_db


def test_favicon_ico_leads_to_the_icon(client):
    """/favicon.ico answers with a cacheable redirect to an icon, not a 404."""
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == static("img/favicon.ico")
    assert "public" in response["Cache-Control"]
    assert "max-age=" in response["Cache-Control"]
    icon = client.get(response["Location"])
    assert icon.status_code == 200
    picture = Image.open(io.BytesIO(b"".join(icon.streaming_content)))
    assert picture.format == "ICO"
    assert {(16, 16), (32, 32)} <= picture.info["sizes"]


def test_favicon_ico_touches_no_database(client, django_assert_num_queries):
    """Browsers ask for the icon on every visit: it costs no query."""
    with django_assert_num_queries(0):
        assert client.get("/favicon.ico").status_code == 301


def test_reader_pages_link_the_icon(client):
    """Front page and story page name the icon in their head."""
    story = StoryFactory()
    link = f'<link rel="icon" href="{static("img/favicon.ico")}"'
    for url in ["/", story.get_absolute_url(), "/no-such-page/"]:
        head = re.search(r"<head>.*</head>", client.get(url).text, re.S).group(0)
        assert link in head, url
