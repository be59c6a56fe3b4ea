"""Template tags for what crawlers, feed readers and social networks read."""

from django import template
from django.templatetags.static import static

from .. import structured_data
from ..absolute import absolute_url, image_url
from ..feeds import feed_url as _feed_url

register = template.Library()


@register.filter
def absolute(path):
    """A site path as an absolute URL on SITE_URL."""
    return absolute_url(str(path))


@register.filter
def static_absolute(path):
    """A static file's absolute URL on SITE_URL."""
    return absolute_url(static(path))


@register.filter
def image_absolute_url(image):
    return image_url(image)


@register.simple_tag
def feed_url(kind="latest", subject=None, fmt="rss"):
    return _feed_url(kind, subject, fmt)


@register.simple_tag
def site_image():
    """The site's own picture for cards: {"url", "width", "height"}."""
    return structured_data.site_image()


@register.simple_tag
def story_json_ld(story):
    return structured_data.json_ld(structured_data.news_article(story))


@register.simple_tag
def collection_json_ld(subject, kind, stories, page_number=1):
    return structured_data.json_ld(
        structured_data.collection_page(subject, kind, stories, page_number)
    )


@register.simple_tag
def website_json_ld():
    return structured_data.json_ld(structured_data.website())
