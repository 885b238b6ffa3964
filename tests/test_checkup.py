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
from pathlib import Path

import pytest

import neuron_lib
from neuron_lib import checkup as doctor_module
from neuron_lib import frontend
from neuron_lib.checkup import _satisfies, diagnose
from neuron_lib.frontend import FrontEnd, detect_front_end

ALL_GOOD = "All good: the widget front end matches the kernel."
UNKNOWN = FrontEnd("unknown", "not known")
# A server that could not be asked, but runs from this very environment: its folders count.
THIS_ENVIRONMENT = FrontEnd("jupyter", "a Jupyter server", server_python=sys.executable)


def entry(name, version, enabled=True):
    """One installed extension: its npm name, version, and whether it is enabled."""
    return {"name": name, "version": version, "enabled": enabled}


LAB_4 = [entry("jupyterlab_pygments", "0.3.0"), entry("jupyter-matplotlib", "0.12.0"),
         entry("@jupyter-widgets/jupyterlab-manager", "5.0.16")]
# A `jupyter notebook` 7.6.5 server serves the same, plus Notebook 7's own lab extension.
NOTEBOOK_7 = [entry("@jupyter-notebook/lab-extension", "7.6.5"), *LAB_4]


def api_entry(extension):
    """`extension` as /lab/api/extensions lists it: the fields of JupyterLab 4.6's answer,
    the name spelt as the extension manager spells it ("@a/b_c" as "a-b-c")."""
    return {"name": re.sub(r"[/_]", "-", extension["name"].lstrip("@")).lower(),
            "description": "", "homepage_url": "", "pkg_type": "prebuilt", "allowed": True,
            "approved": False, "companion": None, "core": False,
            "enabled": extension["enabled"], "install": {}, "installed": True,
            "installed_version": extension["version"], "latest_version": None, "status": "ok"}


def lab_page(extensions, base, version="4.6.6"):
    """JupyterLab's page as the server renders it: the page configuration the browser loads
    (federated extensions, disabled ones; fields of JupyterLab 4.6.6's), in a script tag."""
    config = {"appName": "JupyterLab", "appVersion": version, "baseUrl": base,
              "fullLabextensionsUrl": f"{base}lab/extensions", "labextensionsUrl": "/lab/extensions",
              "federated_extensions": [{"entrypoints": None, "extension": "./extension",
                                        "load": "static/remoteEntry.5cbb9d2323598fbda535.js",
                                        "name": extension["name"]} for extension in extensions],
              "disabledExtensions": ["@jupyterlab/mathjax2-extension:plugin", *(
                  extension["name"] for extension in extensions if not extension["enabled"])]}
    return ('<!doctype html><html><head><title>JupyterLab</title></head><body>'
            '<script id="jupyter-config-data" type="application/json">'
            f"{json.dumps(config)}</script></body></html>").encode()


class FakeJupyter:
    """A Jupyter server on 127.0.0.1, answering for the right token as JupyterLab does:
    its page <base>lab, each extension's package.json under <base>lab/extensions/, the
    extension manager's list at <base>lab/api/extensions; a redirect from <base> to the page
    it opens by default (JupyterLab: lab, Notebook 7: tree). Without the token: 403 for the
    API, a redirect to the login page for the page, as jupyter_server answers."""

    def __init__(self, extensions=LAB_4, base="/", token="T", default="lab", page=True,
                 status=200, body=None, delay=0.0, packages=True):
        self.requests = []
        self.federated = extensions  # what JupyterLab's page lists: the prebuilt ones
        fake = self
        files = {f"{base}lab/extensions/{e['name']}/package.json":
                 json.dumps({"name": e["name"], "version": e["version"]}).encode()
                 for e in extensions} if packages else {}

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                fake.requests.append((self.path, self.headers.get("Authorization")))
                path = self.path.split("?")[0]
                allowed = self.headers.get("Authorization") == f"token {token}"
                try:
                    if path == base + "lab/api/extensions":
                        time.sleep(delay)  # its first answer waits for PyPI
                        if not allowed:
                            self.answer(403, b'{"message": "Forbidden", "reason": null}')
                        else:
                            self.answer(status, body if body is not None else json.dumps(
                                [api_entry(e) for e in extensions]).encode())
                    elif path == base + "lab" and page:
                        if allowed:
                            self.answer(200, lab_page(fake.federated, base))
                        else:
                            self.answer(302, b"", {"Location": f"{base}login?next={base}lab"})
                    elif path in files and allowed:
                        self.answer(200, files[path])
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
        threading.Thread(target=self.httpd.serve_forever, args=(0.02,), daemon=True).start()

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
    assert "numpy" not in short and re.search(r"^  numpy +\d", details, re.MULTILINE)
    assert "/" not in report.text().replace("@jupyter-widgets/", "")  # no local path when well


def test_missing_extensions_are_named_with_a_fix(tmp_path):
    report = diagnose(search_path=[tmp_path], front_end=THIS_ENVIRONMENT)
    assert not report.ok
    assert any("@jupyter-widgets/jupyterlab-manager was not found" in p for p in report.problems)
    assert any("jupyter-matplotlib was not found" in p for p in report.problems)
    assert all("pip install --upgrade ipywidgets jupyterlab_widgets ipympl" in p
               for p in report.problems)
    assert "This kernel runs" in report.text() and str(tmp_path) in report.text()


def test_an_old_jupyter_matplotlib_is_a_mismatch(extensions):
    (extensions / "jupyter-matplotlib" / "package.json").write_text('{"version": "0.9.0"}')
    report = diagnose(search_path=[extensions], front_end=THIS_ENVIRONMENT)
    assert not report.ok
    assert "needs jupyter-matplotlib ^0." in report.problems[0]
    assert "JupyterLab has 0.9.0" in report.problems[0]


def test_a_jupyterlab_widgets_from_another_release_is_a_mismatch(extensions, monkeypatch):
    real_version = doctor_module._version
    monkeypatch.setattr(doctor_module, "_version",
                        lambda name: ("2.0.1" if name == "jupyterlab_widgets"
                                      else real_version(name)))
    report = diagnose(search_path=[extensions], front_end=THIS_ENVIRONMENT)
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
    report = diagnose(search_path=[extensions], front_end=THIS_ENVIRONMENT)
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


# --- JupyterLab, Notebook 7 and JupyterHub: the server that started the kernel is asked ------


def test_jupyterlab_4_that_started_the_kernel_is_asked(hermetic, jupyter, kernel, monkeypatch,
                                                       tmp_path):
    lab = jupyter(extensions=LAB_4, default="lab")
    runtime_file(hermetic, lab)
    started_by(monkeypatch)
    report = diagnose(search_path=[tmp_path])  # the kernel's own folders hold nothing
    assert report.ok, report.text()
    assert report.text().startswith(
        f"Front end: JupyterLab 4.6.6 (served by the Jupyter server at {lab.url})\n{ALL_GOOD}\n"
        "(Extensions as the running JupyterLab reports them.)\n")
    assert "lab extension jupyter-matplotlib 0.12.0" in report.text()
    assert "the server was found because it started this kernel" in report.text()
    # The token travels in a header, never in the address (which servers may log).
    assert ("/lab", "token T") in lab.requests
    assert all("T" not in path for path, _ in lab.requests)


def test_notebook_7_is_named_and_its_extensions_believed(hermetic, jupyter, kernel,
                                                         monkeypatch, tmp_path):
    notebook = jupyter(extensions=NOTEBOOK_7, default="tree")
    runtime_file(hermetic, notebook)
    started_by(monkeypatch)
    report = diagnose(search_path=[tmp_path])
    assert report.ok, report.text()
    assert report.front_end.headline.startswith("Front end: Jupyter Notebook 7 (served by the ")
    assert "JupyterLab on the same server loads the same extensions" in report.text()
    assert "(Extensions as the running Jupyter Notebook 7 reports them.)" in report.text()
    assert ALL_GOOD in report.text()


@pytest.mark.parametrize(("default", "page"), [
    ("lab", "lab"), ("tree", "tree"), ("lab/tree/notebooks/00_course_map.ipynb", "lab"),
    ("notebooks/notebooks/00_course_map.ipynb", "tree"), ("doc/tree/a.ipynb", "lab"),
    ("hub/home", None),
])
def test_the_page_a_server_opens_by_default(jupyter, default, page):
    server = jupyter(base="/user/alice/", default=default)
    assert frontend._default_page({"url": server.url, "token": "T"}, 1.0) == page


def test_a_jupyterlab_that_also_serves_notebook_7_is_named_jupyterlab(
        hermetic, jupyter, kernel, monkeypatch):
    lab = jupyter(extensions=NOTEBOOK_7, default="lab")
    runtime_file(hermetic, lab)
    started_by(monkeypatch)
    front_end = detect_front_end()
    assert front_end.name == "JupyterLab"
    assert "Notebook 7 on the same server loads the same extensions" in front_end.headline


def test_notebook_7_without_the_widget_manager_says_what_to_install(
        hermetic, jupyter, kernel, monkeypatch, extensions):
    notebook = jupyter(extensions=[e for e in NOTEBOOK_7 if "widgets" not in e["name"]],
                       default="tree")
    runtime_file(hermetic, notebook)
    started_by(monkeypatch)
    monkeypatch.setattr(frontend, "_server_python", lambda pid: None)
    report = diagnose(search_path=[extensions])  # the kernel's folders have it: irrelevant
    assert not report.ok
    [problem] = report.problems
    wanted = doctor_module._widgets_range()
    assert problem.startswith("Jupyter Notebook 7 does not serve the extension "
                              "@jupyter-widgets/jupyterlab-manager, so its widgets cannot be "
                              "drawn ('Error displaying widget').")
    assert f'`pip install "jupyterlab_widgets{wanted}"` in the environment the server runs ' \
           "from, restart the server and reload the page" in problem
    assert "`python3 course.py lab`" in problem


def test_a_server_in_another_environment_gets_its_own_pip(hermetic, jupyter, kernel,
                                                          monkeypatch):
    lab = jupyter(extensions=[e for e in LAB_4 if e["name"] != "jupyter-matplotlib"])
    runtime_file(hermetic, lab)
    started_by(monkeypatch)
    monkeypatch.setattr(frontend, "_server_python", lambda pid: "/opt/lab-env/bin/python3")
    report = diagnose()
    [problem] = report.problems
    ipympl = doctor_module._version("ipympl")
    assert f'`/opt/lab-env/bin/python3 -m pip install "ipympl=={ipympl}"`' in problem
    assert ("The Jupyter server runs /opt/lab-env/bin/python3, another environment than this "
            "kernel's.") in report.text()


def started(pid):
    """Wait until the process `pid` runs its own program (not its parent's, copied at fork)."""
    deadline = time.monotonic() + 10
    while b"time.sleep" not in Path(f"/proc/{pid}/cmdline").read_bytes():
        assert time.monotonic() < deadline, "the process did not start"
        time.sleep(0.01)


@pytest.mark.skipif(not os.path.exists("/proc/self/cmdline"), reason="Linux tells, here")
def test_the_server_python_is_read_from_its_command_line():
    server = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        started(server.pid)
        assert frontend._server_python(server.pid) == sys.executable
    finally:
        server.kill()
        server.wait()
    relative = subprocess.Popen(["/usr/bin/env", "python3", "-c", "import time; time.sleep(30)"],
                                env={**os.environ, "PATH": os.path.dirname(sys.executable)})
    try:
        started(relative.pid)  # env execs python3: its command line starts with "python3"
        assert frontend._server_python(relative.pid) is None  # which python3? not told
    finally:
        relative.kill()
        relative.wait()
    with pytest.raises(OSError, match="No such file"):
        frontend._server_python(2**22 + 7)  # no such process; safely() turns this into None


@pytest.mark.parametrize(("listed", "problem"), [
    ([entry("jupyter-matplotlib", "0.12.0"),
      entry("@jupyter-widgets/jupyterlab-manager", "5.0.16", enabled=False)],
     ("JupyterLab has the extension @jupyter-widgets/jupyterlab-manager but it is disabled, "
      "so its widgets cannot be drawn. Run `jupyter labextension enable "
      "@jupyter-widgets/jupyterlab-manager`")),
    ([entry("jupyter-matplotlib", "0.12.0"),
      entry("@jupyter-widgets/jupyterlab-manager", "3.1.11")],
     "needs the widget manager 5 or newer, but JupyterLab has 3.1.11."),
    ([entry("jupyter-matplotlib", "0.11.3"),
      entry("@jupyter-widgets/jupyterlab-manager", "5.0.16")],
     "needs jupyter-matplotlib ^0.12, but JupyterLab has 0.11.3."),
], ids=["disabled", "manager-for-ipywidgets-7", "old-jupyter-matplotlib"])
@pytest.mark.parametrize("page", [True, False], ids=["lab-page", "extension-manager"])
def test_what_the_server_serves_is_checked(hermetic, jupyter, kernel, monkeypatch, listed,
                                           problem, page):
    lab = jupyter(extensions=listed, page=page)
    runtime_file(hermetic, lab)
    started_by(monkeypatch)
    report = diagnose()
    assert [p for p in report.problems if problem in p], report.problems
    assert len(report.problems) == 1


def test_an_ipywidgets_7_kernel_is_drawn_by_the_widget_manager_5(hermetic, jupyter, kernel,
                                                                 monkeypatch):
    """The manager 5 (jupyterlab_widgets 3) draws ipywidgets 7 kernels too: no alarm."""
    real_version = doctor_module._version
    monkeypatch.setattr(doctor_module, "_version",
                        lambda name: "7.8.5" if name == "ipywidgets" else real_version(name))
    lab = jupyter()
    runtime_file(hermetic, lab)
    started_by(monkeypatch)
    assert diagnose().ok


def test_a_kernel_without_ipympl_is_told_so_and_nothing_else(hermetic, jupyter, kernel,
                                                              monkeypatch):
    real_version = doctor_module._version
    monkeypatch.setattr(doctor_module, "_version",
                        lambda name: None if name == "ipympl" else real_version(name))
    runtime_file(hermetic, jupyter())
    started_by(monkeypatch)
    report = diagnose()
    assert len(report.problems) == 1 and "ipympl is not installed" in report.problems[0]


def test_a_hub_single_user_server_is_asked_with_its_token(hermetic, jupyter, kernel,
                                                          monkeypatch, tmp_path):
    """The single-user server runs from the hub's environment, the kernel from another: the
    kernel's own folders hold no extension, and no alarm is raised."""
    hub = jupyter(base="/user/alice/", token="hub-api-token")
    runtime_file(hermetic, hub)
    started_by(monkeypatch)
    monkeypatch.setenv("JUPYTERHUB_USER", "alice")
    monkeypatch.setenv("JUPYTERHUB_SERVICE_PREFIX", "/user/alice/")
    monkeypatch.setenv("JUPYTERHUB_API_TOKEN", "hub-api-token")
    report = diagnose(search_path=[tmp_path])
    assert report.ok, report.text()
    assert report.text().startswith(
        f"Front end: JupyterLab 4.6.6 (alice's server on a JupyterHub, at {hub.url})\n"
        f"{ALL_GOOD}")
    assert ("/user/alice/lab", "token hub-api-token") in hub.requests
    assert ("/user/alice/lab/extensions/jupyter-matplotlib/package.json",
            "token hub-api-token") in hub.requests


def test_a_hub_server_is_found_from_the_hubs_variables(hermetic, jupyter, kernel, monkeypatch):
    """No runtime file in sight (another runtime folder): JUPYTERHUB_SERVICE_URL and the
    server's token still reach it, also when it is bound to every interface."""
    hub = jupyter(base="/user/bob/", token="bob-token", default="tree",
                  extensions=NOTEBOOK_7)
    monkeypatch.setenv("JUPYTERHUB_USER", "bob")
    monkeypatch.setenv("JUPYTERHUB_API_TOKEN", "bob-token")
    monkeypatch.setenv("JUPYTERHUB_SERVICE_URL", f"http://:{hub.port}/user/bob/")
    started_by(monkeypatch, pid=os.getppid())  # the spawner's process: no runtime file
    front_end = detect_front_end()
    assert front_end.name == "Jupyter Notebook 7" and front_end.hub
    assert "JupyterHub's variables name it" in " ".join(front_end.notes)
    assert diagnose(front_end=front_end).ok


def test_a_jupyterlab_started_in_a_hub_terminal_is_not_the_hubs(hermetic, jupyter, kernel,
                                                                 monkeypatch):
    """A learner's own `jupyter lab` inherits the hub's variables: it is named as what it is,
    and a fix goes to its own environment, not to the hub's administrators."""
    lab = jupyter(extensions=LAB_4[:2])
    runtime_file(hermetic, lab)
    started_by(monkeypatch)
    monkeypatch.setenv("JUPYTERHUB_USER", "alice")
    monkeypatch.setenv("JUPYTERHUB_SERVICE_PREFIX", "/user/alice/")
    report = diagnose()
    assert not report.front_end.hub and "served by the Jupyter server at" in report.text()
    assert "administrators" not in report.text() and "pip install" in report.problems[0]


def test_a_server_that_opens_the_classic_notebook_says_what_it_could_not_check(
        hermetic, jupyter, kernel, monkeypatch):
    runtime_file(hermetic, jupyter(default="tree"))  # nbclassic beside JupyterLab
    started_by(monkeypatch)
    report = diagnose()
    assert report.ok and report.front_end.name == "JupyterLab"
    assert ("  • Could not check the classic notebook this server opens at /tree: it draws "
            "widgets with widgetsnbextension.") in report.text()


def test_a_hub_without_the_extensions_asks_the_admins(hermetic, jupyter, kernel, monkeypatch,
                                                      extensions):
    hub = jupyter(base="/user/alice/", token="t", extensions=LAB_4[:1])
    runtime_file(hermetic, hub)
    started_by(monkeypatch)
    monkeypatch.setenv("JUPYTERHUB_USER", "alice")
    report = diagnose(search_path=[extensions])
    assert len(report.problems) == 2
    ipympl = doctor_module._version("ipympl")
    assert any(f"Ask the hub's administrators to install `ipympl=={ipympl}` into the users' "
               "environment" in problem for problem in report.problems)
    assert all("does not serve the extension" in problem for problem in report.problems)


# --- which server, if any: the parent process decides; no false match -------------------------


def test_a_server_that_did_not_start_the_kernel_is_not_asked(hermetic, jupyter, kernel,
                                                             monkeypatch, tmp_path):
    """nbval, nbconvert or papermill started this kernel, in a folder a JupyterLab serves:
    that JupyterLab shows nothing of it."""
    lab = jupyter(extensions=[])
    runtime_file(hermetic, lab, root=tmp_path)
    monkeypatch.chdir(tmp_path)
    started_by(monkeypatch, pid=os.getppid())
    report = diagnose(front_end=detect_front_end())
    assert lab.requests == []
    assert report.front_end.kind == "unknown" and report.ok, report.text()
    assert report.text().startswith("Front end: not known (no Jupyter server it can find "
                                    "started this kernel: nbconvert or a test run, perhaps)\n"
                                    f"{ALL_GOOD}\n(Extensions were looked for in this "
                                    "kernel's environment.")


@pytest.mark.parametrize("session", [False, True], ids=["no-parent-id", "session-name"])
def test_without_a_parent_id_the_server_of_this_folder_is_asked(hermetic, jupyter, kernel,
                                                                monkeypatch, tmp_path, session):
    """Where JPY_PARENT_PID is no process id (Windows), or a server started the kernel under
    another parent, the server whose root holds the kernel's folder is asked."""
    elsewhere = jupyter(extensions=[])
    here = jupyter()
    runtime_file(hermetic, elsewhere, root=tmp_path / "other")
    runtime_file(hermetic, here, root=tmp_path)
    (tmp_path / "course").mkdir()
    monkeypatch.chdir(tmp_path / "course")
    if session:
        started_by(monkeypatch, pid=os.getppid())
        monkeypatch.setenv("JPY_SESSION_NAME", str(tmp_path / "course" / "00.ipynb"))
    report = diagnose()
    assert elsewhere.requests == [] and report.server_checked and report.ok, report.text()
    assert "it serves this kernel's folder" in report.text()


def test_the_runtime_file_of_a_stopped_server_is_ignored(hermetic, jupyter, kernel,
                                                         monkeypatch):
    stopped = subprocess.Popen([sys.executable, "-c", "pass"])
    stopped.wait()
    lab = jupyter()
    runtime_file(hermetic, lab, pid=stopped.pid)
    started_by(monkeypatch, pid=stopped.pid)
    assert detect_front_end().kind == "unknown" and lab.requests == []


def test_a_kernel_started_by_a_server_it_cannot_reach(hermetic, kernel, monkeypatch,
                                                      extensions):
    monkeypatch.setenv("JPY_SESSION_NAME", "/srv/course/00_course_map.ipynb")
    started_by(monkeypatch, pid=os.getppid())
    report = diagnose(search_path=[extensions])
    assert report.front_end.name == "a Jupyter server" and report.ok, report.text()
    assert "one started this kernel, but it could not be found" in report.text()
    assert "(Extensions were looked for in this kernel's environment." in report.text()


# --- odd servers and broken runtime files: a line each, never a traceback (review C7) ----------


@pytest.mark.parametrize(("settings", "reason"), [
    ({"body": b'{"jupyter-matplotlib": "0.12.0"}'}, r"expected a list of extensions, got dict"),
    ({"body": b'[{"installed": true, "installed_version": "1.0"}]'},
     r"expected extensions with a name"),
    ({"body": b"<html>not json</html>"}, r"not valid JSON"),
    ({"body": b"[1, 2]"}, r"expected extensions with a name, got 1"),
    ({"token": "another"}, r"it answered HTTP 403 Forbidden: the token was refused"),
    ({"status": 404}, (r"it answered HTTP 404 Not Found: it does not serve JupyterLab's "
                       r"extension list")),
    ({"status": 500}, r"it answered HTTP 500\)"),
], ids=["dict", "no-name", "html", "numbers", "wrong-token", "no-jupyterlab", "error"])
def test_an_unexpected_server_answer_falls_back_to_the_folders(
        hermetic, jupyter, kernel, monkeypatch, extensions, settings, reason):
    token = settings.pop("token", "T")
    # JupyterLab's page would answer first: these are answers of its extension manager.
    server = jupyter(**settings, page=token != "T")
    runtime_file(hermetic, server, token=token)
    started_by(monkeypatch)
    report = diagnose(search_path=[extensions])
    assert re.search(rf"Note: could not ask the Jupyter server at {server.url} \(.*{reason}",
                     report.text()), report.text()
    assert not report.server_checked and report.ok, report.text()
    assert report.front_end.name == "a Jupyter server"
    assert "it could not be asked which extensions it serves" in report.text()


def test_a_numeric_installed_version_is_read_as_text(hermetic, jupyter, kernel, monkeypatch):
    answer = [{**entry("jupyter-matplotlib", 0.12)}, entry("@jupyter-widgets/jupyterlab-manager",
                                                           "5.0.16")]
    runtime_file(hermetic, jupyter(extensions=answer, page=False))
    started_by(monkeypatch)
    report = diagnose()
    assert report.server_checked and "jupyter-matplotlib 0.12" in report.text()


def test_a_slow_server_is_given_up_on(hermetic, jupyter, kernel, monkeypatch, extensions):
    slow = jupyter(delay=1.0, page=False)
    runtime_file(hermetic, slow)
    started_by(monkeypatch)
    started = time.monotonic()
    report = diagnose(search_path=[extensions], front_end=detect_front_end(timeout=0.2))
    assert time.monotonic() - started < 0.9  # 3 x 0.2 s for the extension manager
    assert "(TimeoutError: timed out)" in report.text() and report.ok


def test_jupyterlabs_page_answers_without_waiting_for_its_extension_manager(
        hermetic, jupyter, kernel, monkeypatch, tmp_path):
    """A real JupyterLab's first /lab/api/extensions answer takes about 3 s (it asks PyPI for
    the latest versions); its page and the extensions' package.json files come at once."""
    lab = jupyter(delay=5.0)
    runtime_file(hermetic, lab)
    started_by(monkeypatch)
    started = time.monotonic()
    report = diagnose(search_path=[tmp_path], front_end=detect_front_end(timeout=1.0))
    assert time.monotonic() - started < 1.0 and report.ok, report.text()
    assert report.front_end.headline.startswith("Front end: JupyterLab 4.6.6 (served by")
    asked = [path for path, _ in lab.requests]
    assert asked == ["/lab", "/lab/extensions/jupyter-matplotlib/package.json",
                     "/lab/extensions/@jupyter-widgets/jupyterlab-manager/package.json", "/"]


def test_a_widget_manager_built_into_jupyterlab_is_found_by_the_extension_manager(
        hermetic, jupyter, kernel, monkeypatch):
    """A source extension, built into JupyterLab's own bundle, is not on the page's list of
    federated extensions: before an alarm, the extension manager is asked too."""
    lab = jupyter()
    lab.federated = [e for e in LAB_4 if "widgets" not in e["name"]]
    runtime_file(hermetic, lab)
    started_by(monkeypatch)
    report = diagnose()
    assert report.ok, report.text()
    assert "/lab/api/extensions" in [path for path, _ in lab.requests]
    assert "lab extension @jupyter-widgets/jupyterlab-manager 5.0.16" in report.text()


def test_an_extension_whose_version_cannot_be_read_is_no_alarm(hermetic, jupyter, kernel,
                                                               monkeypatch):
    runtime_file(hermetic, jupyter(packages=False))
    started_by(monkeypatch)
    report = diagnose()
    assert report.ok and "lab extension jupyter-matplotlib (version unknown)" in report.text()


def test_a_proxy_in_the_environment_is_not_used(hermetic, jupyter, kernel, monkeypatch):
    """The server is this machine's: a proxy (set for pip, say) must not stand in between."""
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "ALL_PROXY"):
        monkeypatch.setenv(name, "http://127.0.0.1:9")
    runtime_file(hermetic, jupyter())
    started_by(monkeypatch)
    assert diagnose().server_checked


@pytest.mark.parametrize("changes", [
    {"url": None}, {"url": "http://127.0.0.1:{port}"}, {"url": "http+unix://%2Ftmp%2Fsock/"},
    {"pid": "not a number"},
], ids=["no-url", "no-slash", "unix-socket", "odd-pid"])
def test_malformed_runtime_files_are_skipped_with_a_line(hermetic, jupyter, kernel,
                                                         monkeypatch, extensions, changes):
    server = jupyter()
    changes = {key: value.format(port=server.port) if isinstance(value, str) else value
               for key, value in changes.items()}
    path = runtime_file(hermetic, server, **changes)
    if changes.get("url", "") is None:
        info = json.loads(path.read_text())
        del info["url"]
        path.write_text(json.dumps(info))
    started_by(monkeypatch)
    report = diagnose(search_path=[extensions])
    assert "Traceback" not in report.text() and report.ok, report.text()
    if (changes.get("url") or "").startswith("http://"):  # the slash is added: the server answers
        assert report.server_checked
    elif "url" in changes:
        assert "Note: could not ask the Jupyter server" in report.text()
    else:  # a pid that is no number names no running server
        assert report.front_end.kind == "unknown"


@pytest.mark.parametrize(("content", "reason"), [
    (b"\xff\xfe", "not UTF-8 text"), (b'["a", "list"]', "expected a JSON object, got list"),
    (b'{"url": ', "not valid JSON"),
], ids=["not-utf8", "a-list", "truncated"])
def test_unreadable_runtime_files_are_reported(hermetic, jupyter, kernel, monkeypatch,
                                               extensions, content, reason):
    (hermetic / "jpserver-1.json").write_bytes(content)
    runtime_file(hermetic, jupyter())
    started_by(monkeypatch)
    report = diagnose(search_path=[extensions])
    assert f"Note: could not read the runtime file jpserver-1.json ({reason}" in report.text()
    assert report.server_checked and report.ok  # the readable one is still asked


def test_doctor_survives_a_deleted_current_folder(hermetic, jupyter, kernel, tmp_path,
                                                  monkeypatch, capsys, extensions):
    runtime_file(hermetic, jupyter())
    folder = tmp_path / "gone"
    folder.mkdir()
    monkeypatch.chdir(folder)
    folder.rmdir()
    report = diagnose(search_path=[extensions])
    assert "could not look for the Jupyter server (FileNotFoundError" in report.text()
    assert report.ok
    neuron_lib.doctor()
    assert "Python" in capsys.readouterr().out


# --- front ends that draw ipywidgets themselves: VS Code and Colab -----------------------------


def test_vscode_is_recognised_by_the_name_it_sets_in_the_kernel(hermetic, jupyter, kernel,
                                                                monkeypatch, tmp_path):
    """VS Code may run the kernel through a Jupyter server that serves no widget extension:
    VS Code draws the widgets, so the server is not asked and there is no alarm."""
    kernel.user_ns["__vsc_ipynb_file__"] = str(tmp_path / "00_course_map.ipynb")
    server = jupyter(extensions=[])
    runtime_file(hermetic, server)
    started_by(monkeypatch)
    report = diagnose(search_path=[tmp_path])
    assert server.requests == [] and report.ok, report.text()
    ipywidgets, ipympl = doctor_module._version("ipywidgets"), doctor_module._version("ipympl")
    assert report.text().startswith(
        "Front end: VS Code (it draws ipywidgets itself: there is no JupyterLab extension to "
        f"check)\nAll good: VS Code draws the widgets itself, and supports ipywidgets "
        f"{ipywidgets} and ipympl {ipympl} (`%matplotlib widget`).\n")
    assert "lab extension" not in report.text()


@pytest.mark.parametrize("variable", ["VSCODE_PID", "VSCODE_CWD"])
def test_vscode_is_recognised_by_its_launchers_variables(kernel, monkeypatch, variable):
    monkeypatch.setenv(variable, "4242")
    assert detect_front_end().kind == "vscode"


def test_vscode_finds_ipympls_scripts_in_the_kernels_environment(kernel, monkeypatch,
                                                                 tmp_path):
    kernel.user_ns["__vsc_ipynb_file__"] = "lesson.ipynb"
    scripts = tmp_path / "share" / "jupyter" / "nbextensions" / "jupyter-matplotlib"
    scripts.mkdir(parents=True)
    (scripts / "index.js").write_text("define([], function () {});")
    monkeypatch.setattr(sys, "prefix", str(tmp_path))
    report = diagnose()
    assert ("ipympl's widget scripts: in this kernel's environment, where VS Code loads them "
            "from") in report.text()
    assert report.ok and not report.notes


def test_vscode_without_ipympls_scripts_could_not_check_and_says_how(kernel, monkeypatch,
                                                                     tmp_path):
    kernel.user_ns["__vsc_ipynb_file__"] = "lesson.ipynb"
    monkeypatch.setattr(sys, "prefix", str(tmp_path))
    report = diagnose()
    assert report.ok  # VS Code may well download them: not an alarm
    [note] = report.notes
    assert note.startswith("Could not check whether VS Code can load ipympl's widget scripts")
    assert '"jupyter.widgetScriptSources": ["jsdelivr.com", "unpkg.com"]' in note


@pytest.mark.parametrize(("version", "ok", "says"), [
    ("7.8.5", True, "All good: VS Code draws the widgets itself, and supports ipywidgets 7.8.5"),
    ("9.0.0", True, "Could not check: whether VS Code draws ipywidgets 9.0.0 is not known"),
    ("6.0.0", False, ("VS Code draws ipywidgets 7 and 8; this kernel has ipywidgets 6.0.0. "
                      "Run `pip install --upgrade ipywidgets`")),
], ids=["ipywidgets-7", "ipywidgets-9", "ipywidgets-6"])
def test_vscode_checks_the_kernels_ipywidgets(kernel, monkeypatch, version, ok, says):
    monkeypatch.setenv("VSCODE_PID", "4242")
    real_version = doctor_module._version
    monkeypatch.setattr(doctor_module, "_version",
                        lambda name: version if name == "ipywidgets" else real_version(name))
    report = diagnose()
    assert report.ok is ok and says in report.text(), report.text()


COLAB_MANAGER = ("https://ssl.gstatic.com/colaboratory-static/widgets/"
                 "colab-cdn-widget-manager/bf763107cca07459/manager.min.js")


def colab_modules(monkeypatch, installed_url):
    """google.colab as Colab's kernel has it loaded; `installed_url` None: not loaded."""
    output = types.ModuleType("google.colab.output._widgets")
    output._installed_url = installed_url
    monkeypatch.setitem(sys.modules, "google.colab", types.ModuleType("google.colab"))
    if installed_url != "absent":
        monkeypatch.setitem(sys.modules, "google.colab.output._widgets", output)


@pytest.mark.parametrize(("installed_url", "ok", "says"), [
    (COLAB_MANAGER, True, ("All good: Colab draws ipywidgets, and its custom widget manager "
                           "(for ipympl's figures) is on.")),
    (None, False, ("✘ Colab draws the demos' figures (ipympl, a third-party widget) only with "
                   "its custom widget manager, which is off: run `from google.colab import "
                   "output; output.enable_custom_widget_manager()` once")),
    ("absent", True, ("Colab draws ipywidgets itself.\n  • Could not check whether Colab's "
                      "custom widget manager is on.")),
], ids=["manager-on", "manager-off", "could-not-check"])
def test_colab_checks_its_custom_widget_manager(hermetic, jupyter, kernel, monkeypatch,
                                               tmp_path, installed_url, ok, says):
    colab_modules(monkeypatch, installed_url)
    server = jupyter(extensions=[])  # Colab's own server: not what draws the widgets
    runtime_file(hermetic, server)
    started_by(monkeypatch)
    report = diagnose(search_path=[tmp_path])
    assert report.front_end.name == "Google Colab" and server.requests == []
    assert report.ok is ok and says in report.text(), report.text()


def test_colab_is_recognised_by_an_importable_google_colab(kernel, monkeypatch, tmp_path):
    package = tmp_path / "site" / "google" / "colab"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("")
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    assert "google.colab" not in sys.modules
    report = diagnose()
    assert report.front_end.kind == "colab" and report.ok, report.text()
    assert not {"google", "google.colab"} & set(sys.modules)  # found, not imported


def test_colab_is_recognised_by_its_release_tag(kernel, monkeypatch):
    monkeypatch.setenv("COLAB_RELEASE_TAG", "release-colab_20260101-060000_RC00")
    assert detect_front_end().kind == "colab"


# --- JupyterLite, a terminal, Spyder, and kernels whose front end is not known -----------------


def test_jupyterlite_could_not_check_and_says_what_the_site_needs(kernel, monkeypatch):
    monkeypatch.setattr(sys, "platform", "emscripten")
    report = diagnose()
    assert report.front_end.name == "JupyterLite" and report.ok
    assert report.text().startswith(
        "Front end: JupyterLite (the kernel runs in this browser tab)\nCould not check the "
        "widget front end: JupyterLite has no server to ask.\n  • JupyterLite shows the demos "
        "only if the site was built with jupyterlab_widgets and ipympl installed.")


class TerminalInteractiveShell:
    """Stands for IPython's terminal shell: no kernel, no widgets."""

    def __init__(self):
        self.user_ns = {}


@pytest.mark.parametrize(("shell", "what"), [
    (None, "Python outside a notebook"), (TerminalInteractiveShell(), "IPython in a terminal"),
], ids=["python", "ipython"])
def test_a_terminal_cannot_show_widgets_and_says_how_to_open_the_course(monkeypatch, shell,
                                                                        what):
    monkeypatch.setattr(frontend, "_shell", lambda: shell)
    report = diagnose()
    assert not report.ok
    assert report.text().startswith(
        f"Front end: none (this is {what}, which cannot show widgets)\nProblems:\n  ✘ Widgets "
        "(the demos' sliders and live figures, the quizzes) cannot show in a terminal: they "
        "need a notebook. Open the course with `python3 course.py lab` in the course folder.\n"
        "  • A JupyterLab started from this environment has the widget extensions the course "
        "needs.\n")


def test_a_kernel_without_ipythons_shell_is_not_taken_for_a_terminal(monkeypatch):
    started_by(monkeypatch, pid=os.getppid())  # a kernel launcher started this Python
    assert detect_front_end().kind == "unknown"


def test_a_terminal_in_an_environment_without_extensions_says_both(tmp_path):
    report = diagnose(search_path=[tmp_path])
    assert len(report.problems) == 3 and "cannot show in a terminal" in report.problems[0]
    assert "A JupyterLab started from this environment" not in report.text()


def test_spyder_cannot_show_widgets(kernel, monkeypatch):
    monkeypatch.setitem(sys.modules, "spyder_kernels", types.ModuleType("spyder_kernels"))
    report = diagnose()
    assert report.front_end.name == "Spyder" and not report.ok
    assert "cannot show in Spyder: they need a notebook" in report.problems[0]


def test_a_kernel_of_an_unknown_front_end_checks_its_environment(kernel, tmp_path):
    """What this environment lacks matters only if the front end runs from it, which
    nothing tells here: it is said, as something to check, not as an alarm."""
    assert ALL_GOOD in diagnose().text()
    missing = diagnose(search_path=[tmp_path])
    assert missing.front_end.kind == "unknown" and missing.ok, missing.text()
    assert missing.text().startswith(
        "Front end: not known (no Jupyter server it can find started this kernel: nbconvert "
        "or a test run, perhaps)\nCould not check the widget front end.\n  • For a JupyterLab "
        "started from this kernel's environment: the JupyterLab extension "
        "@jupyter-widgets/jupyterlab-manager was not found")
    assert len(missing.notes) == 2 and ALL_GOOD not in missing.text()


@pytest.mark.parametrize(("server_python", "alarm"), [
    (sys.executable, True), ("/opt/hub-env/bin/python3", False), (None, False),
], ids=["this-environment", "another-environment", "environment-not-known"])
def test_a_server_that_could_not_be_asked_is_judged_by_its_environment(
        hermetic, jupyter, kernel, monkeypatch, tmp_path, server_python, alarm):
    runtime_file(hermetic, jupyter(), token="stale")  # it refuses the runtime file's token
    started_by(monkeypatch)
    monkeypatch.setattr(frontend, "_server_python", lambda pid: server_python)
    report = diagnose(search_path=[tmp_path])
    assert report.front_end.name == "a Jupyter server"
    assert report.ok is not alarm, report.text()
    assert report.text().startswith(
        "Front end: a Jupyter server (it could not be asked which extensions it serves)\n"
        + ("Problems:" if alarm else "Could not check the widget front end.\n  • For a "
           "JupyterLab started from this kernel's environment: the JupyterLab extension"))


def test_detection_that_fails_is_a_note_not_a_traceback(kernel, monkeypatch, capsys):
    def broken(*_args):
        raise RuntimeError("a broken jupyter_core")

    monkeypatch.setattr(frontend, "_jupyter_server", broken)
    report = diagnose()
    assert "Note: could not look for the Jupyter server (RuntimeError: a broken jupyter_core)" \
        in report.text() and report.ok
    monkeypatch.setattr(doctor_module, "detect_front_end", broken)
    assert "Note: could not tell the front end (RuntimeError" in diagnose().text()
    neuron_lib.doctor()
    assert "Front end: not known" in capsys.readouterr().out
