"""The API itself: its routers, its description and how it answers errors."""

from django.conf import settings
from django.http import Http404, JsonResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError

from . import search, stories, subjects
from .auth import AUTH, RateLimited

DESCRIPTION = """Published stories of {site}, and the sections, countries, people and
authors they are listed under, as readers see them: a draft, a scheduled story or a
story under embargo is never in any answer before its time.

Read without credentials, or with a partner token an editor made for you:
`Authorization: Bearer nrt_…`. Tokens are rate-limited (429 with Retry-After) and
may be allowed to read drafts; no token reads an embargoed story before its lift.
Anonymous answers carry ETag and Cache-Control; send If-None-Match for a 304.
"""

# Every operation may answer these besides its own.
COMMON_RESPONSES = {
    "304": "Not modified: the copy named by If-None-Match is current.",
    "401": "The token is not valid (revoked, or mistyped).",
    "422": "A parameter is malformed.",
    "429": "The token's rate is spent; retry after Retry-After seconds.",
}
PROBLEM = {"application/json": {"schema": {"$ref": "#/components/schemas/Problem"}}}


class ContentAPI(NinjaAPI):
    def get_openapi_schema(self, **kwargs):
        """The description, saying what ninja cannot: the token is optional."""
        schema = super().get_openapi_schema(**kwargs)
        for path in schema["paths"].values():
            for operation in path.values():
                operation["security"] = [{}, {"PartnerToken": []}]
                for status, text in COMMON_RESPONSES.items():
                    response = {"description": text}
                    if status != "304":
                        response["content"] = PROBLEM
                    operation["responses"].setdefault(status, response)
        return schema


api = ContentAPI(
    title=f"{settings.SITE_NAME} content API",
    version="1",
    description=DESCRIPTION.format(site=settings.SITE_NAME),
    urls_namespace="api",
    auth=AUTH,
    # The interactive docs load scripts from a CDN, which the site's policy refuses;
    # the description itself is served and kept in docs/api/openapi.json.
    docs_url=None,
)
api.add_router("", stories.router)
api.add_router("", subjects.router)
api.add_router("", search.router)


def problem(status, detail, **headers):
    response = JsonResponse({"detail": detail}, status=status)
    for name, value in headers.items():
        response[name] = value
    return response


@api.exception_handler(RateLimited)
def rate_limited(request, exc):
    return problem(429, str(exc), **{"Retry-After": str(max(1, int(exc.wait) + 1))})


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc):
    return problem(
        401,
        "That token is not valid: it may have been revoked.",
        **{"WWW-Authenticate": 'Bearer realm="api"'},
    )


@api.exception_handler(Http404)
def not_found(request, exc):
    return problem(404, str(exc) or "Not found.")


@api.exception_handler(HttpError)
def http_error(request, exc):
    return problem(exc.status_code, str(exc))
