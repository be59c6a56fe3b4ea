"""PostgreSQL connection options, added to a DATABASES entry by settings.py."""

# Executions of one query text on a connection before it is prepared (planned once).
PREPARE_THRESHOLD = 2


def postgres_options(
    config, *, connect_timeout, statement_timeout_ms, page_cost, prepared=False
):
    """Add the timeouts, the planner's random page cost and prepared statements to a
    PostgreSQL entry's OPTIONS (0 or "" leaves the server's own)."""
    if config.get("ENGINE") != "django.db.backends.postgresql":
        return config
    options = config.setdefault("OPTIONS", {})
    options.setdefault("connect_timeout", connect_timeout)
    if prepared:
        # Server-side parameters let psycopg prepare the statements run repeatedly.
        options.setdefault("server_side_binding", True)
        options.setdefault("prepare_threshold", PREPARE_THRESHOLD)
    flags = []
    if statement_timeout_ms:
        flags.append(f"-c statement_timeout={statement_timeout_ms}")
    if page_cost:
        flags.append(f"-c random_page_cost={float(page_cost)}")
    if flags:
        options["options"] = " ".join([options.get("options", ""), *flags]).strip()
    return config
