"""Benchmark-only middleware (bench/settings.py; never deployed)."""

from django.core.cache import cache

from articles import page_cache


class ForcedMissMiddleware:
    """`X-Bench-Miss: 1` drops the page from the cache before the view runs.

    The reader's request then takes the path of the first visit after a purge: the
    page is rendered, stored with its keys and served as a MISS. This is what
    "uncached" means in the benchmark tables.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "HTTP_X_BENCH_MISS" in request.META:
            page_cache.forget_remembered()
            cache.delete(page_cache.page_key(request))
        return self.get_response(request)
