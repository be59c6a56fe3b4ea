"""The story form's workflow buttons: which a user may press on a story, and their
labels. The form accepts only these; articles.services refuses the rest again."""

from dataclasses import dataclass

from .. import rights
from ..models import Story

REFUSED = {
    "publish": "Only editors may publish a story.",
    "schedule": "Only editors may schedule a story.",
    "unpublish": "Only editors may unpublish a story.",
    "submit": "Only a draft can be submitted for review.",
    "save": "You may not change this story.",
}


@dataclass(frozen=True)
class Button:
    action: str
    label: str
    # The one the desk expects next, drawn as the main button.
    is_default: bool = False


def allowed(user, story):
    """The actions `user` may take on `story` (None for a story not saved yet)."""
    if story is None:
        if not user.has_perm("articles.add_story"):
            return []
    elif not rights.can_change(user, story):
        return []
    status = story.status if story else Story.Status.DRAFT
    actions = ["save"]
    if status == Story.Status.DRAFT:
        actions.append("submit")
    if rights.can_publish(user):
        live = status == Story.Status.PUBLISHED and not story.is_scheduled
        if not live:
            actions += ["publish", "schedule"]
        if status == Story.Status.PUBLISHED:
            actions.append("unpublish")
    return actions


def buttons(user, story):
    """The buttons for the action bar, the expected next step marked."""
    status = story.status if story else Story.Status.DRAFT
    labels = {
        "save": {
            Story.Status.DRAFT: "Save draft",
            Story.Status.IN_REVIEW: "Save",
        }.get(status, "Save changes"),
        "submit": "Submit for review",
        "publish": "Publish now",
        "unpublish": "Unpublish",
    }
    actions = allowed(user, story)
    default = "publish" if status == Story.Status.IN_REVIEW else "submit"
    if default not in actions:
        default = "save"
    return [
        Button(action, labels[action], action == default)
        for action in actions
        if action != "schedule"
    ]


def refusal(action):
    return REFUSED.get(action, "That is not something the story form does.")
