#!/usr/bin/env python3
"""Set up the course in a virtual environment, then open it or test it.

    python3 course.py lab     # set up (first time only) and open the course in JupyterLab
    python3 course.py test    # set up with the test tools and run the whole test suite

Standard library only, Python >= 3.10. Everything is installed into .venv/ beside this file,
never into the system Python (PEP 668). On Debian and Ubuntu, where `python3 -m venv` lacks
pip unless the python3-venv package is installed, pip is fetched from PyPI instead.
Extra arguments go to JupyterLab or pytest: `python3 course.py test -k quiz`.
"""

import json
import os
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
REQUIREMENTS = {"lab": "requirements.txt", "test": "requirements-dev.txt"}


def run(*command):
    print("+", " ".join(str(part) for part in command), flush=True)
    subprocess.run([str(part) for part in command], check=True, cwd=ROOT)


def has_pip():
    return subprocess.run([str(PYTHON), "-m", "pip", "--version"], capture_output=True,
                          check=False).returncode == 0


def bootstrap_pip():
    """Install pip into .venv from its wheel on PyPI (for Pythons without ensurepip)."""
    index = "https://pypi.org/pypi/pip/json"
    with urllib.request.urlopen(index, timeout=60) as response:
        release = json.load(response)
    wheel = next(f for f in release["urls"] if f["filename"].endswith(".whl"))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / wheel["filename"]
        # Mirrors may answer with a URL relative to the index.
        urllib.request.urlretrieve(urllib.parse.urljoin(index, wheel["url"]), path)
        # A pip wheel can run itself: python pip.whl/pip install pip
        run(PYTHON, path / "pip", "install", "--quiet", path)


def set_up(kind):
    """Create .venv if needed and install what `kind` ("lab" or "test") needs."""
    if not PYTHON.exists():
        print(f"Creating a virtual environment in {VENV.name}/ ...", flush=True)
        try:
            venv.create(VENV, with_pip=True)
        except (subprocess.CalledProcessError, OSError):
            venv.create(VENV, with_pip=False, clear=True)
    if not has_pip():
        bootstrap_pip()
    stamp = VENV / f".installed-{kind}"
    requirements = ROOT / REQUIREMENTS[kind]
    sources = [requirements, ROOT / "requirements.txt", ROOT / "pyproject.toml"]
    if stamp.exists() and all(s.stat().st_mtime <= stamp.stat().st_mtime for s in sources):
        return
    run(PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    run(PYTHON, "-m", "pip", "install", "--quiet", "-r", requirements)
    stamp.touch()


def main(argv):
    if not argv or argv[0] not in REQUIREMENTS:
        print(__doc__)
        return 2
    kind, extra = argv[0], argv[1:]
    set_up(kind)
    if kind == "lab":
        command = [BIN / "jupyter", "lab", "notebooks/00_course_map.ipynb", *extra]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            command.append("--allow-root")
        os.chdir(ROOT)
        os.execv(command[0], [str(part) for part in command])
    return subprocess.run([str(PYTHON), "-m", "pytest", *extra], cwd=ROOT,
                          check=False).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
