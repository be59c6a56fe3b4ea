"""What every reader page shows besides its own content."""

from ..cache import keep, keys
from ..models import Section

# The name the sections menu is kept under.
SECTIONS = "nav-sections"


def sections():
    """The sections menu, kept until a section is saved; shared by every page (see
    articles.cache.keep)."""
    return keep(
        SECTIONS,
        lambda: (list(Section.objects.only("name", "slug")), [keys.SECTIONS]),
        shared=True,
    )


def reader(request):
    """Context processor: the sections menu, read only by pages that show it."""
    return {"nav_sections": sections}
