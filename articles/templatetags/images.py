from django import template

from ..images.picture import picture_for, social_image

register = template.Library()

LEAD_SIZES = "(min-width: 72rem) 46rem, (min-width: 60rem) 64vw, 100vw"


@register.inclusion_tag("articles/includes/picture.html")
def picture(image, ratio="16:9", sizes=LEAD_SIZES, lead=False, css_class=""):
    """<picture> of `image` from its existing renditions; `lead` loads it first."""
    return {
        "picture": picture_for(image, ratio),
        "sizes": sizes,
        "lead": lead,
        "css_class": css_class,
    }


@register.simple_tag
def social_card(image):
    """The social card rendition of `image`, or None."""
    return social_image(image)
