"""Production settings, the floor view and forced misses, for bench/ only."""

from newsroom.settings import *  # noqa: F403
from newsroom.settings import MIDDLEWARE

ROOT_URLCONF = "bench.urls"
MIDDLEWARE = [*MIDDLEWARE, "bench.middleware.ForcedMissMiddleware"]

# The load comes from one address: no per-reader search limit.
NEWSROOM_SEARCH_RATE = 0
# Every measured request makes its page: none waits for another making the same one
# (the stampede guard would turn the benchmark's forced misses into waits).
NEWSROOM_PAGE_WAIT_SECONDS = 0
