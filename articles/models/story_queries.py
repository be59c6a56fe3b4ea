"""How stories are read: the one visibility rule, and each page's loading plan."""

from functools import lru_cache

from django.db import connections, models
from django.db.models import Prefetch, Q
from django.db.models.query import ModelIterable
from django.utils import timezone

from .at_moment import SENTINEL, moment_places
from .bylines import Byline
from .links import RelatedLink
from .story_details import load_story_details
from .story_row import published_row, published_rows

# What a teaser leaves out, and what a headline line shows.
NOT_LISTED = ("body", "seo_title", "seo_description", "created_at", "modified_at")
HEADLINE_FIELDS = ("headline", "slug", "published_at", "updated_at")


class StoryQuerySet(models.QuerySet):
    def published(self, now=None):
        """The one rule for what readers and crawlers may see."""
        now = now or timezone.now()
        return self.filter(
            Q(embargoed_until__isnull=True) | Q(embargoed_until__lte=now),
            status=self.model.Status.PUBLISHED,
            published_at__lte=now,
        )

    def published_sql(self, alias, now):
        """published(now) as SQL, for a query written by hand over the stories table
        under `alias`: (sql, params). Compiled from the rule itself, so the two
        cannot drift apart; once per process and alias, with `now` a parameter."""
        connection = connections[self.db]
        sql, params, moments = _compiled_rule(self.model, connection.alias, alias)
        at = connection.ops.adapt_datetimefield_value(now)
        return sql, [at if n in moments else p for n, p in enumerate(params)]

    def unembargoed(self, now=None):
        """Every story but those under an embargo in force: what an API token
        allowed to read drafts may see. Nothing outside the staff sees an embargoed
        story before its lift."""
        now = now or timezone.now()
        return self.filter(
            Q(embargoed_until__isnull=True) | Q(embargoed_until__lte=now)
        )

    def published_exists(self, ref, now=None):
        """The one rule as a correlated test: a published story whose pk is `ref`.

        For filtering rows that point at a story (links, slots, corrections, tags):
        the database checks each row by primary key instead of listing every
        published story.
        """
        return models.Exists(self.published(now).filter(pk=models.OuterRef(ref)))

    def scheduled(self, now=None):
        """Stories marked published that readers see later: scheduled or embargoed."""
        now = now or timezone.now()
        return self.filter(
            Q(published_at__gt=now) | Q(embargoed_until__gt=now),
            status=self.model.Status.PUBLISHED,
        )

    def for_listing(self):
        """Teasers: section, lead image (its renditions are listed on the image row)
        and bylines (one written-out query, see story_details), without the body."""
        listing = self.select_related("section", "lead_image").defer(*NOT_LISTED)
        listing._iterable_class = _WithBylines
        return listing

    def listing_rows(self, ids, now=None):
        """What for_listing() loads of the published stories among `ids`, in that
        order: written out (see story_row), with their bylines."""
        fields = [f.name for f in self.model._meta.concrete_fields]
        listed = [name for name in fields if name not in NOT_LISTED]
        rows = published_rows(self, ids, now or timezone.now(), listed, pictures=True)
        load_story_details(rows, ["bylines"])
        return rows

    def for_headlines(self):
        """Headline lists: just enough to link and date each story."""
        return self.select_related("section").only(
            *HEADLINE_FIELDS, "section__slug", "section__name"
        )

    def headline_rows(self, ids, now=None):
        """What for_headlines() loads of the published stories among `ids`, in that
        order: written out (see story_row)."""
        return published_rows(self, ids, now or timezone.now(), HEADLINE_FIELDS)

    def for_results(self):
        """Search results: a headline line with its dek (the snippet's fallback)."""
        return self.for_headlines().only(
            *HEADLINE_FIELDS, "dek", "section__slug", "section__name"
        )

    def result_rows(self, ids, now=None):
        """What for_results() loads of the published stories among `ids`, in that
        order, and the body their snippets come from: written out (see story_row)."""
        fields = (*HEADLINE_FIELDS, "dek", "body")
        return published_rows(self, ids, now or timezone.now(), fields)

    def for_related(self):
        """Related headlines: a headline line with its section and lead picture."""
        return self.select_related("section", "lead_image").defer(
            "body", "seo_title", "seo_description", "dek", "created_at", "modified_at"
        )

    def for_detail(self):
        """A story page: everything but the related headlines (see articles.related)."""
        return self.select_related("section", "lead_image").prefetch_related(
            *_detail_lookups()
        )

    def published_page(self, slug, now=None):
        """The published story at `slug` for its page, loaded as `for_page()` loads
        it, in one written-out query (see story_row), or None."""
        return published_row(self, slug, now or timezone.now())

    def for_page(self):
        """A story page's own row, with section and picture; `with_details()` adds
        the rest of `for_detail()` when the page's parts must be made."""
        return self.select_related("section", "lead_image")


@lru_cache(maxsize=32)
def _compiled_rule(model, db, alias):
    """published()'s SQL under `alias`, its parameters, and the places among them
    of the moment it was compiled for."""
    query = model._default_manager.db_manager(db).published(SENTINEL).query
    where = query.where.relabeled_clone({query.get_initial_alias(): alias})
    compiler = query.get_compiler(db)
    sql, params = where.as_sql(compiler, compiler.connection)
    return sql, list(params), moment_places(params, compiler.connection)


class _WithBylines(ModelIterable):
    """Stories as loaded, then their bylines with their authors, as a prefetch of
    `bylines` would put them, in one written-out query."""

    def __iter__(self):
        stories = list(super().__iter__())
        load_story_details(stories, ["bylines"])
        yield from stories


def with_details(stories):
    """Load onto `stories` (loaded with `for_page()`) what a story page's article
    shows: bylines, tags and corrections, in one query (see
    articles.models.story_details). The related headlines load their own lines
    (articles.related)."""
    stories = list(stories)
    load_story_details(stories)
    return stories


def _detail_lookups():
    return [
        _bylines(),
        "countries",
        "people",
        "corrections",
        Prefetch(
            "related_links",
            queryset=RelatedLink.objects.visible().defer(
                "target__body", "target__seo_title", "target__seo_description"
            ),
            to_attr="visible_links",
        ),
    ]


def _bylines():
    return Prefetch("bylines", queryset=Byline.objects.select_related("author"))
