"""Production settings plus the benchmark's floor view (never deployed)."""

from newsroom.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
