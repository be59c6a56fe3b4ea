from ..invalidation import purge


class PurgesPagesAdmin:
    """Saving or deleting an object readers see purges the pages that show it."""

    def purge_keys(self, obj):
        raise NotImplementedError

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        purge(*self.purge_keys(obj))

    def delete_model(self, request, obj):
        keys = self.purge_keys(obj)
        super().delete_model(request, obj)
        purge(*keys)

    def delete_queryset(self, request, queryset):
        keys = {key for obj in queryset for key in self.purge_keys(obj)}
        super().delete_queryset(request, queryset)
        purge(*keys)


def object_keys(kind, obj):
    """The object itself (its name on pages and feeds, URLs in sitemaps), its list."""
    return [f"{kind}:{obj.pk}", f"{kind}-list:{obj.pk}", "feeds", "sitemaps"]
