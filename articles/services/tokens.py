"""Partners' API tokens: made, changed and revoked by editors."""

import secrets

from django.db import transaction
from django.utils import timezone

from .. import rights
from ..models import ApiToken
from ..models.tokens import PREFIX, digest_of


@transaction.atomic
def create_token(*, token, user=None):
    """Save the new `token` and return its secret: shown once, kept only as a
    digest."""
    rights.require(rights.can(user, "add", ApiToken), "You may not make API tokens.")
    secret = PREFIX + secrets.token_urlsafe(32)
    token.prefix = secret[:10]
    token.digest = digest_of(secret)
    token.created_by = user
    token.save()
    return secret


def change_token(*, token, user=None):
    """Save a change to a token's name, scope or rate."""
    rights.require(rights.can(user, "change", ApiToken), "You may not change tokens.")
    token.save(update_fields=["name", "scope", "rate_per_minute"])
    return token


def revoke_tokens(*, tokens, user=None):
    """Revoke `tokens` (a queryset): refused from the next request on."""
    rights.require(rights.can(user, "change", ApiToken), "You may not revoke tokens.")
    return tokens.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
