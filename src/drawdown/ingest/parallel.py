"""Fetching several URLs at once: a limit per host, an overall deadline, results handed back in input order.

Plain threads (``concurrent.futures``): fetching is waiting on sockets, and the work a thread does between two
waits (decoding, trafilatura) is short next to a slow server. A hanging host occupies its own slot only; the other
hosts go on. Results come back in the order the URLs were given, each as soon as it and every URL before it are
done, so that what is stored, and in which order, is what a one-at-a-time run stores.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from typing import Generic, TypeVar
from urllib.parse import urlsplit

T = TypeVar("T")
R = TypeVar("R")

# Threads in all, whatever the number of hosts: a watcher of a few dozen feeds needs no more, and each thread
# holds a connection and a page in memory.
MAX_WORKERS = 8


@dataclass(frozen=True)
class Expired(Generic[T]):
    """A task that was not done when the overall deadline passed (never started, or still waiting)."""

    task: T
    deadline: float
    started: bool


def host_of(url: str) -> str:
    """The politeness key of a URL: its host and port, as the fetcher's per-host delay counts them."""
    return urlsplit(url).netloc.lower()


def run_in_order(
    tasks: Sequence[T],
    work: Callable[[T], R],
    *,
    host: Callable[[T], str],
    per_host: int = 1,
    workers: int = MAX_WORKERS,
    deadline: float | None = None,
    clock: Callable[[], float] = time.monotonic,
) -> Iterator[tuple[T, R | Expired[T]]]:
    """Run ``work`` on each task in threads, at most ``per_host`` at once per host, and yield (task, result) in
    the order of ``tasks``. Past ``deadline`` seconds the tasks not done are yielded as :class:`Expired`.

    ``work`` should turn expected failures into results; an exception it raises is raised here, when its task's
    turn comes. With one task, or one worker, no thread is started.
    """
    if not tasks:
        return
    if len(tasks) == 1 or workers <= 1:
        yield from _one_by_one(tasks, work, deadline, clock)
        return
    give_up_at = None if deadline is None else clock() + deadline
    queues: dict[str, deque[int]] = {}
    for index, task in enumerate(tasks):
        queues.setdefault(host(task), deque()).append(index)
    busy = dict.fromkeys(queues, 0)
    running: dict[Future[R], int] = {}
    done: dict[int, R | Expired[T]] = {}
    started: set[int] = set()
    next_out = 0
    pool = ThreadPoolExecutor(max_workers=min(workers, len(tasks)), thread_name_prefix="drawdown-fetch")
    try:
        while next_out < len(tasks):
            _start(pool, tasks, work, queues, busy, running, started, per_host, workers)
            while next_out in done:
                yield tasks[next_out], done.pop(next_out)
                next_out += 1
            if next_out == len(tasks):
                break
            remaining = None if give_up_at is None else give_up_at - clock()
            if remaining is not None and remaining <= 0:
                assert deadline is not None
                for queue in queues.values():
                    queue.clear()
                for index in range(next_out, len(tasks)):
                    if index not in done:
                        done[index] = Expired(tasks[index], deadline, index in started)
                continue
            finished, _ = wait(running, timeout=remaining, return_when=FIRST_COMPLETED)
            for future in finished:
                index = running.pop(future)
                busy[host(tasks[index])] -= 1
                done[index] = future.result()  # raises what ``work`` raised (a bug), in the main thread
    finally:
        # Threads still waiting on a server end at their own per-URL deadline; nobody waits for them here.
        pool.shutdown(wait=False, cancel_futures=True)


def _start(
    pool: ThreadPoolExecutor,
    tasks: Sequence[T],
    work: Callable[[T], R],
    queues: dict[str, deque[int]],
    busy: dict[str, int],
    running: dict[Future[R], int],
    started: set[int],
    per_host: int,
    workers: int,
) -> None:
    """Start the earliest waiting tasks whose host has a free slot, while a thread is free."""
    while len(running) < workers:
        ready = [(queue[0], name) for name, queue in queues.items() if queue and busy[name] < per_host]
        if not ready:
            return
        index, name = min(ready)
        queues[name].popleft()
        busy[name] += 1
        started.add(index)
        running[pool.submit(work, tasks[index])] = index


def _one_by_one(
    tasks: Sequence[T], work: Callable[[T], R], deadline: float | None, clock: Callable[[], float]
) -> Iterator[tuple[T, R | Expired[T]]]:
    give_up_at = None if deadline is None else clock() + deadline
    for task in tasks:
        if give_up_at is not None and clock() >= give_up_at:
            assert deadline is not None
            yield task, Expired(task, deadline, started=False)
        else:
            yield task, work(task)
