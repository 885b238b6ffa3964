"""The code follows the house style's lint rules: ruff, with pyproject.toml's settings.

ruff comes with the test tools (requirements-dev.txt); where it is missing the test skips,
except in CI (`CI=true`), where the lint must run.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHECKED = ["neuron_lib", "tests", "tools", "benchmarks", "conftest.py", "course.py"]


def ruff():
    """The ruff installed beside this Python, else the one on PATH, else None."""
    beside = Path(sys.executable).with_name("ruff")
    return str(beside) if beside.exists() else shutil.which("ruff")


def test_ruff_finds_nothing():
    executable = ruff()
    if executable is None:
        if os.environ.get("CI"):
            pytest.fail("CI must lint, but ruff is missing: pip install -r requirements-dev.txt")
        pytest.skip("ruff is missing: pip install -r requirements-dev.txt")
    result = subprocess.run([executable, "check", "--no-cache", *CHECKED], cwd=ROOT,
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
