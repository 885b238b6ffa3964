"""Check that this environment can run the course: versions, and widget front end vs kernel.

The commonest breakage of a course like this one is "Error displaying widget: model not
found": the kernel's widget packages (ipywidgets, ipympl) and the JupyterLab extensions that
draw them (jupyterlab_widgets, jupyter-matplotlib) come from different releases. This module
reads what is installed, without importing the widget packages, asks the running JupyterLab
which extensions it serves (falling back to the kernel's own environment), and says what to
do.
"""

import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

# importlib.metadata and platform load when the doctor runs: `import neuron_lib` stays quick.

KERNEL_PACKAGES = ("numpy", "matplotlib", "ipywidgets", "ipympl")
LAB_EXTENSIONS = {
    "@jupyter-widgets/jupyterlab-manager": "draws ipywidgets (from jupyterlab_widgets)",
    "jupyter-matplotlib": "draws ipympl figures",
}
FIX = ("Install matching versions into the environment JupyterLab runs from, e.g. "
       "`pip install --upgrade ipywidgets jupyterlab_widgets ipympl` there, then restart "
       "JupyterLab and reload the page.")


@dataclass
class DoctorReport:
    """What :func:`doctor` found: one line per fact, and the problems among them."""

    lines: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    server_checked: bool = False

    @property
    def ok(self):
        """True when nothing stands in the way of the course's widgets."""
        return not self.problems

    def text(self):
        """The report as plain text."""
        source = (["(Extensions as the running JupyterLab reports them.)"] if self.server_checked
                  else [("(Extensions were looked for in this kernel's environment. If "
                        "JupyterLab runs from another one, as on some JupyterHubs, run "
                        "`jupyter labextension list` there too.)")])
        verdict = (["All good: the widget front end matches the kernel.", *source] if self.ok
                   else ["Problems:", *(f"  ✘ {problem}" for problem in self.problems)])
        return "\n".join([*self.lines, *verdict])

    def __repr__(self):
        return self.text()


def _version(package):
    import importlib.metadata

    try:
        version = importlib.metadata.version(package)
    except Exception:  # noqa: BLE001 - not installed, or its metadata is broken
        return None
    return version if isinstance(version, str) else None


def _read_extension(name, search_path):
    """(version, folder, None) of the lab extension `name`, or (None, folder, why) when its
    package.json is there but unreadable; (None, None, None) when it is nowhere."""
    for folder in search_path:
        package = Path(folder) / name / "package.json"
        try:
            if not package.is_file():
                continue
            metadata = json.loads(package.read_text(encoding="utf-8"))
            version = metadata["version"]
        except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as error:
            return None, package.parent, f"could not read {package} ({_reason(error)})"
        if not isinstance(version, str) or not re.search(r"\d", version):
            return None, package.parent, (f"could not read {package} (its version is "
                                          f"{version!r}, not a version number)")
        return version, package.parent, None
    return None, None, None


def _lab_extension_version(name, search_path):
    version, folder, _ = _read_extension(name, search_path)
    return version, folder


def _reason(error):
    """A short description of an error, for a "could not read" line."""
    if isinstance(error, KeyError):
        return f"no {error.args[0]!r} in it" if error.args else "a field is missing"
    if isinstance(error, json.JSONDecodeError):
        return f"not valid JSON: {error.msg} at line {error.lineno}"
    if isinstance(error, UnicodeDecodeError):
        return "not UTF-8 text"
    text = str(error)
    if isinstance(error, TypeError) and text.startswith("expected "):
        return text  # our own description of an answer of the wrong shape
    return f"{type(error).__name__}: {text[:120]}" if text else type(error).__name__


def _release(version):
    return tuple(int(part) for part in re.findall(r"\d+", version)[:3])


def _satisfies(version, requirement):
    """Check `version` against "~=3.0.17", "^0.12", "<9,>=7.6.0", ">=1.0 <2", "^1 || ^2" (the
    pip and npm forms); a requirement that cannot be read counts as satisfied."""
    release = _release(version)
    return any(all(_clause_holds(release, clause) for clause in re.split(
        r"\s*,\s*|\s+(?=[~^=<>])", alternative.strip()) if clause)
        for alternative in requirement.split("||"))


def _clause_holds(release, clause):
    match = re.match(r"(~=|\^|~|==|>=|<=|<|>|=)?\s*v?(\d.*)", clause.strip())
    if match is None:
        return True
    operator, bound = match.groups()
    limit = _release(bound)
    if operator in ("~=", "~"):
        keep = max(len(limit) - 1, 1) if operator == "~=" else min(len(limit), 2)
        return release >= limit and release[:keep] == limit[:keep]
    if operator == "^":  # npm caret: same leftmost non-zero part
        significant = next((i for i, part in enumerate(limit) if part), len(limit) - 1)
        return release >= limit and release[: significant + 1] == limit[: significant + 1]
    if operator == ">=":
        return release >= limit
    if operator == "<":
        return release < limit
    if operator == "<=":
        return release <= limit
    if operator == ">":
        return release > limit
    return release[: len(limit)] == limit


def _ipympl_js_semver():
    """The jupyter-matplotlib versions this ipympl needs, e.g. "^0.12", read from its files.

    Reading rather than importing: importing ipympl switches matplotlib's backend.
    """
    import importlib.util

    spec = importlib.util.find_spec("ipympl")
    if spec is None or not spec.submodule_search_locations:
        return None
    source = Path(next(iter(spec.submodule_search_locations))) / "_version.py"
    match = re.search(r"js_semver\s*=\s*['\"]([^'\"]+)['\"]",
                      source.read_text(encoding="utf-8"))
    return match.group(1) if match else None


def _required_range(package, dependency):
    import importlib.metadata

    for requirement in importlib.metadata.requires(package) or []:
        match = re.match(rf"{re.escape(dependency)}\s*([^;]*)$", requirement.replace("-", "_"))
        if match:
            return match.group(1).strip()
    return None


def _server_extensions(timeout=3.0, problems=None):
    """{name: version} of the extensions the JupyterLab serving this kernel reports, or None.

    The server is found among the running ones by its root folder (the kernel runs in a
    folder under it) and asked over its REST API; None when there is none to ask. What
    cannot be read (a runtime file, an answer) is skipped, with a sentence in `problems`.
    """
    problems = [] if problems is None else problems
    try:
        from jupyter_server.serverapp import list_running_servers
    except ImportError:
        return None
    import urllib.parse
    import urllib.request

    here = Path.cwd().resolve()
    for server in list_running_servers():
        try:
            root = Path(server.get("root_dir") or server.get("notebook_dir") or "/").resolve()
            if here != root and root not in here.parents:
                continue
            url = server["url"] if server["url"].endswith("/") else server["url"] + "/"
            query = urllib.parse.urlencode({"token": server.get("token", "")})
            with urllib.request.urlopen(f"{url}lab/api/extensions?{query}",
                                        timeout=timeout) as response:
                extensions = json.load(response)
            return _installed(extensions)
        except Exception as error:  # noqa: BLE001 - a broken runtime file or answer
            where = server.get("url", "a server") if isinstance(server, dict) else "a server"
            problems.append(f"could not ask the JupyterLab at {where} ({_reason(error)})")
    return None


def _installed(extensions):
    """{name: version} of the installed extensions in the server's answer; raise TypeError
    for an answer of another shape."""
    if not isinstance(extensions, list):
        raise TypeError(f"expected a list of extensions, got {type(extensions).__name__}")
    installed = {}
    for extension in extensions:
        if not isinstance(extension, dict) or not isinstance(extension.get("name"), str):
            raise TypeError(f"expected extensions with a name, got {str(extension)[:60]}")
        if extension.get("installed"):
            version = extension.get("installed_version")
            installed[_normal_name(extension["name"])] = (
                None if version is None else str(version))
    return installed


def _normal_name(name):
    """Compare names as the server spells them ("@a/b-c" is listed as "a-b-c")."""
    return re.sub(r"[/_]", "-", name.lstrip("@")).lower()


def diagnose(search_path=None, server_extensions=None):
    """Collect the facts and problems that :func:`doctor` prints.

    Parameters
    ----------
    search_path : list of str or Path, optional
        Folders holding JupyterLab extensions; default: Jupyter's own search path.
    server_extensions : dict of str to str, optional
        The extensions the running JupyterLab reports, name to version; default: ask the
        server this kernel runs under, if one answers. They take precedence over the
        folders, since they are what the browser really loads.

    Returns
    -------
    DoctorReport
    """
    if search_path is None:
        try:
            from jupyter_core.paths import jupyter_path

            search_path = jupyter_path("labextensions")
        except Exception:  # noqa: BLE001 - not installed, or a broken configuration
            search_path = [Path(sys.prefix) / "share" / "jupyter" / "labextensions"]
    import platform

    report = DoctorReport()
    report.lines.append(f"Python       {platform.python_version()}")
    for package in KERNEL_PACKAGES:
        version = _version(package)
        report.lines.append(f"{package:<12} {version or 'not installed'}")
        if version is None:
            report.problems.append(f"{package} is not installed in this kernel's environment. "
                                   "Run `pip install -r requirements.txt` from the course "
                                   "folder, in the environment this kernel uses.")
    widgets_python = _version("jupyterlab_widgets")
    report.lines.append(f"jupyterlab_widgets {widgets_python or 'not installed'} "
                        "(the front end of ipywidgets)")
    if server_extensions is None:
        unread = []
        server_extensions = _safely(lambda: _server_extensions(problems=unread), None, unread,
                                    "could not ask the running JupyterLab")
        report.lines += [f"Note: {line}; looking in this kernel's environment instead."
                         for line in unread]
    for name, role in LAB_EXTENSIONS.items():
        unread = None
        if server_extensions is not None:
            version = {_normal_name(key): value
                       for key, value in server_extensions.items()}.get(_normal_name(name))
        else:
            version, _, unread = _read_extension(name, search_path)
        if unread:
            report.lines.append(f"lab extension {name}: {unread}")
            report.problems.append(
                f"The JupyterLab extension {name} is installed but broken ({unread}), so its "
                f"widgets may not be drawn. Reinstall it: {FIX}")
            continue
        report.lines.append(f"lab extension {name} {version or 'not found'}: {role}")
        if version is None:
            report.problems.append(
                f"The JupyterLab extension {name} was not found, so its widgets cannot be "
                f"drawn ('Error displaying widget'). {FIX}")
        elif name == "jupyter-matplotlib" and _version("ipympl"):
            unread_files = []
            wanted = _safely(_ipympl_js_semver, None, unread_files,
                             "could not read ipympl's _version.py")
            report.lines += [f"Note: {line}." for line in unread_files]
            if wanted and not _satisfies(version, wanted):
                report.problems.append(
                    f"ipympl {_version('ipympl')} in the kernel needs jupyter-matplotlib "
                    f"{wanted}, but JupyterLab has {version}. {FIX}")
    if _version("ipywidgets") and widgets_python:
        wanted = _safely(lambda: _required_range("ipywidgets", "jupyterlab_widgets"), None,
                         [], "")
        if wanted and not _satisfies(widgets_python, wanted):
            report.problems.append(
                f"ipywidgets {_version('ipywidgets')} needs jupyterlab_widgets {wanted}, but "
                f"{widgets_python} is installed. {FIX}")
    elif _version("ipywidgets") and not widgets_python:
        report.problems.append(f"jupyterlab_widgets is not installed. {FIX}")
    report.server_checked = server_extensions is not None
    if report.problems:
        where = ("as reported by the running JupyterLab" if report.server_checked
                 else f"looked for in {', '.join(map(str, search_path))}")
        report.lines.append(f"This kernel runs {sys.executable}; JupyterLab extensions "
                            f"{where}.")
    return report


def _safely(read, default, problems, what):
    """read(), or `default` with a "could not read" sentence in `problems`: the doctor
    diagnoses broken installs, so reading one must never stop it."""
    try:
        return read()
    except Exception as error:  # noqa: BLE001 - whatever a broken install raises
        problems.append(f"{what} ({_reason(error)})")
        return default


def doctor():
    """Print the versions that matter for the course and whether the widgets will work.

    Shows Python, numpy, matplotlib, ipywidgets, ipympl and the JupyterLab widget extensions;
    says whether the widget front end matches the kernel's packages, and what to do if not.

    Only prints (so that a notebook shows the report once); :func:`diagnose` returns the
    same findings as a :class:`DoctorReport`.

    Examples
    --------
    >>> doctor()  # doctest: +ELLIPSIS
    Python ...
    All good: the widget front end matches the kernel.
    ...
    """
    try:
        text = diagnose().text()
    except Exception as error:  # noqa: BLE001 - the last guard: a line, never a traceback
        text = (f"The doctor could not finish ({_reason(error)}). Please report this, with "
                "the output of `pip list`, to the course's issue tracker.")
    print(text)
