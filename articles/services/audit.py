"""The editorial record: who did what to a story, written by the services."""

from django.utils import timezone

from ..models import AuditEntry


def audit(story, user, action, detail=""):
    AuditEntry.objects.create(story=story, user=user, action=action, detail=detail)


def when(value):
    """A time as the editorial record writes it, in the desk's time zone."""
    return timezone.localtime(value).strftime("%d %b %Y %H:%M")
