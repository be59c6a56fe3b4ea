"""The editors' admin, one module per desk."""

from . import frontpage, media, stories, taxonomy, tokens, webhooks

__all__ = ["frontpage", "media", "stories", "taxonomy", "tokens", "webhooks"]
