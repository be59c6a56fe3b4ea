"""The admin site: Django's, with the desk as its landing page and the desk's
workflow steps as its own small POST endpoints."""

from django.contrib import admin
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_POST

from .queues import queues
from .steps import take_step


class DeskSite(admin.AdminSite):
    """admin.site itself (newsroom.apps.NewsroomAdminConfig makes it the default)."""

    index_template = "admin/desk.html"

    def index(self, request, extra_context=None):
        desk = {}
        if request.user.has_perm("articles.view_story"):
            desk = {
                "queues": queues(request.user),
                "zone": timezone.localtime().tzname(),
            }
        return super().index(request, {**desk, **(extra_context or {})})

    def get_urls(self):
        return [
            path(
                "desk/<int:pk>/<slug:step>/",
                self.admin_view(require_POST(take_step)),
                name="desk_step",
            ),
            *super().get_urls(),
        ]
