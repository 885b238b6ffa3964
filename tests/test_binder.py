"""What Binder builds: pinned, current, and able to run every lesson."""

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


@pytest.fixture(scope="module")
def binder_environment(tmp_path_factory):
    """A fresh virtual environment holding exactly binder/requirements.txt."""
    version = pin_binder.runtime_python()
    python = pin_binder.find_python(version)
    if python is None:
        if os.environ.get("CI"):
            pytest.fail(f"CI must check the Binder environment, but python{version} is missing")
        pytest.skip(f"python{version} (binder/runtime.txt) is not installed")
    work = tmp_path_factory.mktemp("binder")
    course = work / "course"
    shutil.copytree(ROOT, course, ignore=shutil.ignore_patterns(
        ".git", ".venv", "*.egg-info", "__pycache__", "screenshots", ".ipynb_checkpoints"))
    subprocess.run([python, "-m", "venv", str(work / "venv")], check=True)
    venv_python = str(work / "venv" / "bin" / "python")
    subprocess.run([venv_python, "-m", "pip", "install", "--quiet", "-r",
                    "binder/requirements.txt"], check=True, cwd=course)
    return course, venv_python


def test_binder_installs_exactly_the_pins(binder_environment):
    """Nothing missing from the pins (pip would add it) and nothing pinned but unused."""
    _, python = binder_environment
    installed = dict(line.split("==") for line in pin_binder.freeze(python))
    installed = {pin_binder.requirement_name(name): version for name, version in installed.items()}
    assert installed == pin_binder.pinned()


def test_every_lesson_passes_nbval_in_the_binder_environment(binder_environment):
    course, python = binder_environment
    constraints = course / "constraints.txt"
    constraints.write_text("\n".join(f"{name}=={version}"
                                     for name, version in pin_binder.pinned().items()))
    # The test tools only, with every pinned package held at its pin.
    subprocess.run([python, "-m", "pip", "install", "--quiet", "-c", str(constraints),
                    "pytest", "nbval"], check=True)
    result = subprocess.run([python, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                             "notebooks"], cwd=course, capture_output=True, text=True,
                            timeout=900, check=False)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert " passed" in result.stdout and "failed" not in result.stdout
