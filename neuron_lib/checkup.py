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
                  else ["(Extensions were looked for in this kernel's environment. If "
                        "JupyterLab runs from another one, as on some JupyterHubs, run "
                        "`jupyter labextension list` there too.)"])
        verdict = (["All good: the widget front end matches the kernel.", *source] if self.ok
                   else ["Problems:", *(f"  ✘ {problem}" for problem in self.problems)])
        return "\n".join([*self.lines, *verdict])

    def __repr__(self):
        return self.text()


def _version(package):
    import importlib.metadata

    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return None


def _lab_extension_version(name, search_path):
    for folder in search_path:
        package = Path(folder) / name / "package.json"
        if package.is_file():
            return json.loads(package.read_text())["version"], package.parent
    return None, None


def _release(version):
    return tuple(int(part) for part in re.findall(r"\d+", version)[:3])


def _satisfies(version, requirement):
    """Check `version` against "~=3.0.17", "^0.12", "<9,>=7.6.0" (the forms used here)."""
    release = _release(version)
    for clause in requirement.split(","):
        clause = clause.strip()
        operator, bound = re.match(r"(~=|\^|==|>=|<=|<|>)?\s*(.+)", clause).groups()
        limit = _release(bound)
        if operator == "~=":
            ok = release >= limit and release[: len(limit) - 1] == limit[: len(limit) - 1]
        elif operator == "^":  # npm caret: same leftmost non-zero part
            significant = next((i for i, part in enumerate(limit) if part), len(limit) - 1)
            ok = release >= limit and release[: significant + 1] == limit[: significant + 1]
        elif operator == ">=":
            ok = release >= limit
        elif operator == "<":
            ok = release < limit
        elif operator == "<=":
            ok = release <= limit
        elif operator == ">":
            ok = release > limit
        else:
            ok = release[: len(limit)] == limit
        if not ok:
            return False
    return True


def _ipympl_js_semver():
    """The jupyter-matplotlib versions this ipympl needs, e.g. "^0.12", read from its files.

    Reading rather than importing: importing ipympl switches matplotlib's backend.
    """
    import importlib.util

    spec = importlib.util.find_spec("ipympl")
    if spec is None or not spec.submodule_search_locations:
        return None
    source = Path(next(iter(spec.submodule_search_locations))) / "_version.py"
    match = re.search(r"js_semver\s*=\s*['\"]([^'\"]+)['\"]", source.read_text())
    return match.group(1) if match else None


def _required_range(package, dependency):
    import importlib.metadata

    for requirement in importlib.metadata.requires(package) or []:
        match = re.match(rf"{re.escape(dependency)}\s*([^;]*)$", requirement.replace("-", "_"))
        if match:
            return match.group(1).strip()
    return None


def _server_extensions(timeout=3.0):
    """{name: version} of the extensions the JupyterLab serving this kernel reports, or None.

    The server is found among the running ones by its root folder (the kernel runs in a
    folder under it) and asked over its REST API; None when there is none to ask.
    """
    try:
        from jupyter_server.serverapp import list_running_servers
    except ImportError:
        return None
    import urllib.parse
    import urllib.request

    here = Path.cwd().resolve()
    for server in list_running_servers():
        root = Path(server.get("root_dir") or server.get("notebook_dir") or "/").resolve()
        if here != root and root not in here.parents:
            continue
        query = urllib.parse.urlencode({"token": server.get("token", "")})
        try:
            with urllib.request.urlopen(f"{server['url']}lab/api/extensions?{query}",
                                        timeout=timeout) as response:
                extensions = json.load(response)
        except (OSError, ValueError):
            continue
        return {_normal_name(extension["name"]): extension.get("installed_version")
                for extension in extensions if extension.get("installed")}
    return None


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
        except ImportError:
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
        server_extensions = _server_extensions()
    for name, role in LAB_EXTENSIONS.items():
        if server_extensions is not None:
            version = {_normal_name(key): value
                       for key, value in server_extensions.items()}.get(_normal_name(name))
        else:
            version, _ = _lab_extension_version(name, search_path)
        report.lines.append(f"lab extension {name} {version or 'not found'}: {role}")
        if version is None:
            report.problems.append(
                f"The JupyterLab extension {name} was not found, so its widgets cannot be "
                f"drawn ('Error displaying widget'). {FIX}")
        elif name == "jupyter-matplotlib" and _version("ipympl"):
            wanted = _ipympl_js_semver()
            if wanted and not _satisfies(version, wanted):
                report.problems.append(
                    f"ipympl {_version('ipympl')} in the kernel needs jupyter-matplotlib "
                    f"{wanted}, but JupyterLab has {version}. {FIX}")
    if _version("ipywidgets") and widgets_python:
        wanted = _required_range("ipywidgets", "jupyterlab_widgets")
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
    print(diagnose().text())
