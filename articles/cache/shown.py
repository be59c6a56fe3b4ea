"""What the page being made shows: the surrogate keys gathered while it renders."""

from contextlib import contextmanager
from contextvars import ContextVar

_shown = ContextVar("shown", default=None)


@contextmanager
def collecting(keys):
    """Within, every key shown (by the view or the parts it uses) is added to `keys`."""
    token = _shown.set(keys)
    try:
        yield keys
    finally:
        _shown.reset(token)


def shown_so_far():
    """The keys the page being made has shown so far (empty outside a making)."""
    return frozenset(_shown.get() or ())


def shows(*keys):
    """Record that the page being made shows the objects named by `keys`.

    Outside a cached page's making (a signed-in editor's visit) it does nothing."""
    if (shown := _shown.get()) is not None:
        shown.update(key for key in keys if key)
