"""Check that this environment can run the course: versions, and widget front end vs kernel.

The commonest breakage of a course like this one is "Error displaying widget: model not
found": the kernel's widget packages (ipywidgets, ipympl) and the front end that draws them
come from different releases, or there is no widget front end at all. This module finds out
where the kernel's output is shown, from facts available in the kernel: JupyterLab or
Notebook 7 through the Jupyter server that started the kernel (on a JupyterHub or not),
VS Code and Google Colab (which draw ipywidgets themselves), JupyterLite, a terminal. It
checks what that front end needs, without importing the widget packages, and says what to
do. What it cannot know, it says it could not check: it never raises an alarm on a guess.
"""

import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from .frontend import FrontEnd, describe_error, detect_front_end, safely

# importlib.metadata and platform load when the doctor runs: `import neuron_lib` stays quick.

__all__ = ["DoctorReport", "diagnose", "doctor"]

KERNEL_PACKAGES = ("numpy", "matplotlib", "ipywidgets", "ipympl")
LAB_EXTENSIONS = {
    "@jupyter-widgets/jupyterlab-manager": "draws ipywidgets (from jupyterlab_widgets)",
    "jupyter-matplotlib": "draws ipympl figures",
}
FIX = ("Install matching versions into the environment JupyterLab runs from, e.g. "
       "`pip install --upgrade ipywidgets jupyterlab_widgets ipympl` there, then restart "
       "JupyterLab and reload the page.")
OPEN_THE_COURSE = ("or open the course with `python3 course.py lab` in the course folder, "
                   "which starts a JupyterLab with everything installed")
COLAB_WIDGETS = "from google.colab import output; output.enable_custom_widget_manager()"


@dataclass
class DoctorReport:
    """What :func:`doctor` found: a verdict and the problems, then one line per fact."""

    lines: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    front_end: FrontEnd = None
    verdict: str = "All good: the widget front end matches the kernel."
    source: str = ""

    @property
    def ok(self):
        """True when nothing stands in the way of the course's widgets."""
        return not self.problems

    @property
    def server_checked(self):
        """True when the extensions are the ones the running server reports."""
        return self.front_end is not None and self.front_end.extensions is not None

    def text(self):
        """The report as plain text: a short part for the learner, then the details."""
        short = [self.front_end.headline] if self.front_end else []
        short += (["Problems:", *(f"  ✘ {problem}" for problem in self.problems)]
                  if self.problems else [self.verdict])
        short += [self.source] if self.source else []
        short += [f"  • {note}" for note in self.notes]
        return "\n".join([*short, "", "Details:", *(f"  {line}" for line in self.lines)])

    def __repr__(self):
        return self.text()


# --- what is installed ------------------------------------------------------------------------


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
            return None, package.parent, f"could not read {package} ({describe_error(error)})"
        if not isinstance(version, str) or not re.search(r"\d", version):
            return None, package.parent, (f"could not read {package} (its version is "
                                          f"{version!r}, not a version number)")
        return version, package.parent, None
    return None, None, None


def _lab_extension_version(name, search_path):
    version, folder, _ = _read_extension(name, search_path)
    return version, folder


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


# --- the checks, per front end ------------------------------------------------------------------


def diagnose(search_path=None, server_extensions=None, front_end=None):
    """Collect the facts and problems that :func:`doctor` prints.

    Parameters
    ----------
    search_path : list of str or Path, optional
        Folders holding JupyterLab extensions; default: Jupyter's own search path. Used when
        no running server can be asked.
    server_extensions : dict of str to str, optional
        The extensions a running JupyterLab reports, name to version (a shortcut for a
        ``front_end`` of kind "jupyter"). They take precedence over the folders, since they
        are what the browser really loads.
    front_end : FrontEnd, optional
        Where the output is shown; default: :func:`detect_front_end`.

    Returns
    -------
    DoctorReport
    """
    import platform

    notes = []
    if front_end is None and server_extensions is not None:
        front_end = FrontEnd("jupyter", "JupyterLab", extensions=dict(server_extensions))
    if front_end is None:
        front_end = safely(detect_front_end, None, notes, "could not tell the front end")
    front_end = front_end or FrontEnd("unknown", "not known", notes=notes)
    report = DoctorReport(front_end=front_end)
    report.lines.append(f"Python       {platform.python_version()}")
    for package in KERNEL_PACKAGES:
        version = _version(package)
        report.lines.append(f"{package:<12} {version or 'not installed'}")
        if version is None:
            report.problems.append(f"{package} is not installed in this kernel's environment. "
                                   "Run `pip install -r requirements.txt` from the course "
                                   "folder, in the environment this kernel uses.")
    check = {"vscode": _check_vscode, "colab": _check_colab,
             "jupyterlite": _check_jupyterlite}.get(front_end.kind)
    if check is not None:
        check(report)
    elif front_end.extensions is not None:
        _check_server(report, front_end)
    else:
        _check_folders(report, front_end, search_path)
    report.notes += [front_end.caveat] if front_end.caveat else []
    report.lines += [f"Note: {line}." for line in [*notes, *front_end.notes]]
    if report.problems:  # where to install; paths only when needed (notebooks get shared)
        report.lines.append(f"This kernel runs {sys.executable}.")
    return report


def _check_server(report, front_end):
    """The extensions the running server reports: what the browser really loads."""
    name, ipywidgets, ipympl = front_end.name, _version("ipywidgets"), _version("ipympl")
    report.source = f"(Extensions as the running {name} reports them.)"
    install = {"@jupyter-widgets/jupyterlab-manager": f"jupyterlab_widgets{_widgets_range()}",
               "jupyter-matplotlib": f"ipympl=={ipympl}" if ipympl else "ipympl"}
    for extension, role in LAB_EXTENSIONS.items():
        listed, enabled, version = front_end.extension(extension)
        shown = version or ("(version unknown)" if listed else "not found")
        report.lines.append(f"lab extension {extension} {shown}: {role}")
        fix = _server_fix(front_end, install[extension])
        if not listed:
            report.problems.append(
                f"{name} does not serve the extension {extension}, so its widgets cannot be "
                f"drawn ('Error displaying widget'). {fix}")
        elif not enabled:
            report.problems.append(
                f"{name} has the extension {extension} but it is disabled, so its widgets "
                f"cannot be drawn. Run `jupyter labextension enable {extension}` in the "
                "environment the server runs from, then reload the page.")
        elif version and extension == "jupyter-matplotlib" and ipympl:
            wanted = safely(_ipympl_js_semver, None, report.lines,
                            "Note: could not read ipympl's _version.py")
            if wanted and not _satisfies(version, wanted):
                report.problems.append(f"ipympl {ipympl} in the kernel needs jupyter-matplotlib "
                                       f"{wanted}, but {name} has {version}. {fix}")
        elif extension.startswith("@jupyter-widgets/") and version and ipywidgets and \
                _release(ipywidgets)[:1] >= (8,) and _release(version)[:1] < (5,):
            # The widget manager 5 (from jupyterlab_widgets 3) is the first to draw ipywidgets 8.
            report.problems.append(
                f"ipywidgets {ipywidgets} in the kernel needs the widget manager 5 or newer, "
                f"but {name} has {version}. {fix}")
    if front_end.server_python and report.problems:
        other = Path(front_end.server_python).parent != Path(sys.executable).parent
        report.lines.append(f"The Jupyter server runs {front_end.server_python}"
                            + (", another environment than this kernel's." if other else "."))


def _widgets_range():
    """The jupyterlab_widgets versions this kernel's ipywidgets needs, e.g. "~=3.0.15"."""
    return safely(lambda: _required_range("ipywidgets", "jupyterlab_widgets"), None, [],
                  "") or ""


def _server_fix(front_end, install):
    """How to install `install` (a pip requirement) where the server runs from."""
    if front_end.hub:
        return (f"Ask the hub's administrators to install `{install}` into the users' "
                "environment (binder/requirements.txt lists what the course needs), or run "
                "the course on your own machine with `python3 course.py lab`.")
    command = (f"`{front_end.server_python} -m pip install \"{install}\"`"
               if front_end.server_python
               else f"`pip install \"{install}\"` in the environment the server runs from")
    return f"Install it with {command}, restart the server and reload the page; {OPEN_THE_COURSE}."


def _check_folders(report, front_end, search_path):
    """The extensions in this kernel's environment: what a JupyterLab started from it serves.

    Used where no server answered; in a terminal or Spyder, which show no widgets at all,
    it still tells whether a JupyterLab started from this environment would."""
    if search_path is None:
        try:
            from jupyter_core.paths import jupyter_path

            search_path = jupyter_path("labextensions")
        except Exception:  # noqa: BLE001 - not installed, or a broken configuration
            search_path = [Path(sys.prefix) / "share" / "jupyter" / "labextensions"]
    nowhere = front_end.kind in ("terminal", "spyder")
    if nowhere:
        report.problems.append(
            "Widgets (the demos' sliders and live figures, the quizzes) cannot show in "
            f"{'Spyder' if front_end.kind == 'spyder' else 'a terminal'}: they need a "
            "notebook. Open the course with `python3 course.py lab` in the course folder.")
    problems_before = len(report.problems)
    widgets_python = _version("jupyterlab_widgets")
    report.lines.append(f"jupyterlab_widgets {widgets_python or 'not installed'} "
                        "(the front end of ipywidgets)")
    for name, role in LAB_EXTENSIONS.items():
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
            wanted = safely(_ipympl_js_semver, None, report.lines,
                            "Note: could not read ipympl's _version.py")
            if wanted and not _satisfies(version, wanted):
                report.problems.append(
                    f"ipympl {_version('ipympl')} in the kernel needs jupyter-matplotlib "
                    f"{wanted}, but JupyterLab has {version}. {FIX}")
    ipywidgets = _version("ipywidgets")
    if ipywidgets and widgets_python:
        wanted = _widgets_range()
        if wanted and not _satisfies(widgets_python, wanted):
            report.problems.append(
                f"ipywidgets {ipywidgets} needs jupyterlab_widgets {wanted}, but "
                f"{widgets_python} is installed. {FIX}")
    elif ipywidgets and not widgets_python:
        report.problems.append(f"jupyterlab_widgets is not installed. {FIX}")
    found = report.problems[problems_before:]
    if found:
        report.lines.append(f"JupyterLab extensions looked for in "
                            f"{', '.join(map(str, search_path))}.")
    if nowhere:
        if not found:
            report.notes.append("A JupyterLab started from this environment has the widget "
                                "extensions the course needs.")
        return
    report.source = ("(Extensions were looked for in this kernel's environment. If "
                     "JupyterLab runs from another one, as on some JupyterHubs, run "
                     "`jupyter labextension list` there too.)")
    python = front_end.server_python
    if found and not (python and Path(python).parent == Path(sys.executable).parent):
        # No server answered: what this environment lacks matters only if the front end
        # runs from it, which nothing here tells. Not an alarm, then, but what to check.
        del report.problems[problems_before:]
        report.verdict = "Could not check the widget front end."
        report.source = ""
        report.notes += [f"For a JupyterLab started from this kernel's environment: "
                         f"{problem[0].lower()}{problem[1:]}" for problem in found]


def _check_vscode(report):
    """VS Code draws ipywidgets 7 and 8 itself, and loads third-party widget scripts from
    the kernel's environment (share/jupyter/nbextensions) or, if allowed, from a CDN."""
    ipywidgets, ipympl = _version("ipywidgets"), _version("ipympl")
    if ipywidgets and _release(ipywidgets)[:1] < (7,):
        report.problems.append(f"VS Code draws ipywidgets 7 and 8; this kernel has ipywidgets "
                               f"{ipywidgets}. Run `pip install --upgrade ipywidgets` in the "
                               "environment this kernel uses, then restart the kernel.")
    elif ipywidgets and not _satisfies(ipywidgets, ">=7,<9"):
        report.notes.append(f"Could not check: whether VS Code draws ipywidgets {ipywidgets} "
                            "is not known to this doctor.")
    scripts = Path(sys.prefix) / "share" / "jupyter" / "nbextensions" / "jupyter-matplotlib"
    if ipympl and (scripts / "index.js").is_file():
        report.lines.append("ipympl's widget scripts: in this kernel's environment, where "
                            "VS Code loads them from")
    elif ipympl:
        report.notes.append(
            "Could not check whether VS Code can load ipympl's widget scripts: they are not "
            "in this kernel's environment, so VS Code downloads them where its settings "
            "allow. If a figure stays blank, add to VS Code's settings: "
            '"jupyter.widgetScriptSources": ["jsdelivr.com", "unpkg.com"].')
    report.verdict = (f"All good: VS Code draws the widgets itself, and supports ipywidgets "
                      f"{ipywidgets} and ipympl {ipympl} (`%matplotlib widget`).")


def _check_colab(report):
    """Colab draws ipywidgets itself; third-party widgets such as ipympl's figures need its
    custom widget manager (google.colab.output.enable_custom_widget_manager)."""
    widgets = sys.modules.get("google.colab.output._widgets")
    report.verdict = "Colab draws ipywidgets itself."
    if widgets is None or not hasattr(widgets, "_installed_url"):
        report.notes.append("Could not check whether Colab's custom widget manager is on. The "
                            f"demos' figures (ipympl) need it: run `{COLAB_WIDGETS}` once.")
    elif widgets._installed_url:
        report.verdict = "All good: Colab draws ipywidgets, and its custom widget manager " \
                         "(for ipympl's figures) is on."
    else:
        report.problems.append("Colab draws the demos' figures (ipympl, a third-party widget) "
                               "only with its custom widget manager, which is off: run "
                               f"`{COLAB_WIDGETS}` once, then run the demo cells again.")


def _check_jupyterlite(report):
    report.verdict = "Could not check the widget front end: JupyterLite has no server to ask."
    report.notes.append("JupyterLite shows the demos only if the site was built with "
                        "jupyterlab_widgets and ipympl installed. If a demo reads 'Error "
                        "displaying widget', open the course in JupyterLab instead "
                        "(`python3 course.py lab`).")


def doctor():
    """Print where the course's widgets are shown and whether they will work there.

    First a short part: the front end (JupyterLab, Notebook 7, a JupyterHub, VS Code, Colab,
    JupyterLite, a terminal), the verdict, and what to do about each problem; then the
    details: the versions of Python, numpy, matplotlib, ipywidgets and ipympl, and of the
    widget extensions the front end serves.

    Only prints (so that a notebook shows the report once); :func:`diagnose` returns the
    same findings as a :class:`DoctorReport`.

    Examples
    --------
    Outside a notebook (here, a test run) it says that widgets cannot show:

    >>> doctor()  # doctest: +ELLIPSIS
    Front end: none (this is Python outside a notebook, which cannot show widgets)
    Problems:
      ✘ Widgets (the demos' sliders and live figures, the quizzes) cannot show in a terminal...
    Details:
      Python ...
    """
    try:
        text = diagnose().text()
    except Exception as error:  # noqa: BLE001 - the last guard: a line, never a traceback
        text = (f"The doctor could not finish ({describe_error(error)}). Please report this, with "
                "the output of `pip list`, to the course's issue tracker.")
    print(text)
