"""Reader pages say the times of the last 24 hours relatively (articles.relative_times),
as each page is made."""

from django.shortcuts import render
from django.utils import timezone

from ..relative_times import relative_times


def relativize(response):
    """Rewrite a rendered HTML response's recent times; the response is returned."""
    if response.get("Content-Type", "").startswith("text/html"):
        charset = response.charset
        response.content = relative_times(
            response.content.decode(charset), timezone.now()
        ).encode(charset)
    return response


def render_page(request, template, context, **kwargs):
    """render(), with the recent times said relatively."""
    return relativize(render(request, template, context, **kwargs))
