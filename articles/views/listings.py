"""Paginated lists of published stories about one section, country, person or
author."""

from django.conf import settings
from django.shortcuts import get_object_or_404
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_safe
from django.views.generic import ListView

from ..cache import cached_page, keys, shows
from ..models import Story
from ..pagination import OpenEndedPaginator
from ..subjects import SCOPES
from .times import relativize


@method_decorator([require_safe, cached_page], name="dispatch")
class StoryListView(ListView):
    """A paginated list of published stories about one thing."""

    template_name = "articles/story_list.html"
    context_object_name = "stories"
    paginate_by = settings.NEWSROOM_PAGE_SIZE
    paginator_class = OpenEndedPaginator
    kind = ""
    # The URL part naming the subject.
    slug_kwarg = "slug"

    def get(self, request, *args, **kwargs):
        self.subject = get_object_or_404(
            SCOPES[self.kind].subjects(), slug=self.kwargs[self.slug_kwarg]
        )
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return (
            Story.objects.published()
            .for_listing()
            .filter(**{SCOPES[self.kind].lookup: self.subject})
        )

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        response.add_post_render_callback(relativize)
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            subject=self.subject, kind=self.kind, **kwargs
        )
        shows(keys.subject(self.subject), keys.listing(self.subject))
        for story in context["stories"]:
            shows(*keys.teaser(story))
        return context


class SectionView(StoryListView):
    kind = "section"
    slug_kwarg = "section"


class CountryView(StoryListView):
    kind = "country"


class PersonView(StoryListView):
    kind = "person"


class AuthorView(StoryListView):
    kind = "author"
