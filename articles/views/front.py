"""The front page: the lineup, the latest headlines, section blocks, the busiest
subjects."""

from django.utils import timezone
from django.views.decorators.http import require_safe

from ..cache import ahead, cached_page, keys, shows
from ..lineup import in_the_news, kept_names, kept_pins, lineup_ids, section_blocks
from ..models import Story
from .context import SECTIONS, sections
from .parts import (
    DATED_HEADLINE,
    HEADLINE,
    LEAD_TEASER,
    TEASER,
    part_names,
    story_parts,
)
from .times import render_page

LATEST = 8


@require_safe
@cached_page
def front_page(request):
    now = timezone.now()
    shows(keys.FRONT)
    ahead(kept=kept_names(LATEST), shared=[SECTIONS])
    lineup = lineup_ids(now, latest=LATEST, pinned=kept_pins)
    # A headline shows once on the page: the blocks leave out the lineup and "Latest".
    blocks = section_blocks(sections(), now, exclude=lineup.stories + lineup.latest)
    teasers = [
        *((LEAD_TEASER, pk) for pk in lineup.stories[:1]),
        *((TEASER, pk) for pk in lineup.top),
    ]
    headlines = [
        *((DATED_HEADLINE, pk) for pk in lineup.latest),
        *((HEADLINE, pk) for _, pks in blocks for pk in pks),
    ]
    ahead(part_names(teasers + headlines))
    # Each kind loaded with what it shows: a headline line needs no byline or picture.
    stories = Story.objects
    parts = {
        **story_parts(teasers, lambda pks: stories.listing_rows(list(pks), now)),
        **story_parts(headlines, lambda pks: stories.headline_rows(list(pks), now)),
    }

    def shown(kind, pks):
        return [parts[kind, pk]["html"] for pk in pks if (kind, pk) in parts]

    lead = shown(LEAD_TEASER, lineup.stories[:1])
    news = in_the_news(now)
    return render_page(
        request,
        "articles/front_page.html",
        {
            "lead_teaser": lead[0] if lead else "",
            "top": shown(TEASER, lineup.top),
            "latest": shown(DATED_HEADLINE, lineup.latest),
            "blocks": [(section, shown(HEADLINE, pks)) for section, pks in blocks],
            "news_countries": news["country"],
            "news_people": news["person"],
        },
    )
