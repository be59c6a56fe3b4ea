"""PostgreSQL connection options, added to a DATABASES entry by settings.py."""


def postgres_options(config, *, connect_timeout, statement_timeout_ms, page_cost):
    """Add the timeouts and the planner's random page cost to a PostgreSQL entry's
    OPTIONS (0 or "" leaves the server's own)."""
    if config.get("ENGINE") != "django.db.backends.postgresql":
        return config
    options = config.setdefault("OPTIONS", {})
    options.setdefault("connect_timeout", connect_timeout)
    flags = []
    if statement_timeout_ms:
        flags.append(f"-c statement_timeout={statement_timeout_ms}")
    if page_cost:
        flags.append(f"-c random_page_cost={float(page_cost)}")
    if flags:
        options["options"] = " ".join([options.get("options", ""), *flags]).strip()
    return config
