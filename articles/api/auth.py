"""Who is reading: a reader (no credentials), or a partner's token, rate-limited.

Anonymous reads are served from the page cache; a request carrying an Authorization
header never is (cached_page treats it as private), so what a token reads is never
kept in or served from the shared cache.
"""

import time

from django.core.cache import cache
from django.utils import timezone
from ninja.security import HttpBearer

from ..models import ApiToken, Story
from ..models.tokens import digest_of

RATE_PREFIX = "newsroom:api-rate:"


class Reader:
    """Anyone without a token: sees what readers see."""

    reads_drafts = False

    def __bool__(self):
        return True


READER = Reader()


class RateLimited(Exception):
    def __init__(self, wait):
        super().__init__("Too many requests for this token; wait and retry.")
        self.wait = wait


class PartnerToken(HttpBearer):
    """`Authorization: Bearer nrt_…`, a token an editor made in the admin."""

    def authenticate(self, request, token):
        if not token or len(token) > 100:
            return None
        found = ApiToken.objects.active().filter(digest=digest_of(token)).first()
        if found is not None:
            check_rate(found)
        return found


def reader(request):
    """No Authorization header at all: a reader. A wrong token is refused, never
    taken for a reader."""
    return None if "HTTP_AUTHORIZATION" in request.META else READER


def check_rate(token, now=None):
    """Count one request against the token's rate; RateLimited once over it.

    A fixed one-minute window in the shared cache. When the cache is away the
    request goes through: partners should not lose their feed to a Redis blip.
    """
    now = time.time() if now is None else now
    window = int(now // 60)
    name = f"{RATE_PREFIX}{token.pk}:{window}"
    try:
        cache.add(name, 0, 70)
        count = cache.incr(name)
    except Exception:
        return
    if count > token.rate_per_minute:
        raise RateLimited(wait=(window + 1) * 60 - now)


def stories_for(request):
    """The stories the caller may read: readers' and most tokens' published();
    tokens that may read drafts everything but an embargo in force."""
    if request.auth.reads_drafts:
        return Story.objects.unembargoed(timezone.now())
    return Story.objects.published()


def is_reader(request):
    """Whether the caller is an anonymous reader: only then are kept parts read or
    filled. What a token reads never goes through the shared cache."""
    return request.auth is READER


AUTH = [PartnerToken(), reader]
