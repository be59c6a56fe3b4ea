from django.contrib import admin
from django.db.models import Exists, OuterRef

from ..models import FrontPageSlot
from .purging import PurgesPagesAdmin


@admin.register(FrontPageSlot)
class FrontPageSlotAdmin(PurgesPagesAdmin, admin.ModelAdmin):
    list_display = ["position", "story", "expires_at", "is_showing"]
    list_display_links = ["story"]
    list_editable = ["position", "expires_at"]
    list_select_related = ["story"]
    autocomplete_fields = ["story"]

    def get_queryset(self, request):
        active = FrontPageSlot.objects.active().filter(pk=OuterRef("pk"))
        return super().get_queryset(request).annotate(is_active=Exists(active))

    def purge_keys(self, slot):
        # A pin's expiry is a scheduled change of the front page.
        return ["front", "pins", "schedule"]

    @admin.display(description="on the front page now", boolean=True)
    def is_showing(self, slot):
        return slot.is_active
