"""What Binder builds: pinned, current, and able to run every lesson."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import pin_binder


def test_pins_were_made_from_the_current_requirements():
    """Editing requirements.txt, pyproject's dependencies or runtime.txt needs new pins."""
    assert pin_binder.recorded_fingerprint() == pin_binder.fingerprint(), (
        "binder/requirements.txt is out of date: run python tools/pin_binder.py")


def test_every_top_level_requirement_is_pinned_exactly():
    pins = pin_binder.pinned()
    for requirement in pin_binder.top_level_requirements():
        assert pin_binder.requirement_name(requirement) in pins, requirement
    lines = [line for line in pin_binder.PINS.read_text().splitlines()
             if line and not line.startswith("#")]
    assert lines[-1] == "-e ."  # neuron_lib itself, from the repository
    assert all("==" in line for line in lines[:-1]), "every package must be pinned with =="


def test_conda_environment_holds_the_same_python_and_packages_as_binder():
    """environment.yml (for conda users) is generated from the pins, version for version."""
    yaml = pytest.importorskip("yaml")
    environment = yaml.safe_load(pin_binder.ENVIRONMENT.read_text())
    dependencies = environment["dependencies"]
    assert f"python={pin_binder.runtime_python()}" in dependencies and "pip" in dependencies
    pip_entries = next(entry["pip"] for entry in dependencies if isinstance(entry, dict))
    assert pip_entries[-1] == "-e ."
    packages = dict(entry.split("==") for entry in pip_entries[:-1])
    assert {pin_binder.requirement_name(name): version
            for name, version in packages.items()} == pin_binder.pinned()
    assert pin_binder.ENVIRONMENT.read_text() == pin_binder.environment_yml()


def test_a_new_requirement_changes_the_fingerprint(monkeypatch):
    before = pin_binder.fingerprint()
    real = pin_binder.top_level_requirements
    monkeypatch.setattr(pin_binder, "top_level_requirements", lambda: [*real(), "pandas"])
    assert pin_binder.fingerprint() != before


def test_repo2docker_would_use_binder_and_install_the_pins():
    repo2docker = shutil.which("jupyter-repo2docker", path=os.path.dirname(sys.executable))
    assert repo2docker, "jupyter-repo2docker is missing: pip install -r requirements-dev.txt"
    # As on mybinder.org: a non-root user owns the copied repository.
    result = subprocess.run([repo2docker, "--no-build", "--no-run", "--debug",
                             "--user-id", "1000", "--user-name", "jovyan", str(ROOT)],
                            capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    dockerfile = result.stdout + result.stderr
    version = pin_binder.runtime_python()
    assert f"python={version}" in dockerfile
    assert "COPY --chown=1000:1000 src/binder/requirements.txt" in dockerfile
    assert '/bin/pip install --no-cache-dir -r "binder/requirements.txt"' in dockerfile
    assert '-r "requirements.txt"' not in dockerfile  # the top-level file is ignored


def binder_python_version():
    """binder/runtime.txt's Python here, or a skip (a failure in CI) saying it is missing."""
    version = pin_binder.runtime_python()
    python = pin_binder.find_python(version)
    if python is None:
        if os.environ.get("CI"):
            pytest.fail(f"CI must check the Binder environment, but python{version} is missing")
        pytest.skip(f"python{version} (binder/runtime.txt) is not installed")
    return python


def test_binder_resolves_to_exactly_the_pins(tmp_path):
    """pip, asked what binder/requirements.txt installs on Binder's Python, answers the pins:
    nothing missing from them (pip would add it), nothing pinned but unused."""
    python = binder_python_version()
    subprocess.run([python, "-m", "venv", str(tmp_path / "venv")], check=True)
    report = tmp_path / "report.json"
    # A dry run resolves exactly as an install would, without installing anything.
    subprocess.run([str(tmp_path / "venv" / "bin" / "python"), "-m", "pip", "install",
                    "--quiet", "--disable-pip-version-check", "--dry-run", "--ignore-installed",
                    "--report", str(report), "-r", "binder/requirements.txt"],
                   check=True, cwd=ROOT)
    resolved = {pin_binder.requirement_name(item["metadata"]["name"]): item["metadata"]["version"]
                for item in json.loads(report.read_text())["install"]
                if not item["metadata"]["name"].startswith("neuron")}
    assert resolved == pin_binder.pinned()


@pytest.fixture(scope="module")
def binder_python():
    """The Python of the image a hub or Binder builds from binder/: every pin installed,
    plus JupyterHub's single-user server, neuron_lib read from the course (as on the hub).

    The environment is the hub test's own (hub_driver.singleuser_environment): built once
    per machine, and checked there to hold exactly the pinned versions.
    """
    binder_python_version()
    sys.path.insert(0, str(ROOT / "tests" / "hub"))
    import hub_driver

    return hub_driver.singleuser_environment() / "bin" / "python"


def test_every_lesson_passes_nbval_in_the_binder_environment(binder_python, tmp_path):
    course = tmp_path / "course"
    shutil.copytree(ROOT, course, ignore=shutil.ignore_patterns(
        ".git", ".venv", "*.egg-info", "__pycache__", "screenshots", ".ipynb_checkpoints",
        "node_modules"))
    # The notebooks' kernels run in the Binder environment; pytest and nbval, which only
    # drive them, are this environment's.
    kernel = tmp_path / "jupyter" / "kernels" / "binder"
    kernel.mkdir(parents=True)
    (kernel / "kernel.json").write_text(json.dumps({
        "argv": [str(binder_python), "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Binder's Python", "language": "python"}))
    environment = {**os.environ, "JUPYTER_PATH": str(tmp_path / "jupyter"),
                   "PYTHONPATH": str(course)}
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                             "--nbval-kernel-name", "binder", "notebooks"], cwd=course,
                            env=environment, capture_output=True, text=True, timeout=900,
                            check=False)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert " passed" in result.stdout and "failed" not in result.stdout
