"""Partners' API tokens: editors make them (the token is shown once) and revoke them."""

from django.contrib import admin, messages
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers

from ..models import ApiToken
from ..services import tokens


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "prefix",
        "scope",
        "rate_per_minute",
        "created_at",
        "created_by",
        "is_active",
    ]
    list_filter = ["scope", ("revoked_at", admin.EmptyFieldListFilter)]
    list_select_related = ["created_by"]
    search_fields = ["name", "prefix"]
    fields = ["name", "scope", "rate_per_minute"]
    readonly_fields = ["prefix", "created_at", "created_by", "revoked_at"]
    actions = ["revoke"]

    def get_fields(self, request, obj=None):
        if obj is None:
            return self.fields
        return [*self.fields, *self.readonly_fields]

    def has_delete_permission(self, request, obj=None):
        # Revoke instead: the row keeps who had access, and since when.
        return False

    def save_model(self, request, obj, form, change):
        if change:
            tokens.change_token(token=obj, user=request.user)
        else:
            obj.secret = tokens.create_token(token=obj, user=request.user)

    def response_add(self, request, obj, post_url_continue=None):
        """The one page that shows the token: it is kept only as a digest."""
        response = TemplateResponse(
            request,
            "admin/articles/apitoken/created.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "token": obj,
                "secret": obj.secret,
                "title": f"API token for {obj.name}",
            },
        )
        add_never_cache_headers(response)
        return response

    @admin.display(description="active", boolean=True)
    def is_active(self, token):
        return token.is_active

    @admin.action(description="Revoke the selected tokens", permissions=["change"])
    def revoke(self, request, queryset):
        count = tokens.revoke_tokens(tokens=queryset, user=request.user)
        self.message_user(
            request, f"{count} token(s) revoked: refused from now on.", messages.SUCCESS
        )
