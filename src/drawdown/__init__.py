"""drawdown: monitor a military withdrawal from open sources.

Nothing happens at import: the public names below are loaded on first use.
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
    "ingest": "drawdown.pipeline",
    "load_reports": "drawdown.pipeline",
    "brief": "drawdown.api",
    "write_brief": "drawdown.api",
    "run_demo": "drawdown.demo",
    "DrawdownError": "drawdown.errors",
}

__all__ = [
    "Case",
    "DrawdownError",
    "Store",
    "__version__",
    "brief",
    "bundled_cases",
    "ingest",
    "load_case",
    "load_reports",
    "open_store",
    "run_demo",
    "validate_case",
    "write_brief",
]

if TYPE_CHECKING:
    from drawdown.api import brief, write_brief
    from drawdown.case import Case, bundled_cases, load_case, validate_case
    from drawdown.demo import run_demo
    from drawdown.errors import DrawdownError
    from drawdown.pipeline import ingest, load_reports
    from drawdown.store import Store, open_store


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'drawdown' has no attribute {name!r}")
    return getattr(import_module(module), name)
