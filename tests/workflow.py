"""Helpers for the editorial workflow tests: role users and CSRF-checked admin posts."""

from importlib import import_module

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse
from django.utils import timezone

PASSWORD = "correct horse 42"

INLINE_PREFIXES = ["corrections", "share_links"]


GROUPS = import_module("articles.migrations.0004_editorial_groups")
PARTNER_RIGHTS = import_module("articles.migrations.0021_editor_partner_rights")
IMAGE_RIGHTS = import_module("articles.migrations.0022_desk_image_rights")


def role_group(role):
    """The migration's group; made again as it makes it after a flushing test."""
    group, created = Group.objects.get_or_create(name=role)
    if created:
        models = {"Reporter": GROUPS.REPORTER, "Editor": GROUPS.EDITOR}[role]
        codenames = [f"{act}_{model}" for model, acts in models.items() for act in acts]
        codenames += GROUPS.EXTRA.get(role, [])
        if role == "Editor":
            codenames += PARTNER_RIGHTS.codenames()
        codenames += ["change_image"] if role in IMAGE_RIGHTS.GROUPS else []
        group.permissions.set(
            Permission.objects.filter(
                content_type__app_label="articles", codename__in=codenames
            )
        )
    return group


def role_user(role, username=None, **extra):
    user = get_user_model().objects.create_user(
        username=username or role.lower(), password=PASSWORD, is_staff=True, **extra
    )
    user.groups.add(role_group(role))
    return user


def csrf_client(user=None):
    """A client that enforces CSRF, as a browser meets it; logged in as `user`."""
    client = Client(enforce_csrf_checks=True)
    if user is not None:
        client.force_login(user)
    return client


def csrf_token(client, url):
    """Fetch `url` (a page with a form) and return the CSRF token it set."""
    client.get(url)
    return client.cookies["csrftoken"].value


def csrf_post(client, url, data, form_url=None):
    data = {**data, "csrfmiddlewaretoken": csrf_token(client, form_url or url)}
    return client.post(url, data)


def story_form_data(story=None, **overrides):
    """The story form as a browser would post it with Save pressed; relations and
    inlines left out (a form without a relation's field leaves it as it is)."""
    data = {"workflow": "save"}
    if story is not None:
        data.update(
            {
                "headline": story.headline,
                "slug": story.slug,
                "dek": story.dek,
                "section": story.section_id,
                "dateline": story.dateline,
                "body": story.body,
                "credit": story.credit,
                "lead_image": story.lead_image_id or "",
                "published_at": local_time(story.published_at),
                "embargoed_until": local_time(story.embargoed_until),
                "updated_at": local_time(story.updated_at),
                "seo_title": story.seo_title,
                "seo_description": story.seo_description,
                "base_version": story.version,
            }
        )
    for prefix in INLINE_PREFIXES:
        data.setdefault(f"{prefix}-TOTAL_FORMS", 0)
        data.setdefault(f"{prefix}-INITIAL_FORMS", 0)
    data.update(overrides)
    return data


def local_time(when):
    """A time as the form's date-and-time fields post it, in the desk's zone."""
    return timezone.localtime(when).strftime("%Y-%m-%dT%H:%M:%S") if when else ""


def change_url(story):
    return reverse("admin:articles_story_change", args=[story.pk])


def changelist_url():
    return reverse("admin:articles_story_changelist")


def add_url():
    return reverse("admin:articles_story_add")


def action_post(client, action, stories):
    return csrf_post(
        client,
        changelist_url(),
        {
            "action": action,
            "_selected_action": [story.pk for story in stories],
            "index": 0,
        },
    )
