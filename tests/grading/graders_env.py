"""A virtual environment with nbgrader and otter-grader, beside the course's own.

nbgrader 0.9 brings Notebook 7 and JupyterLab extensions (its own, jupytext's) that would
change the course's JupyterLab, which the browser tests look at; so the graders live in an
environment of their own, `graders/` inside the course's virtual environment (deleted with
it, ignored by git). It sees the course's packages through a `.pth` file, so that only the
graders and what they add are installed (about 10 s with pip's cache) and the kernels it
starts import this checkout's neuron_lib, numpy and ipywidgets, exactly as the lessons do.
"""

import os
import subprocess
import sys
import sysconfig
import tempfile
import venv
from pathlib import Path

REQUIREMENTS = Path(__file__).with_name("requirements-graders.txt")
BIN = "Scripts" if os.name == "nt" else "bin"


def location():
    """Where the graders' environment lives: inside the running virtual environment."""
    if sys.prefix != sys.base_prefix:
        return Path(sys.prefix) / "graders"
    return Path(tempfile.gettempdir()) / f"neuron-lib-graders-{sys.version_info[0]}" \
        f".{sys.version_info[1]}"


def executable(folder, name):
    return folder / BIN / (f"{name}.exe" if os.name == "nt" else name)


def _site_packages(folder):
    return next(folder.glob("[Ll]ib/python*/site-packages"), folder / "Lib" / "site-packages")


def _create(folder):
    venv.create(folder, with_pip=False, clear=True)
    course_packages = sysconfig.get_paths()["purelib"]
    # addsitedir (not a bare path) also reads the course's own .pth files: the editable
    # neuron_lib among them.
    (_site_packages(folder) / "_course_packages.pth").write_text(
        f"import site; site.addsitedir({course_packages!r})\n")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(executable(folder, "python")),
                    "install", "--quiet", "--disable-pip-version-check",
                    "-r", str(REQUIREMENTS)], check=True)
    # nbgrader runs `alembic` for its gradebook; alembic comes from the course's environment,
    # whose own `alembic` script could not import nbgrader's migrations.
    alembic = executable(folder, "alembic")
    if not alembic.exists() and os.name != "nt":
        alembic.write_text(f"#!{executable(folder, 'python')}\nimport sys\n"
                           "from alembic.config import main\nsys.exit(main())\n")
        alembic.chmod(0o755)


def python():
    """The graders' Python, after creating or updating the environment when needed."""
    folder = location()
    stamp = folder / ".installed"
    # Rebuilt when the graders' requirements change or course.py reinstalls the course's.
    newer = [REQUIREMENTS, *Path(sys.prefix).glob(".installed-*")]
    if not (stamp.exists() and all(stamp.stat().st_mtime >= path.stat().st_mtime
                                   for path in newer)):
        _create(folder)
        stamp.touch()
    return executable(folder, "python")


def environment(python_path, checkout):
    """Environment variables for running the graders on this checkout's neuron_lib."""
    return {**os.environ,
            "PATH": os.pathsep.join([str(Path(python_path).parent), os.environ["PATH"]]),
            "PYTHONPATH": os.pathsep.join(
                [str(checkout), *filter(None, [os.environ.get("PYTHONPATH")])]),
            # Graded runs are not a learner's progress.
            "NEURON_LIB_PROGRESS": "off"}
