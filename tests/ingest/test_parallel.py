"""Fetching several URLs at once: per-host limits, input order kept, an overall deadline (no network: plain tasks)."""

from __future__ import annotations

import threading
from collections import Counter

import pytest

from drawdown.ingest.parallel import Expired, run_in_order

WAIT = 30.0  # seconds; only ever reached when the code under test is wrong (a test that would hang fails instead)


def test_results_come_back_in_input_order_whatever_finishes_first() -> None:
    first_may_end = threading.Event()

    def work(task: str) -> str:
        if task == "a/1":
            assert first_may_end.wait(WAIT), "the other hosts' tasks never ran while the first one waited"
        else:
            first_may_end.set()  # only possible if another host's task runs while a/1 is still waiting
        return task.upper()

    tasks = ["a/1", "b/1", "c/1"]
    results = list(run_in_order(tasks, work, host=lambda t: t.split("/")[0]))
    assert results == [("a/1", "A/1"), ("b/1", "B/1"), ("c/1", "C/1")]


def test_no_more_than_the_per_host_limit_runs_at_once_on_one_host() -> None:
    lock = threading.Lock()
    now: Counter[str] = Counter()
    most: Counter[str] = Counter()
    both_hosts = threading.Barrier(2, timeout=WAIT)  # passes only if the two hosts run side by side

    def work(task: str) -> str:
        host = task.split("/")[0]
        with lock:
            now[host] += 1
            most[host] = max(most[host], now[host])
        if task.endswith("/0"):
            both_hosts.wait()
        with lock:
            now[host] -= 1
        return task

    tasks = [f"{h}/{i}" for i in range(6) for h in ("a", "b")]
    assert [t for t, _ in run_in_order(tasks, work, host=lambda t: t.split("/")[0], per_host=1)] == tasks
    assert most == {"a": 1, "b": 1}
    most.clear()
    both_hosts.reset()
    list(run_in_order(tasks, work, host=lambda t: t.split("/")[0], per_host=2))
    assert max(most.values()) <= 2


def test_past_the_overall_deadline_the_unfinished_tasks_are_expired_and_the_rest_kept() -> None:
    release = threading.Event()
    try:

        def work(task: str) -> str:
            if task.startswith("hang"):
                release.wait(WAIT)
            return task

        tasks = ["quick/1", "hang/1", "hang/2", "other/1"]
        results = dict(run_in_order(tasks, work, host=lambda t: t.split("/")[0], deadline=0.5))
    finally:
        release.set()
    assert results["quick/1"] == "quick/1" and results["other/1"] == "other/1"
    assert results["hang/1"] == Expired("hang/1", 0.5, started=True)
    assert results["hang/2"] == Expired("hang/2", 0.5, started=False), "one at a time per host: never started"


def test_an_exception_in_a_task_is_raised_at_its_turn() -> None:
    def work(task: str) -> str:
        if task == "b/1":
            raise ValueError("a bug")
        return task

    results = run_in_order(["a/1", "b/1"], work, host=lambda t: t.split("/")[0])
    assert next(results) == ("a/1", "a/1")
    with pytest.raises(ValueError, match="a bug"):
        next(results)
