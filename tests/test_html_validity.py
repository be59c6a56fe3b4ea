"""Every public page type is valid HTML by the Nu HTML Checker (vnu.jar).

The checker is a Java program shipped by the npm package vnu-jar (pinned in
package.json). Without Java or the jar its test skips, unless
NEWSROOM_REQUIRE_BROWSER=1 (as in CI), where a missing checker fails the run. The
errors it once found are pinned below without it too.
"""

import json
import os
import re
import shutil
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.urls import reverse

from articles import services
from articles.images.tasks import make_renditions
from articles.models import Byline, Correction
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
    UserFactory,
)

pytestmark = pytest.mark.django_db

VNU = Path(__file__).resolve().parents[1] / "node_modules/vnu-jar/build/dist/vnu.jar"
JAVA = shutil.which("java")
CANARY = (
    '<!doctype html><html lang="en"><title>Canary</title>'
    '<input type="text" type="search" name="q" aria-label="q"></html>'
)


@pytest.fixture
def vnu():
    """The command that runs the checker, or a skip (a failure in CI) without it."""
    if not (JAVA and VNU.exists()):
        message = (
            "The Nu HTML Checker needs Java (apt-get install default-jre-headless) "
            "and vnu-jar (make test runs npm ci)"
        )
        if os.environ.get("NEWSROOM_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return [JAVA, "-jar", str(VNU), "--format", "json", "--stdout", "--errors-only"]


def build_desk(now):
    """A desk with every kind of thing a reader page shows: corrections of each kind,
    a lead picture with renditions, a story with neither picture nor byline, bylines
    with roles, countries and people, curated and filled related headlines."""
    world = SectionFactory(slug="world", name="World", description="News abroad.")
    france = CountryFactory(code="FR")
    person = PersonFactory(name="Ana Ruiz", slug="ana-ruiz", description="Mayor.")
    reporter = AuthorFactory(name="Lea Martin", slug="lea-martin", bio="In Paris.")
    photographer = AuthorFactory(name="Tom Reed", slug="tom-reed")

    photo = ImageFactory(file__width=2000, file__height=1200, alt_text="The bridge")
    make_renditions.call(photo.pk)
    lead = StoryFactory(
        headline="Bridge reopens & traffic returns",
        slug="bridge-reopens",
        section=world,
        lead_image=photo,
        credit="Reuters",
        published_at=now - timedelta(hours=2),
    )
    lead.countries.add(france)
    lead.people.add(person)
    BylineFactory(story=lead, author=reporter, role=Byline.Role.REPORTING)
    BylineFactory(story=lead, author=photographer, role=Byline.Role.PHOTOS, position=1)
    plain = StoryFactory(
        headline="Council meets",
        slug="council-meets",
        section=world,
        dek="",
        dateline="",
        published_at=now - timedelta(hours=3),
    )
    plain.countries.add(france)
    plain.people.add(person)
    RelatedLinkFactory(story=lead, target=plain, position=0)
    RelatedLinkFactory(
        story=lead,
        target=None,
        url="https://example.org/report?a=1&b=2",
        title="The full report",
        position=1,
    )
    for kind in Correction.Kind:
        services.add_correction(story=lead, kind=kind, text=f"A {kind.label}.")
    FrontPageSlotFactory(story=lead, position=1)

    # Enough older stories for a second page of the section.
    for n in range(settings.NEWSROOM_PAGE_SIZE):
        older = StoryFactory(
            headline=f"Earlier bridge report {n}",
            section=world,
            published_at=now - timedelta(days=1, hours=n),
        )
        older.countries.add(france)
    draft = StoryFactory(draft=True, headline="Unfinished bridge story", section=world)
    return {
        "world": world,
        "france": france,
        "person": person,
        "reporter": reporter,
        "lead": lead,
        "plain": plain,
        "draft": draft,
    }


def public_pages(client, desk):
    """{file name: (URL, response)} for every page type a reader or crawler reads."""
    search = reverse("articles:search")
    share = services.share_story(story=desk["draft"])
    urls = {
        "front": "/",
        "story": desk["lead"].get_absolute_url(),
        "story-plain": desk["plain"].get_absolute_url(),
        "section": desk["world"].get_absolute_url(),
        "section-page-2": desk["world"].get_absolute_url() + "?page=2",
        "country": desk["france"].get_absolute_url(),
        "person": desk["person"].get_absolute_url(),
        "author": desk["reporter"].get_absolute_url(),
        "search-empty-form": search,
        "search-results": search + "?q=bridge",
        "search-no-results": search + "?q=zebra",
        "search-filters": (
            f"{search}?q=bridge&section=world&country={desk['france'].slug}"
            f"&person={desk['person'].slug}&since=2000-01-01&until=2999-12-31"
        ),
        "corrections": reverse("articles:corrections"),
        "not-found": "/no-such-page/",
        "share": share.get_absolute_url(),
    }
    pages = {name: (url, client.get(url)) for name, url in urls.items()}
    staff = Client()
    staff.force_login(UserFactory(username="desk", is_staff=True, is_superuser=True))
    preview = reverse("articles:story_preview", args=[desk["draft"].pk])
    pages["preview"] = (preview, staff.get(preview))
    # Error pages the handlers serve when a request fails or the database is away.
    request = RequestFactory().get("/")
    for status in (400, 403, 500, 503):
        html = render_to_string(f"{status}.html", request=request)
        pages[f"error-{status}"] = (f"{status}.html", HttpResponse(html, status=status))
    return pages


STATUS = {
    "not-found": 404,
    "error-400": 400,
    "error-403": 403,
    "error-500": 500,
    "error-503": 503,
}


def describe(message, files):
    """One line for a checker message: the page, its URL, the line, the text."""
    page = message.get("url", "").rsplit("/", 1)[-1]
    extract = " ".join(message.get("extract", "").split())
    return (
        f"{files.get(page, page)} line {message.get('lastLine')}: "
        f"{message['message']} [{extract}]"
    )


def test_every_public_page_type_is_valid_html(client, vnu, now, tmp_path):
    """The Nu HTML Checker finds no error on any page type, with real data."""
    pages = public_pages(client, build_desk(now))
    expected = {name: STATUS.get(name, 200) for name in pages}
    assert {name: response.status_code for name, (_, response) in pages.items()} == (
        expected
    )
    folder = tmp_path / "pages"
    folder.mkdir()
    files = {}
    for name, (url, response) in pages.items():
        path = folder / f"{name}.html"
        path.write_bytes(response.content)
        files[path.name] = f"{name} ({url})"
    # A page with a known error proves the checker read the files it was given.
    (folder / "canary.html").write_text(CANARY)
    # One run for every page: the JVM takes seconds to start.
    run = subprocess.run(
        [*vnu, *sorted(str(path) for path in folder.glob("*.html"))],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.stdout, run.stderr
    messages = json.loads(run.stdout)["messages"]
    errors = [
        describe(message, files)
        for message in messages
        if not message.get("url", "").endswith("/canary.html")
    ]
    assert errors == [], "\n".join(errors)
    assert [m["message"] for m in messages] == ["Duplicate attribute “type”."]


def test_time_elements_give_whole_seconds(client, now):
    """A <time datetime> has seconds and an offset, never six fraction digits."""
    # A second back: the same second with more microseconds could still be due.
    story = StoryFactory(
        published_at=(now - timedelta(seconds=1)).replace(microsecond=123456)
    )
    services.add_correction(story=story, text="A fix.")
    html = client.get(story.get_absolute_url()).text
    datetimes = re.findall(r'<time datetime="([^"]*)"', html)
    assert len(datetimes) == 3
    for value in datetimes:
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", value)


def test_search_page_query_is_a_search_field(client):
    """The search page's query box is one search field, with one type."""
    html = client.get(reverse("articles:search") + "?q=bridge").text
    query = re.search(r'<input[^>]*id="id_q"[^>]*>', html).group(0)
    assert re.findall(r'\stype="([^"]*)"', query) == ["search"]
