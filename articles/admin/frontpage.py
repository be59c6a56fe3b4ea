"""The front page as readers see it: its lineup, reordered by editors, and the pins."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from .. import rights
from ..lineup import lineup_ids
from ..models import FrontPageSlot, Story
from ..moments import both, relative
from ..services.frontpage import delete_slots, reorder_lineup, save_slot
from .pinning import slot_count


def lineup_rows(now):
    """The slots readers see now, each with its story and how it got there."""
    lineup = lineup_ids(now, slots=slot_count())
    stories = Story.objects.filter(pk__in=lineup.stories).select_related("section")
    by_pk = {story.pk: story for story in stories}
    pins = {
        slot.story_id: slot
        for slot in FrontPageSlot.objects.active(now).filter(story__in=lineup.stories)
    }
    rows = []
    for position, pk in enumerate(lineup.stories, start=1):
        pin = pins.get(pk)
        if pin is None:
            how = "Newest: fills the slot until a pin takes it"
        elif pin.expires_at:
            how = f"Pinned until {both(pin.expires_at, now)}"
        else:
            how = "Pinned until taken down"
        rows.append(
            {
                "position": position,
                "story": by_pk[pk],
                "is_pinned": pin is not None,
                "how": how,
                "published": relative(by_pk[pk].published_at, now),
            }
        )
    return rows


def waiting_pins(now, shown):
    """Pins readers do not see now: their story is not out yet, or they expired."""
    live = FrontPageSlot.objects.active(now).filter(story__in=shown)
    rows = []
    for slot in FrontPageSlot.objects.exclude(pk__in=live).select_related("story"):
        if slot.expires_at and slot.expires_at <= now:
            why = f"expired {both(slot.expires_at, now)}"
        elif slot.position > slot_count():
            why = f"below the last slot ({slot_count()})"
        elif slot.story.published_at and slot.story.status == Story.Status.PUBLISHED:
            why = f"shows from {both(slot.story.published_at, now)}"
        else:
            why = "shows once the story is published"
        rows.append({"slot": slot, "why": why})
    return rows


def moved_to(order, current, pinned):
    """The last slot an editor moved a story to or had pinned: 0 for none."""
    last = 0
    for position, (pk, was) in enumerate(zip(order, current, strict=True), start=1):
        if pk != was or pk in pinned:
            last = position
    return last


@admin.register(FrontPageSlot)
class FrontPageSlotAdmin(admin.ModelAdmin):
    list_display = ["position", "story", "expires_at", "is_showing"]
    list_display_links = ["story"]
    list_select_related = ["story"]
    autocomplete_fields = ["story"]

    class Media:
        css = {"all": ["css/desk-form.css", "css/desk-frontpage.css"]}
        js = ["js/desk-sortable.js", "js/desk-lineup.js"]

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "reorder/",
                wrap(require_POST(self.reorder_view)),
                name="articles_frontpageslot_reorder",
            ),
            *super().get_urls(),
        ]

    def get_queryset(self, request):
        active = FrontPageSlot.objects.active().filter(pk=OuterRef("pk"))
        return super().get_queryset(request).annotate(is_active=Exists(active))

    def changelist_view(self, request, extra_context=None):
        """The lineup readers see now, slot by slot, and the pins waiting."""
        if not self.has_view_permission(request):
            raise PermissionDenied("You may not see the front page's slots.")
        now = timezone.now()
        rows = lineup_rows(now)
        context = {
            **self.admin_site.each_context(request),
            "title": "The front page",
            "opts": self.model._meta,
            "media": self.media,
            "rows": rows,
            "waiting": waiting_pins(now, [row["story"].pk for row in rows]),
            "can_curate": rights.can_curate(request.user),
            "slot_count": slot_count(),
            **(extra_context or {}),
        }
        return TemplateResponse(
            request, "admin/articles/frontpageslot/lineup.html", context
        )

    def reorder_view(self, request):
        """Make the lineup read as posted: the shown stories, in a new order."""
        if not rights.can_curate(request.user):
            raise PermissionDenied("Only editors may curate the front page.")
        now = timezone.now()
        current = lineup_ids(now, slots=slot_count()).stories
        order = request.POST.getlist("order")
        order = [int(pk) for pk in order if pk.isascii() and pk.isdigit()]
        if sorted(order) != sorted(current) or len(order) != len(current):
            messages.error(
                request,
                "The front page changed while you arranged it; nothing was moved. "
                "Here it is as readers see it now.",
            )
        else:
            pinned = set(
                FrontPageSlot.objects.active(now).values_list("story_id", flat=True)
            )
            last = moved_to(order, current, pinned)
            reorder_lineup(order=order, moved_to=last, user=request.user, now=now)
            messages.success(
                request,
                f"The front page reads in this order now; slots 1 to {last} are "
                "pinned, the rest fill with the newest stories."
                if last
                else "Nothing moved.",
            )
        return HttpResponseRedirect(reverse("admin:articles_frontpageslot_changelist"))

    def save_model(self, request, obj, form, change):
        save_slot(slot=obj, user=request.user)

    def delete_model(self, request, obj):
        delete_slots(slots=FrontPageSlot.objects.filter(pk=obj.pk), user=request.user)

    def delete_queryset(self, request, queryset):
        delete_slots(slots=queryset, user=request.user)

    @admin.display(description="on the front page now", boolean=True)
    def is_showing(self, slot):
        return slot.is_active
