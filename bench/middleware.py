"""Benchmark-only middleware (bench/settings.py; never deployed)."""

from contextlib import nullcontext

from django.core.cache import cache

from articles import fragments, page_cache


class ForcedMissMiddleware:
    """`X-Bench-Miss: 1` drops the page from the cache before the view runs.

    The reader's request then takes the path of the first visit after a purge of the
    page: it is rendered, stored with its keys and served as a MISS, its unchanged
    stories' fragments (teasers, articles) taken from the cache. This is what
    "uncached" means in the benchmark tables.

    `X-Bench-Miss: cold` also renders every fragment afresh, as after a purge of
    every story on the page (or a deploy that changed the templates): "cold".
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        miss = request.META.get("HTTP_X_BENCH_MISS")
        if miss is None:
            return self.get_response(request)
        page_cache.forget_remembered()
        cache.delete(page_cache.page_key(request))
        with fragments.bypassed() if miss == "cold" else nullcontext():
            return self.get_response(request)
