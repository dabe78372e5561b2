"""The answers: cached for one view only, bounded in bytes and in count, least recently used out; long ones
encoded a slice of rows at a time."""

from __future__ import annotations

import json

from drawdown.web.app import ENCODE_ROWS, Answers, _encode
from drawdown.web.view import View


def _view(version: int) -> View:
    return View(version, {}, [], [], [], [], {}, [], "", "")


def test_answers_are_kept_for_one_view_only() -> None:
    answers, first, second = Answers(), _view(1), _view(2)
    assert answers.get(first, "/api/sites?") is None
    answers.put(first, "/api/sites?", b"[1]")
    assert answers.get(first, "/api/sites?") == b"[1]"
    assert answers.get(second, "/api/sites?") is None, "a new view's answers are computed again"
    answers.put(first, "/api/sites?", b"[1]")  # a request that began on the old view stores nothing
    assert answers.get(second, "/api/sites?") is None


def test_answers_are_bounded_and_the_least_recently_used_go_first() -> None:
    view = _view(1)
    answers = Answers(limit=30, count=2)
    answers.get(view, "a")
    answers.put(view, "a", b"x" * 9)
    answers.put(view, "b", b"x" * 9)
    assert answers.get(view, "a") is not None  # now b is the least recently used
    answers.put(view, "c", b"x" * 9)
    assert answers.get(view, "b") is None and answers.get(view, "a") is not None, "at most two answers"
    answers.put(view, "d", b"x" * 25)
    assert [answers.get(view, k) is not None for k in "acd"] == [False, False, True], "at most 30 bytes"
    answers.put(view, "e", b"x" * 40)
    assert answers.get(view, "e") is None, "an answer larger than the whole cache is not kept"


def test_long_answers_are_encoded_a_slice_of_rows_at_a_time_into_the_same_json() -> None:
    rows = [{"id": f"c{i}", "text": f'row {i} \u00e9 "quoted" </script>', "n": i} for i in range(2 * ENCODE_ROWS + 7)]
    for payload in (
        rows, rows[:ENCODE_ROWS], [], {"total": len(rows), "offset": 0, "items": rows, "simulated": 3},
        {"items": rows}, {"items": rows[:3], "total": 3}, {"error": "x"},
    ):  # fmt: skip
        encoded = _encode(payload)
        assert json.loads(encoded) == payload, str(payload)[:80]
        # as compact as one call makes it (a page's items may come last: the keys' order is all that differs)
        assert len(encoded) == len(json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode())
