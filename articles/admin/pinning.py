"""The story form's "Pin to slot N": the side column's box and its address."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from .. import rights
from ..lineup import lineup_ids
from ..models import FrontPageSlot, Story
from ..moments import both
from ..services.frontpage import pin_story

FIELD = "front_page_pin"
FIELDSET = "Front page"


def slot_count():
    """Slot 1 is the lead; then the top stories."""
    return 1 + settings.NEWSROOM_FRONT_PAGE_TOP_STORIES


def headline_at(lineup, position):
    stories = lineup.stories
    return stories[position - 1] if 0 < position <= len(stories) else None


def pinned_message(story, position, before, now):
    """What the pin did, naming the story that held the slot and where it went."""
    said = f"Pinned “{story.headline}” to slot {position} of the front page"
    visible = Story.objects.published(now).filter(pk=story.pk).exists()
    occupant_pk = headline_at(before, position)
    occupant = (
        Story.objects.filter(pk=occupant_pk).only("headline").first()
        if occupant_pk and occupant_pk != story.pk
        else None
    )
    if not visible:
        when = (
            f"scheduled for {both(story.published_at, now)}"
            if story.published_at
            else "once it is published"
        )
        said += f": it shows there when readers can see it ({when})"
        if occupant:
            said += f"; “{occupant.headline}” holds the slot until then"
        return said + "."
    if occupant is None:
        return said + "."
    after = lineup_ids(now).stories
    if occupant.pk in after:
        return (
            f"{said}; “{occupant.headline}”, there before, moves down to slot "
            f"{after.index(occupant.pk) + 1}."
        )
    return f"{said}; “{occupant.headline}”, there before, moves down to Latest."


class PinMixin:
    """Mixed into StoryAdmin: the "Front page" box for editors, and its address."""

    @property
    def media(self):
        return super().media + forms.Media(
            css={"all": ["css/desk-frontpage.css"]}, js=["js/desk-pin.js"]
        )

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/pin/",
                wrap(require_POST(self.pin_view)),
                name="articles_story_pin",
            ),
            *super().get_urls(),
        ]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or not rights.can_curate(request.user):
            return [(name, opts) for name, opts in fieldsets if name != FIELDSET]
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), FIELD]

    @admin.display(description="pin to the front page")
    def front_page_pin(self, story):
        if not story.pk:
            return "—"
        slot = FrontPageSlot.objects.filter(story=story).first()
        if slot is None:
            state = "Not pinned: the newest stories fill the slots."
        elif slot.expires_at:
            state = f"Pinned to slot {slot.position} until {both(slot.expires_at)}."
        else:
            state = f"Pinned to slot {slot.position}."
        return format_html(
            '<div class="desk-pin" data-url="{url}">'
            '<label for="desk-pin-slot">Slot</label>'
            '<input type="number" id="desk-pin-slot" name="pin_slot" value="1" '
            'min="1" max="{count}" inputmode="numeric">'
            '<button type="submit" class="button desk-pin-button" formaction="{url}" '
            'formnovalidate>Pin to slot <span class="desk-pin-n">1</span></button>'
            '<p class="desk-pin-state">{state}</p>'
            '<p class="desk-pin-said" role="status"></p>'
            '<a href="{screen}">The front page as readers see it</a></div>',
            url=reverse("admin:articles_story_pin", args=[story.pk]),
            count=slot_count(),
            state=state,
            screen=reverse("admin:articles_frontpageslot_changelist"),
        )

    def pin_view(self, request, object_id):
        """Pin the story to the slot posted; JSON for the form's script, otherwise
        back to the story with the message."""
        if not rights.can_curate(request.user):
            raise PermissionDenied("Only editors may curate the front page.")
        story = self.get_object(request, object_id)
        if story is None:
            raise Http404("No such story.")
        wants_json = request.headers.get("Accept") == "application/json"
        raw = request.POST.get("pin_slot", "")
        count = slot_count()
        if not (raw.isascii() and raw.isdigit() and 1 <= int(raw) <= count):
            error = f"Pick a slot from 1 to {count}."
            if wants_json:
                return JsonResponse({"error": error}, status=400)
            messages.error(request, error)
        else:
            now = timezone.now()
            before = lineup_ids(now, slots=count)
            pin_story(story=story, position=int(raw), user=request.user)
            said = pinned_message(story, int(raw), before, now)
            if wants_json:
                return JsonResponse({"message": said})
            messages.success(request, said)
        return HttpResponseRedirect(
            reverse("admin:articles_story_change", args=[story.pk])
        )
