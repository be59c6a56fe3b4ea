"""Every response carries the security headers and a strict Content Security Policy."""

from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse

from newsroom.middleware import import_map_hashes
from tests.factories import StoryFactory

pytestmark = pytest.mark.django_db


class InlineCode(HTMLParser):
    """Collects inline scripts, inline styles and event-handler attributes."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and "src" not in attrs:
            # JSON-LD is data; an import map is allowed by its hash (checked below).
            if attrs.get("type") not in ("application/ld+json", "importmap"):
                self.found.append("<script> without src")
        if tag == "style":
            self.found.append("<style>")
        for name in attrs:
            if name == "style" or name.startswith("on"):
                self.found.append(f"{name}= on <{tag}>")


def inline_code(html):
    parser = InlineCode()
    parser.feed(html)
    return parser.found


def directives(response):
    policy = response["Content-Security-Policy"]
    return {
        part.split()[0]: part.split()[1:]
        for part in (p.strip() for p in policy.split(";"))
        if part
    }


@pytest.fixture
def public_urls():
    story = StoryFactory()
    return [
        "/",
        story.get_absolute_url(),
        story.section.get_absolute_url(),
        "/no-such-page/",
    ]


def test_public_pages_carry_a_strict_policy_and_no_inline_code(client, public_urls):
    """Reader pages allow scripts and styles from the site only, and use none inline."""
    for url in public_urls:
        response = client.get(url)
        csp = directives(response)
        assert csp["default-src"] == ["'self'"], url
        assert csp["script-src"] == ["'self'"], url
        assert csp["style-src"] == ["'self'"], url
        assert csp["object-src"] == ["'none'"], url
        assert csp["frame-ancestors"] == ["'none'"], url
        assert "'unsafe-inline'" not in response["Content-Security-Policy"], url
        assert "nonce-" not in response["Content-Security-Policy"], url
        assert inline_code(response.content.decode()) == [], url


def test_public_pages_refuse_framing_and_sniffing(client, public_urls):
    """Reader pages cannot be framed, sniffed, or leak full URLs to other sites."""
    for url in public_urls:
        response = client.get(url)
        assert response["X-Frame-Options"] == "DENY", url
        assert response["X-Content-Type-Options"] == "nosniff", url
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin", url
        assert response["Cross-Origin-Opener-Policy"] == "same-origin", url


def test_json_ld_data_blocks_are_not_blocked_as_inline_script():
    """Structured data (JSON-LD) is data, so the inline-code rule lets it through."""
    html = '<script type="application/ld+json">{"@type": "NewsArticle"}</script>'
    assert inline_code(html) == []
    assert inline_code("<script>alert(1)</script>") == ["<script> without src"]


def test_admin_pages_carry_the_admin_policy(editor_client):
    """The admin login and desk have the same strict policy and cannot be framed."""
    for response in [
        Client().get(reverse("admin:login")),
        editor_client.get(reverse("admin:index")),
        editor_client.get(reverse("admin:articles_story_add")),
    ]:
        assert response.status_code == 200
        csp = directives(response)
        hashes = import_map_hashes(response.content)
        assert csp["script-src"] == ["'self'", *hashes]
        assert csp["frame-ancestors"] == ["'none'"]
        assert response["X-Frame-Options"] == "DENY"
        assert inline_code(response.content.decode()) == []


def test_admin_policy_can_differ_from_the_readers(settings, client):
    """A widget the admin needs widens the admin's policy only, never the readers'."""
    settings.NEWSROOM_ADMIN_CSP = {
        **settings.SECURE_CSP,
        "img-src": ["'self'", "blob:"],
    }
    assert "blob:" in directives(client.get(reverse("admin:login")))["img-src"]
    assert "blob:" not in directives(client.get("/"))["img-src"]


def test_error_pages_need_no_inline_code():
    """The static 500 and 503 pages render styled under the policy."""
    from django.template import loader

    for name in ["500.html", "503.html"]:
        assert inline_code(loader.render_to_string(name)) == [], name


POWERFUL_FEATURES = ["camera", "microphone", "geolocation", "payment", "usb"]


def permissions(response):
    return dict(
        part.strip().split("=", 1) for part in response["Permissions-Policy"].split(",")
    )


def test_every_page_refuses_browser_features_the_site_never_uses(
    client, editor_client, public_urls
):
    """Reader, admin and error pages refuse camera, microphone, location and such."""
    responses = [client.get(url) for url in public_urls]
    responses += [
        Client().get(reverse("admin:login")),
        editor_client.get(reverse("admin:index")),
    ]
    assert {r.status_code for r in responses} == {200, 404}
    for response in responses:
        policy = permissions(response)
        for feature in [*POWERFUL_FEATURES, "browsing-topics", "interest-cohort"]:
            assert policy[feature] == "()", (response.request["PATH_INFO"], feature)
