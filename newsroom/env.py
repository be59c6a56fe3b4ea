"""Reading settings from the environment: booleans, lists and numbers."""

import os


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=()):
    value = os.environ.get(name, "")
    items = [item.strip() for item in value.split(",") if item.strip()]
    return items or list(default)


def env_int(name, default):
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def env_str(name, default=""):
    return os.environ.get(name, default)
