from django.contrib import admin
from django.utils.html import format_html

from ..models import Image


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    list_display = ["thumbnail", "alt_text", "credit", "width", "height", "uploaded_at"]
    search_fields = ["caption", "credit", "alt_text"]
    readonly_fields = ["width", "height", "uploaded_at", "uploaded_by"]

    @admin.display(description="image")
    def thumbnail(self, image):
        return format_html(
            '<img src="{}" alt="" width="80" loading="lazy">', image.file.url
        )

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)
