"""The newsroom's content model; one module per kind of thing."""

from .bylines import Author, Byline
from .editorial import AuditEntry, Correction, ShareLink
from .frontpage import FrontPageSlot
from .intake import WireImport
from .links import RelatedLink
from .media import Image
from .purges import PendingPurge
from .renditions import Rendition
from .sections import Section
from .stories import FormerSlug, Story, story_address
from .story_details import as_loaded
from .story_queries import with_details
from .taxonomy import CountryTag, PersonTag, PersonVariant, StoryCountry, StoryPerson
from .tokens import ApiToken
from .webhooks import Event, WebhookAttempt, WebhookDelivery, WebhookEndpoint

__all__ = [
    "ApiToken",
    "AuditEntry",
    "Correction",
    "Event",
    "ShareLink",
    "Author",
    "Byline",
    "CountryTag",
    "FormerSlug",
    "FrontPageSlot",
    "Image",
    "PendingPurge",
    "PersonTag",
    "PersonVariant",
    "RelatedLink",
    "Rendition",
    "Section",
    "Story",
    "StoryCountry",
    "StoryPerson",
    "as_loaded",
    "story_address",
    "with_details",
    "WireImport",
    "WebhookAttempt",
    "WebhookDelivery",
    "WebhookEndpoint",
]
