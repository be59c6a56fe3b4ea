"""Webhook signatures, the Standard Webhooks way (https://www.standardwebhooks.com/).

Each delivery carries `webhook-id` (the event's id, the same on every retry),
`webhook-timestamp` (Unix seconds of the attempt) and `webhook-signature`:
`v1,` and the base64 HMAC-SHA256 of `id.timestamp.body`, keyed with the secret's
bytes (the base64 after `whsec_`).
"""

import base64
import hashlib
import hmac
import secrets

PREFIX = "whsec_"


def new_secret():
    return PREFIX + base64.b64encode(secrets.token_bytes(32)).decode()


def sign(secret, message_id, timestamp, body):
    key = base64.b64decode(secret.removeprefix(PREFIX))
    signed = f"{message_id}.{timestamp}.".encode() + body
    digest = hmac.new(key, signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def headers(secret, message_id, timestamp, body):
    return {
        "webhook-id": message_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": sign(secret, message_id, timestamp, body),
    }
