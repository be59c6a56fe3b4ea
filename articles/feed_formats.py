"""The RSS 2.0 and Atom writers: Django's, naming every credited author.

Django's generators write one author per item; a story may have several bylines,
and Atom requires an author on every entry (RFC 4287, 4.1.1). Items carry their
`credits` (articles.credits) and each format writes one element per credit.
"""

from django.utils.encoding import iri_to_uri
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

DUBLIN_CORE = "http://purl.org/dc/elements/1.1/"


class RssFeed(Rss201rev2Feed):
    """RSS 2.0 with a dc:creator per author (RSS's own <author> is an e-mail)."""

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:dc": DUBLIN_CORE}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for credit in item["credits"]:
            handler.addQuickElement("dc:creator", credit.name)


class AtomFeed(Atom1Feed):
    """Atom with an <author> per credit, linked to its page where it has one."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for credit in item["credits"]:
            handler.startElement("author", {})
            handler.addQuickElement("name", credit.name)
            if credit.url:
                handler.addQuickElement("uri", iri_to_uri(credit.url))
            handler.endElement("author")
