"""neuron_lib.doctor: versions, and whether the widget front end matches the kernel."""

import json
import re
import sys

import pytest

import neuron_lib
from neuron_lib import checkup as doctor_module
from neuron_lib.checkup import _satisfies, diagnose

ASK_THE_SERVER = doctor_module._server_extensions


@pytest.fixture(autouse=True)
def no_running_server(monkeypatch):
    """Hermetic: a JupyterLab that happens to run on this machine must not be asked."""
    monkeypatch.setattr(doctor_module, "_server_extensions", lambda **_: None)


def write_extension(folder, name, version):
    package = folder / name / "package.json"
    package.parent.mkdir(parents=True)
    package.write_text(json.dumps({"name": name, "version": version}))


@pytest.fixture
def extensions(tmp_path):
    """A labextensions folder holding the versions this environment really has."""
    for name in doctor_module.LAB_EXTENSIONS:
        version, _ = doctor_module._lab_extension_version(name, doctor_module_paths())
        write_extension(tmp_path, name, version)
    return tmp_path


def doctor_module_paths():
    from jupyter_core.paths import jupyter_path

    return jupyter_path("labextensions")


def test_this_environment_is_healthy(capsys):
    assert neuron_lib.doctor() is None  # printed once, not echoed again by the notebook
    printed = capsys.readouterr().out
    assert diagnose().ok, printed
    for package in ("Python", "numpy", "matplotlib", "ipywidgets", "ipympl",
                    "jupyterlab_widgets", "jupyter-matplotlib", "jupyterlab-manager"):
        assert package in printed
    assert "All good" in printed


def test_doctor_does_not_import_the_widget_packages():
    """Importing ipympl would switch matplotlib's backend: the doctor only reads files."""
    import subprocess

    code = ("import sys, neuron_lib; neuron_lib.doctor(); "
            "assert not {'ipympl', 'ipywidgets'} & set(sys.modules), sorted(sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stderr


def test_missing_extensions_are_named_with_a_fix(tmp_path):
    report = diagnose(search_path=[tmp_path])
    assert not report.ok
    assert any("@jupyter-widgets/jupyterlab-manager was not found" in p for p in report.problems)
    assert any("jupyter-matplotlib was not found" in p for p in report.problems)
    assert all("pip install --upgrade ipywidgets jupyterlab_widgets ipympl" in p
               for p in report.problems)
    assert "This kernel runs" in report.text()


def test_an_old_jupyter_matplotlib_is_a_mismatch(extensions):
    (extensions / "jupyter-matplotlib" / "package.json").write_text('{"version": "0.9.0"}')
    report = diagnose(search_path=[extensions])
    assert not report.ok
    assert "needs jupyter-matplotlib ^0." in report.problems[0]
    assert "JupyterLab has 0.9.0" in report.problems[0]


def test_a_jupyterlab_widgets_from_another_release_is_a_mismatch(extensions, monkeypatch):
    real_version = doctor_module._version
    monkeypatch.setattr(doctor_module, "_version",
                        lambda name: ("2.0.1" if name == "jupyterlab_widgets"
                                      else real_version(name)))
    report = diagnose(search_path=[extensions])
    assert any("needs jupyterlab_widgets ~=3.0" in p and "2.0.1 is installed" in p
               for p in report.problems), report.problems


def test_a_missing_kernel_package_is_reported(extensions, monkeypatch):
    real_version = doctor_module._version
    monkeypatch.setattr(doctor_module, "_version",
                        lambda name: None if name == "ipympl" else real_version(name))
    report = diagnose(search_path=[extensions])
    assert "ipympl       not installed" in report.text()
    assert any("ipympl is not installed" in p for p in report.problems)


@pytest.mark.parametrize(
    ("version", "requirement", "expected"),
    [("3.0.17", "~=3.0.17", True), ("3.0.20", "~=3.0.17", True), ("3.1.0", "~=3.0.17", False),
     ("3.0.16", "~=3.0.17", False), ("0.12.3", "^0.12", True), ("0.13.0", "^0.12", False),
     ("1.4.0", "^1.2", True), ("2.0.0", "^1.2", False), ("8.1.9", "<9,>=7.6.0", True),
     ("9.0.0", "<9,>=7.6.0", False), ("5.0.16", "==5.0.16", True),
     # K6: npm's space-separated ranges and alternatives; the upper bound was ignored
     ("3.0.0", ">=1.0 <2", False), ("1.5.0", ">=1.0 <2", True), ("2.1.0", "^1.0 || ^2.0", True),
     ("3.1.0", "^1.0 || ^2.0", False), ("0.12.4", "~0.12.1", True), ("0.13.0", "~0.12.1", False),
     ("1.0.0", "", True)],
)
def test_version_ranges(version, requirement, expected):
    assert _satisfies(version, requirement) is expected


def test_the_running_jupyterlab_is_believed_over_the_folders(extensions):
    """On a hub JupyterLab may run from another environment: what it reports counts."""
    reported = {"@jupyter-widgets/jupyterlab-manager": "5.0.16", "jupyter-matplotlib": "0.9.0"}
    report = diagnose(search_path=[extensions], server_extensions=reported)
    assert report.server_checked and "jupyter-matplotlib 0.9.0" in report.text()
    assert any("JupyterLab has 0.9.0" in problem for problem in report.problems)
    assert "as reported by the running JupyterLab" in report.text()
    missing = diagnose(search_path=[extensions], server_extensions={})
    assert any("jupyterlab-manager was not found" in p for p in missing.problems)


def test_the_server_is_found_by_its_root_folder_and_asked(tmp_path, monkeypatch):
    import io
    import urllib.request

    monkeypatch.chdir(tmp_path)
    servers = [{"url": "http://127.0.0.1:1/", "root_dir": "/nowhere", "token": "x"},
               {"url": "http://127.0.0.1:2/", "root_dir": str(tmp_path), "token": "t o"}]
    monkeypatch.setattr("jupyter_server.serverapp.list_running_servers", lambda: servers)
    asked = []

    def fake_urlopen(url, timeout):
        asked.append(url)
        body = json.dumps([{"name": "jupyter-matplotlib", "installed": True,
                            "installed_version": "0.12.0"},
                           {"name": "jupyter-widgets-jupyterlab-manager", "installed": True,
                            "installed_version": "5.0.16"},
                           {"name": "other", "installed": False}])
        return io.BytesIO(body.encode())

    monkeypatch.setattr(urllib.request, "urlopen", fake_urlopen)
    reported = ASK_THE_SERVER()
    assert reported == {"jupyter-matplotlib": "0.12.0",
                        "jupyter-widgets-jupyterlab-manager": "5.0.16"}
    assert diagnose(server_extensions=reported).ok  # the server's spelling of the names
    assert asked == ["http://127.0.0.1:2/lab/api/extensions?token=t+o"]


# --- broken installs and odd servers: a clear line each, never a traceback (review C7) -----


@pytest.mark.parametrize(("content", "reason"), [
    (b'{"name": "jupyter-matplotlib", "vers', r"not valid JSON: Unterminated string"),
    (b'{"name": "jupyter-matplotlib"}', r"no 'version' in it"),
    (b'{"name": "jupyter-matplotlib", "version": "\xff\xfe"}', r"not UTF-8 text"),
    (b'["a list"]', r"TypeError"),
    (b'{"version": 12}', r"its version is 12, not a version number"),
], ids=["truncated", "no-version", "not-utf8", "a-list", "numeric-version"])
def test_a_broken_extension_package_json_is_reported(extensions, content, reason):
    (extensions / "jupyter-matplotlib" / "package.json").write_bytes(content)
    report = diagnose(search_path=[extensions])
    assert not report.ok
    problem = next(p for p in report.problems if "jupyter-matplotlib" in p)
    assert re.search(r"is installed but broken \(could not read .*package\.json \(" + reason,
                     problem), problem
    assert "Reinstall it" in problem
    assert re.search(r"lab extension jupyter-matplotlib: could not read", report.text())


def test_doctor_survives_a_deleted_current_folder(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(doctor_module, "_server_extensions", ASK_THE_SERVER)
    folder = tmp_path / "gone"
    folder.mkdir()
    monkeypatch.chdir(folder)
    folder.rmdir()
    report = diagnose(search_path=[tmp_path])
    assert "could not ask the running JupyterLab (FileNotFoundError" in report.text()
    neuron_lib.doctor()
    assert "Python" in capsys.readouterr().out


def fake_server(monkeypatch, tmp_path, answer, server=None):
    """A running server (its runtime file as list_running_servers gives it) that answers
    `answer` (bytes) to the extensions query."""
    import io
    import urllib.request

    monkeypatch.setattr(doctor_module, "_server_extensions", ASK_THE_SERVER)
    monkeypatch.chdir(tmp_path)
    server = server or {"url": "http://127.0.0.1:9/", "root_dir": str(tmp_path), "token": "t"}
    monkeypatch.setattr("jupyter_server.serverapp.list_running_servers", lambda: [server])
    asked = []

    def urlopen(url, timeout):
        asked.append(url)
        return io.BytesIO(answer)

    monkeypatch.setattr(urllib.request, "urlopen", urlopen)
    return asked


@pytest.mark.parametrize(("answer", "reason"), [
    (b'{"jupyter-matplotlib": "0.12.0"}', r"expected a list of extensions, got dict"),
    (b'[{"installed": true, "installed_version": "1.0"}]', r"expected extensions with a name"),
    (b"<html>not json</html>", r"not valid JSON"),
    (b"[1, 2]", r"expected extensions with a name, got 1"),
], ids=["dict", "no-name", "html", "numbers"])
def test_an_unexpected_server_answer_falls_back_to_the_folders(monkeypatch, tmp_path,
                                                               extensions, answer, reason):
    fake_server(monkeypatch, tmp_path, answer)
    report = diagnose(search_path=[extensions])
    assert re.search(r"Note: could not ask the JupyterLab at http://127\.0\.0\.1:9/ \(.*"
                     + reason, report.text()), report.text()
    assert not report.server_checked and report.ok, report.text()


def test_a_numeric_installed_version_is_read_as_text(monkeypatch, tmp_path):
    answer = json.dumps([{"name": "jupyter-matplotlib", "installed": True,
                          "installed_version": 0.12},
                         {"name": "@jupyter-widgets/jupyterlab-manager", "installed": True,
                          "installed_version": "5.0.16"}]).encode()
    fake_server(monkeypatch, tmp_path, answer)
    report = diagnose()
    assert report.server_checked and "jupyter-matplotlib 0.12" in report.text()


@pytest.mark.parametrize("server", [
    {"root_dir": "ROOT", "token": "t"},  # no url
    {"url": "http://127.0.0.1:9", "root_dir": "ROOT", "token": "t"},  # no trailing slash
    "not a dict",
], ids=["no-url", "no-slash", "not-a-dict"])
def test_malformed_runtime_files_are_skipped_with_a_line(monkeypatch, tmp_path, extensions,
                                                         server):
    if isinstance(server, dict):
        server = {key: str(tmp_path) if value == "ROOT" else value
                  for key, value in server.items()}
    answer = json.dumps([{"name": "jupyter-matplotlib", "installed": True,
                          "installed_version": "0.12.0"}]).encode()
    asked = fake_server(monkeypatch, tmp_path, answer, server)
    report = diagnose(search_path=[extensions])
    assert "Traceback" not in report.text()
    if server != "not a dict" and "url" in server:  # the slash is added: the server answers
        assert report.server_checked
        assert asked == ["http://127.0.0.1:9/lab/api/extensions?token=t"]
    else:
        assert "Note: could not ask the JupyterLab" in report.text()


def test_runtime_files_that_cannot_be_listed_are_reported(monkeypatch, tmp_path, extensions):
    """list_running_servers itself raises on a runtime file that is not UTF-8."""
    def broken():
        raise UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte")

    monkeypatch.setattr(doctor_module, "_server_extensions", ASK_THE_SERVER)
    monkeypatch.setattr("jupyter_server.serverapp.list_running_servers", broken)
    report = diagnose(search_path=[extensions])
    assert "could not ask the running JupyterLab (not UTF-8 text)" in report.text()
    assert report.ok


def test_doctor_prints_a_line_even_if_diagnose_fails(monkeypatch, capsys):
    def broken(*_args, **_kwargs):
        raise RuntimeError("something unforeseen")

    monkeypatch.setattr(doctor_module, "diagnose", broken)
    neuron_lib.doctor()
    assert "The doctor could not finish (RuntimeError: something unforeseen)" in \
        capsys.readouterr().out
