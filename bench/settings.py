"""Production settings, the floor view and forced misses, for bench/ only."""

from newsroom.settings import *  # noqa: F403
from newsroom.settings import MIDDLEWARE

ROOT_URLCONF = "bench.urls"
MIDDLEWARE = [*MIDDLEWARE, "bench.middleware.ForcedMissMiddleware"]

# The load comes from one address: no per-reader search limit.
NEWSROOM_SEARCH_RATE = 0
