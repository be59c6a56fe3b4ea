"""Outbound HTTP to addresses someone else chose (agency pictures, webhook
endpoints), kept away from the newsroom's own network.

Only http and https. The host is resolved here and every address it resolves to must
be public (not private, loopback, link-local, shared, multicast or reserved), and the
connection goes to the address that was checked, so a second DNS answer cannot swap
it (DNS rebinding). A fetch checks each redirect the same way and reads the body up
to a size cap within a time limit; a post follows no redirect. NEWSROOM_FETCH_ALLOWED_
ADDRESSES lists addresses allowed all the same (the tests' 127.0.0.1); nothing else
relaxes the rules.
"""

import http.client
import ipaddress
import socket
import ssl
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from django.conf import settings

MAX_REDIRECTS = 3
CHUNK = 64 * 1024
USER_AGENT = "newsroom/1.0"


class FetchError(Exception):
    """A URL refused or a request failed; the message says which, for editors."""


class Refused(FetchError):
    """A URL the newsroom will not reach; the message says why."""


@dataclass(frozen=True)
class Target:
    scheme: str
    host: str
    port: int
    path: str
    address: str


@dataclass(frozen=True)
class Fetched:
    url: str
    content_type: str
    content: bytes


@dataclass(frozen=True)
class Answer:
    status: int
    milliseconds: int


def _allowed(text):
    if text in settings.NEWSROOM_FETCH_ALLOWED_ADDRESSES:
        return True
    address = ipaddress.ip_address(text.split("%")[0])
    address = getattr(address, "ipv4_mapped", None) or address
    return address.is_global and not address.is_multicast


def check_url(url):
    """The Target `url` would reach; Refused, saying why, if it may not."""
    shown = url[:100]
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise Refused(f"“{shown}” is not a valid address.") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise Refused(f"“{shown}” is not a web address: only http and https are used.")
    if not parts.hostname:
        raise Refused(f"“{shown}” names no host.")
    if parts.username or parts.password:
        raise Refused(f"“{shown}” carries a password; put it in no address.")
    port = port or (443 if scheme == "https" else 80)
    try:
        infos = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        raise Refused(f"The host of “{shown}” cannot be found.") from None
    addresses = [info[4][0] for info in infos]
    refused = [address for address in addresses if not _allowed(address)]
    if refused or not addresses:
        raise Refused(
            f"“{shown}” points into a private or reserved network "
            f"({refused[0] if refused else 'no address'}); nothing goes there."
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


def _connection(target, timeout):
    kind = _PinnedHTTPS if target.scheme == "https" else _PinnedHTTP
    return kind(target, timeout)


def fetch(url, *, max_bytes, timeout=None):
    """GET `url` under the rules above; Fetched, or FetchError saying why not."""
    timeout = timeout or settings.NEWSROOM_FETCH_TIMEOUT_SECONDS
    deadline = time.monotonic() + timeout
    for _ in range(MAX_REDIRECTS + 1):
        target = check_url(url)
        status, location, content_type, content = _get(target, max_bytes, deadline)
        if status in (301, 302, 303, 307, 308) and location:
            url = urljoin(url, location)
            continue
        if status != 200:
            raise FetchError(f"“{url[:100]}” answered {status}.")
        return Fetched(url, content_type, content)
    raise FetchError(f"“{url[:100]}” redirects more than {MAX_REDIRECTS} times.")


def _get(target, max_bytes, deadline):
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise FetchError("The fetch took too long.")
    connection = _connection(target, remaining)
    try:
        connection.request(
            "GET", target.path, headers={"User-Agent": USER_AGENT, "Accept": "*/*"}
        )
        response = connection.getresponse()
        location = response.getheader("Location", "")
        content_type = response.getheader("Content-Type", "")
        if response.status != 200:
            return response.status, location, content_type, b""
        declared = response.getheader("Content-Length")
        if declared and declared.isdigit() and int(declared) > max_bytes:
            raise FetchError(_too_large(target, max_bytes))
        chunks, size = [], 0
        while chunk := response.read1(CHUNK):
            size += len(chunk)
            if size > max_bytes:
                raise FetchError(_too_large(target, max_bytes))
            if time.monotonic() > deadline:
                raise FetchError(f"Fetching from {target.host} took too long.")
            chunks.append(chunk)
        return response.status, location, content_type, b"".join(chunks)
    except (OSError, http.client.HTTPException) as error:
        raise FetchError(f"Fetching from {target.host} failed: {error}.") from None
    finally:
        connection.close()


def _too_large(target, max_bytes):
    return f"The file at {target.host} is larger than {max_bytes // 1024} KB."


def post(url, body, headers, timeout):
    """POST `body` (bytes, JSON) to `url` under the rules above.

    Returns the Answer (any status, redirects included); raises Refused for a URL
    that may not be used, OSError or http.client.HTTPException when the request
    fails or a step of it (connecting, sending, reading the answer's head) takes
    longer than `timeout` seconds. The answer's body is not read: only its status
    counts.
    """
    target = check_url(url)
    started = time.monotonic()
    connection = _connection(target, timeout)
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
