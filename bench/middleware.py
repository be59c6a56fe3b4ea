"""Benchmark-only middleware (bench/settings.py; never deployed)."""

from contextlib import nullcontext

from django.core.cache import cache

from articles.cache import bypassed, local, pages


class ForcedMissMiddleware:
    """`X-Bench-Miss: 1` drops the page from the cache before the view runs.

    The reader's request then takes the path of the first visit after a purge of the
    page: it is rendered, kept with its keys and served as a MISS, its unchanged
    stories' parts (teasers, articles) taken from the cache. This is "first render
    after a purge" in the benchmark tables.

    `X-Bench-Miss: cold` also makes every part afresh, as for a page of the archive's
    long tail that nobody read lately, or after a deploy: "from nothing".
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        miss = request.META.get("HTTP_X_BENCH_MISS")
        if miss is None:
            return self.get_response(request)
        # As a purge in this process would: its pages, not the parts it checks.
        local.forget_pages()
        cache.delete(pages.page_name(request))
        with bypassed() if miss == "cold" else nullcontext():
            return self.get_response(request)
