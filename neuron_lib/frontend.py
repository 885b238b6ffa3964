"""Where is this kernel's output shown? The front end, from facts available in the kernel.

The kernel never sees the browser, but it can tell a lot: the Jupyter server that started
it (jupyter_client puts that process's id in JPY_PARENT_PID, and every Jupyter server
leaves a runtime file jpserver-<pid>.json with its address and token), JupyterHub's
variables, the names VS Code and Google Colab leave behind, the platform of JupyterLite.
A server found that way is asked which JupyterLab extensions it serves: first from
JupyterLab's page (``/lab``: the page configuration the browser loads lists the federated
extensions and the disabled ones; the server serves each one's ``package.json``), else from
JupyterLab's extension manager (``/lab/api/extensions``, slower: its first answer waits for
PyPI). A `jupyter notebook` 7 server answers both, since Notebook 7 loads JupyterLab's server
extension, and lists its own ``@jupyter-notebook/lab-extension``; the page a server opens by
default (its redirect from ``/`` to ``/lab`` or ``/tree``) tells which of the two a learner
meets. :func:`neuron_lib.doctor` uses all this.
"""

import json
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["FrontEnd", "describe_error", "detect_front_end", "safely"]

NOTEBOOK_7 = "@jupyter-notebook/lab-extension"  # listed by a server that also serves Notebook 7
WIDGET_EXTENSIONS = ("@jupyter-widgets/jupyterlab-manager", "jupyter-matplotlib")
DRAWS_ITSELF = "it draws ipywidgets itself: there is no JupyterLab extension to check"


@dataclass
class FrontEnd:
    """Where this kernel's output is shown, as far as the kernel can tell.

    `kind` is "jupyter" (JupyterLab or Notebook 7, through a Jupyter server), "vscode",
    "colab", "jupyterlite", "spyder", "terminal" (no notebook at all) or "unknown".
    `extensions` (normalised name to version) and `disabled` are what the Jupyter server
    reports; None when no server answered.
    """

    kind: str
    name: str
    where: str = ""
    server: dict = None
    extensions: dict = None
    disabled: frozenset = frozenset()
    hub: bool = False
    server_python: str = None  # the Python the server runs, when the system tells
    notes: list = field(default_factory=list)  # what could not be read or asked
    caveat: str = ""  # what the learner should know that could not be checked
    version: str = None  # of JupyterLab or Notebook 7, when the server tells

    def __post_init__(self):
        if self.extensions is not None:
            self.extensions = {_normal_name(name): version
                               for name, version in self.extensions.items()}
            self.disabled = frozenset(_normal_name(name) for name in self.disabled)

    def extension(self, name):
        """(listed, enabled, version) of the lab extension `name`, as the server reports it."""
        key = _normal_name(name)
        return key in self.extensions, key not in self.disabled, self.extensions.get(key)

    @property
    def headline(self):
        """One line for the learner: "Front end: JupyterLab (served by ...)"."""
        return (f"Front end: {self.name}" + (f" {self.version}" if self.version else "")
                + (f" ({self.where})" if self.where else ""))


def detect_front_end(timeout=5.0):
    """Find where this kernel's output is shown, from facts available in the kernel.

    Parameters
    ----------
    timeout : float, default 5.0
        Seconds to wait for each answer of a Jupyter server (three times that for the
        extension manager, asked only if JupyterLab's page cannot be read).

    Returns
    -------
    FrontEnd
        Never raises: what cannot be read or asked becomes a note in ``FrontEnd.notes``.

    Examples
    --------
    >>> detect_front_end().kind  # a test run: no notebook
    'terminal'
    """
    env, notes = os.environ, []
    if sys.platform == "emscripten":
        return FrontEnd("jupyterlite", "JupyterLite", "the kernel runs in this browser tab")
    if "spyder_kernels" in sys.modules:
        return FrontEnd("spyder", "Spyder", "its IPython console cannot show ipywidgets")
    shell = safely(_shell, None, notes, "could not reach IPython")
    # A kernel without IPython's shell (xeus-python, say) was still started by a launcher.
    launched = env.get("JPY_PARENT_PID") or env.get("JPY_SESSION_NAME")
    if (shell is None and not launched) or type(shell).__name__ == "TerminalInteractiveShell":
        what = "IPython in a terminal" if shell is not None else "Python outside a notebook"
        return FrontEnd("terminal", "none", f"this is {what}, which cannot show widgets",
                        notes=notes)
    namespace = getattr(shell, "user_ns", None)
    # VS Code sets __vsc_ipynb_file__ in every Python kernel it starts; its terminals strip
    # VSCODE_* from their environment, so these two come from VS Code's own kernel launcher.
    if (isinstance(namespace, dict) and "__vsc_ipynb_file__" in namespace) or any(
            env.get(name) for name in ("VSCODE_PID", "VSCODE_CWD")):
        return FrontEnd("vscode", "VS Code", DRAWS_ITSELF, notes=notes)
    if "google.colab" in sys.modules or env.get("COLAB_RELEASE_TAG"):
        return FrontEnd("colab", "Google Colab", DRAWS_ITSELF, notes=notes)
    found = safely(lambda: _jupyter_server(env, timeout, notes), None, notes,
                   "could not look for the Jupyter server")
    if found is not None:
        return found
    if _importable("google.colab"):
        return FrontEnd("colab", "Google Colab", DRAWS_ITSELF, notes=notes)
    return FrontEnd("unknown", "not known", "no Jupyter server it can find started this "
                    "kernel: nbconvert or a test run, perhaps", notes=notes)


def _shell():
    ipython = sys.modules.get("IPython")  # not imported: no IPython runs this code
    return ipython.get_ipython() if ipython is not None else None


def _importable(name):
    """Whether `name` ("package.module") could be imported; nothing is imported to tell."""
    import importlib.machinery
    import importlib.util

    parent = name.rpartition(".")[0]
    try:
        spec = importlib.util.find_spec(parent)
        locations = spec.submodule_search_locations if spec is not None else None
        return bool(locations) and importlib.machinery.PathFinder.find_spec(
            name, list(locations)) is not None
    except Exception:  # noqa: BLE001 - a broken package: not importable
        return False


def _jupyter_server(env, timeout, notes):
    """The FrontEnd of the Jupyter server that started this kernel, or None if none did."""
    parent = _parent_pid(env)
    servers = list(_running_servers(notes))
    chosen = [(server, "it started this kernel") for server in servers
              if parent is not None and server.get("pid") == parent]
    if not chosen and (parent is None or env.get("JPY_SESSION_NAME")):
        here = Path.cwd().resolve()  # the kernel runs in a folder under the server's root
        chosen = [(server, "it serves this kernel's folder") for server in servers
                  if _serves(server, here, notes)]
    if not chosen and env.get("JUPYTERHUB_SERVICE_URL") and env.get("JUPYTERHUB_API_TOKEN"):
        chosen = [(_hub_server(env), "JupyterHub's variables name it")]
    for server, how in chosen:
        try:
            server = {**server, "url": server["url"].rstrip("/") + "/"}
            served = _served_extensions(server, timeout)
        except Exception as error:  # noqa: BLE001 - a broken runtime file, or an odd answer
            where = server.get("url", "a server") if isinstance(server, dict) else "a server"
            notes.append(f"could not ask the Jupyter server at {where} "
                         f"({describe_error(error)})")
            continue
        notes.append(f"the server was found because {how}")
        return _served_by(server, *served, env, timeout, notes)
    if chosen or env.get("JPY_SESSION_NAME"):
        where = ("it could not be asked which extensions it serves" if chosen
                 else "one started this kernel, but it could not be found")
        pid = chosen[0][0].get("pid") if chosen and isinstance(chosen[0][0], dict) else None
        python = safely(lambda: _server_python(pid), None, [], "") if pid else None
        return FrontEnd("jupyter", "a Jupyter server", where, server_python=python, notes=notes)
    return None


def _served_extensions(server, timeout):
    """(extensions, disabled, JupyterLab's version): from JupyterLab's page, else from its
    extension manager, whose error then tells what went wrong. The page lists prebuilt
    extensions only: one the course needs that it lacks is looked for among the source
    extensions built into JupyterLab, which only the extension manager lists."""
    try:
        extensions, disabled, version = _lab_page(server, timeout)
    except Exception:  # noqa: BLE001 - the second way is asked, and tells
        return _extension_list(server, timeout)
    if all(name in extensions for name in WIDGET_EXTENSIONS):
        return extensions, disabled, version
    listed, _, _ = safely(lambda: _extension_list(server, timeout), ({}, (), None), [], "")
    wanted = {_normal_name(name) for name in WIDGET_EXTENSIONS}
    extensions.update({name: value for name, value in listed.items() if name in wanted})
    return extensions, disabled, version


def _lab_page(server, timeout):
    """(extensions, disabled, JupyterLab's version) from JupyterLab's page: the page config
    the browser loads (its federated extensions, the disabled ones), and the package.json
    the server serves for each extension the course needs. Fast: no PyPI behind it."""
    import urllib.parse

    status, _, body = _get(server["url"] + "lab", server.get("token"), timeout)
    match = re.search(rb'<script id="jupyter-config-data" type="application/json">(.*?)'
                      rb"</script>", body, re.DOTALL) if status == 200 else None
    if match is None:
        raise _Refused(f"it answered HTTP {status} without JupyterLab's page configuration")
    config = json.loads(match.group(1))
    names = [extension["name"] for extension in config["federated_extensions"]]
    off = set(config.get("disabledExtensions") or [])
    folder = config.get("fullLabextensionsUrl") or (
        urllib.parse.urlsplit(server["url"]).path + "lab/extensions")
    root = urllib.parse.urlunsplit(urllib.parse.urlsplit(server["url"])[:2] + ("", "", ""))
    extensions = {}
    for name in names:
        extensions[name] = None
        if name in WIDGET_EXTENSIONS:
            package = f"{root}{folder.rstrip('/')}/{name}/package.json"
            extensions[name] = safely(lambda package=package: str(json.loads(
                _ask({"url": package, "token": server.get("token")}, "", timeout))["version"]),
                None, [], "")
    disabled = {name for name in names if name in off or f"{name}:plugin" in off}
    return extensions, disabled, config.get("appVersion")


def _extension_list(server, timeout):
    """(extensions, disabled, None) from JupyterLab's extension manager. Slower: its first
    answer waits for PyPI's latest versions (about 3 s, offline too)."""
    answer = json.loads(_ask(server, "lab/api/extensions", 3 * timeout))
    return (*_installed(answer), None)


def _served_by(server, extensions, disabled, version, env, timeout, notes):
    """Name the front end of a server that answered: JupyterLab, or Notebook 7 when the
    server opens /tree by default and lists Notebook 7's extension."""
    import urllib.parse

    extensions = {_normal_name(name): value for name, value in extensions.items()}
    disabled = {_normal_name(name) for name in disabled}
    page = safely(lambda: _default_page(server, timeout), None, [], "")
    notebook_7 = _normal_name(NOTEBOOK_7) in extensions
    name = "Jupyter Notebook 7" if notebook_7 and page == "tree" else "JupyterLab"
    prefix = env.get("JUPYTERHUB_SERVICE_PREFIX") or "/"
    hub = bool(env.get("JUPYTERHUB_USER")) and urllib.parse.urlsplit(
        server["url"]).path.startswith(prefix)
    where = (f"{env['JUPYTERHUB_USER']}'s server on a JupyterHub, at {server['url']}" if hub
             else f"served by the Jupyter server at {server['url']}")
    caveat = ""
    if notebook_7:
        other = "JupyterLab" if name != "JupyterLab" else "Notebook 7"
        where += f"; {other} on the same server loads the same extensions"
    elif page == "tree":  # the classic notebook (nbclassic) draws widgets with nbextensions
        caveat = ("Could not check the classic notebook this server opens at /tree: it draws "
                  "widgets with widgetsnbextension. If a demo reads 'Error displaying widget' "
                  "there, open it in JupyterLab: put /lab in place of /tree in the address.")
    version = version if name == "JupyterLab" else None  # the page's version is JupyterLab's
    python = safely(lambda: _server_python(server.get("pid")), None, [], "")
    return FrontEnd("jupyter", name, where, server, extensions, disabled, hub, python, notes,
                    caveat, version)


def _parent_pid(env):
    """The process that started this kernel (jupyter_client sets JPY_PARENT_PID)."""
    if os.name == "nt":
        return None  # there JPY_PARENT_PID is a process handle, not an id
    try:
        return int(env.get("JPY_PARENT_PID", ""))
    except ValueError:
        return None


def _running_servers(notes):
    """The runtime information of the running Jupyter servers (jpserver-*.json files)."""
    from jupyter_core.paths import jupyter_runtime_dir

    for path in sorted(Path(jupyter_runtime_dir()).glob("jpserver-*.json")):
        try:
            info = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(info, dict):
                raise TypeError(f"expected a JSON object, got {type(info).__name__}")
        except (OSError, UnicodeDecodeError, ValueError, TypeError) as error:
            notes.append(f"could not read the runtime file {path.name} "
                         f"({describe_error(error)})")
            continue
        if _alive(info.get("pid")):
            yield info


def _alive(pid):
    if not isinstance(pid, int) or isinstance(pid, bool) or pid <= 0:
        return False  # os.kill(0, ...) would signal this whole process group
    if os.name == "nt":
        return True  # os.kill would end the process there; the server's answer will tell
    try:
        os.kill(pid, 0)
    except PermissionError:
        return True  # it runs, as another user
    except OSError:
        return False
    return True


def _serves(server, here, notes):
    try:
        root = Path(server.get("root_dir") or server.get("notebook_dir") or "/").resolve()
    except (OSError, TypeError, ValueError) as error:
        notes.append(f"could not read a server's root folder ({describe_error(error)})")
        return False
    return here == root or root in here.parents


def _hub_server(env):
    """The single-user server JupyterHub started, from the variables it gave the server."""
    import urllib.parse

    parts = urllib.parse.urlsplit(env["JUPYTERHUB_SERVICE_URL"])
    host = parts.hostname or ""
    if host in ("", "0.0.0.0", "*", "::"):  # bound to every interface: ask this machine
        host = "[::1]" if host == "::" else "127.0.0.1"
    elif ":" in host:
        host = f"[{host}]"
    port = f":{parts.port}" if parts.port else ""
    url = urllib.parse.urlunsplit((parts.scheme, host + port, parts.path or "/", "", ""))
    return {"url": url, "token": env["JUPYTERHUB_API_TOKEN"]}


class _Refused(Exception):
    """A server that answered, but not with what was asked for."""


def _ask(server, path, timeout):
    """The body of the server's answer to GET `path`."""
    status, _, body = _get(server["url"] + path, server.get("token"), timeout)
    if status != 200:
        meaning = {403: " Forbidden: the token was refused",
                   404: " Not Found: it does not serve JupyterLab's extension list"}
        raise _Refused(f"it answered HTTP {status}{meaning.get(status, '')}")
    return body


def _default_page(server, timeout):
    """"tree" (a notebook page: /tree, /notebooks/..., /edit/...) or "lab" (/lab, /doc):
    the kind of page the server opens by default, from its redirect from its base address."""
    import urllib.parse

    status, location, _ = _get(server["url"], server.get("token"), timeout)
    if not 300 <= status < 400 or not location:
        return None
    base = urllib.parse.urlsplit(server["url"]).path
    path = urllib.parse.urlsplit(urllib.parse.urljoin(server["url"], location)).path
    first = path[len(base):].split("/")[0] if path.startswith(base) else ""
    return {"tree": "tree", "notebooks": "tree", "edit": "tree", "lab": "lab",
            "doc": "lab"}.get(first)


def _get(url, token, timeout):
    """(status, Location header, body) of a GET sent straight to the server: no proxy (the
    server is this machine's, or the hub's own), no redirect followed, the token in a header
    rather than in the address (which servers may log)."""
    import http.client
    import urllib.parse

    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise _Refused(f"{url!r} is not an http address")
    kind = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
    connection = kind(parts.hostname, parts.port, timeout=timeout)
    try:
        query = f"?{parts.query}" if parts.query else ""
        connection.request("GET", (parts.path or "/") + query,
                           headers={"Authorization": f"token {token}"} if token else {})
        response = connection.getresponse()
        return response.status, response.getheader("Location"), response.read(1 << 22)
    finally:
        connection.close()


def _server_python(pid):
    """The Python a process runs, from its command line, when the system tells (Linux)."""
    argv = Path(f"/proc/{int(pid)}/cmdline").read_bytes().split(b"\0")
    program = Path(os.fsdecode(argv[0]))
    return str(program) if program.is_absolute() and program.name.startswith("python") else None


def _installed(extensions):
    """({name: version}, disabled names) of the installed extensions in the server's answer;
    raise TypeError for an answer of another shape."""
    if not isinstance(extensions, list):
        raise TypeError(f"expected a list of extensions, got {type(extensions).__name__}")
    installed, disabled = {}, set()
    for extension in extensions:
        if not isinstance(extension, dict) or not isinstance(extension.get("name"), str):
            raise TypeError(f"expected extensions with a name, got {str(extension)[:60]}")
        if extension.get("installed"):
            name, version = _normal_name(extension["name"]), extension.get("installed_version")
            installed[name] = None if version is None else str(version)
            if extension.get("enabled") is False:
                disabled.add(name)
    return installed, frozenset(disabled)


def _normal_name(name):
    """Compare names as the server spells them ("@a/b-c" is listed as "a-b-c")."""
    return re.sub(r"[/_]", "-", name.lstrip("@")).lower()


def describe_error(error):
    """A short description of an error, for a "could not read" line.

    >>> describe_error(KeyError("version"))
    "no 'version' in it"
    """
    if isinstance(error, KeyError):
        return f"no {error.args[0]!r} in it" if error.args else "a field is missing"
    if isinstance(error, json.JSONDecodeError):
        return f"not valid JSON: {error.msg} at line {error.lineno}"
    if isinstance(error, UnicodeDecodeError):
        return "not UTF-8 text"
    text = str(error)
    if isinstance(error, _Refused) or (isinstance(error, TypeError)
                                       and text.startswith("expected ")):
        return text  # our own description of an answer of the wrong shape
    return f"{type(error).__name__}: {text[:120]}" if text else type(error).__name__


def safely(read, default, notes, what):
    """read(), or `default` with a "could not read" sentence in `notes`: the doctor
    diagnoses broken installs, so reading one must never stop it.

    >>> notes = []
    >>> safely(lambda: 1 / 0, None, notes, "could not divide"), notes
    (None, ['could not divide (ZeroDivisionError: division by zero)'])
    """
    try:
        return read()
    except Exception as error:  # noqa: BLE001 - whatever a broken install raises
        notes.append(f"{what} ({describe_error(error)})")
        return default
