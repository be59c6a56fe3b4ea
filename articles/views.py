import time
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, OuterRef, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django.views.generic import ListView

from . import fragments
from . import search as engine
from .forms import SearchForm
from .invalidation import story_keys
from .lineup import kept_pins, lineup_ids
from .models import (
    CountryTag,
    FormerSlug,
    Section,
    Story,
    StoryCountry,
    published_exists,
)
from .page_cache import cached_page, remembered_value, show
from .pagination import OpenEndedPaginator
from .related import kept_related_headlines
from .sections import RAIL_SECONDS, section_blocks
from .subjects import SCOPES


def nav_sections():
    """The sections menu on every reader page (remembered briefly, see page_cache)."""
    return remembered_value(
        "nav_sections", lambda: list(Section.objects.only("name", "slug"))
    )


def in_the_news(now, size=8):
    """{"country": [tags], "person": [tags]}: the tags with the most stories published
    in the last few days, busiest first."""
    since = now - timedelta(days=settings.NEWSROOM_IN_THE_NEWS_DAYS)

    def busiest():
        recent = Story.objects.published(now).filter(published_at__gte=since)
        tags = {
            kind: list(
                SCOPES[kind]
                .model.objects.filter(story_items__content_object__in=recent)
                .annotate(story_count=Count("story_items"))
                .order_by("-story_count", "name")[:size]
            )
            for kind in ("country", "person")
        }
        return tags, [f"{kind}:{tag.pk}" for kind in tags for tag in tags[kind]]

    return fragments.kept(f"in-the-news:{size}", busiest, RAIL_SECONDS)


@require_safe
@cached_page
def front_page(request):
    now = timezone.now()
    lineup = lineup_ids(now, latest=12, pinned=kept_pins)
    sections = list(nav_sections())
    blocks = section_blocks(sections, now, exclude=lineup.stories)
    news = in_the_news(now)
    news_countries, news_people = news["country"], news["person"]
    wanted = [
        *((fragments.LEAD_TEASER, pk) for pk in lineup.stories[:1]),
        *((fragments.TEASER, pk) for pk in lineup.top),
        *((fragments.DATED_HEADLINE, pk) for pk in lineup.latest),
        *((fragments.HEADLINE, pk) for _, pks in blocks for pk in pks),
    ]
    parts = fragments.fragments(
        wanted,
        load=lambda pks: Story.objects.published(now).for_listing().filter(pk__in=pks),
    )

    def shown(kind, pks):
        return [fragments.html(parts[kind, pk]) for pk in pks if (kind, pk) in parts]

    lead = shown(fragments.LEAD_TEASER, lineup.stories[:1])

    show(request, "front")
    for fragment in parts.values():
        show(request, *fragment["keys"])
    show(request, *(f"country:{tag.pk}" for tag in news_countries))
    show(request, *(f"person:{tag.pk}" for tag in news_people))
    return render(
        request,
        "articles/front_page.html",
        {
            "lead_teaser": lead[0] if lead else "",
            "top": shown(fragments.TEASER, lineup.top),
            "latest": shown(fragments.DATED_HEADLINE, lineup.latest),
            "blocks": [
                (section, shown(fragments.HEADLINE, pks)) for section, pks in blocks
            ],
            "news_countries": news_countries,
            "news_people": news_people,
            "nav_sections": sections,
        },
    )


PAGE_FIELDS = [
    "headline",
    "seo_title",
    "slug",
    "published_at",
    "section__slug",
    "section__name",
]


@require_safe
@cached_page
def story_detail(request, section, year, month, day, slug):
    started = time.time()
    story = (
        Story.objects.published()
        .select_related("section")
        .only(*PAGE_FIELDS)
        .filter(slug=slug)
        .first()
    )
    if story is None:
        former = (
            FormerSlug.objects.filter(published_exists("story_id"), slug=slug)
            .select_related("story__section")
            .first()
        )
        if former is None:
            raise Http404("No story at this address.")
        return redirect(former.story, permanent=True)
    if request.path != story.get_absolute_url():
        return redirect(story, permanent=True)
    # The article and head from the cache while nothing in them changed; else the
    # whole story (body, picture, bylines, tags, corrections) is loaded to render them.
    loaded = []

    def load(pks):
        loaded.extend(Story.objects.published().for_detail().filter(pk__in=pks))
        return loaded

    parts = fragments.fragments(
        [(fragments.ARTICLE, story.pk), (fragments.HEAD, story.pk)],
        load=load,
        started=started,
    )
    article = parts[fragments.ARTICLE, story.pk]
    # The whole story, when loaded, has its visible links already.
    related = kept_related_headlines((loaded or [story])[0], tag_ids=article["data"])
    show(request, *article["keys"], f"story-page:{story.pk}")
    show(request, *(f"story:{item.story_id}" for item in related if item.story_id))
    return render(
        request,
        "articles/story_detail.html",
        {
            "story": story,
            "article": fragments.html(article),
            "head": fragments.html(parts[fragments.HEAD, story.pk]),
            "related": related,
            "nav_sections": nav_sections(),
        },
    )


@never_cache
@require_safe
def story_preview(request, pk):
    """Any story as readers would see it, for staff who may change it; never cached."""
    if not request.user.is_authenticated or not request.user.is_staff:
        raise Http404("No story at this address.")
    if not request.user.has_perm("articles.change_story"):
        raise PermissionDenied("You may not preview stories.")
    story = get_object_or_404(Story.objects.for_detail(), pk=pk)
    return render_private_story(request, story)


def render_private_story(request, story):
    """A story for staff or invited reviewers: bannered, never indexed or cached.

    Its article is rendered here, never taken from or put in the fragment cache: the
    story may be a draft, or a revision readers have not seen.
    """
    response = render(
        request,
        "articles/story_detail.html",
        {
            "story": story,
            "article": fragments.html(fragments.render(fragments.ARTICLE, story)),
            "related": story.related_headlines(),
            "nav_sections": nav_sections(),
            "is_preview": True,
        },
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-store"
    return response


@method_decorator([require_safe, cached_page], name="dispatch")
class StoryListView(ListView):
    """A paginated list of published stories about one thing."""

    template_name = "articles/story_list.html"
    context_object_name = "stories"
    paginate_by = settings.NEWSROOM_PAGE_SIZE
    paginator_class = OpenEndedPaginator
    kind = ""

    # The URL part naming the subject.
    slug_kwarg = "slug"

    def get(self, request, *args, **kwargs):
        self.subject = get_object_or_404(
            SCOPES[self.kind].subjects(), slug=self.kwargs[self.slug_kwarg]
        )
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return (
            Story.objects.published()
            .for_listing()
            .filter(**{SCOPES[self.kind].lookup: self.subject})
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            subject=self.subject, kind=self.kind, nav_sections=nav_sections(), **kwargs
        )
        show(self.request, f"{self.kind}:{self.subject.pk}")
        show(self.request, f"{self.kind}-list:{self.subject.pk}")
        for story in context["stories"]:
            show(self.request, *story_keys(story))
        return context


class SectionView(StoryListView):
    kind = "section"
    slug_kwarg = "section"


class CountryView(StoryListView):
    kind = "country"


class PersonView(StoryListView):
    kind = "person"


class AuthorView(StoryListView):
    kind = "author"


@require_safe
def search(request):
    """Published stories matching the query and filters, best match first."""
    data = request.GET.copy()
    data["q"] = engine.clean_query(data.get("q", ""))
    form = SearchForm(data)
    form.is_valid()
    query = form.cleaned_data.get("q", "")
    filters = form.filters()
    page_obj = None
    if engine.has_words(query) or filters:
        # Filters first: the engine ranks only the newest matches among these.
        stories = _filter_search(Story.objects.published().for_listing(), filters)
        if engine.has_words(query):
            stories = engine.results(stories, query)
        paginator = Paginator(stories, settings.NEWSROOM_PAGE_SIZE)
        page_obj = paginator.get_page(request.GET.get("page"))
    response = render(
        request,
        "articles/search.html",
        {
            "form": form,
            "query": query,
            "filters": filters,
            # Only countries readers can find stories about; a loop, not a widget,
            # since a select of every country costs more to render than the search.
            "countries": countries_with_stories(),
            "page_obj": page_obj,
            "is_capped": bool(
                query and page_obj and page_obj.paginator.count >= engine.MAX_MATCHES
            ),
            "nav_sections": nav_sections(),
        },
    )
    response["X-Robots-Tag"] = "noindex"
    return response


def countries_with_stories():
    """Countries with a published story.

    One story per country is looked up by index, country by country: a scalar
    subquery, which PostgreSQL runs per row, where an EXISTS would be turned into a
    join over every tagged story in the archive.
    """
    first_story = StoryCountry.objects.filter(
        published_exists("content_object_id"), tag=OuterRef("pk")
    ).values("pk")[:1]
    return (
        CountryTag.objects.annotate(first_story=Subquery(first_story))
        .filter(first_story__isnull=False)
        .only("name", "slug")
    )


def _filter_search(stories, filters):
    lookups = {
        **{kind: SCOPES[kind].lookup for kind in ("section", "country", "person")},
        "since": "published_at__date__gte",
        "until": "published_at__date__lte",
    }
    return stories.filter(**{lookups[name]: value for name, value in filters.items()})
