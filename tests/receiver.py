"""A webhook receiver on 127.0.0.1 for the tests: it records every request and
answers from a script (a status, or a delay first)."""

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from django.core.management import call_command


@dataclass
class Received:
    path: str
    headers: dict
    body: bytes
    at: float

    @property
    def payload(self):
        return json.loads(self.body)


@dataclass
class Receiver:
    """`script` is a list of (status, delay seconds) used one per request; once it
    runs out, every request gets 200 at once."""

    server: ThreadingHTTPServer
    received: list = field(default_factory=list)
    script: list = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def url(self):
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/hooks"

    def answer(self):
        with self.lock:
            return self.script.pop(0) if self.script else (200, 0)

    def wait_for(self, count, seconds=5.0):
        deadline = time.monotonic() + seconds
        while len(self.received) < count and time.monotonic() < deadline:
            time.sleep(0.01)
        return self.received

    def payloads(self):
        return [item.payload for item in self.received]


def start_receiver():
    receiver = None

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            length = int(self.headers.get("Content-Length", 0))
            body = self.rfile.read(length)
            status, delay = receiver.answer()
            with receiver.lock:
                receiver.received.append(
                    Received(self.path, dict(self.headers), body, time.time())
                )
            if delay:
                time.sleep(delay)
            try:
                self.send_response(status)
                if 300 <= status < 400:
                    self.send_header("Location", "http://127.0.0.1:9/elsewhere")
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")
            except OSError:
                pass  # the sender gave up waiting

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    receiver = Receiver(server)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return receiver


def run_worker():
    """One pass of the real task worker (django-tasks-db): every task that is due,
    then it stops."""
    call_command(
        "db_worker",
        batch=True,
        startup_delay=False,
        interval=0,
        reload=False,
        verbosity=0,
    )
