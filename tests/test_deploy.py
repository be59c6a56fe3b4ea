"""The documented production setup: deploy check, example configs, environment table."""

import configparser
import importlib.util
import json
import os
import re
import runpy
import secrets
import subprocess
import sys
from pathlib import Path

import crossplane
import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
UPLOAD_CAP = getattr(settings, "NEWSROOM_IMAGE_MAX_BYTES", 20 * 1024 * 1024)


def production_env(**extra):
    """The environment of deploy/newsroom.env.example, with a real secret key."""
    env = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp")}
    for line in (DEPLOY / "newsroom.env.example").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, value = line.partition("=")
            env[name] = value
    env["DJANGO_SECRET_KEY"] = secrets.token_urlsafe(64)
    env.update(extra)
    return env


def run(args, env):
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True
    )


def settings_under(env, expression):
    """Evaluate an expression over newsroom.settings (as `s`) in a fresh process."""
    base = {"PATH": os.environ["PATH"], "DJANGO_DEBUG": "1", **env}
    code = f"import json, newsroom.settings as s; print(json.dumps(({expression})))"
    result = run(["-c", code], base)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_deploy_check_passes_in_the_documented_production_environment():
    """`check --deploy` finds nothing to warn about with the documented settings."""
    result = run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"], production_env()
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key_or_hosts():
    """Without a secret key or allowed hosts, production will not start at all."""
    for missing in ["DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS"]:
        env = production_env()
        del env[missing]
        result = run(["manage.py", "check"], env)
        assert result.returncode != 0
        assert missing in result.stderr


def test_tls_knobs_switch_off_behind_a_tls_terminating_proxy():
    """HSTS, secure cookies and the SSL redirect follow the environment."""
    env = production_env(
        DJANGO_DEBUG="",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_SECURE_HSTS_SECONDS="0",
        DJANGO_SESSION_COOKIE_SECURE="0",
    )
    found = settings_under(
        {**env, "DJANGO_DEBUG": ""},
        "(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, "
        "s.CSRF_COOKIE_SECURE, s.SECURE_PROXY_SSL_HEADER)",
    )
    assert found == [False, 0, False, True, ["HTTP_X_FORWARDED_PROTO", "https"]]


def test_redis_shares_cache_and_sessions():
    """With REDIS_URL, every app server shares the cache and the sessions."""
    found = settings_under(
        {"REDIS_URL": "redis://cache:6379/0"},
        "(s.CACHES['default']['BACKEND'], s.CACHES['default']['OPTIONS']"
        "['IGNORE_EXCEPTIONS'], s.SESSION_ENGINE)",
    )
    assert found == [
        "django_redis.cache.RedisCache",
        True,
        "django.contrib.sessions.backends.cached_db",
    ]


def test_s3_media_and_a_cdn_for_static_files():
    """Object storage for media and a CDN for static files, allowed by the policy."""
    found = settings_under(
        {
            "AWS_STORAGE_BUCKET_NAME": "newsroom-media",
            "AWS_S3_CUSTOM_DOMAIN": "media.example-cdn.net",
            "STATIC_URL": "https://static.example-cdn.net/static/",
        },
        "(s.STORAGES['default'], s.STATIC_URL, s.SECURE_CSP['img-src'], "
        "s.SECURE_CSP['script-src'])",
    )
    storage, static_url, img_src, script_src = found
    assert storage == {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": "newsroom-media",
            "file_overwrite": False,
            "querystring_auth": False,
            "custom_domain": "media.example-cdn.net",
        },
    }
    assert static_url == "https://static.example-cdn.net/static/"
    assert "https://media.example-cdn.net" in img_src
    assert script_src == ["'self'", "https://static.example-cdn.net"]


def test_the_task_worker_backend_comes_from_the_environment():
    """DJANGO_TASKS_BACKEND=django_tasks_db... installs the queue the worker drains."""
    backend = "django_tasks_db.DatabaseBackend"
    found = settings_under(
        {"DJANGO_TASKS_BACKEND": backend},
        "(s.TASKS['default']['BACKEND'], 'django_tasks_db' in s.INSTALLED_APPS)",
    )
    assert found == [backend, True]


def test_gunicorn_config_loads_and_outlasts_the_statement_timeout():
    """The gunicorn config imports, and a slow query is a 503 before a worker kill."""
    config = runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))
    assert config["wsgi_app"] == "newsroom.wsgi:application"
    assert config["bind"].startswith("unix:/run/newsroom/")
    assert config["workers"] >= 1
    assert config["timeout"] * 1000 > settings.DATABASE_STATEMENT_TIMEOUT_MS


def systemd_unit(name):
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str
    parser.read_string((DEPLOY / name).read_text())
    return parser


def test_systemd_units_run_gunicorn_and_the_task_worker():
    """The units start gunicorn with its shipped config, and the real worker command."""
    web = systemd_unit("newsroom.service")
    assert "deploy/gunicorn.conf.py" in web["Service"]["ExecStart"]
    assert web["Service"]["EnvironmentFile"] == "/etc/newsroom/newsroom.env"
    assert web["Install"]["WantedBy"] == "multi-user.target"
    worker = systemd_unit("newsroom-worker.service")
    command = worker["Service"]["ExecStart"].split()
    assert command[1:3] == ["manage.py", "db_worker"]
    assert importlib.util.find_spec("django_tasks_db.management.commands.db_worker")
    assert worker["Service"]["Restart"] == "always"


def nginx_directives(block, name):
    for directive in block:
        if directive["directive"] == name:
            yield directive
        yield from nginx_directives(directive.get("block", []), name)


def nginx_site():
    # A site file lives inside nginx.conf's http block, hence no context check.
    parsed = crossplane.parse(
        str(DEPLOY / "nginx" / "newsroom.conf"), single=True, check_ctx=False
    )
    assert parsed["status"] == "ok", parsed["errors"]
    return parsed["config"][0]["parsed"]


def test_nginx_site_parses_and_caps_uploads_at_the_image_limit():
    """nginx accepts an image at the upload cap and forwards the client's address."""
    config = nginx_site()
    (size,) = [d["args"][0] for d in nginx_directives(config, "client_max_body_size")]
    limit = int(size.rstrip("m")) * 1024 * 1024
    assert UPLOAD_CAP <= limit <= UPLOAD_CAP + 1024 * 1024
    headers = {tuple(d["args"]) for d in nginx_directives(config, "proxy_set_header")}
    assert ("X-Forwarded-Proto", "$scheme") in headers
    assert ("X-Forwarded-For", "$proxy_add_x_forwarded_for") in headers


def nginx_location(config, path):
    (location,) = [
        d for d in nginx_directives(config, "location") if d["args"] == [path]
    ]
    return location["block"]


def nginx_header(block, name, uri, config):
    """The value `add_header name` gives `uri`, working out a `map` it names."""
    (value,) = [d["args"][1] for d in block if d["args"][:1] == [name]]
    for mapping in nginx_directives(config, "map"):
        if mapping["args"] == ["$uri", value]:
            rows = {d["directive"]: d["args"][0] for d in mapping["block"]}
            for pattern, result in rows.items():
                if pattern.startswith("~") and re.search(pattern[1:], uri):
                    return result
            return rows["default"]
    return value


YEAR_IMMUTABLE = "public, max-age=31536000, immutable"
TEXT_TYPES = {
    "text/css",
    "application/javascript",
    "text/javascript",
    "image/svg+xml",
    "application/json",
    "application/xml",
    "application/rss+xml",
    "application/atom+xml",
}


@pytest.fixture
def served_names(tmp_path):
    """Names as the site makes them: an upload, its rendition, a collected style."""
    from django.contrib.staticfiles.storage import ManifestStaticFilesStorage
    from django.core.files.base import ContentFile

    from articles.models.media import image_upload_to
    from articles.models.renditions import rendition_upload_to

    storage = ManifestStaticFilesStorage(location=tmp_path)
    return {
        "picture": "/media/" + image_upload_to(None, "Holiday Photo.JPEG"),
        "rendition": "/media/" + rendition_upload_to(None, "x.avif"),
        "hashed": "/static/" + storage.hashed_name("css/site.css", ContentFile(b"a{}")),
        "unhashed": "/static/css/site.css",
    }


def test_nginx_compresses_text_and_sends_whitenoise_gzip_files():
    """nginx gzips pages, styles, scripts, feeds and JSON; static .gz files go as is."""
    config = nginx_site()
    (server,) = [
        d
        for d in config
        if d["directive"] == "server"
        and any(
            a["args"][0] == "443" and "ssl" in a["args"]
            for a in nginx_directives(d["block"], "listen")
        )
    ]
    block = server["block"]
    assert [d["args"] for d in block if d["directive"] == "gzip"] == [["on"]]
    (types,) = [set(d["args"]) for d in block if d["directive"] == "gzip_types"]
    assert TEXT_TYPES <= types
    static = nginx_location(config, "/static/")
    assert ["on"] in [d["args"] for d in static if d["directive"] == "gzip_static"]


def test_nginx_caches_unique_names_for_a_year(served_names):
    """Uploads, renditions and hashed static names are immutable; other names not."""
    config = nginx_site()
    media, static = (
        nginx_location(config, "/media/"),
        nginx_location(config, "/static/"),
    )
    header = "Cache-Control"
    for name in ["picture", "rendition"]:
        uri = served_names[name]
        assert nginx_header(media, header, uri, config) == YEAR_IMMUTABLE, uri
    assert "immutable" not in nginx_header(media, header, "/media/notes.txt", config)
    hashed, unhashed = served_names["hashed"], served_names["unhashed"]
    assert nginx_header(static, header, hashed, config) == YEAR_IMMUTABLE
    assert "immutable" not in nginx_header(static, header, unhashed, config)


def caddy_handle(text, path):
    """The body of `handle_path <path> { ... }` in the Caddyfile."""
    body = text[text.index(f"handle_path {path} {{") :]
    depth = 0
    for index, char in enumerate(body):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if char == "}" and depth == 0:
            return body[:index]
    raise AssertionError(f"handle_path {path} is not closed")


def test_caddy_compresses_and_caches_like_nginx(served_names):
    """Caddy encodes with zstd or gzip, sends static .gz files, and caches alike."""
    text = (DEPLOY / "Caddyfile").read_text()
    assert re.search(r"^\tencode zstd gzip$", text, re.M)
    static, media = caddy_handle(text, "/static/*"), caddy_handle(text, "/media/*")
    assert re.search(r"precompressed br gzip", static)
    (hashed,) = re.findall(r"@hashed path_regexp (\S+)", static)
    assert re.search(hashed, served_names["hashed"])
    assert not re.search(hashed, served_names["unhashed"])
    assert f'header @hashed Cache-Control "{YEAR_IMMUTABLE}"' in static
    (unique,) = re.findall(r"@unique path (.+)", media)
    folders = [p.rstrip("*") for p in unique.split()]
    for name in ["picture", "rendition"]:
        stripped = served_names[name].removeprefix("/media")
        assert any(stripped.startswith(folder) for folder in folders), stripped
    assert f'header @unique Cache-Control "{YEAR_IMMUTABLE}"' in media


def test_caddyfile_caps_uploads_like_nginx():
    """The Caddy alternative has the same upload cap and the same socket."""
    text = (DEPLOY / "Caddyfile").read_text()
    assert re.search(r"max_size\s+21MB", text)
    assert "unix//run/newsroom/gunicorn.sock" in text
    assert text.count("{") == text.count("}")


def environment_names(text):
    pattern = r"(?:os\.environ\.get|env_bool|env_int|env_list)\(\s*[\"']([A-Z0-9_]+)"
    return set(re.findall(pattern, text))


def table_names(path):
    """Variable names in the first column of the document's tables."""
    return {
        name
        for row in path.read_text().splitlines()
        if row.startswith("|")
        for name in re.findall(r"`([A-Z][A-Z0-9_]+)`", row.split("|")[1])
    }


def test_every_environment_variable_is_in_the_deploy_guide():
    """Ops find every variable the settings read in one table in docs/deploy.md."""
    read = environment_names((ROOT / "newsroom" / "settings.py").read_text())
    read |= environment_names((DEPLOY / "gunicorn.conf.py").read_text())
    documented = table_names(ROOT / "docs" / "deploy.md")
    assert read - documented == set()
    example = {
        line.partition("=")[0]
        for line in (DEPLOY / "newsroom.env.example").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    }
    assert example - documented == set()


@pytest.mark.parametrize("name", ["backup.sh"])
def test_backup_script_is_valid_shell(name):
    """The backup script at least parses as bash."""
    assert subprocess.run(["bash", "-n", str(DEPLOY / name)]).returncode == 0


def test_deploy_check_warns_of_a_per_process_page_cache(settings):
    """Without Redis, the deploy check says purges would not reach every worker."""
    from articles.checks import check_shared_cache

    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    }
    assert [w.id for w in check_shared_cache()] == ["articles.W002"]
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/0",
        }
    }
    assert check_shared_cache() == []
