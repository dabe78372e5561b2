"""drawdown: monitor a military withdrawal from open sources.

Nothing happens at import: the names below are loaded on first use. The functions behind the CLI commands are
in :mod:`drawdown.api` (``from drawdown import api``), since the stage subpackages own names such as ``ingest``.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "load_case": "drawdown.case",
    "validate_case": "drawdown.case",
    "bundled_cases": "drawdown.case",
    "Case": "drawdown.case",
    "open_store": "drawdown.store",
    "Store": "drawdown.store",
    "run_demo": "drawdown.demo",
    "DrawdownError": "drawdown.errors",
}

__all__ = [
    "Case",
    "DrawdownError",
    "Store",
    "__version__",
    "bundled_cases",
    "load_case",
    "open_store",
    "run_demo",
    "validate_case",
]

if TYPE_CHECKING:
    from drawdown.case import Case, bundled_cases, load_case, validate_case
    from drawdown.demo import run_demo
    from drawdown.errors import DrawdownError
    from drawdown.store import Store, open_store


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'drawdown' has no attribute {name!r}")
    return getattr(import_module(module), name)
