from django.http import QueryDict


class StripNulMiddleware:
    """Drop NUL characters from query strings before any view sees them.

    No page has a use for them, and PostgreSQL refuses them in any text value, so a
    `?q=%00` passed on to a filter would otherwise be a 500 instead of a page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "%00" in request.META.get("QUERY_STRING", ""):
            cleaned = QueryDict(mutable=True)
            for key, values in request.GET.lists():
                cleaned.setlist(
                    key.replace("\x00", ""), [v.replace("\x00", "") for v in values]
                )
            cleaned._mutable = False
            request.GET = cleaned
        return self.get_response(request)
