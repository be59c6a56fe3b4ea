"""The desk: the admin's landing page, its queues, and the workflow steps taken
from it. Kept apart from articles.admin, which registers models as it is imported:
the admin site (articles.desk.site) must load before that."""
