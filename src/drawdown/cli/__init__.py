"""The ``drawdown`` command line: parse arguments, call one library function, print.

One module per stage registers its commands on the shared app (``common.app``). Exit codes:
  0 success · 1 finished, but some inputs failed · 2 usage error · 3 invalid case file · 4 unreadable input
  5 store error · 6 command not available yet · 130 interrupted
"""

from __future__ import annotations

import signal
from types import FrameType

from drawdown.cli import assess, core, extract, flights, ingest, review, serve  # noqa: F401  (importing registers the commands)
from drawdown.cli.common import app, state


def _terminated(signum: int, _frame: FrameType | None) -> None:
    state.signal = signal.Signals(signum).name
    raise KeyboardInterrupt(state.signal)


def main() -> None:
    """Console-script entry point. SIGTERM (a service manager stopping ``watch``, say) is handled as Ctrl-C is:
    the run is marked interrupted, what was stored stays, and the exit code is 130."""
    signal.signal(signal.SIGTERM, _terminated)
    app()


__all__ = ["app", "main"]
