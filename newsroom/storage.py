"""Where uploaded media and static files live: local disk or S3-compatible storage."""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from .env import env_str


def storages(debug, media_storage, bucket):
    """STORAGES: media on the local disk or on S3 (django-storages), static files
    through whitenoise's compressed manifest in production."""
    result = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {
            "BACKEND": (
                "django.contrib.staticfiles.storage.StaticFilesStorage"
                if debug
                else "whitenoise.storage.CompressedManifestStaticFilesStorage"
            )
        },
    }
    if media_storage == "s3":
        if not bucket:
            raise ImproperlyConfigured(
                "MEDIA_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME."
            )
        options = {
            "bucket_name": bucket,
            "file_overwrite": False,
            # A public custom domain (CDN) serves plain URLs; a private bucket signs.
            "querystring_auth": not env_str("AWS_S3_CUSTOM_DOMAIN"),
        }
        for option in ["custom_domain", "endpoint_url", "region_name", "location"]:
            if value := env_str(f"AWS_S3_{option.upper()}"):
                options[option] = value
        result["default"] = {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": options,
        }
    elif media_storage != "filesystem":
        raise ImproperlyConfigured("MEDIA_STORAGE is 'filesystem' or 's3'.")
    return result


def origin(url):
    """The scheme://host of an absolute URL; None for a path on this site."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.netloc else None


def media_hosts(media_url, media_storage, bucket):
    """The origins pictures are served from, for the Content Security Policy."""
    hosts = [host for host in [origin(media_url)] if host]
    if media_storage == "s3":
        hosts.append(
            "https://"
            + (env_str("AWS_S3_CUSTOM_DOMAIN") or f"{bucket}.s3.amazonaws.com")
        )
        if region := env_str("AWS_S3_REGION_NAME"):
            hosts.append(f"https://{bucket}.s3.{region}.amazonaws.com")
        if endpoint := env_str("AWS_S3_ENDPOINT_URL"):
            hosts.append(origin(endpoint))
    return hosts
