"""gunicorn settings for newsroom: `gunicorn -c deploy/gunicorn.conf.py newsroom.wsgi`.

Every value can be overridden from the environment (GUNICORN_*), so one file serves a
single machine and every app server behind a load balancer.
"""

import multiprocessing
import os

wsgi_app = "newsroom.wsgi:application"

# A unix socket for nginx on the same machine; HOST:PORT behind a load balancer.
bind = os.environ.get("GUNICORN_BIND", "unix:/run/newsroom/gunicorn.sock")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", 1))

# Longer than DATABASE_STATEMENT_TIMEOUT_MS, so a slow query is answered with a 503
# by the app before gunicorn kills the worker.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", 30))
keepalive = 5

# Recycle workers now and then so a slow leak never becomes an outage.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 2000))
max_requests_jitter = 200

# Heartbeat files in memory, not on a possibly slow disk.
worker_tmp_dir = "/dev/shm"

# Trust X-Forwarded-* only from the proxy in front (nginx on this machine by default).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# gunicorn 25.1+ opens a control socket; under systemd keep it in the unit's
# RuntimeDirectory (/run/newsroom), since the service may not write to its home.
if runtime_directory := os.environ.get("RUNTIME_DIRECTORY"):
    control_socket = os.path.join(runtime_directory, "gunicorn.ctl")

accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
proc_name = "newsroom"
