"""The image library's admin: upload, describe, set the focal point, find usage."""

from django import forms
from django.contrib import admin
from django.core.files.uploadedfile import UploadedFile
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from .. import rights
from ..images.picture import picture_for
from ..images.validation import clean_upload
from ..models import Image, Rendition, Story
from ..services.images import save_image

ACCEPT = "image/jpeg,image/png,image/gif,image/webp,image/avif"


class ImageForm(forms.ModelForm):
    class Meta:
        model = Image
        fields = ["file", "alt_text", "caption", "credit", "focal_x", "focal_y"]
        # A plain file field: the upload policy (not Django's looser image check)
        # decides, with its own clear messages.
        field_classes = {"file": forms.FileField}
        widgets = {
            "file": forms.ClearableFileInput(attrs={"accept": ACCEPT}),
            "alt_text": forms.TextInput(attrs={"size": 80}),
            "caption": forms.Textarea(attrs={"rows": 3, "cols": 80}),
            "focal_x": forms.NumberInput(attrs={"step": "0.001", "min": 0, "max": 1}),
            "focal_y": forms.NumberInput(attrs={"step": "0.001", "min": 0, "max": 1}),
        }

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):
            clean = clean_upload(upload)
            self.instance.width, self.instance.height = clean.width, clean.height
            return clean.file
        return upload


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    form = ImageForm
    list_display = [
        "thumbnail",
        "alt_text",
        "caption_excerpt",
        "credit",
        "dimensions",
        "used_by",
        "uploaded_at",
    ]
    list_display_links = ["thumbnail", "alt_text"]
    search_fields = ["caption", "credit", "alt_text"]
    date_hierarchy = "uploaded_at"
    # Explicit: the usage count's GROUP BY drops the model's default ordering.
    ordering = ["-uploaded_at", "-pk"]
    list_per_page = 50
    readonly_fields = [
        "focal_point_picker",
        "dimensions",
        "uploaded_at",
        "uploaded_by",
        "stories",
        "rendition_count",
    ]
    fieldsets = [
        (None, {"fields": ["file", "alt_text", "caption", "credit"]}),
        (
            "Focal point",
            {
                "fields": ["focal_point_picker", "focal_x", "focal_y"],
                "description": "Crops for every page size keep this point. Click the "
                "picture to set it, or type the two numbers.",
            },
        ),
        (
            "Library",
            {
                "fields": [
                    "dimensions",
                    "uploaded_at",
                    "uploaded_by",
                    "stories",
                    "rendition_count",
                ]
            },
        ),
    ]

    class Media:
        css = {"all": ["css/admin-images.css"]}
        js = ["js/focal-point.js"]

    def get_fieldsets(self, request, obj=None):
        if obj is None or self.has_change_permission(request, obj):
            return self.fieldsets
        # Read-only: say why, rather than invite a click that does nothing.
        note = (
            "Crops for every page size keep this point. A published story leads "
            "with this picture, so only editors may move it."
        )
        return [
            (name, {**opts, "description": note} if "description" in opts else opts)
            for name, opts in self.fieldsets
        ]

    def has_change_permission(self, request, obj=None):
        # A picture a published story leads with is editors' to describe.
        return super().has_change_permission(request, obj) and (
            rights.can_change_image(request.user, obj)
        )

    def get_queryset(self, request):
        return super().get_queryset(request).with_usage().select_related("uploaded_by")

    @admin.display(description="image")
    def thumbnail(self, image):
        picture = picture_for(image, Rendition.Ratio.SQUARE, fallback_width=320)
        if picture is None:
            return "—"
        return format_html(
            '<img class="library-thumb" src="{}" alt="" width="80" height="{}" '
            'loading="lazy">',
            picture.src,
            round(80 * picture.height / max(picture.width, 1)),
        )

    @admin.display(description="caption")
    def caption_excerpt(self, image):
        return image.caption[:80] or "—"

    @admin.display(description="size")
    def dimensions(self, image):
        return f"{image.width}×{image.height}" if image.width else "—"

    @admin.display(description="used by", ordering="story_count")
    def used_by(self, image):
        count = getattr(image, "story_count", 0)
        return f"{count} {'story' if count == 1 else 'stories'}" if count else "—"

    @admin.display(description="used by")
    def stories(self, image):
        stories = list(Story.objects.filter(lead_image=image).only("headline")[:51])
        if not stories:
            return "No story leads with this image."
        more = " and more" if len(stories) > 50 else ""
        return format_html(
            "<ul>{}</ul>{}",
            format_html_join(
                "",
                '<li><a href="{}">{}</a></li>',
                (
                    (reverse("admin:articles_story_change", args=[s.pk]), s.headline)
                    for s in stories[:50]
                ),
            ),
            more,
        )

    @admin.display(description="renditions")
    def rendition_count(self, image):
        return Rendition.objects.filter(image=image).count() if image.pk else 0

    @admin.display(description="picture")
    def focal_point_picker(self, image):
        if not image.pk or not image.file:
            return "Save the image first; then click it here to set the focal point."
        return format_html(
            '<div class="focal-picker" data-x="id_focal_x" data-y="id_focal_y">'
            '<img src="{}" alt="{}" width="{}" height="{}">'
            '<span class="focal-marker" hidden></span></div>',
            image.file.url,
            image.alt_text,
            image.width,
            image.height,
        )

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        save_image(image=obj, user=request.user)
