"""schema.org JSON-LD for story, list and front pages, built from what the page has
already loaded (no queries of its own), with absolute URLs from SITE_URL."""

import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from .absolute import absolute_url, image_url
from .credits import AGENCY, PERSON, credits
from .images.picture import structured_data_urls

# As django.utils.html.json_script does: the data can never close its <script>.
_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}

# The site's own picture (1200×630), for cards and articles without a lead image.
SITE_IMAGE = ("img/social-default.png", 1200, 630)

LIST_KINDS = {
    "section": "Section",
    "country": "Country",
    "person": "Person",
    "author": "Author",
}


def json_ld(data):
    """`data` as a <script type="application/ld+json"> element."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text.translate(_ESCAPES)),
    )


def organization():
    return {
        "@type": "NewsMediaOrganization",
        "name": settings.SITE_NAME,
        "url": absolute_url(reverse("articles:front_page")),
        "logo": {
            "@type": "ImageObject",
            "url": absolute_url(static("img/logo.png")),
            "width": 600,
            "height": 60,
        },
    }


def site_image():
    """The site's picture: {"url" (absolute), "width", "height"}."""
    path, width, height = SITE_IMAGE
    return {"url": absolute_url(static(path)), "width": width, "height": height}


def website():
    """The front page: the site, and how to search it."""
    home = absolute_url(reverse("articles:front_page"))
    return {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": settings.SITE_NAME,
        "url": home,
        "publisher": organization(),
        "potentialAction": {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": absolute_url(reverse("articles:search"))
                + "?q={search_term_string}",
            },
            "query-input": "required name=search_term_string",
        },
    }


def lead_images(story):
    """The lead image's URLs, widest crop first (16:9, 1:1 where renditions exist;
    the original file otherwise)."""
    image = story.lead_image
    if image is None:
        return []
    urls = [absolute_url(url) for url in structured_data_urls(image) if url]
    if urls:
        return urls
    url = image_url(image)
    return [url] if url else []


def _author(credit):
    if credit.kind == PERSON:
        return {"@type": "Person", "name": credit.name, "url": credit.url}
    if credit.kind == AGENCY:
        return {"@type": "Organization", "name": credit.name}
    return organization()


def _corrections(story):
    return [
        {
            "@type": "CorrectionComment",
            "text": correction.text,
            "datePublished": correction.created_at,
        }
        for correction in story.corrections.all()
    ]


def news_article(story):
    """A story page: NewsArticle with its authors, publisher, subjects and images."""
    url = absolute_url(story.get_absolute_url())
    countries = [
        {
            "@type": "Country",
            "name": tag.name,
            "identifier": tag.code,
            "url": absolute_url(tag.get_absolute_url()),
        }
        for tag in story.countries.all()
    ]
    people = [
        {
            "@type": "Person",
            "name": tag.name,
            "url": absolute_url(tag.get_absolute_url()),
            **({"description": tag.description} if tag.description else {}),
        }
        for tag in story.people.all()
    ]
    article = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": story.headline[:110],
        "description": story.seo_description or story.dek,
        "datePublished": story.published_at,
        "dateModified": story.display_time,
        "articleSection": story.section.name,
        # Google requires an author and an image: the fallbacks keep both present.
        "author": [_author(credit) for credit in credits(story)],
        "image": lead_images(story) or [site_image()["url"]],
        "publisher": organization(),
        "isAccessibleForFree": True,
        "inLanguage": settings.LANGUAGE_CODE,
    }
    if story.dateline:
        article["locationCreated"] = {"@type": "Place", "name": story.dateline.title()}
    # Editors tag the countries and people a story is about (see the fields' help),
    # so every tag is a subject, none a mere mention.
    if countries or people:
        article["about"] = countries + people
    keywords = [tag["name"] for tag in countries + people]
    if keywords:
        article["keywords"] = keywords
    corrections = _corrections(story)
    if corrections:
        article["correction"] = corrections
    return [article, breadcrumbs(story)]


def breadcrumbs(story):
    trail = [
        (settings.SITE_NAME, reverse("articles:front_page")),
        (story.section.name, story.section.get_absolute_url()),
        (story.headline, story.get_absolute_url()),
    ]
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": name,
                "item": absolute_url(path),
            }
            for position, (name, path) in enumerate(trail, start=1)
        ],
    }


def collection_page(subject, kind, stories, page_number=1):
    """A section, country, person or author page and the stories it shows."""
    url = absolute_url(subject.get_absolute_url())
    if page_number > 1:
        url = f"{url}?page={page_number}"
    description = getattr(subject, "description", "") or getattr(subject, "bio", "")
    return {
        "@context": "https://schema.org",
        "@type": "CollectionPage",
        "name": f"{LIST_KINDS.get(kind, '')}: {subject.name}".lstrip(": "),
        "url": url,
        **({"description": description} if description else {}),
        "isPartOf": {
            "@type": "WebSite",
            "name": settings.SITE_NAME,
            "url": absolute_url(reverse("articles:front_page")),
        },
        "mainEntity": {
            "@type": "ItemList",
            "itemListElement": [
                {
                    "@type": "ListItem",
                    "position": position,
                    "url": absolute_url(story.get_absolute_url()),
                    "name": story.headline,
                }
                for position, story in enumerate(stories, start=1)
            ],
        },
    }
