"""Logging filters for outages: one line per interval, not one per request."""

import logging
import threading
import time


class OncePerInterval(logging.Filter):
    """Let a given message from a given logger through at most once per interval.

    Suppressed repeats are counted and the next line that gets through says how many.
    """

    def __init__(self, seconds=60, clock=time.monotonic):
        super().__init__()
        self.seconds = seconds
        self.clock = clock
        self._last = {}
        self._suppressed = {}
        self._lock = threading.Lock()

    def filter(self, record):
        key = (record.name, record.msg)
        now = self.clock()
        with self._lock:
            last = self._last.get(key)
            if last is not None and now - last < self.seconds:
                self._suppressed[key] = self._suppressed.get(key, 0) + 1
                return False
            self._last[key] = now
            suppressed = self._suppressed.pop(key, 0)
        # django-redis logs ignored errors with a traceback at ERROR; an outage it
        # rides through is a warning.
        if record.levelno > logging.WARNING:
            record.levelno, record.levelname = logging.WARNING, "WARNING"
        if suppressed:
            record.msg = f"{record.msg} (and {suppressed} more in the last interval)"
        return True
