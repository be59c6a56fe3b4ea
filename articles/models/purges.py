from django.db import models


class PendingPurge(models.Model):
    """Surrogate keys whose purge the shared cache could not record when their write
    committed (it was out of reach). Kept until it can, and retried: a page that must
    go is never forgotten because the cache blinked."""

    keys = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return (
            f"Purge of {len(self.keys)} keys pending since {self.created_at:%H:%M:%S}"
        )
