"""Admin pages whose saves and deletes go through articles.services.subjects."""

from ..services.subjects import delete_subjects, save_subject


class SavedThroughServices:
    """Saving or deleting a section, author or tag: the service writes and purges
    the pages naming it."""

    def save_model(self, request, obj, form, change):
        save_subject(subject=obj, user=request.user)

    def delete_model(self, request, obj):
        delete_subjects(subjects=type(obj).objects.filter(pk=obj.pk), user=request.user)

    def delete_queryset(self, request, queryset):
        delete_subjects(subjects=queryset, user=request.user)
