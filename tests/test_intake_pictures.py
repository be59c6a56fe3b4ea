"""Agency pictures, fetched from a local server through the editor's upload policy."""

import pytest

from articles import outbound as fetch
from articles.models import Image, Story
from articles.services.intake import import_wire
from tests import imagefiles
from tests.factories import SectionFactory
from tests.wire import PictureServer, as_bytes, corpus

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def local_fetches(settings, db):
    """Only the test server's loopback address is let through."""
    settings.NEWSROOM_FETCH_ALLOWED_ADDRESSES = ["127.0.0.1"]
    SectionFactory(name="World", slug="world")


def import_with(server, href="/cranes.png"):
    item = corpus("full_v2.json", port=server.port)
    item["associations"][0]["renditions"][1]["href"] = server.url(href)
    return import_wire(source=as_bytes(item), name="item.json", user=None)


def png(size=(64, 48)):
    return (200, {"Content-Type": "image/png"}, imagefiles.png(size))


def test_a_picture_becomes_the_drafts_lead_image():
    """The largest rendition is fetched, re-encoded, and leads the draft with the
    agency's caption, credit and title as alt text."""
    with PictureServer({"/cranes.png": png()}) as server:
        result = import_with(server)
    assert server.requests == ["/cranes.png"]
    image = result.story.lead_image
    assert (image.width, image.height) == (64, 48)
    assert image.caption == "Cranes stand idle during the strike."
    assert image.credit == "Example Wire Photos"
    assert image.alt_text == "Idle cranes at the container terminal"


def test_a_picture_that_fails_is_reported_and_the_draft_is_made():
    """A missing picture is listed with the reason; the story is imported anyway."""
    with PictureServer({}) as server:
        result = import_with(server)
    assert result.status == "created"
    assert result.story.lead_image is None
    (picture,) = result.report["pictures"]
    assert "answered 404" in picture["problem"]
    assert not Image.objects.exists()


def test_a_file_that_is_not_an_image_is_refused_by_the_upload_policy():
    """An HTML page served as a picture fails the policy, not the import."""
    page = (200, {"Content-Type": "image/png"}, b"<html>not a picture</html>")
    with PictureServer({"/cranes.png": page}) as server:
        result = import_with(server)
    assert "not a JPEG, PNG" in result.report["pictures"][0]["problem"]
    assert Story.objects.count() == 1


def test_a_picture_over_the_pixel_cap_is_refused(settings):
    """The editor's pixel cap applies to agency pictures too."""
    settings.NEWSROOM_IMAGE_MAX_PIXELS = 1000
    with PictureServer({"/cranes.png": png()}) as server:
        result = import_with(server)
    assert "megapixels" in result.report["pictures"][0]["problem"]


def test_a_picture_over_the_size_cap_is_not_downloaded_in_full(settings):
    """A body larger than the image size cap stops the fetch."""
    settings.NEWSROOM_IMAGE_MAX_BYTES = 100
    with PictureServer({"/cranes.png": png()}) as server:
        result = import_with(server)
    assert "larger than" in result.report["pictures"][0]["problem"]


def test_a_redirect_into_a_private_network_is_not_followed():
    """The server may redirect, but never to an address the rules refuse."""
    moved = (302, {"Location": "http://10.1.2.3/secret.png"}, b"")
    with PictureServer({"/cranes.png": moved}) as server:
        result = import_with(server)
    assert "private or reserved" in result.report["pictures"][0]["problem"]
    assert server.requests == ["/cranes.png"]


def test_a_redirect_to_an_allowed_address_is_followed():
    """Ordinary redirects still work, each one checked."""
    moved = (301, {"Location": "/final.png"}, b"")
    with PictureServer({"/cranes.png": moved, "/final.png": png()}) as server:
        result = import_with(server)
    assert result.story.lead_image is not None
    assert server.requests == ["/cranes.png", "/final.png"]


def test_the_fetcher_refuses_loopback_unless_allowed(settings):
    """Without the setting, even the local server is out of bounds."""
    settings.NEWSROOM_FETCH_ALLOWED_ADDRESSES = []
    with PictureServer({"/a.png": png()}) as server:
        with pytest.raises(fetch.FetchError, match="private or reserved"):
            fetch.fetch(server.url("/a.png"), max_bytes=10_000)
    assert server.requests == []
