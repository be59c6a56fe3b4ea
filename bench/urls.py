from django.http import HttpResponse
from django.urls import path

from newsroom.urls import urlpatterns as site

PAGE = "<!doctype html><title>floor</title>" + ("<p>" + "x" * 76 + "</p>\n") * 400


def floor(request):
    """The floor: a minimal Django view returning a fixed 30 KB page."""
    return HttpResponse(PAGE[: 30 * 1024])


urlpatterns = [path("bench/floor/", floor), *site]
