"""A real JupyterLab in headless Chromium: the server, the browser, and how to drive a lesson.

conftest.py re-exports the fixtures and the collection hook defined here; the browser itself
is the root conftest.py's `browser` fixture, shared with the hub test.

The server runs from this very environment on 127.0.0.1, on a free port, with a random token
and fresh settings, workspace and runtime folders; it is stopped by its PID (and its kernels
with it) whatever happens in the tests. Chromium is Debian's (`/usr/bin/chromium`), driven by
the `playwright` package; nothing is downloaded. Without Chromium the tests skip, except in
CI (`CI=true`), where a skip is a failure.
"""

import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "notebooks").rglob("*.ipynb")
                   if ".ipynb_checkpoints" not in p.parts)
SCREENSHOTS = ROOT / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]
INSTALL_HINT = ("install Debian's Chromium (`sudo apt-get install chromium`) or set CHROMIUM to "
                "a Chromium executable, then run the tests again")
NOTEBOOK = ".jp-NotebookPanel:not(.lm-mod-hidden)"
# The notebook's kernel is connected and idle (the status bar says "Idle" earlier, while the
# kernel is still starting, so ask JupyterLab itself: it is exposed as window.jupyterapp).
KERNEL_IDLE = """(() => {
    const context = window.jupyterapp?.shell.currentWidget?.sessionContext;
    const kernel = context?.session?.kernel;
    return Boolean(context?.isReady && kernel?.connectionStatus === 'connected'
                   && kernel.status === 'idle');
})()"""


def _missing():
    """What the browser tests lack to run here, or None."""
    if not Path(CHROMIUM).exists():
        return f"no Chromium at {CHROMIUM}: {INSTALL_HINT}"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is missing: pip install -r requirements-dev.txt"
    return None


def pytest_collection_modifyitems(config, items):
    missing = _missing()
    if missing is None or not any("e2e" in item.nodeid for item in items):
        return
    if os.environ.get("CI"):
        raise pytest.UsageError(f"CI must run the browser tests, but {missing}.")
    skip = pytest.mark.skip(reason=missing)
    for item in items:
        if "e2e" in item.nodeid:
            item.add_marker(skip)


# A 32-bit hash of a canvas's pixels: changes when anything on the plot changes.
CANVAS_HASH = """(canvas) => {
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    const words = new Uint32Array(data.buffer);
    let hash = 0;
    for (let i = 0; i < words.length; i++) hash = (Math.imul(hash, 31) + words[i]) | 0;
    return hash;
}"""

# Resolves with the milliseconds from the last key press to the canvas showing new pixels.
WAIT_FOR_NEW_PIXELS = """([canvas, before]) => new Promise((resolve, reject) => {
    const hash = """ + CANVAS_HASH + """;
    const started = performance.now();
    const tick = () => {
        if (hash(canvas) !== before) resolve(performance.now() - window.__lastKeyDown);
        else if (performance.now() - started > 10000) reject(new Error('plot did not change'));
        else requestAnimationFrame(tick);
    };
    tick();
})"""

RECORD_KEY_TIMES = """() => {
    if (!window.__keyListener) {
        window.__keyListener = true;
        document.addEventListener('keydown', () => { window.__lastKeyDown = performance.now(); },
                                  true);
    }
}"""


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Lab:
    """A running JupyterLab server."""

    def __init__(self, root):
        self.token = secrets.token_hex(16)
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.home = Path(tempfile.mkdtemp(prefix="e2e-lab-"))
        # A copy of the lessons: opening them in JupyterLab must not touch the committed files.
        self.root = self.home / "course"
        shutil.copytree(root / "notebooks", self.root / "notebooks")
        environment = {
            **os.environ,
            "JUPYTERLAB_WORKSPACES_DIR": str(self.home / "workspaces"),
            "JUPYTERLAB_SETTINGS_DIR": str(self.home / "settings"),
            "JUPYTER_RUNTIME_DIR": str(self.home / "runtime"),
            "JUPYTER_CONFIG_DIR": str(self.home / "config"),
        }
        # Render every cell (no windowing), so that every output is in the page to check.
        settings = self.home / "settings" / "@jupyterlab" / "notebook-extension"
        settings.mkdir(parents=True)
        (settings / "tracker.jupyterlab-settings").write_text('{"windowingMode": "none"}')
        command = [sys.executable, "-m", "jupyter", "lab", "--no-browser",
                   f"--IdentityProvider.token={self.token}", "--ServerApp.ip=127.0.0.1",
                   f"--port={self.port}", "--ServerApp.port_retries=0",
                   f"--ServerApp.root_dir={self.root}", "--LabApp.news_url=None",
                   "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
                   "--LabApp.expose_app_in_browser=True"]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            command.append("--allow-root")
        self.log = open(self.home / "lab.log", "w")  # noqa: SIM115 - closed in stop()
        # Its own process group, so that signals reach it and nothing else of ours.
        self.process = subprocess.Popen(command, env=environment, stdout=self.log,
                                        stderr=subprocess.STDOUT, start_new_session=True)
        try:
            self._wait_until_up()
        except BaseException:  # a timeout or Ctrl-C while starting: leave nothing behind
            self.stop()
            raise

    def _wait_until_up(self):
        wait_until_answering(self.process, f"{self.base}/api/status?token={self.token}",
                             "JupyterLab", lambda: f"see {self.home / 'lab.log'}")

    def url(self, notebook):
        return f"{self.base}/lab/tree/{notebook}?reset&token={self.token}"

    def _api(self, path, method="GET"):
        request = urllib.request.Request(f"{self.base}{path}?token={self.token}", method=method)
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
        return json.loads(body) if body else None

    def stop(self):
        """Shut down the kernels (each runs in its own session), then the server, by PID."""
        if self.process.poll() is None:
            try:
                for kernel in self._api("/api/kernels"):
                    self._api(f"/api/kernels/{kernel['id']}", method="DELETE")
            except OSError:
                pass  # the server is not answering: its own shutdown stops its kernels
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.log.close()
        shutil.rmtree(self.home, ignore_errors=True)


def wait_until_answering(process, url, name, details, timeout=60):
    """Poll `url` until the server started as `process` answers it (JupyterLab, the hub).

    Raises RuntimeError, naming `name` and adding `details()` (where its log is), if the
    process exits first or nothing answers within `timeout` seconds.
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{name} exited early; {details()}")
        try:
            with urllib.request.urlopen(url, timeout=2):  # an error status raises (OSError)
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{name} did not answer within {timeout} s; {details()}")


@pytest.fixture(scope="session")
def lab():
    SCREENSHOTS.mkdir(exist_ok=True)
    server = Lab(ROOT)
    yield server
    server.stop()


@contextlib.contextmanager
def chromium():
    """Headless Chromium, driven by Playwright; the `browser` fixture of the root conftest.py."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    context.close()


def open_and_run_all(page, lab, notebook):
    """Open a notebook in JupyterLab, Run All, and wait until every cell has run."""
    page.goto(lab.url(notebook))
    return run_all(page)


def run_all(page):
    """Run All in the notebook on show, from cleared outputs; wait until every cell has run."""
    panel = page.locator(NOTEBOOK)
    panel.locator(".jp-Cell").first.wait_for()
    page.wait_for_function(f"() => {KERNEL_IDLE}", timeout=60_000)
    # Clear the saved outputs first, so that a numbered prompt can only mean "ran now".
    page.get_by_role("menuitem", name="Edit", exact=True).click()
    page.get_by_role("menuitem", name="Clear Outputs of All Cells", exact=True).click()
    page.wait_for_function("""() => ![...document.querySelectorAll(
        '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputArea-prompt')]
        .some(p => /\\d/.test(p.textContent))""")
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    n_code_cells = panel.locator(".jp-CodeCell").count()
    try:
        _wait_until_all_ran(page, n_code_cells)
    except Exception as error:
        page.screenshot(path=SCREENSHOTS / "run-all-failed.png")
        state = page.evaluate("""() => [
            [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell '
                + '.jp-InputArea-prompt')].map(p => p.textContent).join(' '),
            """ + KERNEL_IDLE + """]""")
        raise AssertionError(f"Run All did not finish: prompts {state[0]}, kernel idle: {state[1]}; "
                             f"see {SCREENSHOTS / 'run-all-failed.png'}") from error
    return panel


def _wait_until_all_ran(page, n_code_cells):
    page.wait_for_function(
        """(n) => {
            const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
            const prompts = [...panel.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')];
            const done = prompts.filter(p => /\\[\\d+\\]/.test(p.textContent)).length;
            return done === n && """ + KERNEL_IDLE + """;
        }""", arg=n_code_cells, timeout=60_000)
