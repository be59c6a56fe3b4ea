"""Whether static file URLs can be worked out yet."""

from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage


def static_manifest_missing():
    """True when static URLs come from a manifest that `collectstatic` has not written.

    Until it has, every `{% static %}` raises, so no page can be rendered.
    """
    return (
        isinstance(staticfiles_storage, ManifestFilesMixin)
        and staticfiles_storage.manifest_strict
        and not staticfiles_storage.hashed_files
    )
