"""What each process keeps of the shared cache: the entries it used a moment ago.

A hot page or part then costs no transfer from the shared cache. Pages kept here are
trusted for NEWSROOM_PAGE_MEMO_SECONDS without asking for their keys' purge times, so
a purge clears this process's pages at once, the other processes' within that
second. Parts (and kept values) are checked against their keys' purge times on every
use, so a purge needs not clear them: one it made stale is made again.
"""

import threading
from collections import OrderedDict

SIZE = 4096

_pages = OrderedDict()
_parts = OrderedDict()
_lock = threading.Lock()


def remembered(name):
    """The page remembered under `name`, or None."""
    with _lock:
        return _pages.get(name)


def remember(name, value):
    with _lock:
        _add(_pages, {name: value})


def remembered_many(names):
    """{name: entry} of the parts remembered among `names`."""
    with _lock:
        return {name: _parts[name] for name in names if name in _parts}


def remember_many(items):
    with _lock:
        _add(_parts, items)


def _add(memo, items):
    for name, value in items.items():
        memo[name] = value
        memo.move_to_end(name)
    while len(memo) > SIZE:
        memo.popitem(last=False)


def forget_pages():
    """Forget the pages: this process has just purged something."""
    with _lock:
        _pages.clear()


def forget():
    """Forget everything (the shared cache was flushed)."""
    with _lock:
        _pages.clear()
        _parts.clear()
