from django.contrib import admin
from django.db.models import Exists, OuterRef

from ..models import FrontPageSlot
from ..services.frontpage import delete_slots, save_slot


@admin.register(FrontPageSlot)
class FrontPageSlotAdmin(admin.ModelAdmin):
    list_display = ["position", "story", "expires_at", "is_showing"]
    list_display_links = ["story"]
    list_editable = ["position", "expires_at"]
    list_select_related = ["story"]
    autocomplete_fields = ["story"]

    def get_queryset(self, request):
        active = FrontPageSlot.objects.active().filter(pk=OuterRef("pk"))
        return super().get_queryset(request).annotate(is_active=Exists(active))

    def save_model(self, request, obj, form, change):
        save_slot(slot=obj, user=request.user)

    def delete_model(self, request, obj):
        delete_slots(slots=FrontPageSlot.objects.filter(pk=obj.pk), user=request.user)

    def delete_queryset(self, request, queryset):
        delete_slots(slots=queryset, user=request.user)

    @admin.display(description="on the front page now", boolean=True)
    def is_showing(self, slot):
        return slot.is_active
