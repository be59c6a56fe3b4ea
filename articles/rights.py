"""Who may do what; the admin and the services both ask here.

`user=None` is the system itself (commands, the demo desk): it may do anything.
"""

from django.core.exceptions import PermissionDenied

from .models import Story

PUBLISH = "articles.publish_story"


def can_publish(user):
    """Publish, unpublish, schedule, embargo, and change published stories."""
    return user is None or user.has_perm(PUBLISH)


def is_public_or_scheduled(story):
    return story.status == Story.Status.PUBLISHED


def can_change(user, story=None):
    """Reporters change drafts and stories in review; published ones are editors'."""
    if user is None:
        return True
    if not user.has_perm("articles.change_story"):
        return False
    return story is None or not is_public_or_scheduled(story) or can_publish(user)


def can_delete(user, story=None):
    """A story that was ever published is deleted only by someone who may publish."""
    if user is None:
        return True
    if not user.has_perm("articles.delete_story"):
        return False
    return story is None or story.published_at is None or can_publish(user)


def can_correct(user):
    return user is None or user.has_perm("articles.add_correction")


def can_amend_correction(user, story):
    """Change or delete a correction: only before the story was ever published.
    After that a correction is part of what readers were told; a new correction
    amends it, dated and audited, and the first one stays."""
    return can_correct(user) and story.published_at is None


def can_share(user):
    return user is None or user.has_perm("articles.add_sharelink")


def can_curate(user):
    """Pin stories to the front page and take pins down."""
    return user is None or user.has_perm("articles.change_frontpageslot")


def can_change_image(user, image=None):
    """Describe a picture (focal point, caption, credit, alt text). Reporters may
    change the pictures they can still use: none that a published or scheduled story
    leads with, since that changes what readers see, which is editors' work."""
    if user is None:
        return True
    if not user.has_perm("articles.change_image"):
        return False
    if image is None or image.pk is None or can_publish(user):
        return True
    return not image.lead_stories.filter(status=Story.Status.PUBLISHED).exists()


def can(user, action, model):
    """The model permission `action` ("add", "change", "delete") on `model`."""
    if user is None:
        return True
    opts = model._meta
    return user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}")


def require(allowed, message):
    if not allowed:
        raise PermissionDenied(message)
