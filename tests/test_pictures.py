"""Pictures on reader pages: responsive, sized, lazy where possible, never waiting."""

import re

import pytest
from django.urls import reverse

from articles.images.renditions import rendition_files
from articles.images.tasks import make_renditions
from articles.models import Image, Rendition
from tests.factories import FrontPageSlotFactory, ImageFactory, StoryFactory

pytestmark = pytest.mark.django_db


def pictures(html):
    return re.findall(r"<picture.*?</picture>", html, flags=re.S)


def img_tag(picture):
    return re.search(r"<img [^>]*>", picture).group(0)


@pytest.fixture
def photo():
    image = ImageFactory(
        file__width=2000, file__height=1200, alt_text="Ministers at the table"
    )
    make_renditions.call(image.pk)
    return image


def test_story_page_serves_avif_and_webp_with_srcset(client, photo):
    """The story's lead picture offers AVIF and WebP at every width, sized, first."""
    story = StoryFactory(lead_image=photo)
    html = client.get(story.get_absolute_url()).content.decode()
    [picture] = pictures(html)
    avif = re.search(
        r'<source type="image/avif" srcset="([^"]+)" sizes="[^"]+">', picture
    )
    webp = re.search(
        r'<source type="image/webp" srcset="([^"]+)" sizes="[^"]+">', picture
    )
    assert avif and webp
    assert re.findall(r" (\d+)w", avif.group(1)) == [
        "320",
        "640",
        "960",
        "1280",
        "1920",
    ]
    assert all(".avif " in part + " " for part in avif.group(1).split(","))
    img = img_tag(picture)
    assert 'alt="Ministers at the table"' in img
    assert 'width="960" height="540"' in img
    assert 'fetchpriority="high"' in img and "loading=" not in img
    assert 'srcset="' in img and ".jpg 320w" in img


def test_story_page_names_its_social_card(client, photo):
    """Shared links show the 1200×630 card, with an absolute address."""
    story = StoryFactory(lead_image=photo)
    html = client.get(story.get_absolute_url()).content.decode()
    card = photo.renditions.get(ratio=Rendition.Ratio.SOCIAL)
    assert '<meta property="og:image" content="http://' in html
    assert card.file.url in html
    assert '<meta property="og:image:width" content="1200">' in html


def test_front_page_lead_loads_first_and_the_rest_lazily(client, photo):
    """The lead's picture is fetched first; the other teasers' thumbnails wait."""
    lead = StoryFactory(lead_image=photo)
    FrontPageSlotFactory(story=lead, position=1)
    other = ImageFactory()
    make_renditions.call(other.pk)
    StoryFactory(lead_image=other)
    html = client.get(reverse("articles:front_page")).content.decode()
    lead_picture, thumb = pictures(html)
    assert 'fetchpriority="high"' in img_tag(lead_picture)
    assert 'class="teaser-thumb"' in thumb
    assert 'loading="lazy"' in img_tag(thumb) and "fetchpriority" not in thumb
    assert 'width="300" height="300"' in img_tag(thumb)


def test_a_picture_without_renditions_shows_the_original(client):
    """Before its renditions exist a picture shows the original: no wait, no gap."""
    image = ImageFactory(file__width=500, file__height=400)
    story = StoryFactory(lead_image=image)
    html = client.get(story.get_absolute_url()).content.decode()
    [picture] = pictures(html)
    assert "<source" not in picture
    img = img_tag(picture)
    assert f'src="{image.file.url}"' in img
    assert 'width="500" height="400"' in img
    assert not image.renditions.exists()


def test_a_missing_format_falls_back_to_those_that_exist(client, photo):
    """Made without AVIF (a Pillow built without it), the picture offers WebP and
    JPEG."""
    photo.renditions.filter(format="avif").delete()
    Image.objects.filter(pk=photo.pk).update(
        rendition_files=rendition_files(photo.renditions.all())
    )
    story = StoryFactory(lead_image=photo)
    [picture] = pictures(client.get(story.get_absolute_url()).content.decode())
    assert "image/avif" not in picture and "image/webp" in picture


def test_a_story_without_a_picture_has_no_picture(client, settings):
    """No lead image, no empty <picture>; its card shows the site's own picture."""
    story = StoryFactory()
    html = client.get(story.get_absolute_url()).content.decode()
    assert pictures(html) == [] and "/media/" not in html
    site_picture = f"{settings.SITE_URL}/static/img/social-default.png"
    assert f'property="og:image" content="{site_picture}"' in html


def test_structured_data_names_the_largest_crops(client, photo):
    """The story's JSON-LD lists its largest 16:9 and square renditions."""
    import json

    story = StoryFactory(lead_image=photo)
    html = client.get(story.get_absolute_url()).content.decode()
    data = json.loads(
        re.search(
            r'<script type="application/ld\+json">(.*?)</script>', html, re.S
        ).group(1)
    )
    articles = data if isinstance(data, list) else data.get("@graph", [data])
    [article] = [item for item in articles if item.get("@type") == "NewsArticle"]
    wide = photo.renditions.get(ratio="16:9", format="jpeg", width=1920)
    square = photo.renditions.get(ratio="1:1", format="jpeg", width=960)
    assert len(article["image"]) == 2
    assert article["image"][0].endswith(wide.file.url)
    assert article["image"][1].endswith(square.file.url)
    assert article["image"][0].startswith("http")


def test_a_related_headline_shows_one_small_file_per_format(client, photo):
    """A related headline's thumbnail names one file per format, the narrowest wide
    enough for the densest screens, with an empty alt: the headline beside it says
    what the story is, and a screen reader reads it once."""
    story = StoryFactory()
    linked = StoryFactory(headline="Ministers meet again", lead_image=photo)
    story.related_links.create(target=linked, position=0)
    html = client.get(story.get_absolute_url()).content.decode()
    related = html.split('id="related-headlines"')[1].split("</section>")[0]
    [picture] = pictures(related)
    sources = re.findall(r'<source type="([^"]+)" srcset="([^"]+)">', picture)
    assert [kind for kind, _ in sources] == ["image/avif", "image/webp"]
    square = photo.renditions.filter(ratio="1:1")
    for kind, srcset in sources:
        narrowest = square.filter(format=kind.split("/")[1]).order_by("width")[0]
        assert srcset == narrowest.file.url
    img = img_tag(picture)
    assert 'alt=""' in img and 'width="320" height="320"' in img
    assert "srcset" not in img and 'loading="lazy"' in img
