"""Helpers for the wire intake tests: the ninjs corpus and a local picture server."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

CORPUS = Path(__file__).parent / "ninjs"


def corpus(name, port=0, **changes):
    """The corpus item `name` as a dict, pictures pointing at `port`, with
    `changes` applied on top."""
    item = json.loads((CORPUS / name).read_text().replace("{port}", str(port)))
    item.update(changes)
    return item


def as_bytes(item):
    return json.dumps(item).encode()


class PictureServer:
    """An HTTP server on 127.0.0.1 answering each path from a dict:
    {path: (status, headers, body)}. Counts the requests it gets."""

    def __init__(self, routes):
        self.routes = routes
        self.requests = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                server.requests.append(self.path)
                status, headers, body = server.routes.get(
                    self.path, (404, {}, b"not here")
                )
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"
