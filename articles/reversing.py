"""`cached_reverse()`: Django's `reverse()` for reader URLs, remembered.

A page names the same stories, sections, tags and authors on every render, and
Django's `reverse()` costs tens of microseconds a call; a story page calls it
dozens of times. The answer depends only on the arguments, the script prefix and
the URLconf, so it is kept, and forgotten when the URLconf setting changes.
"""

from functools import lru_cache

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix
from django.urls import reverse as django_reverse


def cached_reverse(viewname, kwargs=None):
    return _reverse(get_script_prefix(), viewname, tuple((kwargs or {}).items()))


@lru_cache(maxsize=20_000)
def _reverse(prefix, viewname, kwargs):
    return django_reverse(viewname, kwargs=dict(kwargs))


@receiver(setting_changed)
def _forget(setting, **kwargs):
    if setting == "ROOT_URLCONF":
        _reverse.cache_clear()
