"""The editors' admin, one module per desk."""

from . import frontpage, intake, media, stories, taxonomy, tokens, webhooks

__all__ = [
    "frontpage",
    "intake",
    "media",
    "stories",
    "taxonomy",
    "tokens",
    "webhooks",
]
