from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from drawdown.cli import app
from drawdown.errors import InputError
from drawdown.ingest.fetch import USER_AGENT, Fetcher, FetchPolicy
from tests.ingest.conftest import Route, Served, article


def _fetcher(**policy: object) -> tuple[Fetcher, list[float]]:
    slept: list[float] = []
    base = {"host_delay": 0.0, "backoff": 0.5}
    return Fetcher(FetchPolicy(**{**base, **policy}), sleep=slept.append), slept  # type: ignore[arg-type]


def test_get_sends_a_user_agent_and_returns_validators(http_server: Served) -> None:
    url = http_server.add("/a", Route(body=b"<p>hi</p>", headers={"ETag": '"v1"', "Content-Type": "text/html"}))
    fetcher, _ = _fetcher()
    got = fetcher.get(url)
    assert got.content == b"<p>hi</p>" and got.etag == '"v1"' and got.status == 200
    assert http_server.requests[0][1]["user-agent"] == USER_AGENT


def test_conditional_get_sends_validators_and_understands_304(http_server: Served) -> None:
    url = http_server.add("/feed", Route(status=304))
    fetcher, _ = _fetcher()
    got = fetcher.get(url, etag='"v1"', last_modified="Sat, 14 Dec 2024 10:00:00 GMT")
    assert got.not_modified
    headers = http_server.requests[0][1]
    assert headers["if-none-match"] == '"v1"' and headers["if-modified-since"].startswith("Sat, 14 Dec")


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/x", "javascript:alert(1)", "http://"])
def test_only_http_urls(url: str) -> None:
    fetcher, _ = _fetcher()
    with pytest.raises(InputError, match="only http"):
        fetcher.get(url)


def test_redirects_are_followed_checked_and_limited(http_server: Served) -> None:
    http_server.add("/r1", Route(status=302, headers={"Location": "/r2"}))
    http_server.add("/r2", Route(status=301, headers={"Location": http_server.base + "/final"}))
    http_server.add("/final", Route(body=b"done"))
    fetcher, _ = _fetcher()
    got = fetcher.get(http_server.base + "/r1")
    assert got.content == b"done" and got.url.endswith("/final")
    http_server.add("/loop", Route(status=302, headers={"Location": "/loop"}))
    with pytest.raises(InputError, match="more than 2 redirects"):
        _fetcher(max_redirects=2)[0].get(http_server.base + "/loop")
    http_server.add("/evil", Route(status=302, headers={"Location": "file:///etc/passwd"}))
    with pytest.raises(InputError, match="only http"):
        fetcher.get(http_server.base + "/evil")


def test_retries_with_backoff_on_5xx_then_succeeds(http_server: Served) -> None:
    url = http_server.add("/busy", Route(status=503), Route(status=502), Route(body=b"ok"))
    fetcher, slept = _fetcher()
    assert fetcher.get(url).content == b"ok"
    assert slept == [0.5, 1.0] and http_server.hits("/busy") == 3


def test_429_honours_retry_after_and_gives_up_after_the_retries(http_server: Served) -> None:
    url = http_server.add("/limited", Route(status=429, headers={"Retry-After": "7"}))
    fetcher, slept = _fetcher(retries=2)
    with pytest.raises(InputError, match="HTTP 429 after 3 attempts") as info:
        fetcher.get(url)
    assert slept == [7.0, 7.0] and "\n" not in str(info.value)
    http_server.add("/forever", Route(status=503, headers={"Retry-After": "86400"}))
    with pytest.raises(InputError, match="asked to wait"):
        fetcher.get(http_server.base + "/forever")


def test_4xx_is_not_retried(http_server: Served) -> None:
    fetcher, slept = _fetcher()
    with pytest.raises(InputError, match="HTTP 404"):
        fetcher.get(http_server.base + "/missing")
    assert slept == [] and http_server.hits("/missing") == 1


def test_a_50_mb_page_is_cut_off_while_streaming(http_server: Served) -> None:
    sent = {"bytes": 0}

    def endless() -> Iterator[bytes]:  # no Content-Length: the cap must hold while reading
        chunk = b"x" * 65536
        for _ in range(50 * 16):
            sent["bytes"] += len(chunk)
            yield chunk

    url = http_server.add("/huge", Route(body=endless))
    with pytest.raises(InputError, match=r"over the 5\.2 MB limit"):
        _fetcher()[0].get(url)
    declared = http_server.add("/declared", Route(body=b"tiny", headers={"Content-Length": str(50 * 1024 * 1024)}))
    with pytest.raises(InputError, match=r"52\.4 MB or more is over"):
        _fetcher()[0].get(declared)


def test_polite_delay_between_requests_to_one_host(http_server: Served) -> None:
    url = http_server.add("/p", Route(body=b"ok"))
    now = [0.0]
    slept: list[float] = []
    fetcher = Fetcher(FetchPolicy(host_delay=1.0), sleep=slept.append, clock=lambda: now[0])
    fetcher.get(url)
    now[0] = 0.2
    fetcher.get(url)  # 0.2 s after the first: waits the remaining 0.8 s
    now[0] = 5.0
    fetcher.get(url)  # long after: no wait
    assert slept == [pytest.approx(0.8)]


def test_unreachable_host_is_one_clear_error() -> None:
    fetcher, slept = _fetcher(retries=1)
    with pytest.raises(InputError, match="cannot connect"):
        fetcher.get("http://127.0.0.1:9/nothing-listens-here")
    assert slept == [0.5]


def test_a_trickling_server_is_cut_at_the_deadline(http_server: Served) -> None:
    # One byte a moment, forever: the read timeout never trips, the per-URL deadline does.
    def trickle() -> Iterator[bytes]:
        while True:
            time.sleep(0.05)
            yield b"x"

    url = http_server.add("/slow", Route(body=trickle))
    with Fetcher(FetchPolicy(deadline=1.0, retries=0)) as fetcher, pytest.raises(InputError) as caught:
        fetcher.get(url)
    assert "no complete answer within 1 s" in caught.value.one_line() and "--timeout" in caught.value.one_line()


def test_a_hanging_url_does_not_stop_the_other_inputs(http_server: Served, runner: CliRunner, db: Path) -> None:
    def hang() -> Iterator[bytes]:
        time.sleep(30)
        yield b""

    hanging = http_server.add("/hang", Route(body=hang))
    good = http_server.add("/good", Route(body=article("Port", "Trucks were seen leaving the port at dawn")))
    result = runner.invoke(app, ["ingest", hanging, good, "--timeout", "1", "--host-delay", "0", "--json"])
    payload = json.loads(result.stdout)
    assert result.exit_code == 1 and payload["added"] == 1
    (failure,) = payload["failures"]
    assert "/hang: no complete answer within 1 s; try again later or raise --timeout" in failure["message"]
