"""The cache of encoded answers: one view's answers only, bounded in bytes and in count, least recently used out."""

from __future__ import annotations

from drawdown.web.app import Answers
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
