"""Outbound HTTP that cannot be turned against the newsroom's own network.

Used for agency pictures, and meant for anything else that fetches a URL someone
else chose (webhooks). Only http and https; the host is resolved here and every
address it resolves to must be public (not private, loopback, link-local, shared,
multicast or reserved), and the connection goes to the address that was checked,
so a second DNS answer cannot swap it (DNS rebinding). Each redirect is checked
the same way. The body is read up to a size cap within a time limit.
NEWSROOM_FETCH_ALLOWED_ADDRESSES lists addresses allowed anyway (tests use
127.0.0.1); nothing else relaxes the rules.
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
USER_AGENT = "newsroom-intake/1.0"


class FetchError(Exception):
    """A URL refused or a fetch failed; the message says which, for editors."""


@dataclass(frozen=True)
class Fetched:
    url: str
    content_type: str
    content: bytes


@dataclass(frozen=True)
class Target:
    scheme: str
    host: str
    port: int
    path: str
    address: str


def _allowed_address(text):
    address = ipaddress.ip_address(text.split("%")[0])
    if text in settings.NEWSROOM_FETCH_ALLOWED_ADDRESSES:
        return True
    mapped = getattr(address, "ipv4_mapped", None)
    if mapped is not None:
        address = mapped
    return address.is_global and not address.is_multicast


def check_url(url):
    """The Target `url` would be fetched from; FetchError if it is refused."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise FetchError(f"“{url[:100]}” is not a valid address.") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise FetchError(
            f"“{url[:100]}” is not a web address: only http and https are fetched."
        )
    if not parts.hostname:
        raise FetchError(f"“{url[:100]}” names no host.")
    if parts.username or parts.password:
        raise FetchError(f"“{url[:100]}” carries a password; it is not fetched.")
    port = port or (443 if scheme == "https" else 80)
    try:
        infos = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise FetchError(f"The host of “{url[:100]}” cannot be found.") from None
    addresses = [info[4][0] for info in infos]
    refused = [address for address in addresses if not _allowed_address(address)]
    if refused or not addresses:
        raise FetchError(
            f"“{url[:100]}” points into a private or reserved network "
            f"({refused[0] if refused else 'no address'}); it is not fetched."
        )
    path = parts.path or "/"
    if parts.query:
        path += f"?{parts.query}"
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
    connection = (_PinnedHTTPS if target.scheme == "https" else _PinnedHTTP)(
        target, remaining
    )
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
