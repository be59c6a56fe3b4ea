"""The reader's address, as seen through the configured number of proxies."""

from django.conf import settings


def client_ip(request):
    """REMOTE_ADDR, or the address the outermost trusted proxy saw.

    Each proxy appends the address it received the request from to X-Forwarded-For, so
    with N trusted proxies the client is the Nth entry from the right; anything further
    left was written by the client and cannot be trusted.
    """
    proxies = settings.NEWSROOM_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR")
