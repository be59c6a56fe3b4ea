"""Sitemaps: an index of the site's own pages, stories by month, sections,
countries, people and authors, and a Google News sitemap of the last two days. All
list published stories only."""

import datetime
import math
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.contrib.sitemaps.views import SitemapIndexItem
from django.db.models import Count, Max
from django.db.models.functions import Coalesce, TruncMonth
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.http import http_date
from django.views.decorators.http import require_safe

from .absolute import absolute_url, site_domain, site_scheme
from .cache import cached_page, keys, shows
from .models import Correction, Story
from .subjects import SCOPES
from .time_bounds import EARLIEST, LATEST, in_range

NEWS_WINDOW = timedelta(hours=48)
NEWS_LIMIT = 1000
# Django's own template writes a lastmod as a date: a correction made the day a
# story appeared would not show. Ours writes the time and offset too.
SITEMAP_TEMPLATE = "articles/sitemap.xml"


def to_second(moment):
    """A sitemap time: to the second, as crawlers' examples show it."""
    return moment.replace(microsecond=0) if moment else moment


def _last_change():
    """A story's lastmod: its editorial update, else its publication."""
    return Coalesce("updated_at", "published_at")


class SiteSitemap(Sitemap):
    """Locations on SITE_URL, whatever Host the crawler sent."""

    def get_protocol(self, protocol=None):
        return site_scheme()

    def get_domain(self, site=None):
        return site_domain()


class StoryMonthSitemap(SiteSitemap):
    """The stories first published in one month (in the desk's time zone)."""

    def __init__(self, month, latest=None, count=0):
        self.month = month
        self.latest = latest
        self.count = count

    def items(self):
        start = timezone.make_aware(
            datetime.datetime.combine(self.month, datetime.time())
        )
        end = timezone.make_aware(
            datetime.datetime.combine(
                (self.month + timedelta(days=32)).replace(day=1), datetime.time()
            )
        )
        return (
            Story.objects.published()
            .filter(published_at__gte=start, published_at__lt=end)
            .for_headlines()
            .order_by("published_at", "pk")
        )

    def lastmod(self, story):
        return to_second(story.display_time)

    def get_latest_lastmod(self):
        return self.latest


class PageSitemap(SiteSitemap):
    """The site's own pages: the front page and the corrections page."""

    def items(self):
        return ["articles:front_page", "articles:corrections"]

    def location(self, name):
        return reverse(name)

    def lastmod(self, name):
        # The front page changes with every story: its lastmod would mean reading
        # every story's last change, and crawlers come back to a home page anyway.
        if name == "articles:corrections":
            latest = Correction.objects.public().order_by("-created_at")
            return to_second(latest.values_list("created_at", flat=True).first())
        return None


class SubjectSitemap(SiteSitemap):
    """Sections, tags or authors with at least one published story.

    Without lastmod: the latest change of each subject's stories means reading every
    story of every subject on each render (see Scope.in_print for the test).
    """

    def __init__(self, scope):
        self.scope = scope

    def items(self):
        return self.scope.in_print().only("slug").order_by("pk")


def news_stories():
    """Google News: stories first published in the last 48 hours, at most 1,000."""
    now = timezone.now()
    return (
        Story.objects.published(now)
        .filter(published_at__gte=now - NEWS_WINDOW)
        .for_headlines()[:NEWS_LIMIT]
    )


def news_language():
    """The ISO 639 code Google News expects: "en" for "en-us"; zh-cn/zh-tw kept."""
    code = settings.LANGUAGE_CODE.lower()
    return code if code in {"zh-cn", "zh-tw"} else code.split("-")[0]


def month_sections():
    """{"stories-2026-11": sitemap, ...}, with counts and lastmods in one query.

    Only months of the years editors may give (articles.time_bounds): a story a script
    dated 0001 or 9999 keeps its page, but has no month sitemap to be listed in.
    """
    months = (
        Story.objects.published()
        .filter(published_at__range=(EARLIEST, LATEST))
        .annotate(month=TruncMonth("published_at"))
        .order_by()
        .values("month")
        .annotate(count=Count("pk"), latest=Max(_last_change()))
        .order_by("-month")
    )
    sections = {}
    for row in months:
        month = row["month"]
        if isinstance(month, datetime.datetime):
            month = timezone.localtime(month).date()
        if not in_range(month.year):
            # The desk's time zone moved a story at the bounds across a year.
            continue
        sections[f"stories-{month:%Y-%m}"] = StoryMonthSitemap(
            month, to_second(row["latest"]), row["count"]
        )
    return sections


# Sitemap name: the kind of subject page it lists (made per request, as classes are).
SUBJECT_SECTIONS = {
    name: partial(SubjectSitemap, SCOPES[kind])
    for name, kind in [
        ("sections", "section"),
        ("countries", "country"),
        ("people", "person"),
        ("authors", "author"),
    ]
}


@require_safe
@cached_page
def index(request):
    """The sitemap index: the site's own pages, a sitemap per month of stories, then
    the subject pages."""
    shows(keys.SITEMAPS)
    items = []
    for name, sitemap in month_sections().items():
        url = absolute_url(reverse("articles:sitemap", kwargs={"section": name}))
        items.append(SitemapIndexItem(url, sitemap.latest))
        for page in range(2, math.ceil(sitemap.count / sitemap.limit) + 1):
            items.append(SitemapIndexItem(f"{url}?p={page}", sitemap.latest))
    # The front page and a subject page change when any of their stories does: at
    # most as late as the latest story of all, which is what crawlers are told (a
    # correction moves its story's update time too).
    latest = max((item.last_mod for item in items if item.last_mod), default=None)
    url = absolute_url(reverse("articles:sitemap", kwargs={"section": "pages"}))
    items.insert(0, SitemapIndexItem(url, latest))
    for name in SUBJECT_SECTIONS:
        url = absolute_url(reverse("articles:sitemap", kwargs={"section": name}))
        items.append(SitemapIndexItem(url, latest))
    response = TemplateResponse(
        request,
        "sitemap_index.xml",
        {"sitemaps": items},
        content_type="application/xml",
    )
    if latest:
        response.headers["Last-Modified"] = http_date(latest.timestamp())
    response.headers["X-Robots-Tag"] = "noindex, noodp, noarchive"
    return response


@require_safe
@cached_page
def section(request, section):
    """One sitemap of the index: the site's pages, a month of stories, or a kind of
    subject page."""
    shows(keys.SITEMAPS)
    if section == "pages":
        sitemaps = {section: PageSitemap}
    elif section in SUBJECT_SECTIONS:
        sitemaps = {section: SUBJECT_SECTIONS[section]}
    elif section.startswith("stories-"):
        try:
            month = datetime.datetime.strptime(section, "stories-%Y-%m").date()
        except ValueError:
            raise Http404("No such sitemap.") from None
        # The months the index may list; their bounds, in the desk's time zone, are
        # far from the calendar's ends.
        if not in_range(month.year):
            raise Http404("No such sitemap.")
        sitemaps = {section: StoryMonthSitemap(month)}
    else:
        raise Http404("No such sitemap.")
    return sitemap_views.sitemap(
        request, sitemaps, section=section, template_name=SITEMAP_TEMPLATE
    )


@require_safe
@cached_page
def news(request):
    """The Google News sitemap: built here rather than by the sitemaps framework,
    whose per-URL work (priorities, alternates, lastmods) it does not use."""
    shows(keys.SITEMAPS)
    language = news_language()
    urls = format_html_join(
        "\n",
        "<url><loc>{}</loc><news:news><news:publication><news:name>{}</news:name>"
        "<news:language>{}</news:language></news:publication>"
        "<news:publication_date>{}</news:publication_date>"
        "<news:title>{}</news:title></news:news></url>",
        (
            (
                absolute_url(story.get_absolute_url()),
                settings.SITE_NAME,
                language,
                timezone.localtime(story.published_at).isoformat(),
                story.headline,
            )
            for story in news_stories()
        ),
    )
    return render(
        request,
        "articles/news_sitemap.xml",
        {"urls": urls},
        content_type="application/xml",
    )


@require_safe
@cached_page
def robots_txt(request):
    """Crawlers may read everything but the desk; both sitemaps are named."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /preview/",
        "Disallow: /search/",
        "",
        f"Sitemap: {absolute_url(reverse('articles:sitemap_index'))}",
        f"Sitemap: {absolute_url(reverse('articles:news_sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
