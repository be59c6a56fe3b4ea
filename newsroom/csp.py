"""The Content Security Policies: one for reader pages, one for the admin."""

from django.utils.csp import CSP

# The story editor (Tiptap, in django-prose-editor) injects one fixed <style> element;
# exactly that one is allowed, by hash. tests/browser/test_csp.py fails if an upgrade
# changes it.
PROSE_EDITOR_STYLE = "'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='"


def reader_policy(asset_hosts, media_hosts):
    """Reader pages carry no inline script or style, so one static policy fits every
    cached page (JSON-LD is data, not script)."""
    return {
        "default-src": [CSP.SELF],
        "script-src": [CSP.SELF, *asset_hosts],
        "style-src": [CSP.SELF, *asset_hosts],
        "img-src": [CSP.SELF, "data:", *asset_hosts, *media_hosts],
        "font-src": [CSP.SELF, *asset_hosts],
        "connect-src": [CSP.SELF],
        "object-src": [CSP.NONE],
        "base-uri": [CSP.NONE],
        "form-action": [CSP.SELF],
        "frame-ancestors": [CSP.NONE],
    }


def admin_policy(reader):
    """What readers get, plus exactly what the editors' widgets need (the admin's
    import maps are allowed by hash in newsroom.middleware)."""
    return {**reader, "style-src": [*reader["style-src"], PROSE_EDITOR_STYLE]}
