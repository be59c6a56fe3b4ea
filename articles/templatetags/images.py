from django import template
from django.utils.html import format_html, format_html_join
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
    `sizes` goes with every srcset when given (one file per format needs none)."""
    if shown is None:
        return ""
    sized = format_html(' sizes="{}"', sizes) if sizes else ""
    sources = format_html_join(
        "\n  ",
        '<source type="{}" srcset="{}"{}>',
        ((source["type"], source["srcset"], sized) for source in shown.sources),
    )
    srcset = format_html(' srcset="{}"{}', shown.srcset, sized) if shown.srcset else ""
    return format_html(
        '<picture{}>\n  {}{}<img src="{}"{} alt="{}" width="{}" height="{}" '
        'decoding="async"{}>\n</picture>',
        format_html(' class="{}"', css_class) if css_class else "",
        sources,
        "\n  " if shown.sources else "",
        shown.src,
        srcset,
        shown.alt,
        shown.width,
        shown.height,
        loading,
    )


@register.simple_tag
def social_card(image):
    """The social card rendition of `image`, or None."""
    return social_image(image)
