"""A learner's progress, kept on their own disk: quiz answers and exercise checks, per lesson.

Every quiz answer and every exercise check is recorded in a small JSON file beside the
lessons (``course-progress.json`` in the folder of ``00_course_map.ipynb``), never sent
anywhere. The course map shows it with :func:`table`; :func:`reset` starts again. Several
lessons open at once write to it safely (a lock, then an atomic replace), and a missing or
corrupt file never breaks a lesson: it is set aside and a fresh one started.

The environment variable ``NEURON_LIB_PROGRESS`` overrides the file's path (the tests use
it); ``NEURON_LIB_PROGRESS=off`` records nothing.
"""

import contextlib
import functools
import html
import json
import os
import re
import time
from pathlib import Path

__all__ = ["FILE_NAME", "ProgressTable", "progress_file", "record_answer", "record_check",
           "reset", "table", "tracked_check", "tracked_question"]

FILE_NAME = "course-progress.json"
_VERSION = 1


def progress_file():
    """Where progress is kept: beside the course map, else in the current folder.

    Returns
    -------
    pathlib.Path or None
        None when recording is switched off (``NEURON_LIB_PROGRESS=off``).
    """
    override = os.environ.get("NEURON_LIB_PROGRESS")
    if override:
        return None if override.lower() == "off" else Path(override)
    try:
        here = Path.cwd()
    except OSError:  # the kernel's folder was deleted
        return None
    # Lessons run in notebooks/, solutions in notebooks/solutions/: both share one file.
    for folder in (here, *here.parents[:2]):
        if (folder / "00_course_map.ipynb").exists():
            return folder / FILE_NAME
    return here / FILE_NAME


def _empty():
    return {"version": _VERSION, "lessons": {}}


def _read(path):
    """The progress in `path`; a corrupt file is set aside (renamed), never raised about."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return _empty()
    except (OSError, ValueError):
        with contextlib.suppress(OSError):
            path.rename(path.with_name(f"{path.name}.corrupt-{int(time.time())}"))
        return _empty()
    if not (isinstance(data, dict) and isinstance(data.get("lessons"), dict)):
        return _empty()
    return data


@contextlib.contextmanager
def _locked(path):
    """Hold an exclusive lock beside `path` (where the platform has one)."""
    try:
        import fcntl
    except ImportError:  # Windows: the atomic replace alone keeps the file whole
        yield
        return
    with open(path.with_name(path.name + ".lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _update(change):
    """Apply `change(data)` to the progress file; any trouble with the disk is ignored."""
    path = progress_file()
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with _locked(path):
            data = _read(path)
            change(data)
            temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
            temporary.write_text(json.dumps(data, indent=1, sort_keys=True), encoding="utf-8")
            os.replace(temporary, path)
    except OSError:
        pass  # a read-only or full disk must not break the lesson


def _lesson_of(module_name):
    """"01" from "neuron_lib.quiz.lesson01"; None for anything else."""
    match = re.search(r"lesson(\d\d)$", module_name or "")
    return match.group(1) if match else None


def _entry(data, lesson, kind, name):
    return data["lessons"].setdefault(lesson, {}).setdefault(kind, {}).setdefault(name, {})


def record_answer(lesson, question, letter, correct):
    """Record a quiz answer (called by :class:`neuron_lib.quiz.Question`).

    Parameters
    ----------
    lesson : str
        The lesson's number, e.g. ``"01"``.
    question : str
        The question's name, e.g. ``"bias_question"``.
    letter : str
        The option chosen, e.g. ``"B"``.
    correct : bool
    """
    def change(data):
        entry = _entry(data, lesson, "quiz", question)
        entry["attempts"] = entry.get("attempts", 0) + 1
        entry.setdefault("first_answer", letter)
        entry.update(answer=letter, correct=bool(correct))
        entry["ever_correct"] = bool(entry.get("ever_correct") or correct)

    _update(change)


def record_check(lesson, check, passed, unfinished=False):
    """Record an exercise check (called by the checks in :mod:`neuron_lib.exercises`).

    Parameters
    ----------
    lesson : str
        The lesson's number, e.g. ``"01"``.
    check : str
        The check's name, e.g. ``"check_neuron_class"``.
    passed : bool
    unfinished : bool, default False
        True when the exercise still holds ``...``: not counted as an attempt.
    """
    def change(data):
        entry = _entry(data, lesson, "exercise", check)
        if not unfinished:
            entry["runs"] = entry.get("runs", 0) + 1
        entry["passed"] = bool(passed)
        entry["ever_passed"] = bool(entry.get("ever_passed") or passed)

    _update(change)


def tracked_question(factory):
    """Wrap a lesson's question factory so that its questions record their answers.

    The lesson comes from the factory's module (``neuron_lib.quiz.lesson01`` -> ``"01"``), the
    question's name from the factory's name.
    """
    lesson = _lesson_of(factory.__module__)

    @functools.wraps(factory)
    def make(*args, **kwargs):
        question = factory(*args, **kwargs)
        question.progress_key = (lesson, factory.__name__) if lesson else None
        return question

    return make


def tracked_check(check):
    """Wrap a lesson's exercise check so that every run records whether it passed."""
    lesson = _lesson_of(check.__module__)

    @functools.wraps(check)
    def run(*args, **kwargs):
        report = check(*args, **kwargs)
        if lesson:
            record_check(lesson, check.__name__, bool(getattr(report, "passed", False)),
                         unfinished=bool(getattr(report, "not_started", False)))
        return report

    return run


def reset():
    """Forget all progress: delete the progress file (one call, from any lesson).

    Returns
    -------
    str
        What was done, in words.
    """
    path = progress_file()
    if path is None:
        return "Progress is not recorded here (NEURON_LIB_PROGRESS=off): nothing to reset."
    try:
        path.unlink()
    except FileNotFoundError:
        return "No progress was recorded yet: nothing to reset."
    except OSError as error:
        return f"Could not delete {path.name}: {error}."
    return f"Progress reset: {path.name} deleted. Answer and check again to record anew."


def _course_contents():
    """{lesson: (question names, check names)} from the quiz and exercises packages."""
    import importlib
    import pkgutil

    contents = {}
    for package, slot in (("neuron_lib.quiz", 0), ("neuron_lib.exercises", 1)):
        module = importlib.import_module(package)
        for info in pkgutil.iter_modules(module.__path__):
            lesson = _lesson_of(info.name)
            if lesson:
                names = getattr(importlib.import_module(f"{package}.{info.name}"), "__all__", [])
                contents.setdefault(lesson, ([], []))[slot].extend(names)
    return dict(sorted(contents.items()))


class ProgressTable:
    """Progress per lesson: questions answered right and exercises passing.

    Build it with :func:`table`. Shows as an HTML table in a notebook, as text elsewhere.
    """

    def __init__(self, rows, where):
        self.rows = rows
        self.where = where

    def text(self):
        lines = ["lesson  questions right  exercises passing"]
        lines += [f"{lesson:<8}{right} of {asked:<13}{passing} of {checks}"
                  for lesson, right, asked, passing, checks in self.rows]
        lines.append(self.where)
        return "\n".join(lines)

    def __repr__(self):
        return self.text()

    def _repr_html_(self):
        cells = "".join(
            f"<tr><td>{lesson}</td><td>{right} of {asked}</td><td>{passing} of {checks}</td></tr>"
            for lesson, right, asked, passing, checks in self.rows)
        return ("<table><thead><tr><th>lesson</th><th>questions answered right</th>"
                f"<th>exercises passing</th></tr></thead><tbody>{cells}</tbody></table>"
                f"<p><small>{html.escape(self.where)}</small></p>")


def table():
    """Your progress, lesson by lesson, read from the progress file.

    Returns
    -------
    ProgressTable
        One row per lesson: how many of its questions were last answered right, how many
        of its exercises last passed their check.
    """
    path = progress_file()
    data = _read(path) if path is not None else _empty()
    rows = []
    for lesson, (questions, checks) in _course_contents().items():
        done = data["lessons"].get(lesson, {})
        right = sum(bool(done.get("quiz", {}).get(name, {}).get("correct"))
                    for name in questions)
        passing = sum(bool(done.get("exercise", {}).get(name, {}).get("passed"))
                      for name in checks)
        rows.append((lesson, right, len(questions), passing, len(checks)))
    where = ("Kept only on this computer, in the file course-progress.json beside the lessons; "
             "neuron_lib.progress.reset() starts again." if path is not None
             else "Progress is not recorded here (NEURON_LIB_PROGRESS=off).")
    return ProgressTable(rows, where)
