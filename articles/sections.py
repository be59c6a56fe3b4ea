"""The front page's block per section."""

from datetime import timedelta

from django.conf import settings
from django.db.models import F, Window
from django.db.models.functions import RowNumber

from . import fragments
from .models import Story

# The front page's rails (section blocks, the busiest tags) may lag this long behind
# new publications. A story taken down leaves them at once: its fragments go stale
# and are rendered again only from published stories.
RAIL_SECONDS = 60


def section_blocks(sections, now, exclude=(), per_section=4):
    """[(section, [story pks])]: each section's newest stories not in `exclude`.

    One query, whatever the number of sections, kept for RAIL_SECONDS. Only the recent
    past is ranked, so the query's cost does not grow with the archive; a section
    with nothing in that window has no block.
    """
    since = now - timedelta(days=settings.NEWSROOM_SECTION_BLOCK_DAYS)
    # Ranked deep enough that every block fills whatever `exclude` takes out.
    depth = per_section + len(exclude)

    def ranked():
        rows = (
            Story.objects.published(now)
            .filter(published_at__gte=since)
            .annotate(
                rank=Window(
                    RowNumber(),
                    partition_by=[F("section_id")],
                    order_by=[F("published_at").desc(), F("pk").desc()],
                )
            )
            .filter(rank__lte=depth)
            .order_by("section_id", "rank")
            .values_list("section_id", "pk")
        )
        return list(rows), ["sections"]

    excluded = set(exclude)
    by_section = {}
    for section_id, pk in fragments.kept(
        f"section-blocks:{depth}", ranked, RAIL_SECONDS
    ):
        block = by_section.setdefault(section_id, [])
        if pk not in excluded and len(block) < per_section:
            block.append(pk)
    return [
        (section, by_section[section.pk])
        for section in sections
        if by_section.get(section.pk)
    ]
