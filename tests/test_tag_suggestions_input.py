"""Tag suggestions in the story form refuse what no story's text looks like with a
clean 400 (as JSON, saying why), and read a very long story from its start."""

import pytest
from django.urls import reverse

from tests.factories import StoryFactory
from tests.test_tag_suggestions import SEED_LIKE, labels, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft():
    return StoryFactory(draft=True, headline="Draft", body="<p>Nothing yet.</p>")


def test_an_unknown_story_is_a_404(editor_client):
    """A story id that does not exist is a clean 404."""
    response = editor_client.post(
        reverse("admin:articles_story_tag_suggestions", args=[999999]), SEED_LIKE
    )
    assert response.status_code == 404


@pytest.mark.parametrize(
    "data",
    [
        {"body": "<p>" + "Ukraine said no. " * 40_000 + "</p>"},
        {"headline": "Ukraine " * 500},
        {"body": "\x00\x01\x02binary\x00" * 100},
        {"dek": "caf\ufffd"},
    ],
    ids=["huge body", "long headline", "binary", "undecodable"],
)
def test_huge_or_binary_text_is_a_clean_400(editor_client, draft, data):
    """Input no story has gets a 400 saying why, as JSON, and no suggestions."""
    response = editor_client.post(url(draft), data)
    assert response.status_code == 400
    assert response.json()["error"].startswith("The ")


def test_undecodable_bytes_are_a_clean_400(editor_client, draft):
    """A post that is not UTF-8 text is refused, not a server error."""
    response = editor_client.generic(
        "POST",
        url(draft),
        b"body=\xff\xfe\x00\x81&headline=x",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400


def test_an_oversized_query_string_is_a_clean_400(editor_client, draft):
    """The same limit holds for a GET."""
    response = editor_client.get(url(draft), {"body": "a" * 500_000})
    assert response.status_code == 400


def test_odd_token_values_are_ignored(editor_client, draft):
    """Token values no form posts (huge numbers, words) are no reason to fail."""
    response = editor_client.post(
        url(draft),
        {
            **SEED_LIKE,
            "tags-shown": "1",
            "country_list": ["9" * 40, "x", ""],
            "person_list": ["9" * 40, "¹²", "new:", "7" * 18],
        },
    )
    assert response.status_code == 200
    assert "Ukraine" in labels(response.json(), "countries")


def test_thousands_of_fields_are_a_clean_400(editor_client, draft):
    """More fields than any form posts is refused as JSON, not a server error."""
    response = editor_client.post(url(draft), {f"f{n}": "x" for n in range(1500)})
    assert response.status_code == 400
    assert "error" in response.json()


def test_other_methods_are_refused(editor_client, draft):
    assert editor_client.put(url(draft)).status_code == 405


def test_a_very_long_body_is_read_from_its_start(editor_client, draft):
    """A body past what is read still gets suggestions from its first part; a
    country named only at its far end is not offered."""
    filler = "<p>" + "The talks went on late into the night. " * 60 + "</p>"
    body = "<p>Ukraine said no.</p>" + filler * 40 + "<p>Chile said yes.</p>"
    response = editor_client.post(url(draft), {"body": body})
    assert response.status_code == 200
    assert labels(response.json(), "countries") == ["Ukraine"]
