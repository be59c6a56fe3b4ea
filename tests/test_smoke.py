import pytest

from tests.factories import StoryFactory


@pytest.mark.django_db
def test_story_page_answers(client):
    """A published story answers 200 at its canonical URL."""
    story = StoryFactory()
    response = client.get(story.get_absolute_url())
    assert response.status_code == 200
    assert story.headline in response.text
