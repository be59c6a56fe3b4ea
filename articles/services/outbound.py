"""Outbound HTTP to an address someone else chose (webhook endpoints), kept away from
the newsroom's own network.

Only http and https. The host is resolved here and every address it resolves to
must be public (not private, loopback, link-local, shared, multicast or reserved);
the connection goes to the address that was checked, so a second DNS answer cannot
swap it. Redirects are never followed: a 3xx is an answer like any other.
NEWSROOM_FETCH_ALLOWED_ADDRESSES lists addresses allowed all the same (the tests'
127.0.0.1); nothing else relaxes the rules.
"""

import http.client
import ipaddress
import socket
import ssl
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings

USER_AGENT = "newsroom-webhooks/1.0"


class Refused(Exception):
    """A URL the newsroom will not send to; the message says why, for editors."""


@dataclass(frozen=True)
class Target:
    scheme: str
    host: str
    port: int
    path: str
    address: str


@dataclass(frozen=True)
class Answer:
    status: int
    milliseconds: int


def _allowed(text):
    if text in settings.NEWSROOM_FETCH_ALLOWED_ADDRESSES:
        return True
    address = ipaddress.ip_address(text.split("%")[0])
    mapped = getattr(address, "ipv4_mapped", None)
    address = mapped or address
    return address.is_global and not address.is_multicast


def check_url(url):
    """The Target `url` would be sent to; Refused if it may not be."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise Refused("This is not a valid address.") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise Refused("Only http and https addresses are allowed.")
    if not parts.hostname:
        raise Refused("The address names no host.")
    if parts.username or parts.password:
        raise Refused("The address carries a password; put it in no URL.")
    port = port or (443 if scheme == "https" else 80)
    try:
        infos = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        raise Refused(f"The host {parts.hostname} cannot be found.") from None
    addresses = [info[4][0] for info in infos]
    refused = [address for address in addresses if not _allowed(address)]
    if refused or not addresses:
        raise Refused(
            f"{parts.hostname} points into a private or reserved network "
            f"({refused[0] if refused else 'no address'}); nothing is sent there."
        )
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return Target(scheme, parts.hostname, port, path, addresses[0])


class _PinnedHTTP(http.client.HTTPConnection):
    def __init__(self, target, timeout):
        super().__init__(target.host, target.port, timeout=timeout)
        self.address = target.address

    def connect(self):
        self.sock = socket.create_connection((self.address, self.port), self.timeout)


class _PinnedHTTPS(http.client.HTTPSConnection):
    def __init__(self, target, timeout):
        super().__init__(
            target.host,
            target.port,
            timeout=timeout,
            context=ssl.create_default_context(),
        )
        self.address = target.address

    def connect(self):
        sock = socket.create_connection((self.address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def post(url, body, headers, timeout):
    """POST `body` (bytes) to `url` under the rules above.

    Returns the Answer (any status, redirects included); raises Refused for a URL
    that may not be used, OSError or http.client.HTTPException when the request
    fails or a step of it (connecting, sending, reading the answer's head) takes
    longer than `timeout` seconds. The answer's body is not read: only its status
    counts.
    """
    target = check_url(url)
    kind = _PinnedHTTPS if target.scheme == "https" else _PinnedHTTP
    started = time.monotonic()
    connection = kind(target, timeout)
    try:
        connection.request(
            "POST",
            target.path,
            body=body,
            headers={
                **headers,
                "User-Agent": USER_AGENT,
                "Content-Type": "application/json",
            },
        )
        response = connection.getresponse()
        milliseconds = round((time.monotonic() - started) * 1000)
        return Answer(response.status, milliseconds)
    finally:
        connection.close()
