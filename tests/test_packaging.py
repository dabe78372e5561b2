"""The built wheel carries everything the demo needs (case files and demo reports are package data)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent


@pytest.mark.slow
def test_wheel_runs_the_demo_outside_the_source_tree(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(wheels), str(ROOT)],
        check=True,
    )
    (wheel,) = wheels.glob("drawdown-*.whl")
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
                   check=True)  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(target)}
    where = subprocess.run(
        [sys.executable, "-c", "import drawdown.case as c; print(c.__file__)"],
        capture_output=True, text=True, env=env, check=True, cwd=tmp_path,
    )  # fmt: skip
    assert where.stdout.startswith(str(target)), "the test must run the installed wheel, not the source tree"
    demo = subprocess.run(
        [sys.executable, "-m", "drawdown", "demo", "--out", "out"],
        capture_output=True, text=True, env=env, cwd=tmp_path, check=False,
    )  # fmt: skip
    assert demo.returncode == 0, demo.stderr
    assert "14 reports" in demo.stdout and (tmp_path / "out" / "brief.md").is_file()
    assert "<script>" not in demo.stdout
