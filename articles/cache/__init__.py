"""The cache: reader pages and parts of pages, kept fresh by surrogate keys.

The rest of the code uses only what is named here:

- `cached_page`: the view decorator (anonymous readers, HTTP headers, 304s, stampede
  protection, database outages);
- `shows(*keys)`: what the page being made shows, in the vocabulary of `keys`;
- `parts(wanted, make)` and `keep(name, compute)`: parts of pages kept between renders
  (per-story fragments, computed lists), fresh by the same keys; `ahead(names,
  kept)` reads those a page will use in one go;
- `figures(wanted, make)`: numbers a page may show a few minutes late (how many
  stories a subject has), kept by name and never purged;
- `purge(*keys)`: called by the services when a write commits; `purge_when_due` for
  caches outside the site at a scheduled time;
- `bypassed()`: within, parts and kept values are made afresh, never read from or
  kept in the cache (previews; the benchmark's "from nothing").

Everything that decides what a page shows stays outside this package.
"""

from . import keys
from .figures import figures
from .pages import cached_page
from .parts import ahead, bypassed, keep, parts
from .purging import purge, purge_when_due
from .shown import shows

__all__ = [
    "ahead",
    "bypassed",
    "cached_page",
    "figures",
    "keep",
    "keys",
    "parts",
    "purge",
    "purge_when_due",
    "shows",
]
