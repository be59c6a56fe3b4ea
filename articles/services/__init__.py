"""Every write, by desk. The admin, the commands, the demo loader and the tests call
these; each checks the acting user's rights (`user=None` is the system) and purges
what it changed once the write commits. Nothing else writes or purges."""

from .deleting import delete_story, links_in_the_way
from .editorial import (
    add_correction,
    change_correction,
    change_share_link,
    delete_correction,
    revoke_share_link,
    share_story,
)
from .relations import set_relations, too_many_links
from .revisions import restore_revision
from .stories import (
    StaleStory,
    embargo_story,
    former_address_clash,
    last_change,
    mark_updated,
    publish_story,
    save_story,
    unpublish_story,
)

__all__ = [
    "StaleStory",
    "add_correction",
    "change_correction",
    "change_share_link",
    "delete_correction",
    "delete_story",
    "embargo_story",
    "former_address_clash",
    "last_change",
    "links_in_the_way",
    "mark_updated",
    "publish_story",
    "restore_revision",
    "revoke_share_link",
    "save_story",
    "set_relations",
    "share_story",
    "too_many_links",
    "unpublish_story",
]
