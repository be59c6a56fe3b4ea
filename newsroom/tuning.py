"""The newsroom's own rules and limits, from the environment (README and
docs/deploy.md list each); newsroom/settings.py takes them all."""

import os
from datetime import timedelta

from newsroom.env import env_int, env_list

# What pages show.
NEWSROOM_RELATED_HEADLINES = env_int("NEWSROOM_RELATED_HEADLINES", 16)
NEWSROOM_FRONT_PAGE_TOP_STORIES = env_int("NEWSROOM_FRONT_PAGE_TOP_STORIES", 6)
NEWSROOM_PAGE_SIZE = env_int("NEWSROOM_PAGE_SIZE", 20)
NEWSROOM_LISTING_MAX_PAGES = env_int("NEWSROOM_LISTING_MAX_PAGES", 250)
NEWSROOM_IN_THE_NEWS_DAYS = env_int("NEWSROOM_IN_THE_NEWS_DAYS", 7)
NEWSROOM_SECTION_BLOCK_DAYS = env_int("NEWSROOM_SECTION_BLOCK_DAYS", 30)
NEWSROOM_RELATED_WINDOW_DAYS = env_int("NEWSROOM_RELATED_WINDOW_DAYS", 90)
NEWSROOM_RELATED_CANDIDATES = env_int("NEWSROOM_RELATED_CANDIDATES", 500)

# The image library's upload policy (see articles/images/validation.py).
NEWSROOM_IMAGE_MAX_BYTES = env_int("NEWSROOM_IMAGE_MAX_BYTES", 20 * 1024 * 1024)
NEWSROOM_IMAGE_MAX_PIXELS = env_int("NEWSROOM_IMAGE_MAX_PIXELS", 40_000_000)

# Wire intake (docs/intake.md): the largest copy taken, and outbound fetches of
# agency pictures. Fetches never reach private, loopback, link-local or reserved
# addresses; NEWSROOM_FETCH_ALLOWED_ADDRESSES names exceptions (tests: 127.0.0.1).
NEWSROOM_WIRE_MAX_BYTES = env_int("NEWSROOM_WIRE_MAX_BYTES", 1024 * 1024)
NEWSROOM_FETCH_ALLOWED_ADDRESSES = env_list("NEWSROOM_FETCH_ALLOWED_ADDRESSES")
NEWSROOM_FETCH_TIMEOUT_SECONDS = env_int("NEWSROOM_FETCH_TIMEOUT_SECONDS", 10)

# Reader pages in the shared cache, in browsers, and in each process (docs/deploy.md).
NEWSROOM_PAGE_CACHE_SECONDS = env_int("NEWSROOM_PAGE_CACHE_SECONDS", 600)
NEWSROOM_BROWSER_CACHE_SECONDS = env_int("NEWSROOM_BROWSER_CACHE_SECONDS", 60)
NEWSROOM_PAGE_MEMO_SECONDS = env_int("NEWSROOM_PAGE_MEMO_SECONDS", 1)
# A reader finding a purged page being made by another request waits this long for
# it (seconds, 0: never waits) before making it too.
NEWSROOM_PAGE_WAIT_SECONDS = float(os.environ.get("NEWSROOM_PAGE_WAIT_SECONDS", "2"))
NEWSROOM_PURGE_URL = os.environ.get("NEWSROOM_PURGE_URL", "")
# Search pages are kept briefly; searches the cache does not answer are limited per
# reader and minute (0: no limit).
NEWSROOM_SEARCH_CACHE_SECONDS = env_int("NEWSROOM_SEARCH_CACHE_SECONDS", 60)
NEWSROOM_SEARCH_RATE = env_int("NEWSROOM_SEARCH_RATE", 30)

# Webhooks (docs/api.md): delivery time, attempts and the wait before a retry.
NEWSROOM_WEBHOOK_TIMEOUT_SECONDS = env_int("NEWSROOM_WEBHOOK_TIMEOUT_SECONDS", 5)
NEWSROOM_WEBHOOK_ATTEMPTS = env_int("NEWSROOM_WEBHOOK_ATTEMPTS", 8)
NEWSROOM_WEBHOOK_RETRY_SECONDS = env_int("NEWSROOM_WEBHOOK_RETRY_SECONDS", 30)

# Editorial workflow: share links for outside reviewers, who-else-is-editing.
NEWSROOM_SHARE_LINK_LIFETIME = timedelta(hours=env_int("NEWSROOM_SHARE_LINK_HOURS", 48))
NEWSROOM_PRESENCE_SECONDS = env_int("NEWSROOM_PRESENCE_SECONDS", 60)
