"""Contract tests: every answer of the content API, success or error, matches the
OpenAPI description kept in docs/api/openapi.json, which is the one served."""

import json
from pathlib import Path

import pytest
from django.urls import reverse
from openapi_core import OpenAPI
from openapi_core.contrib.django import DjangoOpenAPIRequest, DjangoOpenAPIResponse

from articles import services
from articles.images.tasks import make_renditions
from articles.models import ApiToken
from articles.services.tokens import create_token
from tests.factories import (
    AuthorFactory,
    BylineFactory,
    CountryFactory,
    ImageFactory,
    PersonFactory,
    RelatedLinkFactory,
    StoryFactory,
)

pytestmark = pytest.mark.django_db

DESCRIPTION = Path(__file__).resolve().parents[1] / "docs" / "api" / "openapi.json"


@pytest.fixture(scope="module")
def contract():
    return OpenAPI.from_dict(json.loads(DESCRIPTION.read_text()))


@pytest.fixture
def desk():
    country, person, author = CountryFactory(), PersonFactory(), AuthorFactory()
    image = ImageFactory()
    make_renditions.call(image.pk)
    story = StoryFactory(headline="Ceasefire talks resume", lead_image=image)
    story.countries.add(country)
    story.people.add(person)
    BylineFactory(story=story, author=author)
    RelatedLinkFactory(story=story, target=StoryFactory(), position=1)
    RelatedLinkFactory(
        story=story, target=None, url="https://example.org/", title="Elsewhere"
    )
    services.add_correction(story=story, text="A date was wrong.")
    return {"story": story, "country": country, "person": person, "author": author}


def checked(contract, client, url, status, **headers):
    """GET `url`, expect `status`, and validate the answer against the contract."""
    response = client.get(url, headers=headers)
    assert response.status_code == status, (url, response.content[:300])
    contract.validate_response(
        DjangoOpenAPIRequest(response.wsgi_request), DjangoOpenAPIResponse(response)
    )
    return response


def test_the_kept_description_is_the_served_one(client):
    """docs/api/openapi.json is what /api/v1/openapi.json serves (regenerate it with
    `manage.py api_schema`)."""
    served = client.get("/api/v1/openapi.json").json()
    assert served == json.loads(DESCRIPTION.read_text())


def test_every_successful_answer_matches(contract, client, desk):
    """Each endpoint's 200 answer validates, filters and pages included."""
    story = desk["story"]
    urls = [
        reverse("api:stories"),
        f"{reverse('api:stories')}?limit=1",
        f"{reverse('api:stories')}?country={desk['country'].code}",
        f"{reverse('api:stories')}?person={desk['person'].slug}",
        f"{reverse('api:stories')}?author={desk['author'].slug}&section=world",
        f"{reverse('api:stories')}?updated_since=2020-01-01T00:00:00Z",
        reverse("api:story", args=[story.pk]),
        f"{reverse('api:story_by_path')}?path={story.get_absolute_url()}",
        reverse("api:story_ninjs", args=[story.pk]),
        reverse("api:sections"),
        reverse("api:countries") + "?limit=3",
        reverse("api:people"),
        reverse("api:authors"),
        f"{reverse('api:search')}?q=ceasefire",
        f"{reverse('api:search')}?q=ceasefire&country={desk['country'].slug}",
    ]
    for url in urls:
        checked(contract, client, url, 200)
    following = client.get(f"{reverse('api:stories')}?limit=1").json()["next"]
    checked(contract, client, following, 200)


def test_every_error_answer_matches(contract, client, desk):
    """400, 401, 404, 422 and 429 answers validate too."""
    stories = reverse("api:stories")
    checked(contract, client, f"{stories}?section=nowhere", 400)
    checked(contract, client, f"{stories}?cursor=bogus", 400)
    checked(contract, client, f"{stories}?limit=0", 422)
    checked(contract, client, reverse("api:story", args=[999999]), 404)
    checked(contract, client, f"{reverse('api:story_by_path')}?path=/search/", 404)
    checked(contract, client, stories, 401, authorization="Bearer nrt_nothing")
    secret = create_token(token=ApiToken(name="Partner", rate_per_minute=1))
    checked(contract, client, stories, 200, authorization=f"Bearer {secret}")
    checked(contract, client, stories, 429, authorization=f"Bearer {secret}")


def test_every_described_path_is_exercised(contract):
    """The description has no path the tests above leave out."""
    described = set(json.loads(DESCRIPTION.read_text())["paths"])
    assert described == {
        "/api/v1/stories",
        "/api/v1/stories/by-path",
        "/api/v1/stories/{story_id}",
        "/api/v1/stories/{story_id}/ninjs",
        "/api/v1/sections",
        "/api/v1/countries",
        "/api/v1/people",
        "/api/v1/authors",
        "/api/v1/search",
    }
