"""Times and addresses as the JSON data gives them."""

from datetime import UTC

from ..absolute import absolute_url
from ..reversing import cached_reverse


def iso(value):
    """A time in UTC to the second, `2026-11-30T09:15:00Z`; None stays None."""
    if value is None:
        return None
    return value.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def page_url(obj):
    """The absolute address of the reader page of `obj`."""
    return absolute_url(obj.get_absolute_url())


def api_url(name, **kwargs):
    """The absolute address of a content API resource."""
    return absolute_url(cached_reverse(f"api:{name}", kwargs=kwargs))
