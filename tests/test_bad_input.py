"""Bad input from readers and crawlers: a 404, 301, 405 or a clean page, never a 500."""

import re
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from unittest import mock

import pytest
from django import db
from django.conf import settings
from django.contrib.auth.models import Permission, User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone
from django.views import defaults

from articles import urls as article_urls
from articles.models import (
    Author,
    CountryTag,
    FormerSlug,
    FrontPageSlot,
    PersonTag,
    Section,
    ShareLink,
    Story,
)
from articles.models.sections import RESERVED_SECTION_SLUGS
from articles.views.listings import StoryListView
from newsroom import urls as site_urls
from tests.factories import BylineFactory, StoryFactory, UserFactory
from tests.workflow import change_url, story_form_data

pytestmark = pytest.mark.django_db

LIST_KINDS = ["section", "country", "person", "author"]
NOT_FOUND = "We couldn’t find that page"
BAD_PAGES = ["4", "abc", "-1", "0", "1.5", str(10**20), "9" * 5000, "x" * 10**4]


def short(value):
    """Readable test ids for very long parameters."""
    text = str(value)
    return text if len(text) <= 24 else f"{text[:8]}...({len(text)} chars)"


@pytest.fixture
def reader():
    """An anonymous browser that gets a server error as a 500 page, not a raise."""
    return Client(raise_request_exception=False)


@pytest.fixture
def desk(monkeypatch):
    """Five published stories sharing a section, country, person and author."""
    # Three pages of two stories, without writing forty-one stories.
    monkeypatch.setattr(StoryListView, "paginate_by", 2)
    section = Section.objects.create(slug="europe", name="Europe")
    country = CountryTag.objects.get(code="FR")
    person = PersonTag.objects.create(slug="nicolás-maduro", name="Nicolás Maduro")
    author = Author.objects.create(slug="jane-doe", name="Jane Doe")
    now, stories = timezone.now(), []
    for n in range(5):
        story = StoryFactory(
            section=section,
            headline=f"Listed story {n}",
            published_at=now - timedelta(hours=n + 1),
        )
        story.countries.add(country)
        story.people.add(person)
        BylineFactory(story=story, author=author)
        stories.append(story)
    return SimpleNamespace(
        section=section, country=country, person=person, author=author, story=stories[0]
    )


def page_url(desk, where):
    if where == "front":
        return reverse("articles:front_page")
    if where == "health":
        return reverse("health")
    return getattr(desk, where).get_absolute_url()


def fill(template, story, slug=None):
    """A story address from a template such as "/asia/{date}/{slug}/"."""
    day = timezone.localdate(story.published_at or timezone.now())
    return template.format(date=f"{day:%Y/%m/%d}", slug=slug or story.slug)


@pytest.mark.parametrize("kind", LIST_KINDS)
@pytest.mark.parametrize(
    ("page", "status", "shown"),
    [("", 200, "Page 1<"), ("2", 200, "Page 2<"), ("last", 200, "Page 3<")]
    # NUL bytes are dropped from every query string, so "\x00" is no page: the first.
    + [("\x00", 200, "Page 1<"), ("2\x00", 200, "Page 2<")]
    + [(page, 404, NOT_FOUND) for page in BAD_PAGES],
    ids=short,
)
def test_page_parameter(reader, desk, kind, page, status, shown):
    """Any ?page= value gives a listing page or a friendly 404, never a server error."""
    response = reader.get(page_url(desk, kind), {"page": page})
    assert response.status_code == status
    assert shown in response.text


@pytest.mark.parametrize("kind", LIST_KINDS)
def test_pagination_links_never_echo_a_visitors_extra_parameters(reader, desk, kind):
    """Extra parameters on page 2 never reach the page stored for other readers."""
    query = {"page": 2, "utm_source": "x", "x": '"><script>\x00'}
    response = reader.get(page_url(desk, kind), query)
    assert response.status_code == 200
    assert "Listed story 2" in response.text
    assert "Listed story 0" not in response.text
    assert 'rel="prev" href="?page=1"' in response.text
    assert 'rel="next" href="?page=3"' in response.text
    assert "utm_source" not in response.text and "<script>" not in response.text


@pytest.mark.parametrize("where", ["front", "story", *LIST_KINDS])
@pytest.mark.parametrize(
    "query",
    [
        "q=%00",
        "q=%01%02%1B%1F%7F%C2%85",
        "%00=%00&%00",
        "q=%E2%80%AE%EF%BB%BF",
        "q=%FF%FE&%C0=%C1",
        "q=%",
        "q=" + "x" * 20_000,
        "&".join(f"k{n}=%00" for n in range(500)),
    ],
    ids=short,
)
def test_junk_query_string_is_a_clean_page(reader, desk, where, query):
    """Control characters, broken UTF-8 or huge values in a query give the page."""
    assert reader.get(f"{page_url(desk, where)}?{query}").status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/europe/2026/02/30/{slug}/",
        "/europe/2026/13/01/{slug}/",
        "/europe/0000/00/00/{slug}/",
        "/europe/9999/99/99/{slug}/",
        "/asia/{date}/{slug}/",
        "/Europe/{date}/{slug}/",
        "/europe/{date}/old-slug/",
        "/europe/{date}/{slug}",
    ],
)
def test_non_canonical_story_address_redirects(reader, desk, path):
    """A bad date, wrong section, old slug or lost slash 301s to the canonical URL."""
    FormerSlug.objects.create(slug="old-slug", story=desk.story)
    response = reader.get(fill(path, desk.story))
    assert response.status_code == 301
    assert response["Location"] == desk.story.get_absolute_url()


@pytest.mark.parametrize("kind", ["draft", "in_review", "scheduled"])
@pytest.mark.parametrize(
    "path",
    ["/europe/{date}/{slug}/", "/asia/{date}/{slug}/", "/europe/2026/02/30/{slug}/"],
)
def test_hidden_story_address_is_404_not_redirect(reader, desk, kind, path):
    """A hidden story's slug is a 404 at any address, never a 301 that would leak it."""
    hidden = StoryFactory(section=desk.section, **{kind: True})
    FormerSlug.objects.create(slug=f"{hidden.slug}-old", story=hidden)
    for slug in [hidden.slug, f"{hidden.slug}-old"]:
        response = reader.get(fill(path, hidden, slug=slug))
        assert response.status_code == 404, slug
        assert hidden.headline not in response.text


@pytest.mark.parametrize(
    "path",
    [
        "/europe/2026/01/01/no-such-story/",
        "/europe/2026/ab/01/{slug}/",
        "/europe/2026/001/01/{slug}/",
        "/europe/2026/1/01/{slug}/",
        "/europe/2026/01/01/{slug}/extra/",
        "/europe/2026/01/01/café/",
        "/europe/2026/01/01/{slug}%00/",
        "/europe/2026/01/01/%FF%FE/",
        "/europe/2026/01/01/%2e%2e/",
        "/europe/2026/01/01/a%2Fb/",
        "/europe/2026/01/01/" + "x" * 5000 + "/",
        "/%00/2026/01/01/{slug}/",
        "/europ%C3%A9/2026/01/01/{slug}/",
    ],
    ids=short,
)
def test_story_address_junk_is_404(reader, desk, path):
    """A malformed story address, or one with no such slug, is a friendly 404."""
    response = reader.get(fill(path, desk.story))
    assert response.status_code == 404
    assert NOT_FOUND in response.text


def test_unicode_person_slug_is_a_page(reader, desk):
    """A person whose slug has an accent has a working page and canonical link."""
    response = reader.get("/person/nicolás-maduro/")
    assert response.status_code == 200
    assert "<h1>Nicolás Maduro</h1>" in response.text
    canonical = f"{settings.SITE_URL}/person/nicol%C3%A1s-maduro/"
    assert f'<link rel="canonical" href="{canonical}">' in response.text


def slug_cases():
    junk = ["no-such-thing", "ñandú", "x" * 5000, "%FF%FE", "%2e%2e", "a%20b"]
    for kind in LIST_KINDS:
        for slug in [*junk, "%00", "jane%00doe", "%01%1F%7F"]:
            yield pytest.param(kind, slug, id=f"{kind}-{short(slug)}")


@pytest.mark.parametrize(("kind", "slug"), list(slug_cases()))
def test_unknown_listing_slug_is_404(reader, desk, kind, slug):
    """An unknown or malformed section, country, person or author is a friendly 404."""
    prefix = "" if kind == "section" else f"/{kind}"
    response = reader.get(f"{prefix}/{slug}/")
    assert response.status_code == 404
    assert NOT_FOUND in response.text


@pytest.mark.parametrize("where", ["front", "story", "section", "health"])
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_writing_methods_are_not_allowed(reader, desk, where, method):
    """POST, PUT, PATCH and DELETE on a reader page or /healthz are a 405."""
    response = getattr(reader, method)(page_url(desk, where))
    assert response.status_code == 405
    assert "GET" in response["Allow"]


@pytest.mark.parametrize("where", ["front", "story", "section", "health"])
def test_head_is_a_200_without_body(reader, desk, where):
    """HEAD answers like GET, with headers and no body."""
    response = reader.head(page_url(desk, where))
    assert response.status_code == 200
    assert response.content == b""


@pytest.fixture
def draft(desk):
    return StoryFactory(section=desk.section, headline="Unpublished scoop", draft=True)


def preview_url(pk):
    return reverse("articles:story_preview", kwargs={"pk": pk})


@pytest.mark.parametrize(
    ("who", "status", "text"),
    [
        ("reader", 404, NOT_FOUND),
        ("member", 404, NOT_FOUND),
        ("intern", 403, "You may not preview stories."),
        ("subeditor", 200, "Unpublished scoop"),
    ],
)
def test_preview_is_for_staff_who_may_change_stories(reader, draft, who, status, text):
    """Readers get a 404, staff without change_story a 403, those with it the page."""
    if who != "reader":
        user = UserFactory(username=who, is_staff=who != "member")
        if who == "subeditor":
            user.user_permissions.add(Permission.objects.get(codename="change_story"))
        reader.force_login(user)
    response = reader.get(preview_url(draft.pk))
    assert response.status_code == status
    assert text in response.text
    assert ("Unpublished scoop" in response.text) == (status == 200)


@pytest.mark.parametrize("kind", ["draft", "published"])
def test_preview_is_noindex_and_never_cached(reader, editor, desk, draft, kind):
    """The editor's preview is marked noindex and never cached, published or not."""
    story = draft if kind == "draft" else desk.story
    reader.force_login(editor)
    response = reader.get(preview_url(story.pk))
    assert response.status_code == 200
    assert story.headline in response.text
    assert '<meta name="robots" content="noindex, nofollow">' in response.text
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


@pytest.mark.parametrize(
    "path",
    [preview_url(0), preview_url(987654), preview_url(2**63), preview_url(10**20)]
    + ["/preview/abc/", "/preview/-1/", "/preview/%00/"],
)
def test_preview_of_unknown_story_is_404(reader, editor, draft, path):
    """An editor asking for a story id that does not exist, or is no id, gets a 404."""
    reader.force_login(editor)
    assert reader.get(path).status_code == 404


@pytest.mark.parametrize(
    ("render", "status", "text"),
    [
        (lambda r: defaults.page_not_found(r, Exception()), 404, NOT_FOUND),
        (lambda r: defaults.server_error(r), 500, "Something went wrong on our side"),
        (lambda r: defaults.bad_request(r, Exception()), 400, "couldn’t understand"),
        (lambda r: defaults.permission_denied(r, PermissionDenied("No.")), 403, "No."),
    ],
    ids=["404", "500", "400", "403"],
)
def test_error_pages_render_without_the_database(
    django_assert_num_queries, render, status, text
):
    """Error pages render with no query, so they work while the database is down."""
    request = RequestFactory().get("/no/such/page/")
    with django_assert_num_queries(0):
        response = render(request)
    assert response.status_code == status
    assert text in response.content.decode()


@pytest.mark.parametrize("path", ["/no/such/page/", "/a/b/c/d/e/f/g/", "/%00/%FF/"])
def test_unknown_address_404_runs_no_query(reader, django_assert_num_queries, path):
    """An address that matches no route is a friendly 404 without touching the DB."""
    with django_assert_num_queries(0):
        response = reader.get(path)
    assert response.status_code == 404
    assert NOT_FOUND in response.text


def test_health_ok(reader):
    """/healthz answers 200 JSON when the database and the cache both answer."""
    response = reader.get(reverse("health"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize(
    "error",
    [
        db.DatabaseError,
        db.OperationalError,
        db.InterfaceError,
    ],
)
def test_health_database_down(reader, monkeypatch, error):
    """A failing database gives a 503 that names it, with no traceback for the world."""
    down = mock.Mock(**{"cursor.side_effect": error("server closed the connection")})
    monkeypatch.setattr("newsroom.views.connection", down)
    response = reader.get(reverse("health"))
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "error", "cache": "ok"}
    assert "Traceback" not in response.text
    assert "server closed" not in response.text


def test_health_cache_down(reader, monkeypatch):
    """A cache that forgets what it was given makes /healthz a 503 naming the cache."""
    monkeypatch.setattr("newsroom.views.cache", mock.Mock(**{"get.return_value": None}))
    response = reader.get(reverse("health"))
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "ok", "cache": "error"}


def test_every_top_level_route_is_reserved():
    """No section can take a slug the site already routes as an address of its own."""
    patterns = [*site_urls.urlpatterns, *article_urls.urlpatterns]
    firsts = {str(pattern.pattern).split("/")[0] for pattern in patterns}
    assert {p for p in firsts if p and "<" not in p} <= set(RESERVED_SECTION_SLUGS)


@pytest.mark.parametrize("slug", RESERVED_SECTION_SLUGS)
def test_reserved_section_slug_fails_validation(slug):
    """An editor choosing a reserved slug is told, on the slug field, why not."""
    with pytest.raises(ValidationError) as caught:
        Section(name="Clash", slug=slug).full_clean()
    message = f"“{slug}” is a site address of its own; choose another slug."
    assert message in caught.value.message_dict["slug"]


@pytest.mark.parametrize("slug", RESERVED_SECTION_SLUGS)
def test_reserved_section_slug_refused_by_database(slug):
    """The database refuses a reserved section slug even past validation."""
    with pytest.raises(IntegrityError), transaction.atomic():
        Section.objects.create(name="Clash", slug=slug)
    assert not Section.objects.filter(slug=slug).exists()


def test_ordinary_section_slug_is_accepted(reader):
    """A slug that shadows nothing validates, saves and has its page."""
    section = Section(name="Climate", slug="climate")
    section.full_clean()
    section.save()
    assert reader.get("/climate/").status_code == 200


@pytest.mark.parametrize("month", ["9999-12", "0001-01", "0000-01", "2026-13"])
def test_sitemap_of_an_impossible_month_is_404(reader, month):
    """A story sitemap for a month out of range is a 404, not a 500."""
    assert reader.get(f"/sitemap-stories-{month}.xml").status_code == 404


# Rows an older version, a script or a typo left with dates at the ends of the
# calendar: every page that shows them, and every window around them, still works.
EARLIEST = datetime(1, 1, 1, tzinfo=UTC)
LATEST = datetime(9999, 12, 31, tzinfo=UTC)
EXTREMES = {"0001-01-01": EARLIEST, "9999-12-31": LATEST}


@pytest.fixture(params=list(EXTREMES))
def extreme(request, desk):
    """A published story, tagged like the desk's, dated at one end of the calendar
    (written straight to the database, as no form would let it through)."""
    moment = EXTREMES[request.param]
    story = StoryFactory(section=desk.section, headline="Story out of time")
    story.countries.add(desk.country)
    story.people.add(desk.person)
    BylineFactory(story=story, author=desk.author)
    Story.objects.filter(pk=story.pk).update(published_at=moment, updated_at=moment)
    desk.story.related_links.create(target=story, position=1)
    story.refresh_from_db()
    return story


def test_story_out_of_time_has_its_page_or_a_404(reader, desk, extreme):
    """A story dated 0001 has its page; one dated 9999 is scheduled: a 404."""
    response = reader.get(extreme.get_absolute_url())
    assert response.status_code == (200 if extreme.published_at.year == 1 else 404)


@pytest.mark.parametrize("where", ["front", "story", *LIST_KINDS])
def test_pages_beside_a_story_out_of_time_work(reader, desk, extreme, where):
    """Front page, story pages and listings work with such a story among them."""
    assert reader.get(page_url(desk, where)).status_code == 200


def test_feeds_and_search_beside_a_story_out_of_time_work(reader, desk, extreme):
    """Every feed and a search over every date answer 200."""
    urls = [reverse("articles:feed_latest", kwargs={"fmt": "rss"})]
    for kind in LIST_KINDS:
        for fmt in ("rss", "atom"):
            slug = getattr(desk, kind).slug
            urls.append(
                reverse(
                    "articles:feed", kwargs={"kind": kind, "slug": slug, "fmt": fmt}
                )
            )
    urls.append(
        reverse("articles:search") + "?q=time&since=0001-01-01&until=9999-12-31"
    )
    for url in urls:
        assert reader.get(url).status_code == 200, url


def test_preview_of_a_story_out_of_time_works(reader, editor, desk, extreme):
    """The staff preview of such a story shows it."""
    reader.force_login(editor)
    response = reader.get(preview_url(extreme.pk))
    assert response.status_code == 200
    assert "Story out of time" in response.text


def test_every_sitemap_the_index_lists_answers(reader, desk, extreme):
    """The sitemap index lists no sitemap that 404s, whatever the stories' dates."""
    index = reader.get(reverse("articles:sitemap_index"))
    assert index.status_code == 200
    listed = re.findall(r"<loc>([^<]+)</loc>", index.text)
    assert listed
    for url in listed:
        assert reader.get(url.removeprefix(settings.SITE_URL)).status_code == 200, url
    assert reader.get(reverse("articles:news_sitemap")).status_code == 200


def test_admin_lists_and_opens_a_story_out_of_time(editor_client, extreme):
    """The story list and the change form show such a story."""
    admin = Client(raise_request_exception=False)
    admin.force_login(User.objects.get(username="editor"))
    assert admin.get(reverse("admin:articles_story_changelist")).status_code == 200
    change = reverse("admin:articles_story_change", args=[extreme.pk])
    assert admin.get(change).status_code == 200


@pytest.mark.parametrize("moment", list(EXTREMES.values()), ids=list(EXTREMES))
def test_pins_embargoes_and_share_links_out_of_time_work(reader, desk, moment):
    """A pin, an embargo or a share link dated at a calendar's end breaks no page."""
    FrontPageSlot.objects.create(story=desk.story, position=1)
    FrontPageSlot.objects.filter(story=desk.story).update(expires_at=moment)
    hidden = StoryFactory(section=desk.section, headline="Embargoed out of time")
    Story.objects.filter(pk=hidden.pk).update(embargoed_until=moment)
    link = ShareLink.objects.create(story=hidden)
    ShareLink.objects.filter(pk=link.pk).update(expires_at=moment)
    for url in [page_url(desk, "front"), page_url(desk, "section")]:
        assert reader.get(url).status_code == 200, url
    share = reader.get(link.get_absolute_url())
    assert share.status_code == (200 if moment.year == 9999 else 404)


def crafted_story_posts(story):
    """What the attack report sent through the story form, beyond the browser's
    own checks: times off the calendar's ends, and a flood of related headlines
    (500 rows pass Django's cap of 1,000 fields a request: a 400 before any form)."""
    flood = {
        "link_list-shown": "1",
        "link_list": [f"url:https://example.org/{n}" for n in range(60)],
        "link_list-title": [f"Far {n}" for n in range(60)],
    }
    return {
        "year 1": {"published_at": "0001-01-01T00:00:00"},
        "year 9999": {"embargoed_until": "9999-12-31T23:59"},
        "year 10000": {"updated_at": "10000-01-01T00:00"},
        "day 0": {"published_at": "2026-00-00T00:00"},
        "60 links": flood,
    }


@pytest.mark.parametrize(
    "crafted", ["year 1", "year 9999", "year 10000", "day 0", "60 links"]
)
def test_crafted_story_form_is_a_form_error(editor, crafted):
    """An editor's crafted post gets the form back with the reason, never a 500."""
    story = StoryFactory()
    admin = Client(raise_request_exception=False)
    admin.force_login(editor)
    data = story_form_data(story, **crafted_story_posts(story)[crafted])
    response = admin.post(change_url(story), data)
    assert response.status_code == 200
    assert "Please correct" in response.text
    assert Story.objects.get(pk=story.pk).version == story.version


@pytest.mark.parametrize("where", ["front", "section", "feed", "preview"])
def test_a_desk_west_of_greenwich_lists_a_story_of_year_one(
    reader, settings, editor, desk, where
):
    """0001-01-01 00:00 UTC is in year 0 in New York: pages listing such a story
    date it in UTC rather than fail."""
    settings.TIME_ZONE = "America/New_York"
    Story.objects.filter(pk=desk.story.pk).update(published_at=EARLIEST)
    url = {
        "front": page_url(desk, "front"),
        "section": page_url(desk, "section"),
        "feed": reverse("articles:feed_latest", kwargs={"fmt": "atom"}),
        "preview": preview_url(desk.story.pk),
    }[where]
    if where == "preview":
        reader.force_login(editor)
    response = reader.get(url)
    assert response.status_code == 200
    if where == "feed":
        assert "/europe/0001/01/01/" in response.text
