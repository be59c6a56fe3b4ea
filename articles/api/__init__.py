"""The content API, /api/v1/: published stories and their subjects as JSON, for
apps and partners (django-ninja; the OpenAPI description is made from the schemas
and kept in docs/api/openapi.json).

Anonymous reads are cached with the reader pages and purged with the same keys;
partners' tokens (made by editors in the admin) are rate-limited and never cached.
"""
