"""`{% list_description subject kind as description %}`: a list page's summary for
search results and link previews."""

from django import template
from django.conf import settings
from django.utils.text import Truncator

register = template.Library()

# Countries have no text of their own, and sections, people and authors often lack
# one: a crawler then gets a sentence saying what the page lists.
WORDING = {
    "section": "{name}: the latest stories from {site}, newest first.",
    "country": "Stories about {name} from {site}, newest first.",
    "person": "Stories about {name} from {site}, newest first.",
    "author": "Stories by {name} for {site}, newest first.",
}


@register.simple_tag
def list_description(subject, kind):
    """The subject's own description or bio, else a sentence naming it."""
    about = getattr(subject, "description", "") or getattr(subject, "bio", "")
    if about:
        return Truncator(about).chars(160)
    return WORDING[kind].format(name=subject.name, site=settings.SITE_NAME)
