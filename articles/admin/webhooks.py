"""Webhooks: editors register endpoints, read the delivery log and replay deliveries."""

from django import forms
from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode

from .. import outbound
from ..models import Event, WebhookAttempt, WebhookDelivery, WebhookEndpoint
from ..services import webhooks


class EndpointForm(forms.ModelForm):
    events = forms.MultipleChoiceField(
        choices=Event.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Each event is posted as JSON, signed with the endpoint's secret.",
    )

    class Meta:
        model = WebhookEndpoint
        fields = ["url", "description", "events", "is_active"]

    def clean_url(self):
        url = self.cleaned_data["url"]
        try:
            outbound.check_url(url)
        except outbound.Refused as refused:
            raise forms.ValidationError(str(refused)) from None
        return url


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(admin.ModelAdmin):
    form = EndpointForm
    list_display = ["url", "description", "is_active", "event_count", "log"]
    list_filter = ["is_active"]
    search_fields = ["url", "description"]
    readonly_fields = ["secret", "created_at", "created_by", "log"]

    def get_fields(self, request, obj=None):
        fields = ["url", "description", "events", "is_active"]
        return fields if obj is None else [*fields, *self.readonly_fields]

    def save_model(self, request, obj, form, change):
        webhooks.save_endpoint(endpoint=obj, user=request.user)

    def delete_model(self, request, obj):
        webhooks.delete_endpoints(
            endpoints=WebhookEndpoint.objects.filter(pk=obj.pk), user=request.user
        )

    def delete_queryset(self, request, queryset):
        webhooks.delete_endpoints(endpoints=queryset, user=request.user)

    @admin.display(description="events")
    def event_count(self, endpoint):
        return f"{len(endpoint.events)} of {len(Event.values)}"

    @admin.display(description="deliveries")
    def log(self, endpoint):
        if endpoint.pk is None:
            return "—"
        url = reverse("admin:articles_webhookdelivery_changelist")
        query = urlencode({"endpoint__id__exact": endpoint.pk})
        return format_html('<a href="{}?{}">Delivery log</a>', url, query)


class AttemptInline(admin.TabularInline):
    model = WebhookAttempt
    extra = 0
    fields = ["attempted_at", "status_code", "response_ms", "error"]
    readonly_fields = fields
    can_delete = False
    verbose_name_plural = "attempts"

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    list_display = [
        "created_at",
        "event",
        "story_id",
        "endpoint",
        "status",
        "attempts",
        "last_status_code",
        "last_response_ms",
        "delivered_at",
    ]
    list_filter = ["status", "event", "endpoint"]
    list_select_related = ["endpoint"]
    search_fields = ["=story_id", "=event_id"]
    date_hierarchy = "created_at"
    inlines = [AttemptInline]
    fields = [
        "endpoint",
        "event",
        "event_id",
        "story_id",
        "occurred_at",
        "status",
        "attempts",
        "next_attempt_at",
        "delivered_at",
        "last_status_code",
        "last_response_ms",
        "last_error",
        "body",
    ]
    readonly_fields = fields
    actions = ["replay"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_replay_permission(self, request):
        return request.user.has_perm("articles.replay_webhookdelivery")

    @admin.action(description="Replay the selected deliveries", permissions=["replay"])
    def replay(self, request, queryset):
        count = webhooks.replay(deliveries_to_replay=queryset, user=request.user)
        self.message_user(
            request,
            f"{count} delivery(ies) queued again, under their own event ids.",
            messages.SUCCESS,
        )
