"""Fields naming the staff member who did something."""

from django.conf import settings
from django.db import models


def staff_member():
    """The user who did it, kept after the account is deleted as "unknown" (NULL);
    users get no reverse accessor for it."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
