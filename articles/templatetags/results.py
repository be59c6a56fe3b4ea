"""`{% result_items page_obj %}`: a search page's results, as list items
(templates/articles/search.html).

Built here rather than in the template, as the related headlines are: a search made
from nothing renders twenty results, and the template engine's lookups and
conditions for them cost more than the search's own query.
"""

from django import template
from django.utils.safestring import mark_safe

from .images import escaped
from .times import reading, time_element

register = template.Library()


@register.simple_tag
def result_items(stories):
    """An <li> for each story: its section, its headline linked, the words found
    (its snippet, HTML) or else its dek, its time."""
    setting = reading()
    return mark_safe("".join(_item(story, setting) for story in stories))


def _item(story, setting):
    section = story.section
    if snippet := getattr(story, "snippet", ""):
        text = f'<p class="snippet">{snippet}</p>'
    elif story.dek:
        text = f'<p class="dek">{escaped(story.dek)}</p>'
    else:
        text = ""
    when = time_element(story.published_at, *setting) if story.published_at else ""
    return (
        '<li class="search-result">\n'
        f'      <p class="kicker"><a href="{escaped(section.get_absolute_url())}">'
        f"{escaped(section.name)}</a></p>\n"
        f'      <h3 class="headline"><a href="{escaped(story.get_absolute_url())}">'
        f"{escaped(story.headline)}</a></h3>\n"
        f"      {text}\n"
        f'      <p class="meta">{when}</p>\n'
        "    </li>\n    "
    )
