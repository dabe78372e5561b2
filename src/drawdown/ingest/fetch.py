"""Fetching pages and feeds over HTTP, treating every server as hostile.

http(s) only, checked again at every redirect; a size cap enforced while streaming (a server that lies about
Content-Length is cut off); timeouts; retries with exponential back-off on 429 and 5xx (Retry-After honoured,
capped); a polite delay between two requests to the same host; conditional GET with ETag / Last-Modified.
"""

from __future__ import annotations

import email.utils
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from drawdown import __version__
from drawdown.errors import InputError

if TYPE_CHECKING:  # httpx is imported on first fetch: every CLI command would otherwise pay 0.1 s for it
    import httpx
from drawdown.ingest.decode import DEFAULT_MAX_BYTES

USER_AGENT = f"drawdown/{__version__} (+open-source withdrawal monitor; polite, low-rate)"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
MAX_RETRY_AFTER = 60.0  # seconds; a server asking for longer is treated as down for this cycle


@dataclass(frozen=True)
class FetchPolicy:
    """How politely and how defensively to fetch. Defaults suit news sites polled every few minutes."""

    user_agent: str = USER_AGENT
    timeout: float = 20.0  # seconds, per connect / read / write
    # Seconds one URL may take in all, retries and a slow trickle of bytes included: a hanging server costs
    # this much and no more (`--timeout` on the command line).
    deadline: float = 30.0
    max_bytes: int = DEFAULT_MAX_BYTES
    max_redirects: int = 5
    retries: int = 3
    backoff: float = 1.0  # seconds before the first retry, doubled each time
    host_delay: float = 1.0  # seconds between two requests to one host
    # Requests in flight to one host at once when several URLs are fetched together (`--per-host`): one, so a
    # site sees no more than a reader clicking through it.
    per_host: int = 1
    # Seconds a whole `ingest` of several URLs, or one `watch` round, may take (`--deadline`); None: no limit
    # beyond each URL's own ``deadline``.
    overall: float | None = None


@dataclass(frozen=True)
class Fetched:
    """One response body (or a 304): the final URL after redirects, and the validators for the next GET."""

    url: str
    status: int
    content: bytes
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None
    retry_after: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass
class Fetcher:
    """An httpx client with the policy above. ``sleep`` and ``clock`` are injectable so tests never wait."""

    policy: FetchPolicy = field(default_factory=FetchPolicy)
    transport: httpx.BaseTransport | None = None
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    _last: dict[str, float] = field(default_factory=dict)
    _client: httpx.Client | None = None
    # Several threads share one fetcher (drawdown.ingest.parallel): the client is made once, and the per-host
    # times are read and set together.
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def client(self) -> httpx.Client:
        with self._lock:
            return self._make_client()

    def _make_client(self) -> httpx.Client:
        if self._client is None:
            import httpx

            self._client = httpx.Client(
                headers={"User-Agent": self.policy.user_agent, "Accept-Encoding": "gzip, deflate"},
                timeout=httpx.Timeout(min(self.policy.timeout, self.policy.deadline)),
                follow_redirects=False,  # followed by hand, so every hop's scheme is checked
                transport=self.transport,
            )
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        """GET ``url``; raise :class:`InputError` naming the URL and the fix when it cannot be had."""
        check_url(url)
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        current = url
        for _hop in range(self.policy.max_redirects + 1):
            response = self._get_with_retries(current, headers)
            if response.status in (301, 302, 303, 307, 308):
                location = response.content.decode("latin-1")
                if not location:
                    raise InputError(f"{current}: redirect without a Location", fix="check the URL in a browser")
                current = urljoin(current, location)
                check_url(current)
                continue
            return response
        raise InputError(
            f"{url}: more than {self.policy.max_redirects} redirects", fix="use the final URL of the page directly"
        )

    def _get_with_retries(self, url: str, headers: dict[str, str]) -> Fetched:
        import httpx

        delay = self.policy.backoff
        give_up_at = self.clock() + self.policy.deadline
        for attempt in range(self.policy.retries + 1):
            self._wait_for_host(url)
            try:
                fetched = self._get_once(url, headers, give_up_at)
            except httpx.TimeoutException:
                if attempt == self.policy.retries or self.clock() + delay >= give_up_at:
                    raise _timed_out(url, self.policy.deadline) from None
            except httpx.TransportError as exc:
                if attempt == self.policy.retries:
                    raise InputError(f"{url}: cannot connect ({exc.__class__.__name__})", fix="check the URL") from None
            else:
                if fetched.status not in RETRY_STATUSES:
                    if fetched.status >= 400:
                        raise InputError(f"{url}: HTTP {fetched.status}", fix="check the URL; the server refused it")
                    return fetched
                if attempt == self.policy.retries:
                    raise InputError(
                        f"{url}: HTTP {fetched.status} after {self.policy.retries + 1} attempts",
                        fix="the server is busy or down; try again later",
                    )
                retry_after = _retry_after(fetched.retry_after)
                if retry_after is not None and retry_after > MAX_RETRY_AFTER:
                    raise InputError(f"{url}: HTTP {fetched.status}, asked to wait {retry_after:.0f} s", fix="later")
                self.sleep(max(delay, retry_after or 0.0))
                delay *= 2
                continue
            self.sleep(delay)
            delay *= 2
        raise AssertionError("unreachable")  # pragma: no cover

    def _wait_for_host(self, url: str) -> None:
        """Sleep until ``host_delay`` after the previous request to the host; a thread books its turn first, so
        that two threads fetching from one host are spaced as well."""
        host = urlsplit(url).netloc.lower()
        with self._lock:
            now = self.clock()
            previous = self._last.get(host)
            turn = now if previous is None else max(now, previous + self.policy.host_delay)
            self._last[host] = turn
        if turn > now:
            self.sleep(turn - now)

    def _get_once(self, url: str, headers: dict[str, str], give_up_at: float) -> Fetched:
        cap = self.policy.max_bytes
        with self.client.stream("GET", url, headers=headers) as response:
            status = response.status_code
            if status in (301, 302, 303, 307, 308):
                return Fetched(url, status, response.headers.get("location", "").encode("latin-1", "replace"))
            if status in RETRY_STATUSES:
                return Fetched(url, status, b"", retry_after=response.headers.get("retry-after"))
            declared = response.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > cap:
                raise _too_big(url, int(declared), cap)
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > cap:
                    raise _too_big(url, size, cap)
                if self.clock() > give_up_at:  # a server that trickles bytes never trips the read timeout
                    raise _timed_out(url, self.policy.deadline)
                chunks.append(chunk)
            return Fetched(
                url=str(response.url),
                status=status,
                content=b"".join(chunks),
                content_type=response.headers.get("content-type", ""),
                etag=response.headers.get("etag"),
                last_modified=response.headers.get("last-modified"),
            )


def _timed_out(url: str, deadline: float) -> InputError:
    return InputError(f"{url}: no complete answer within {deadline:g} s", fix="try again later or raise --timeout")


def check_url(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(f"{url}: only http(s) URLs can be fetched", fix="give an http:// or https:// address")


def is_url(value: str) -> bool:
    return value.startswith(("http://", "https://"))


def _too_big(url: str, size: int, cap: int) -> InputError:
    return InputError(
        f"{url}: response of {size / 1e6:.1f} MB or more is over the {cap / 1e6:.1f} MB limit",
        fix="raise --max-bytes if the page is genuine",
    )


def _retry_after(value: str | None) -> float | None:
    """Retry-After as seconds: a number, or an HTTP date."""
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return max(0.0, (moment - datetime.now(UTC)).total_seconds())
