"""Listing pages that never count the whole list."""

from django.conf import settings
from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.utils.functional import cached_property


class OpenEndedPaginator(Paginator):
    """Pages of a listing read one story past the page, not a count of the list.

    Counting every story about a busy country costs a scan of all of them on each
    uncached render. A listing page only needs to know whether an older page exists,
    so it reads `per_page + 1` ids and its cost stays flat as the archive grows.
    Readers page no deeper than NEWSROOM_LISTING_MAX_PAGES (the archive has search);
    only `?page=last` counts, up to that cap.
    """

    @property
    def max_pages(self):
        return settings.NEWSROOM_LISTING_MAX_PAGES

    @cached_property
    def count(self):
        return self.object_list.order_by()[: self.max_pages * self.per_page].count()

    @cached_property
    def num_pages(self):
        """The last page (for `?page=last`): a count, up to the cap."""
        return max(1, -(-self.count // self.per_page))

    def validate_number(self, number):
        if number == "last":
            return self.num_pages
        try:
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger("That page number is not an integer.") from None
        if not 1 <= number <= self.max_pages:
            raise EmptyPage("That page is past the end of the list.")
        return number

    def page(self, number):
        number = self.validate_number(number)
        start = (number - 1) * self.per_page
        # The page's ids first, then its rows: a deep page steps over thousands of
        # stories, which costs far less as bare ids than as whole rows.
        ids = list(
            self.object_list.prefetch_related(None).values_list("pk", flat=True)[
                start : start + self.per_page + 1
            ]
        )
        if not ids and number > 1:
            raise EmptyPage("That page is past the end of the list.")
        shown = ids[: self.per_page]
        rows = self.object_list.order_by().filter(pk__in=shown) if shown else []
        by_pk = {row.pk: row for row in rows}
        has_next = len(ids) > self.per_page and number < self.max_pages
        page = [by_pk[pk] for pk in shown if pk in by_pk]
        return OpenEndedPage(page, number, self, has_next)


class OpenEndedPage(Page):
    def __init__(self, object_list, number, paginator, has_next):
        super().__init__(object_list, number, paginator)
        self._has_next = has_next

    def has_next(self):
        return self._has_next

    def next_page_number(self):
        return self.number + 1

    def previous_page_number(self):
        return self.number - 1
