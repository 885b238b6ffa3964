"""neuron_lib.doctor: where the widgets are shown, and whether they will work there.

Every front end is faked as it looks from inside the kernel: environment variables, runtime
files (jpserver-<pid>.json, as every Jupyter server writes them), a real HTTP server on
127.0.0.1 answering as JupyterLab 4, Notebook 7 and a JupyterHub single-user server do
(their answers were recorded from jupyterlab 4.6.6 and notebook 7.6.5), an IPython shell
object, importable modules. The real JupyterLab case runs in tests/e2e.
"""

import json
import os
import re
import subprocess
import sys
import threading
import time
import types
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

import neuron_lib
from neuron_lib import checkup as doctor_module
from neuron_lib import frontend
from neuron_lib.checkup import _satisfies, diagnose
from neuron_lib.frontend import FrontEnd, detect_front_end

ALL_GOOD = "All good: the widget front end matches the kernel."
UNKNOWN = FrontEnd("unknown", "not known")


def entry(name, version, enabled=True):
    """One extension as /lab/api/extensions lists it (fields of JupyterLab 4.6's answer)."""
    return {"name": name, "description": "", "homepage_url": "", "pkg_type": "prebuilt",
            "allowed": True, "approved": False, "companion": None, "core": False,
            "enabled": enabled, "install": {}, "installed": True, "installed_version": version,
            "latest_version": None, "status": "ok"}


LAB_4 = [entry("jupyterlab-pygments", "0.3.0"), entry("jupyter-matplotlib", "0.12.0"),
         entry("jupyter-widgets-jupyterlab-manager", "5.0.16")]
# A `jupyter notebook` 7.6.5 server lists the same, plus Notebook 7's own lab extension.
NOTEBOOK_7 = [entry("jupyter-notebook-lab-extension", "7.6.5"), *LAB_4]


class FakeJupyter:
    """A Jupyter server on 127.0.0.1: the extension list at <base>lab/api/extensions for the
    right token (403 otherwise, as jupyter_server answers), a redirect from <base> to the
    page it opens by default (JupyterLab: lab, Notebook 7: tree), 404 for anything else."""

    def __init__(self, extensions=LAB_4, base="/", token="T", default="lab", status=200,
                 body=None, delay=0.0):
        self.requests = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - the name http.server calls
                fake.requests.append((self.path, self.headers.get("Authorization")))
                path = self.path.split("?")[0]
                try:
                    if path == base + "lab/api/extensions":
                        time.sleep(delay)
                        if self.headers.get("Authorization") != f"token {token}":
                            self.answer(403, b'{"message": "Forbidden", "reason": null}')
                        else:
                            self.answer(status, body if body is not None
                                        else json.dumps(extensions).encode())
                    elif path == base:
                        self.answer(302, b"", {"Location": f"{base}{default}?"})
                    else:
                        self.answer(404, b"<!DOCTYPE HTML><html>404 : Not Found</html>")
                except OSError:
                    pass  # the client gave up waiting (the timeout test)

            def answer(self, code, content, headers=None):
                self.send_response(code)
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(content)))
                self.end_headers()
                self.wfile.write(content)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        self.base, self.token = base, token
        self.url = f"http://127.0.0.1:{self.port}{base}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(autouse=True)
def hermetic(monkeypatch, tmp_path):
    """No real server, editor or hub leaks in: an empty runtime folder, none of the
    variables front ends set, and no IPython shell (as in any test run)."""
    for name in list(os.environ):
        if name.startswith(("JPY_", "JUPYTERHUB_", "VSCODE_", "COLAB_")):
            monkeypatch.delenv(name)
    runtime = tmp_path / "runtime"
    runtime.mkdir()
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(runtime))
    monkeypatch.setattr(frontend, "_shell", lambda: None)
    return runtime


class ZMQInteractiveShell:
    """Stands for ipykernel's shell: a kernel, with the namespace a front end may fill."""

    def __init__(self):
        self.user_ns = {}


@pytest.fixture
def kernel(monkeypatch):
    shell = ZMQInteractiveShell()
    monkeypatch.setattr(frontend, "_shell", lambda: shell)
    return shell


@pytest.fixture
def jupyter():
    """Start FakeJupyter servers; all are stopped after the test."""
    servers = []

    def start(**kwargs):
        servers.append(FakeJupyter(**kwargs))
        return servers[-1]

    yield start
    for server in servers:
        server.close()


def runtime_file(runtime, server, pid=None, root="/", **changes):
    """Write the jpserver-<pid>.json file a running server leaves (fields of
    jupyter_server 2.21's), for `server`, by default run by this very process."""
    pid = os.getpid() if pid is None else pid
    info = {"base_url": server.base, "hostname": "127.0.0.1", "password": False, "pid": pid,
            "port": server.port, "root_dir": str(root), "secure": False, "sock": "",
            "token": server.token, "url": server.url, "version": "2.21.1", **changes}
    path = runtime / f"jpserver-{pid}-{server.port}.json"
    path.write_text(json.dumps(info))
    return path


def started_by(monkeypatch, pid=None):
    """The kernel's JPY_PARENT_PID, as jupyter_client sets it for the process launching it."""
    monkeypatch.setenv("JPY_PARENT_PID", str(os.getpid() if pid is None else pid))


def write_extension(folder, name, version):
    package = folder / name / "package.json"
    package.parent.mkdir(parents=True)
    package.write_text(json.dumps({"name": name, "version": version}))


@pytest.fixture
def extensions(tmp_path):
    """A labextensions folder holding the versions this environment really has."""
    folder = tmp_path / "labextensions"
    for name in doctor_module.LAB_EXTENSIONS:
        version, _ = doctor_module._lab_extension_version(name, doctor_module_paths())
        write_extension(folder, name, version)
    return folder


def doctor_module_paths():
    from jupyter_core.paths import jupyter_path

    return jupyter_path("labextensions")


# --- this environment, and the checks of the extension folders --------------------------------


def test_this_environment_is_healthy(capsys):
    report = diagnose(front_end=UNKNOWN)
    assert report.ok, report.text()
    for package in ("Python", "numpy", "matplotlib", "ipywidgets", "ipympl",
                    "jupyterlab_widgets", "jupyter-matplotlib", "jupyterlab-manager"):
        assert package in report.text()
    assert ALL_GOOD in report.text()
    assert neuron_lib.doctor() is None  # printed once, not echoed again by the notebook
    assert "Python" in capsys.readouterr().out


def test_doctor_does_not_import_the_widget_packages():
    """Importing ipympl would switch matplotlib's backend: the doctor only reads files."""
    code = ("import sys, neuron_lib; neuron_lib.doctor(); "
            "assert not {'ipympl', 'ipywidgets'} & set(sys.modules), sorted(sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stderr


def test_the_report_is_short_first_then_the_details():
    report = diagnose(front_end=UNKNOWN)
    short, details = report.text().split("\n\nDetails:\n")
    assert short.splitlines()[:2] == [UNKNOWN.headline, ALL_GOOD]
    assert "numpy" not in short and re.search(r"^  numpy +\d", details, re.M)
    assert "/" not in report.text().replace("@jupyter-widgets/", "")  # no local path when well


def test_missing_extensions_are_named_with_a_fix(tmp_path):
    report = diagnose(search_path=[tmp_path], front_end=UNKNOWN)
    assert not report.ok
    assert any("@jupyter-widgets/jupyterlab-manager was not found" in p for p in report.problems)
    assert any("jupyter-matplotlib was not found" in p for p in report.problems)
    assert all("pip install --upgrade ipywidgets jupyterlab_widgets ipympl" in p
               for p in report.problems)
    assert "This kernel runs" in report.text() and str(tmp_path) in report.text()


def test_an_old_jupyter_matplotlib_is_a_mismatch(extensions):
    (extensions / "jupyter-matplotlib" / "package.json").write_text('{"version": "0.9.0"}')
    report = diagnose(search_path=[extensions], front_end=UNKNOWN)
    assert not report.ok
    assert "needs jupyter-matplotlib ^0." in report.problems[0]
    assert "JupyterLab has 0.9.0" in report.problems[0]


def test_a_jupyterlab_widgets_from_another_release_is_a_mismatch(extensions, monkeypatch):
    real_version = doctor_module._version
    monkeypatch.setattr(doctor_module, "_version",
                        lambda name: "2.0.1" if name == "jupyterlab_widgets" else real_version(name))
    report = diagnose(search_path=[extensions], front_end=UNKNOWN)
    assert any("needs jupyterlab_widgets ~=3.0" in p and "2.0.1 is installed" in p
               for p in report.problems), report.problems


def test_a_missing_kernel_package_is_reported(extensions, monkeypatch):
    real_version = doctor_module._version
    monkeypatch.setattr(doctor_module, "_version",
                        lambda name: None if name == "ipympl" else real_version(name))
    report = diagnose(search_path=[extensions], front_end=UNKNOWN)
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
    assert "(Extensions as the running JupyterLab reports them.)" in report.text()
    missing = diagnose(search_path=[extensions], server_extensions={})
    assert any("does not serve the extension @jupyter-widgets/jupyterlab-manager" in p
               for p in missing.problems)


@pytest.mark.parametrize(("content", "reason"), [
    (b'{"name": "jupyter-matplotlib", "vers', r"not valid JSON: Unterminated string"),
    (b'{"name": "jupyter-matplotlib"}', r"no 'version' in it"),
    (b'{"name": "jupyter-matplotlib", "version": "\xff\xfe"}', r"not UTF-8 text"),
    (b'["a list"]', r"TypeError"),
    (b'{"version": 12}', r"its version is 12, not a version number"),
], ids=["truncated", "no-version", "not-utf8", "a-list", "numeric-version"])
def test_a_broken_extension_package_json_is_reported(extensions, content, reason):
    (extensions / "jupyter-matplotlib" / "package.json").write_bytes(content)
    report = diagnose(search_path=[extensions], front_end=UNKNOWN)
    assert not report.ok
    problem = next(p for p in report.problems if "jupyter-matplotlib" in p)
    assert re.search(r"is installed but broken \(could not read .*package\.json \(" + reason,
                     problem), problem
    assert "Reinstall it" in problem
    assert re.search(r"lab extension jupyter-matplotlib: could not read", report.text())


def test_doctor_prints_a_line_even_if_diagnose_fails(monkeypatch, capsys):
    def broken(*_args, **_kwargs):
        raise RuntimeError("something unforeseen")

    monkeypatch.setattr(doctor_module, "diagnose", broken)
    neuron_lib.doctor()
    assert "The doctor could not finish (RuntimeError: something unforeseen)" in \
        capsys.readouterr().out
