from django.conf import settings
from django.core.paginator import Paginator
from django.utils.functional import cached_property


class CappedPaginator(Paginator):
    """Counts no further than NEWSROOM_LISTING_MAX_PAGES pages.

    Counting every story about a busy country costs a scan of all of them on each
    uncached render; readers do not page that deep (the archive has search), so the
    listing ends at the cap and the count's cost stays flat as the archive grows.
    """

    @cached_property
    def count(self):
        cap = settings.NEWSROOM_LISTING_MAX_PAGES * self.per_page
        return self.object_list.order_by()[:cap].count()
