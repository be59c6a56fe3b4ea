"""The lead image in the story form: its thumbnail, and a chooser in the page (a
dialog, not a pop-up window) to find a picture in the library, or upload a new one,
and describe it (focal point, alt text, caption, credit) without leaving the form."""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef, Q
from django.http import Http404, JsonResponse
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_POST

from .. import rights
from ..images.picture import picture_for
from ..models import Image, Rendition, Story
from ..services.images import add_image, save_image
from .media import ACCEPT

CHANGE_REFUSED = "Only editors may change a picture a published story leads with."
# What the chooser's grid shows at once: the newest, or the best matches.
GRID_SIZE = 24


class LeadImageWidget(forms.Widget):
    """The chosen picture's pk in a hidden input, its thumbnail, and the chooser."""

    template_name = "admin/articles/story/widgets/lead_image.html"

    class Media:
        css = {"all": ["css/admin-images.css", "css/desk-images.css"]}
        js = ["js/desk-images.js"]

    def render(self, name, value, attrs=None, renderer=None):
        # The project's templates: the form renderer reads only Django's own.
        context = self.get_context(name, value, attrs)
        return mark_safe(render_to_string(self.template_name, context))

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        image = None
        if value not in (None, ""):
            image = Image.objects.filter(pk=str(value)).first()
        context["widget"].update(
            image=image,
            picture=picture_for(image, Rendition.Ratio.WIDE, fallback_width=640),
            accept=ACCEPT,
            list_url=reverse("admin:articles_story_images"),
            upload_url=reverse("admin:articles_story_image_upload"),
            describe_url=reverse("admin:articles_story_image_describe", args=[0]),
        )
        return context


class DetailsForm(forms.ModelForm):
    """What the chooser posts about a picture; the file only for a new one."""

    class Meta:
        model = Image
        fields = ["alt_text", "caption", "credit", "focal_x", "focal_y"]


def described(image, user):
    """A picture as the chooser shows it, and whether `user` may describe it."""
    thumb = picture_for(image, Rendition.Ratio.SQUARE, fallback_width=320)
    lead = picture_for(image, Rendition.Ratio.WIDE, fallback_width=640)
    is_live = getattr(image, "is_live", None)
    if is_live is None:
        may_change = rights.can_change_image(user, image)
    else:
        may_change = rights.can(user, "change", Image) and (
            rights.can_publish(user) or not is_live
        )
    return {
        "id": image.pk,
        "thumb": thumb.src if thumb else "",
        "lead": lead.src if lead else "",
        "src": image.file.url,
        "width": image.width,
        "height": image.height,
        "alt_text": image.alt_text,
        "caption": image.caption,
        "credit": image.credit,
        "focal_x": image.focal_x,
        "focal_y": image.focal_y,
        "may_change": may_change,
    }


def refusal(form):
    """{field: first message} for the chooser to show beside each field."""
    return JsonResponse(
        {"errors": {name: errors[0] for name, errors in form.errors.items()}},
        status=400,
    )


class ImageChooserMixin:
    """Mixed into StoryAdmin: the lead image's widget and the chooser's addresses."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "lead_image":
            kwargs["widget"] = LeadImageWidget
            return db_field.formfield(**kwargs)
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "images/",
                wrap(require_GET(self.images_view)),
                name="articles_story_images",
            ),
            path(
                "images/upload/",
                wrap(require_POST(self.image_upload_view)),
                name="articles_story_image_upload",
            ),
            path(
                "images/<int:pk>/describe/",
                wrap(require_POST(self.image_describe_view)),
                name="articles_story_image_describe",
            ),
            *super().get_urls(),
        ]

    def images_view(self, request):
        """The library's newest pictures, or those whose words match `q`."""
        if not rights.can(request.user, "view", Image):
            raise PermissionDenied("You may not see the image library.")
        live = Story.objects.filter(
            lead_image=OuterRef("pk"), status=Story.Status.PUBLISHED
        )
        images = Image.objects.annotate(is_live=Exists(live))
        for word in request.GET.get("q", "").replace("\x00", "").split()[:8]:
            images = images.filter(
                Q(alt_text__icontains=word)
                | Q(caption__icontains=word)
                | Q(credit__icontains=word)
            )
        return JsonResponse(
            {"results": [described(i, request.user) for i in images[:GRID_SIZE]]}
        )

    def image_upload_view(self, request):
        """A new picture from the form, through the upload policy, described."""
        if not rights.can(request.user, "add", Image):
            return JsonResponse({"error": "You may not add images."}, status=403)
        form = DetailsForm(request.POST)
        upload = request.FILES.get("file")
        if upload is None:
            form.add_error(None, "Choose a photo to upload.")
        if not form.is_valid():
            return refusal(form)
        try:
            image = add_image(upload=upload, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error("__all__", error.messages[0])
            return refusal(form)
        return JsonResponse({"image": described(image, request.user)})

    def image_describe_view(self, request, pk):
        """A picture's focal point, alt text, caption and credit, changed in place."""
        image = Image.objects.filter(pk=pk).first()
        if image is None:
            raise Http404("No such image.")
        if not rights.can_change_image(request.user, image):
            return JsonResponse({"error": CHANGE_REFUSED}, status=403)
        form = DetailsForm(request.POST, instance=image)
        if not form.is_valid():
            return refusal(form)
        image = save_image(image=form.save(commit=False), user=request.user)
        return JsonResponse({"image": described(image, request.user)})
