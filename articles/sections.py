"""The front page's block per section."""

from datetime import timedelta

from django.conf import settings
from django.db.models import F, Window
from django.db.models.functions import RowNumber

from .models import Story


def section_blocks(sections, now, exclude=(), per_section=4):
    """[(section, [story pks])]: each section's newest stories not in `exclude`.

    One query, whatever the number of sections. Only the recent past is ranked, so
    the query's cost does not grow with the archive; a section with nothing in that
    window has no block.
    """
    since = now - timedelta(days=settings.NEWSROOM_SECTION_BLOCK_DAYS)
    ranked = (
        Story.objects.published(now)
        .filter(published_at__gte=since)
        .exclude(pk__in=exclude)
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("section_id")],
                order_by=[F("published_at").desc(), F("pk").desc()],
            )
        )
        .filter(rank__lte=per_section)
        .order_by("section_id", "rank")
        .values_list("section_id", "pk")
    )
    by_section = {}
    for section_id, pk in ranked:
        by_section.setdefault(section_id, []).append(pk)
    return [
        (section, by_section[section.pk])
        for section in sections
        if section.pk in by_section
    ]
