from django.urls import path, register_converter

from . import converters, feeds, sitemaps
from .views import editorial, front, listings, search, stories

register_converter(converters.Year, "yyyy")
register_converter(converters.TwoDigits, "dd")
register_converter(converters.TagSlug, "tag")

app_name = "articles"

urlpatterns = [
    path("", front.front_page, name="front_page"),
    path("search/", search.search, name="search"),
    path("feeds/<str:fmt>/", feeds.story_feed, name="feed_latest"),
    path("feeds/<str:kind>/<tag:slug>/<str:fmt>/", feeds.story_feed, name="feed"),
    path("sitemap.xml", sitemaps.index, name="sitemap_index"),
    path("sitemap-<str:section>.xml", sitemaps.section, name="sitemap"),
    path("news-sitemap.xml", sitemaps.news, name="news_sitemap"),
    path("robots.txt", sitemaps.robots_txt, name="robots_txt"),
    path("preview/<int:pk>/", stories.story_preview, name="story_preview"),
    path("share/<str:token>/", editorial.share, name="share"),
    path("corrections/", editorial.corrections, name="corrections"),
    path("country/<tag:slug>/", listings.CountryView.as_view(), name="country_detail"),
    path("person/<tag:slug>/", listings.PersonView.as_view(), name="person_detail"),
    path("author/<slug:slug>/", listings.AuthorView.as_view(), name="author_detail"),
    path(
        "<slug:section>/<yyyy:year>/<dd:month>/<dd:day>/<slug:slug>/",
        stories.story_detail,
        name="story_detail",
    ),
    path("<slug:section>/", listings.SectionView.as_view(), name="section_detail"),
]
