"""Copy that is not a story gets a clear message and writes nothing."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from articles.intake.item import WireError
from articles.models import Image, Story, WireImport
from articles.services.intake import import_wire
from tests.factories import SectionFactory
from tests.wire import CORPUS, as_bytes, corpus

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def section(db):
    return SectionFactory(name="World", slug="world")


def refused(data, name="", match=""):
    with pytest.raises(WireError, match=match) as refusal:
        import_wire(source=data, name=name, user=None)
    assert not Story.objects.exists()
    assert not WireImport.objects.exists()
    assert not Image.objects.exists()
    return str(refusal.value)


def picture_item(href):
    item = corpus("full_v2.json")
    item["associations"][0]["renditions"] = [{"name": "original", "href": href}]
    return as_bytes(item)


def test_empty_copy():
    """Nothing, or only blank lines, is refused."""
    refused(b"", match="empty")
    refused("  \n\n \n", match="empty")


def test_binary_file():
    """A binary file (a picture, say) is not text."""
    refused(
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "wire.txt", match="not text"
    )
    refused(b"\xff\xfe\xfa broken utf-8", match="not text")


def test_ten_megabytes_of_text():
    """Ten megabytes of text is far beyond any story."""
    refused(b"word " * (2 * 1024 * 1024), "feed.txt", match="larger than")


def test_malformed_json():
    """Broken JSON says so."""
    refused(b'{"uri": "urn:x", "headlines": [', "item.json", match="malformed")
    refused(b'{"uri": "urn:x", "urgency": NaN}', "item.json", match="malformed")


def test_huge_and_deeply_nested_json():
    """JSON past the size cap or nested past any news item is refused unread."""
    huge = as_bytes(corpus("update_v1.json", ednote="x" * (2 * 1024 * 1024)))
    refused(huge, "item.json", match="larger than")
    deep = b'{"uri": "urn:x", "altids": ' + b"[" * 5000 + b"]" * 5000 + b"}"
    refused(deep, "item.json", match="nests deeper")


def test_a_body_full_of_scripts():
    """Scripts in a ninjs body, or in pasted text, refuse the item."""
    item = corpus("update_v1.json")
    item["bodies"][0]["value"] = "<script>steal()</script>" * 20 + "<p>Hi.</p>"
    refused(as_bytes(item), "item.json", match="scripts")
    refused("<script>alert(1)</script>\nSome words here.", match="scripts")


def test_unknown_fields():
    """A field ninjs does not define is named in the refusal."""
    message = refused(
        as_bytes(corpus("update_v1.json", sneaky="x")), "item.json", match="not define"
    )
    assert "“sneaky”" in message


def test_wrong_types_and_missing_uri():
    """A list where text belongs, or no uri, is refused field by field."""
    refused(as_bytes(corpus("update_v1.json", by=["a"])), "item.json", match="“by”")
    item = corpus("update_v1.json")
    del item["uri"]
    refused(as_bytes(item), "item.json", match="uri")
    refused(b"[1, 2, 3]", "item.json", match="JSON object")


@pytest.mark.parametrize(
    "href",
    [
        "http://10.0.0.8/picture.jpg",
        "http://192.168.1.20/picture.jpg",
        "http://169.254.169.254/latest/meta-data",
        "http://127.0.0.1/picture.jpg",
        "http://localhost/picture.jpg",
        "http://[::1]/picture.jpg",
        "http://0.0.0.0/picture.jpg",
    ],
)
def test_a_picture_url_to_a_private_address(href):
    """Private, loopback, link-local and unspecified addresses are never fetched."""
    refused(picture_item(href), "item.json", match="private or reserved")


@pytest.mark.parametrize(
    "href", ["file:///etc/passwd", "ftp://example.org/a.jpg", "gopher://x/", "data:x"]
)
def test_a_picture_url_with_another_scheme(href):
    """Only http and https addresses are fetched."""
    refused(picture_item(href), "item.json", match="only http and https")


def test_another_kind_of_file():
    """Only .txt and .json files are wire copy."""
    refused(b"Some words.", "story.docx", match="not wire copy")


def test_the_admin_screen_shows_the_reason_and_writes_nothing(editor_client):
    """A bad upload re-shows the form with the reason, never a 500."""
    url = reverse("admin:articles_wireimport_add")
    bad = json.dumps({"uri": "urn:x", "oops": 1}).encode()
    response = editor_client.post(
        url, {"file": SimpleUploadedFile("item.json", bad, "application/json")}
    )
    assert response.status_code == 200
    assert "“oops”" in response.content.decode()
    assert not Story.objects.exists()
    both = editor_client.post(
        url, {"copy": "Words.", "file": SimpleUploadedFile("a.txt", b"More words.")}
    )
    assert "one of them" in both.content.decode()


@pytest.mark.parametrize(
    "name,reason",
    [
        ("unknown_field.json", "not define"),
        ("scripts.json", "scripts"),
        ("private_picture.json", "private or reserved"),
        ("file_picture.json", "only http and https"),
        ("malformed.json", "malformed"),
        ("nested.json", "nests deeper"),
        ("empty.json", "empty"),
        ("binary.txt", "not text"),
        ("no_uri.json", "uri"),
        ("ninjs3.json", "not supported"),
    ],
)
def test_each_bad_file_in_the_corpus_is_refused_by_the_command(name, reason):
    """manage.py import_wire names the file and the reason, and writes nothing."""
    path = CORPUS / "bad" / name
    errors = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_wire", str(path), stdout=io.StringIO(), stderr=errors)
    assert reason in errors.getvalue()
    assert not Story.objects.exists()
    assert not WireImport.objects.exists()
