"""The arrows of the package point one way: read from the source's imports, every function-level import included.

- A stage (ingest, extract, flights, assess, report, web) never imports the store, the pipeline, the CLI or the
  API: storing happens around the stages, in `drawdown.pipeline`.
- A stage never imports a stage that runs after it (ingest → extract → flights → assess → report → web).
- `model` and `errors` import nothing of the package: every layer may use them.
- No two modules import each other, directly or through others, when the code runs (imports under
  ``if TYPE_CHECKING:`` are read for the layer rules but cannot make a cycle).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parent.parent / "src" / "drawdown"
STAGES = ("ingest", "extract", "flights", "assess", "report", "web")
OUTER = ("store", "pipeline", "cli", "api", "demo")
LEAVES = ("model", "errors")


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _type_only(tree: ast.Module) -> set[int]:
    """Line numbers of the imports inside ``if TYPE_CHECKING:`` blocks."""
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            lines |= {
                n.lineno for stmt in node.body for n in ast.walk(stmt) if isinstance(n, ast.Import | ast.ImportFrom)
            }
    return lines


def imports(path: Path, known: dict[str, Path], *, runtime: bool = False) -> Iterator[tuple[str, int]]:
    """The package's modules that ``path`` imports, with the line of each import (``runtime``: leaving out those
    under ``if TYPE_CHECKING:``)."""
    here = module_name(path)
    package = here if path.name == "__init__.py" else here.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    skip = _type_only(tree) if runtime else set()
    for node in ast.walk(tree):
        if getattr(node, "lineno", None) in skip:
            continue
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "drawdown":
                    yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            if base.split(".")[0] != "drawdown":
                continue
            for alias in node.names:  # `from drawdown import api` imports the module drawdown.api
                target = f"{base}.{alias.name}"
                yield (target if target in known else base), node.lineno


def graph() -> dict[str, set[str]]:
    """Which modules each module imports when it runs."""
    known = modules()
    return {
        name: {target for target, _ in imports(path, known, runtime=True) if target != name}
        for name, path in known.items()
    }


def layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def violations() -> list[str]:
    known = modules()
    found = []
    for name, path in known.items():
        own = layer(name)
        for target, line in imports(path, known):
            other = layer(target)
            where = f"{path.relative_to(PACKAGE.parent)}:{line}: {name} imports {target}"
            if own in STAGES and other in OUTER:
                found.append(f"{where}: a stage never uses the {other} layer; move the code to drawdown.pipeline")
            elif own in STAGES and other in STAGES and STAGES.index(other) > STAGES.index(own):
                found.append(f"{where}: {own} runs before {other}; pass the value in instead")
            elif own in LEAVES and target != name:
                found.append(f"{where}: {own} is a leaf that every layer uses; it imports nothing of the package")
    return found


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(edges.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return out


def test_layers_point_one_way() -> None:
    assert violations() == []


def test_no_import_cycles() -> None:
    assert cycles(graph()) == []


def test_the_checks_catch_what_they_describe() -> None:
    """The rules above would fail on the arrows they forbid (so the tests cannot pass by reading nothing)."""
    edges = graph()
    assert "drawdown.store.db" in edges["drawdown.pipeline.ingest"], "imports are read"
    assert "drawdown.ingest.fetch" in edges["drawdown.cli.core"], "function-level imports are read too"
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert layer("drawdown.extract.claims") == "extract" and layer("drawdown.model") == "model"


@pytest.mark.parametrize("stage", STAGES)
def test_each_stage_exists_or_is_planned(stage: str) -> None:
    folder = PACKAGE / stage
    assert folder.is_dir(), f"src/drawdown/{stage}/ is one of the stages named in STYLE.md"


def test_tests_import_nothing_from_the_benchmarks() -> None:
    """Code that tests and benchmarks share lives in the package (or in tests/): a benchmark is a script to run."""
    tests = Path(__file__).parent
    offenders = []
    for path in sorted(tests.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            offenders += [f"{path.relative_to(tests)}:{node.lineno}" for n in names if n.split(".")[0] == "benchmarks"]
    assert not offenders, offenders
