from django.contrib.admin.apps import AdminConfig


class NewsroomAdminConfig(AdminConfig):
    """Django's admin, whose default site (admin.site) has the editors' desk as its
    landing page."""

    default_site = "articles.desk.site.DeskSite"
