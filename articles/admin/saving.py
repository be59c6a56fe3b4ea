"""Admin pages whose saves go through articles.services, and what happens when two
saves race for the same name or slug."""

from django.db import IntegrityError

from ..services.subjects import delete_subjects, save_subject


class SavedOnceOverRaces:
    """A save that loses a race (two people saving the same new name or slug at the
    same moment) gets the form back with the reason, not a server error.

    Both forms found the name free; the database made the second insert wait for
    the first to commit, then refused it, and the admin's transaction undid every
    write of that attempt (purges are sent only at commit). Validated again, the
    form now sees the winner's row and names what is taken. A lock taken before
    validating would do the same by making every save wait; this costs nothing
    until a race happens.
    """

    def changeform_view(self, request, *args, **kwargs):
        try:
            return super().changeform_view(request, *args, **kwargs)
        except IntegrityError:
            if request.method != "POST":
                raise
            return super().changeform_view(request, *args, **kwargs)


class SavedThroughServices(SavedOnceOverRaces):
    """Saving or deleting a section, author or tag: the service writes and purges
    the pages naming it."""

    def save_model(self, request, obj, form, change):
        save_subject(subject=obj, user=request.user)

    def delete_model(self, request, obj):
        delete_subjects(subjects=type(obj).objects.filter(pk=obj.pk), user=request.user)

    def delete_queryset(self, request, queryset):
        delete_subjects(subjects=queryset, user=request.user)
