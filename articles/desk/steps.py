"""What the desk's buttons do: one workflow step on one story, through the services,
refused by rights (a 403) before anything is touched."""

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from .. import moments, rights, services
from ..models import Story
from .states import LABELS, state_of


@dataclass(frozen=True)
class Step:
    label: str
    # Who may take the step on a story, and which stories it applies to.
    allowed: Any
    applies: Any
    run: Any
    asks_time: bool = False


def _submit(*, story, user, data):
    story.status = Story.Status.IN_REVIEW
    services.save_story(story=story, user=user, update_fields=["status"])
    return f"Submitted “{story}” for review: it is in the editors' queue."


def _publish(*, story, user, data):
    services.publish_story(story=story, user=user)
    if story.is_embargoed:
        lifts = moments.both(story.embargoed_until)
        return f"Published “{story}”; readers see it when the embargo lifts, {lifts}."
    return f"Published “{story}”: readers see it now."


def _schedule(*, story, user, data):
    at = _future_time(data.get("at", ""))
    services.publish_story(story=story, at=at, user=user)
    return f"Scheduled “{story}” for {moments.both(at)}."


def _unschedule(*, story, user, data):
    services.unpublish_story(story=story, user=user)
    return f"“{story}” is a draft again and will not be published."


def _lift(*, story, user, data):
    services.embargo_story(story=story, until=None, user=user)
    return f"Lifted the embargo on “{story}”: readers see it now."


def _future_time(text):
    """The time a schedule form gave, read in the newsroom's time zone; refused
    unless it is a real time in the future."""
    try:
        at = datetime.fromisoformat(text.strip())
        if timezone.is_naive(at):
            at = timezone.make_aware(at)
        at.astimezone(UTC)
    except (ValueError, OverflowError):
        raise ValidationError(
            "Give the date and time to publish at, e.g. 2026-12-02 14:00."
        ) from None
    if at <= timezone.now():
        raise ValidationError(
            f"{moments.both(at)} has passed: choose a time in the future, "
            "or Publish now."
        )
    return at


def _is(*states):
    return lambda story: state_of(story) in states


def _may_publish(user, story):
    return rights.can_publish(user)


STEPS = {
    "submit": Step("Submit for review", rights.can_change, _is("draft"), _submit),
    "publish": Step("Publish now", _may_publish, _is("review", "scheduled"), _publish),
    "schedule": Step(
        "Schedule", _may_publish, _is("review"), _schedule, asks_time=True
    ),
    "unschedule": Step("Back to draft", _may_publish, _is("scheduled"), _unschedule),
    "lift": Step("Lift embargo", _may_publish, _is("embargoed"), _lift),
}


def steps_for(user, story, names):
    """[(name, step)] of `names` that `user` may take on `story` as it is now."""
    return [
        (name, STEPS[name])
        for name in names
        if STEPS[name].allowed(user, story) and STEPS[name].applies(story)
    ]


def take_step(request, pk, step):
    """POST: take one step on one story, say what happened, go back to the desk."""
    # A number no database column holds is no story, not a database error.
    if step not in STEPS or not 0 < pk < 2**63:
        raise Http404("No such step.")
    story = Story.objects.select_related("section").filter(pk=pk).first()
    if story is None:
        raise Http404("No such story.")
    chosen = STEPS[step]
    if not chosen.allowed(request.user, story):
        raise PermissionDenied("You may not do this to this story.")
    back = _back(request)
    if not chosen.applies(story):
        now = LABELS[state_of(story)].lower()
        messages.warning(
            request,
            f"Nothing was done: “{story}” is {now} now, so “{chosen.label}” no "
            "longer applies.",
        )
        return redirect(back)
    try:
        done = chosen.run(story=story, user=request.user, data=request.POST)
    except ValidationError as refusal:
        messages.error(request, " ".join(refusal.messages))
    else:
        messages.success(request, done)
    return redirect(back)


def _back(request):
    """Where the form came from, if it is on this site; else the desk."""
    wanted = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return reverse("admin:index")
