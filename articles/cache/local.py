"""What each process keeps of the shared cache: the entries it used a moment ago.

A hot page or part then costs no transfer from the shared cache. Pages kept here are
trusted for NEWSROOM_PAGE_MEMO_SECONDS without asking for their keys' purge times;
parts are checked against them on every use. A purge clears this process's memo at
once, the other processes' within that second.
"""

import threading
from collections import OrderedDict

SIZE = 4096

_entries = OrderedDict()
_lock = threading.Lock()


def remembered(name):
    with _lock:
        return _entries.get(name)


def remembered_many(names):
    with _lock:
        return {name: _entries[name] for name in names if name in _entries}


def remember_many(items):
    with _lock:
        for name, value in items.items():
            _entries[name] = value
            _entries.move_to_end(name)
        while len(_entries) > SIZE:
            _entries.popitem(last=False)


def remember(name, value):
    remember_many({name: value})


def forget():
    """Forget everything: this process has just purged something."""
    with _lock:
        _entries.clear()
