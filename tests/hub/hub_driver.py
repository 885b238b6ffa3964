"""A real JupyterHub for the tests: its single-user environment, the course served by git,
the hub itself, and the README's nbgitpuller link pointed at them.

- The single-user environment is what a hub's image holds: exactly the packages of
  binder/requirements.txt, for the Python of binder/runtime.txt, plus the `jupyterhub` package
  that repo2docker's base environment adds to every image. Building it downloads about 110
  packages (minutes), so it is built once per set of pins and kept in a cache folder
  (``$NNFS_HUB_ENV_CACHE``, default ``~/.cache/neural-networks-from-scratch``); older builds
  there are removed. neuron_lib itself is not installed into it: the kernels import it from
  the student's pulled copy of the course, so that the library and the lessons come from
  the same commit, the one under test.
- The course is served as a bare git repository in a temporary folder, named as on GitHub,
  made from this repository's HEAD (committed work only, as CI's clean clone holds), so
  nbgitpuller clones and merges it exactly as it would the GitHub repository.
- The hub runs from this environment (JupyterHub from PyPI, configurable-http-proxy from
  npm), on 127.0.0.1 with free ports, DummyAuthenticator with one password, and
  SimpleLocalProcessSpawner (no system users: each student's home is a folder of the
  hub's). It is stopped by process id, with every process it started (proxy, single-user
  servers, kernels), whatever happens.
"""

import hashlib
import importlib.metadata
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "e2e"))
sys.path.insert(0, str(ROOT / "tools"))
import lab_driver
import pin_binder

PROXY_COMMAND = "configurable-http-proxy"
LOCAL_PROXY = ROOT / ".ci" / "node_modules" / ".bin" / PROXY_COMMAND
PROXY_HINT = ("install it from npm into the project: `npm ci --prefix .ci` (as .ci/run does; "
              "needs node 20 or newer), or set CONFIGURABLE_HTTP_PROXY to its path")
CACHE = Path(os.environ.get("NNFS_HUB_ENV_CACHE")
             or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
             / "neural-networks-from-scratch")
README_LINK = re.compile(r"^\s*(https://HUB/hub/user-redirect/git-pull\?\S+)$", re.MULTILINE)
STUDENT = "student"


def find_proxy():
    """The configurable-http-proxy command that runs here, or None."""
    for candidate in (os.environ.get("CONFIGURABLE_HTTP_PROXY"), str(LOCAL_PROXY),
                      shutil.which(PROXY_COMMAND)):
        if candidate and Path(candidate).is_file():
            try:
                result = subprocess.run([candidate, "--version"], capture_output=True, check=False,
                                        timeout=30)
            except (OSError, subprocess.TimeoutExpired):
                continue
            if result.returncode == 0:
                return candidate
    return None


def missing():
    """What the hub test lacks to run here, or None."""
    browser = lab_driver._missing()
    if browser:
        return browser
    if shutil.which("git") is None:
        return "git is missing (nbgitpuller runs it): install git"
    if find_proxy() is None:
        return f"configurable-http-proxy (JupyterHub's proxy) is missing: {PROXY_HINT}"
    version = pin_binder.runtime_python()
    if pin_binder.find_python(version) is None:
        return (f"python{version} (binder/runtime.txt), the Python of a hub's image, is "
                "missing: install it (e.g. with pyenv)")
    try:
        importlib.metadata.version("jupyterhub")
    except importlib.metadata.PackageNotFoundError:
        return "jupyterhub is missing: pip install -r requirements-dev.txt"
    return None


# --- the single-user environment ----------------------------------------------------------

def _image_requirements():
    """binder/requirements.txt without `-e .`, plus the hub's own jupyterhub version."""
    pins = [line for line in pin_binder.PINS.read_text().splitlines()
            if line.strip() and not line.startswith(("#", "-e"))]
    return [*pins, f"jupyterhub=={importlib.metadata.version('jupyterhub')}"]


def singleuser_environment():
    """The folder of a virtual environment holding exactly the image's packages (cached).

    ``hub-singleuser-KEY`` in the cache is a link to the finished build for one set of
    requirements (KEY); a build happens in a folder of its own and is linked only once its
    pins are checked, so that an interrupted build is never used.
    """
    requirements = _image_requirements()
    python = pin_binder.find_python(pin_binder.runtime_python())
    key = hashlib.sha256("\n".join([python, *requirements]).encode()).hexdigest()[:16]
    link = CACHE / f"hub-singleuser-{key}"
    if (link / "complete").is_file():
        return link.resolve()
    CACHE.mkdir(parents=True, exist_ok=True)
    build = Path(tempfile.mkdtemp(prefix=f"{link.name}.", dir=CACHE))
    try:
        subprocess.run([python, "-m", "venv", str(build)], check=True)
        requirements_file = build / "image-requirements.txt"
        requirements_file.write_text("\n".join(requirements) + "\n")
        subprocess.run([str(build / "bin" / "python"), "-m", "pip", "install", "--quiet",
                        "--disable-pip-version-check", "-r", str(requirements_file)],
                       check=True, capture_output=True, text=True)
        _check_pins(build / "bin" / "python")
        (build / "complete").write_text("\n".join(requirements) + "\n")
    except subprocess.CalledProcessError as error:
        shutil.rmtree(build, ignore_errors=True)
        raise RuntimeError(f"building the single-user environment failed:\n{error.stderr}") \
            from error
    except BaseException:
        shutil.rmtree(build, ignore_errors=True)
        raise
    new_link = CACHE / f".link-{build.name}"
    new_link.symlink_to(build.name)
    new_link.replace(link)  # atomic: a concurrent run sees the old link or the new one
    for old in CACHE.glob("hub-singleuser-*"):
        if old in (link, build) or not (old / "complete").is_file():
            continue  # the one in use, or a build still under way elsewhere
        old.unlink() if old.is_symlink() else shutil.rmtree(old, ignore_errors=True)
    return build


def _check_pins(python):
    """Every package of binder/requirements.txt is installed at exactly its pinned version."""
    installed = {pin_binder.requirement_name(name): version
                 for name, version in (line.split("==") for line in pin_binder.freeze(python))}
    wrong = {name: (version, installed.get(name)) for name, version in pin_binder.pinned().items()
             if installed.get(name) != version}
    if wrong:
        raise RuntimeError(f"the single-user environment does not hold the Binder pins: "
                           f"{wrong} (pinned, installed)")


# --- the course, served by git --------------------------------------------------------------

def git(*args, cwd=None):
    """Run git with a fixed identity (CI machines may have none); return its output."""
    identity = ["-c", "user.name=Course Test", "-c", "user.email=course-test@example.org",
                "-c", "init.defaultBranch=main", "-c", "advice.detachedHead=false"]
    return subprocess.run(["git", *identity, *args], cwd=cwd, check=True, capture_output=True,
                          text=True).stdout


class ServedCourse:
    """A bare git repository holding this repository's HEAD as branch main, named `name`."""

    def __init__(self, name):
        self.home = Path(tempfile.mkdtemp(prefix="hub-course-"))
        self.path = self.home / name
        git("init", "--quiet", "--bare", str(self.path))
        git("push", "--quiet", str(self.path), "HEAD:refs/heads/main", cwd=ROOT)
        self.head = git("rev-parse", "HEAD", cwd=ROOT).strip()

    def commit(self, message, edit):
        """Commit upstream what `edit(folder)` changes in a clone of branch main."""
        work = self.home / "teacher"
        if not work.exists():
            git("clone", "--quiet", "--branch", "main", str(self.path), str(work))
        git("pull", "--quiet", "--ff-only", cwd=work)
        edit(work)
        git("add", "--all", cwd=work)
        git("commit", "--quiet", "-m", message, cwd=work)
        git("push", "--quiet", "origin", "main", cwd=work)

    def remove(self):
        shutil.rmtree(self.home, ignore_errors=True)


def readme_template():
    """The README's nbgitpuller link: (address, query as (name, value) pairs)."""
    readme = (ROOT / "README.md").read_text()
    found = README_LINK.findall(readme)
    if len(found) != 1:
        raise AssertionError(f"the README should show one nbgitpuller link, found {found}")
    template = urllib.parse.urlsplit(found[0])
    query = urllib.parse.parse_qsl(template.query, strict_parsing=True)
    if [name for name, _ in query].count("repo") != 1:
        raise AssertionError(f"the README's link needs one repo= parameter: {found[0]}")
    return template, query


def course_name():
    """The repository's name in the README's link: the folder nbgitpuller clones into."""
    _, query = readme_template()
    return Path(urllib.parse.urlsplit(dict(query)["repo"]).path).name


def readme_link(hub_url, repository):
    """The README's nbgitpuller link for `hub_url`, pulling `repository` (a local path).

    Only the hub's address and the repository are replaced; every other part of the link
    (branch, where it lands) is the README's.
    """
    template, query = readme_template()
    if Path(repository).name != course_name():
        raise AssertionError(f"serve the course as {course_name()}, not {repository}")
    query = [(name, str(repository) if name == "repo" else value) for name, value in query]
    return f"{hub_url}{template.path}?{urllib.parse.urlencode(query)}", dict(query)


# --- the hub ----------------------------------------------------------------------------------

HUB_CONFIG = """\
# Written by tests/hub/hub_driver.py for one test run.
import os

c = get_config()  # noqa: F821
c.JupyterHub.bind_url = "http://127.0.0.1:{port}"
c.JupyterHub.hub_bind_url = "http://127.0.0.1:{hub_port}"
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{proxy_api_port}"
c.ConfigurableHTTPProxy.command = [{proxy!r}]
c.JupyterHub.db_url = "sqlite:///{home}/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = "{home}/jupyterhub_cookie_secret"
c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = {password!r}
c.Authenticator.allowed_users = {{{student!r}}}
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = "{home}/users/{{username}}"
c.Spawner.cmd = ["{environment}/bin/jupyterhub-singleuser"]
c.Spawner.args = {args!r}
c.Spawner.default_url = "/lab"
# A busy CI machine can take longer than the default 30 s to start a server.
c.Spawner.http_timeout = 120
c.Spawner.start_timeout = 120
# Nothing from the test's own environment (its virtualenv, its PYTHONPATH) reaches a student.
c.Spawner.env_keep = ["LANG", "LC_ALL"]
c.Spawner.environment = {{
    "PATH": "{environment}/bin:/usr/local/bin:/usr/bin:/bin",
    # The course's library, from the student's own pull (see hub_driver's docstring).
    "PYTHONPATH": lambda spawner: os.path.join(spawner.home_dir, {course!r}),
    "JUPYTER_CONFIG_DIR": "{home}/jupyter-config",
    "JUPYTERLAB_SETTINGS_DIR": "{home}/lab-settings",
    "JUPYTERLAB_WORKSPACES_DIR": lambda spawner: os.path.join(spawner.home_dir, ".workspaces"),
}}
"""

# What lab_driver's JupyterLab gets on its command line, as single-user server config.
SERVER_CONFIG = {"LabApp": {"news_url": None, "expose_app_in_browser": True,
                            "check_for_updates_class": "jupyterlab.NeverCheckForUpdate"}}


def _alive(process):
    """Running, and not merely a zombie waiting for its parent to collect it."""
    import psutil

    try:
        return process.is_running() and process.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


class Hub:
    """A running JupyterHub with one allowed student; `stop()` ends all it started."""

    def __init__(self, environment, proxy, course_name):
        self.home = Path(tempfile.mkdtemp(prefix="hub-"))
        self.port = lab_driver._free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.student = STUDENT
        self.password = secrets.token_hex(8)
        self.student_home = self.home / "users" / STUDENT
        self.course = self.student_home / course_name
        (self.home / "jupyter-config").mkdir()
        (self.home / "jupyter-config" / "jupyter_server_config.json").write_text(
            json.dumps(SERVER_CONFIG))
        settings = self.home / "lab-settings" / "@jupyterlab" / "notebook-extension"
        settings.mkdir(parents=True)
        # Render every cell (no windowing), as lab_driver's JupyterLab does.
        (settings / "tracker.jupyterlab-settings").write_text('{"windowingMode": "none"}')
        args = ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []
        config = self.home / "jupyterhub_config.py"
        config.write_text(HUB_CONFIG.format(
            port=self.port, hub_port=lab_driver._free_port(),
            proxy_api_port=lab_driver._free_port(), proxy=proxy, home=self.home,
            password=self.password, student=STUDENT, environment=environment, args=args,
            course=course_name))
        self.log = open(self.home / "hub.log", "w")  # noqa: SIM115 - closed in stop()
        self.started = {}  # pid -> psutil.Process, which knows if its pid was reused since
        self.killed = []
        self.stopped = False
        # Its own process group; what it starts (proxy, servers, kernels) is found by
        # walking its children, since the spawner puts each server in a session of its own.
        self.process = subprocess.Popen([sys.executable, "-m", "jupyterhub", "-f", str(config)],
                                        cwd=self.home, stdout=self.log, stderr=subprocess.STDOUT,
                                        start_new_session=True)
        try:
            self._wait_until_up()
        except BaseException:
            self.stop()
            raise

    def _wait_until_up(self):
        lab_driver.wait_until_answering(self.process, f"{self.base}/hub/api", "JupyterHub",
                                        lambda: f"its log:\n{self.log_text()}")

    def log_text(self):
        self.log.flush()
        return (self.home / "hub.log").read_text()[-4000:]

    def processes(self):
        """Every process the hub started and still runs, by walking its children."""
        import psutil

        try:
            children = psutil.Process(self.process.pid).children(recursive=True)
        except psutil.NoSuchProcess:
            children = []
        for child in children:
            self.started.setdefault(child.pid, child)
        return children

    def stop(self):
        """Stop the hub (it stops its proxy and servers), then anything left, by PID.

        Returns the processes that could not be stopped (none, unless something is wrong);
        `killed` lists those the hub had left running.
        """
        import psutil

        if self.stopped:
            return []
        self.stopped = True
        self.processes()  # remember them all before the hub goes
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        leftovers = [process for process in self.started.values() if _alive(process)]
        self.killed = [process.pid for process in leftovers]  # the hub left them running
        for process in leftovers:
            try:
                process.terminate()
            except psutil.NoSuchProcess:
                pass
        _, alive = psutil.wait_procs(leftovers, timeout=10)
        for process in alive:
            try:
                process.kill()
            except psutil.NoSuchProcess:
                pass
        psutil.wait_procs(alive, timeout=10)
        self.log.close()
        shutil.rmtree(self.home, ignore_errors=True)
        return [process.pid for process in leftovers if _alive(process)]
