import html

from django import template
from django.utils.safestring import mark_safe

from ..images.picture import picture_for, social_image, thumbnail_for

register = template.Library()

LEAD_SIZES = "(min-width: 72rem) 46rem, (min-width: 60rem) 64vw, 100vw"
LEAD = mark_safe(' fetchpriority="high"')
LAZY = mark_safe(' loading="lazy"')


@register.simple_tag
def picture(image, ratio="16:9", sizes=LEAD_SIZES, lead=False, css_class=""):
    """<picture> of `image` from its existing renditions; `lead` loads it first."""
    return _markup(picture_for(image, ratio), css_class, sizes, LEAD if lead else LAZY)


@register.simple_tag
def thumbnail(image, ratio="1:1", width=216, css_class=""):
    """A small picture of `image` beside text that already says what it shows (a
    related headline): one file per format, at least `width` pixels wide, and an
    empty alt (thumbnail_for), so a screen reader reads the headline once, not a
    description first."""
    return _markup(thumbnail_for(image, ratio, width), css_class, None, LAZY)


def _markup(shown, css_class, sizes, loading):
    """The <picture> element of a Picture: a <source> per format, then the <img>;
    `sizes` goes with every srcset when given (one file per format needs none).

    Built by hand with Django's escaping (a page of teasers holds dozens, and
    format_html costs more per call than the markup is worth)."""
    if shown is None:
        return ""
    sized = f' sizes="{escaped(sizes)}"' if sizes else ""
    sources = "".join(
        f'<source type="{escaped(source["type"])}" '
        f'srcset="{escaped(source["srcset"])}"{sized}>\n  '
        for source in shown.sources
    )
    srcset = f' srcset="{escaped(shown.srcset)}"{sized}' if shown.srcset else ""
    css = f' class="{escaped(css_class)}"' if css_class else ""
    return mark_safe(
        f'<picture{css}>\n  {sources}<img src="{escaped(shown.src)}"{srcset} '
        f'alt="{escaped(shown.alt)}" width="{escaped(shown.width)}" '
        f'height="{escaped(shown.height)}" decoding="async"{loading}>\n</picture>'
    )


def escaped(value):
    """conditional_escape(), without its lazy-string wrapper."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


@register.simple_tag
def social_card(image):
    """The social card rendition of `image`, or None."""
    return social_image(image)
