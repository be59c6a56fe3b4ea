"""Cursor pages: each page names the last row it gave, and the next page starts after
it, so stories published meanwhile (at the top) never shift what comes next."""

import base64
import binascii
from datetime import UTC, datetime

from django.db.models import F, Q
from django.utils.http import urlencode
from ninja.errors import HttpError

from ..absolute import absolute_url


def in_utc(moment):
    """`moment` in UTC (naive taken as UTC); 400 if it lies outside what a date can
    hold once moved to UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(UTC)
    except OverflowError:
        raise HttpError(400, "That time is out of range.") from None


def encode(*values):
    text = "|".join("" if v is None else str(v) for v in values)
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def decode(cursor, count):
    """The `count` parts of a cursor as strings ("" for none); 400 if it is not
    one of ours."""
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise HttpError(400, "That cursor is not one this API gave out.") from None
    parts = text.split("|")
    if len(parts) != count:
        raise HttpError(400, "That cursor is not one this API gave out.")
    return parts


def stories_after(stories, cursor, with_drafts=False):
    """`stories` newest first, after `cursor`; drafts (no time yet) come last.

    Published stories always have a time, and plain descending order is the one
    the publication index holds: only a list with drafts asks for NULLS LAST.
    """
    newest = F("published_at").desc(nulls_last=True) if with_drafts else "-published_at"
    ordered = stories.order_by(newest, "-pk")
    if not cursor:
        return ordered
    when, pk = decode(cursor, 2)
    try:
        pk = int(pk)
        if not 0 < pk < 2**63:
            raise ValueError(pk)
        when = in_utc(datetime.fromisoformat(when)) if when else None
    except ValueError:
        raise HttpError(400, "That cursor is not one this API gave out.") from None
    if when is None:
        return ordered.filter(published_at__isnull=True, pk__lt=pk)
    # `published_at <= when` first: the index range the database walks.
    earlier = Q(published_at__lte=when) & (Q(published_at__lt=when) | Q(pk__lt=pk))
    if with_drafts:
        earlier |= Q(published_at__isnull=True)
    return ordered.filter(earlier)


def story_cursor(story):
    return encode(
        story.published_at.isoformat() if story.published_at else "", story.pk
    )


def by_slug_after(rows, cursor):
    """Subjects in slug order (slugs are unique), after `cursor`."""
    ordered = rows.order_by("slug")
    if not cursor:
        return ordered
    (slug,) = decode(cursor, 1)
    return ordered.filter(slug__gt=slug)


def next_url(request, cursor, param="cursor"):
    """The request's own address with `cursor` as its `param` (on SITE_URL, never
    the Host header: the page may be kept for every reader); None without one."""
    if cursor is None:
        return None
    params = [(k, v) for k, v in sorted(request.GET.items()) if k != param]
    params.append((param, cursor))
    return absolute_url(f"{request.path}?{urlencode(params)}")
