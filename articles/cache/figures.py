"""Figures a page may show a little late: how many stories a subject has.

A figure is kept by name for a fixed time and never purged: a count one story off
for a few minutes misleads no one, while purging it with the subject's list would
purge every page showing, say, the United States' count whenever any story about
the United States is published. Figures name no keys, so the pages showing them are
not purged by them either. Unlike parts, they are read from the cache within
`bypassed()` too: a figure is the same for every page showing it, so a page made from
nothing (a preview, the archive's long tail) finds it as any other page does.
"""

from django.core.cache import cache

from .parts import part_name

FIGURE_SECONDS = 600


def figures(wanted, make, seconds=FIGURE_SECONDS):
    """{name: value} for each name in `wanted` ({name: anything `make` needs}):
    kept values from the cache, the others from one call of `make({name: ...})`,
    which returns {name: value}, kept for `seconds`."""
    if not wanted:
        return {}
    names = {part_name(f"figure:{name}"): name for name in wanted}
    found = cache.get_many(list(names))
    values = {names[full]: value for full, value in found.items()}
    missing = {name: wanted[name] for name in wanted if name not in values}
    if missing:
        made = make(missing)
        if made:
            cache.set_many(
                {full: made[name] for full, name in names.items() if name in made},
                seconds,
            )
        values.update(made)
    return values
