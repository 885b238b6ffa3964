"""What every exercise check shares: the report, and running the learner's code safely.

A check never raises because of the learner's code, whatever it does: an unfinished exercise
(``...`` left in place), a crash, an endless loop, a flood of prints, ``exit()``, a property
that raises, a return value that cannot even be printed. Each becomes a line of the report.

How the learner's code is run (:func:`call_learner_code`):

- on copies of the check's data, so that the expected answers come from untouched inputs;
- with a time limit (:data:`TIME_LIMIT` seconds per call): ``signal.setitimer`` on the main
  thread, where Jupyter runs cells; elsewhere (another thread, or a system without it) a
  trace function that checks the clock on every line of Python;
- with its warnings recorded (the report mentions them) and its printed output captured and
  capped (:data:`PRINT_LIMIT` characters are shown in the report, the rest counted);
- ``KeyboardInterrupt`` (the kernel's stop button) is let through: the learner asked for it.
"""

import contextlib
import difflib
import html
import io
import math
import numbers
import re
import signal
import sys
import threading
import time
import warnings
from dataclasses import dataclass, field

import numpy as np

from ..style import MUTED, RIGHT, WRONG

__all__ = ["PRINT_LIMIT", "TIME_LIMIT", "CheckReport", "NotStarted", "Unfinished", "as_number",
           "as_real_array", "call_learner_code", "hinted", "numpy_tampering", "run_check",
           "safe_repr", "value_text"]

TIME_LIMIT = 2.0
"""Seconds one call of the learner's code may take before the check stops it."""

PRINT_LIMIT = 1000
"""Characters of the learner's printed output that a report shows."""

# The longest a single line of a report may get (values from the learner's code are cut
# much shorter): a wrong answer with 200,000 elements is described, never pasted in whole.
_LINE_LIMIT = 1500

# numpy functions as they were when neuron_lib loaded: a learner who reassigns one
# (np.exp = ...) is told so. (The checks' reference sigmoid keeps numpy's own exp anyway.)
_NUMPY_ORIGINALS = {name: getattr(np, name) for name in
                    ("exp", "dot", "sum", "mean", "log", "maximum", "where", "asarray", "array")}


def _clip(text, limit=_LINE_LIMIT):
    text = str(text)
    return text if len(text) <= limit else f"{text[:limit - 25]}… ({len(text):,} characters)"


class _Line(str):
    """A report line with an optional hint, shown folded in a notebook."""

    hint = None


def hinted(text, hint):
    """A report line `text` whose `hint` (a fix to try) is folded away in HTML."""
    line = _Line(_clip(text))
    line.hint = _clip(hint)
    return line


@dataclass
class CheckReport:
    """The outcome of a check: one line per finding, and whether everything passed.

    Attributes
    ----------
    title : str
    passed_checks, problems, notes : list of str
        What works, what is wrong (each may carry a ``hint``), and remarks.
    not_started : bool
        True when the exercise is still exactly as handed out: the report then says only
        what to do, and shows no answer.
    """

    title: str
    passed_checks: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    not_started: bool = False

    @property
    def passed(self):
        """True when no problem was found (and there was something to check)."""
        return not self.problems and not self.not_started

    def _summary(self):
        if self.not_started:
            return "Nothing checked yet."
        if self.passed:
            return "All checks passed. Well done!"
        count = len(self.problems)
        return f"{count} thing{'s' if count != 1 else ''} to fix."

    def text(self):
        """The report as plain text."""
        lines = [self.title]
        lines += [f"  ✔ {_clip(line)}" for line in self.passed_checks]
        for line in self.problems:
            lines.append(f"  ✘ {_clip(line)}")
            if getattr(line, "hint", None):
                lines.append(f"      Hint: {line.hint}")
        lines += [f"  ℹ {_clip(line)}" for line in self.notes]
        if self.passed or self.not_started:
            lines.append(self._summary())
        else:
            lines.append(f"{self._summary()} Edit your code and run the check again.")
        return "\n".join(lines)

    def __repr__(self):
        return self.text()

    def _repr_html_(self):
        def line_html(line):  # `code` in a message shows as code; printed lines stay lines
            escaped = re.sub(r"`([^`]+)`", r"<code>\1</code>", html.escape(_clip(line)))
            return escaped.replace("\n", "<br>")

        def problem_html(line):
            hint = getattr(line, "hint", None)
            folded = ("<details style='color: initial; margin-left: 1.2em'><summary>Show a "
                      f"hint</summary>{line_html(hint)}</details>" if hint else "")
            return f'<li style="color: {WRONG}">✘ {line_html(line)}{folded}</li>'

        rows = [f'<li style="color: {RIGHT}">✔ {line_html(line)}</li>'
                for line in self.passed_checks]
        rows += [problem_html(line) for line in self.problems]
        rows += [f'<li style="color: {MUTED}">ℹ {line_html(line)}</li>' for line in self.notes]
        if self.not_started:
            summary = f'<b style="color: {MUTED}">{self._summary()}</b>'
        elif self.passed:
            summary = f'<b style="color: {RIGHT}">{self._summary()}</b>'
        else:
            summary = (f'<b style="color: {WRONG}">{self._summary()}</b> '
                       "Edit your code and run the check again.")
        return (f"<div><b>{html.escape(self.title)}</b>"
                f'<ul style="list-style: none; padding-left: 0.5em">{"".join(rows)}</ul>'
                f"{summary}</div>")


class Unfinished(Exception):
    """Something in the learner's code stops the check here; the message says what."""


class NotStarted(Exception):
    """The exercise is exactly as handed out: every answer is still `...`."""


class _TimeUp(BaseException):
    """Raised inside learner code that ran past the time limit (not an Exception, so that a
    learner's `except Exception` cannot swallow it)."""


class _CappedOutput(io.TextIOBase):
    """A stream that keeps the first `limit` characters written to it and counts the rest."""

    def __init__(self, limit):
        super().__init__()
        self.limit = limit
        self.kept = []
        self.n_kept = 0
        self.n_written = 0

    def writable(self):
        return True

    def write(self, text):
        text = text if isinstance(text, str) else str(text)
        self.n_written += len(text)
        room = self.limit - self.n_kept
        if room > 0:
            self.kept.append(text[:room])
            self.n_kept += min(room, len(text))
        return len(text)

    def text(self):
        return "".join(self.kept)


def run_check(name, check, target):
    """Run `check(target, report)` and return the report; nothing the learner's code does
    escapes as an exception (except KeyboardInterrupt)."""
    report = CheckReport(f"Checking your {name}:")
    output = _CappedOutput(PRINT_LIMIT)
    try:
        with contextlib.redirect_stdout(output), contextlib.redirect_stderr(output):
            check(target, report)
    except NotStarted as not_started:
        report.not_started = True
        report.problems.clear()
        report.passed_checks.clear()
        report.notes[:] = [str(not_started)]
    except Unfinished as unfinished:
        report.problems.append(unfinished.args[0] if unfinished.args else str(unfinished))
    except KeyboardInterrupt:
        raise
    except _TimeUp:
        report.problems.append(f"Your code did not finish within {TIME_LIMIT:g} s, so the check "
                               "stopped it. Is there a loop that never ends?")
    except BaseException as error:  # noqa: BLE001 - the last guard: report, never a traceback
        report.problems.append(
            f"The check could not finish: your code left something it did not expect "
            f"({type(error).__name__}: {_clip(safe_repr(error, 200), 200)}). Run your code on "
            "an example yourself to see what happens.")
    if output.n_written:
        shown = output.text()
        more = (f" (the first {len(shown):,} of {output.n_written:,} characters)"
                if output.n_written > len(shown) else "")
        report.notes.append(f"Your code printed{more}:\n{shown}")
    tampered = numpy_tampering()
    if tampered:
        report.notes.append(tampered)
    return report


def numpy_tampering():
    """A sentence naming numpy functions that were reassigned (np.exp = ...), or None."""
    changed = [name for name, original in _NUMPY_ORIGINALS.items()
               if getattr(np, name, None) is not original]
    if not changed:
        return None
    names = ", ".join(f"np.{name}" for name in changed)
    return (f"{names} is no longer numpy's own (was it assigned to, e.g. np.{changed[0]} = "
            "...?). That changes every later use of it in this kernel; restart the kernel "
            "to get numpy's back.")


# --- running learner code ------------------------------------------------------------------


class _TimeLimit:
    """Raise _TimeUp in the learner's code once it has run `seconds`, and again every 100 ms
    (in case that code catches it). Use through :func:`_run_limited`."""

    def __init__(self, seconds):
        self.seconds = seconds
        self.running = False

    def _on_alarm(self, _signum, _frame):
        if self.running:
            raise _TimeUp

    def _tracer(self, _frame, _event, _arg):
        if self.running and time.monotonic() > self.deadline:
            raise _TimeUp
        return self._tracer

    def start(self):
        self.started = time.monotonic()
        self.deadline = self.started + self.seconds
        self.use_signal = (hasattr(signal, "setitimer")
                           and threading.current_thread() is threading.main_thread())
        if self.use_signal:
            self.previous_handler = signal.signal(signal.SIGALRM, self._on_alarm)
            self.previous_timer = signal.setitimer(signal.ITIMER_REAL, self.seconds, 0.1)
        else:  # no SIGALRM here: check the clock on every line the learner's code runs
            self.previous_tracer = sys.gettrace()
            sys.settrace(self._tracer)
        self.running = True

    def stop(self):
        if self.use_signal:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.previous_handler)
            if self.previous_timer[0] > 0:  # someone else's timer: give back what is left
                left = max(self.previous_timer[0] - (time.monotonic() - self.started), 1e-3)
                signal.setitimer(signal.ITIMER_REAL, left, self.previous_timer[1])
        else:
            sys.settrace(self.previous_tracer)


def _run_limited(seconds, function, *args, **kwargs):
    """function(*args, **kwargs), stopped with _TimeUp after `seconds`."""
    limit = _TimeLimit(seconds)
    limit.start()
    try:
        return function(*args, **kwargs)
    finally:
        # A plain attribute store comes first: Python runs a pending signal handler only at
        # a call or a jump, so from here on a late alarm can no longer raise (a `with`
        # block's __exit__ would be a call, and the alarm could strike before it began).
        limit.running = False
        limit.stop()


def call_learner_code(description, function, *args, context=None, **kwargs):
    """Run learner code under the time limit; turn whatever goes wrong into a sentence.

    Parameters
    ----------
    description : str
        How the report names the call, e.g. ``"activate([0.5, 1.0])"``.
    function : callable
    *args, **kwargs
        Passed on; give copies of anything the check still needs.
    context : dict, optional
        What the message for a NameError or a shape error may use: ``names`` (name -> what
        it should be), ``shapes`` (a sentence on the shapes the check passes), ``fix_shapes``
        (a sentence with the usual fix).

    Returns
    -------
    result, list of warnings.WarningMessage

    Raises
    ------
    Unfinished
        With a sentence for the report, when the code raised, exited or ran out of time.
    """
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            result = _run_limited(TIME_LIMIT, function, *args, **kwargs)
    except (Unfinished, NotStarted, KeyboardInterrupt):
        raise
    except _TimeUp:
        raise Unfinished(
            f"{description} did not finish within {TIME_LIMIT:g} s, so the check stopped it. "
            "Is there a loop that never ends (a `while` whose condition stays true)? The "
            "kernel is fine: fix the code and run the check again.") from None
    except BaseException as error:  # noqa: BLE001 - the learner's code may raise anything
        raise Unfinished(explain_error(error, description, context or {})) from None
    return result, caught


def explain_error(error, description, context):
    """One sentence for the report on why the learner's code stopped."""
    kind = type(error).__name__
    message = safe_str(error)
    if isinstance(error, SystemExit):
        return (f"{description} called exit() (SystemExit), which would stop the whole "
                "program. A function gives its answer with `return`: remove the exit() call.")
    if isinstance(error, RecursionError):
        return (f"{description} called itself again and again, without end (RecursionError). "
                "Look for a function or property that uses its own name inside, e.g. "
                "`return self.weights` inside `def weights(self)`: store the value under "
                "another name, such as self._weights.")
    if isinstance(error, MemoryError):
        return (f"{description} ran out of memory (MemoryError): it tried to build an array "
                "far larger than the inputs. Check the shapes you create.")
    if isinstance(error, NameError):
        return _name_error_message(error, description, context)
    if "ellipsis" in message.lower():
        return (f"{description} still uses `...` somewhere ({kind}: {_clip(message, 160)}). "
                "Replace every `...` with your code.")
    if isinstance(error, ValueError) and _is_shape_error(message):
        sentence = f"{description} raised {kind}: {_clip(message, 240)}."
        for key in ("shapes", "fix_shapes"):
            if context.get(key):
                sentence += f" {context[key]}"
        return sentence
    return f"{description} raised {kind}: {_clip(message, 300)}"


def _is_shape_error(message):
    return any(words in message for words in ("not aligned", "core dimension",
                                              "could not be broadcast", "shape mismatch"))


def _name_error_message(error, description, context):
    name = getattr(error, "name", None)
    if name is None:
        match = re.search(r"name '([^']+)' is not defined", safe_str(error))
        name = match.group(1) if match else None
    if name is None:
        return f"{description} raised NameError: {_clip(safe_str(error), 200)}"
    known = context.get("names", {})
    if name in known:
        return f"{description} uses `{name}`, which is not defined. {known[name]}"
    close = difflib.get_close_matches(name, list(known) + list(context.get("spellings", ())),
                                      n=1, cutoff=0.75)
    guess = f" Did you mean `{close[0]}`?" if close else ""
    return (f"{description} uses `{name}`, which is not defined here.{guess} Define it before "
            "you use it, or check its spelling (Python tells capitals apart).")


# --- describing and converting the learner's values ---------------------------------------


def safe_str(value, limit=_LINE_LIMIT):
    """str(value), cut to `limit` characters; never raises, whatever the object does."""
    try:
        text = _run_limited(1.0, str, value)
    except (KeyboardInterrupt, Unfinished):
        raise
    except BaseException:  # noqa: BLE001 - a learner's __str__ may do anything
        return f"<a {type(value).__name__} that cannot be shown>"
    return _clip(text, limit)


def safe_repr(value, limit=80):
    """repr(value), cut to `limit` characters; never raises, whatever the object does."""
    try:
        if isinstance(value, np.ndarray) and value.size > 20:  # no million-element repr
            with np.printoptions(threshold=20, edgeitems=3):
                text = repr(value)
        else:
            text = _run_limited(1.0, repr, value)
    except (KeyboardInterrupt, Unfinished):
        raise
    except BaseException:  # noqa: BLE001 - a learner's __repr__ may do anything
        return f"<a {type(value).__name__} that cannot be shown>"
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def value_text(value, limit=80):
    """Describe what the learner's code gave: `list [0.5]`, `ndarray of shape (3,) [...]`."""
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape}, {safe_repr(value, limit)}"
    return f"{type(value).__name__} {safe_repr(value, limit)}"


def _is_complex(value):
    if isinstance(value, (complex, np.complexfloating)):
        return True
    return isinstance(value, np.ndarray) and value.dtype.kind == "c"


def as_number(value, what, *, one_element_hint=" Return the number itself."):
    """`value` as a float if it is one real number; raise Unfinished saying what is wrong.

    `one_element_hint` is added when the value is a list or array holding one number.
    """
    if value is Ellipsis:
        raise Unfinished(f"{what} is still `...`: replace it with your code.")
    if value is None:
        raise Unfinished(f"{what} is None: did you forget a `return` (or to assign it)?")
    if _is_complex(value):
        raise Unfinished(f"{what} should be a real number, got a complex one, "
                         f"{safe_repr(value)}. Check for a square root or a power of a "
                         "negative number, or a `j` typed by mistake.")
    if isinstance(value, (bool, np.bool_)):
        raise Unfinished(f"{what} should be a number, got the truth value {value!r}.")
    if isinstance(value, np.ndarray) and value.ndim == 0 and value.dtype.kind in "iuf":
        value = value[()]
    elif isinstance(value, (np.ndarray, list, tuple)):
        size = _size(value)
        if size == 1:
            raise Unfinished(f"{what} should be a single number, got {value_text(value)}: "
                             f"a number inside a list or array.{one_element_hint}")
        raise Unfinished(f"{what} should be a single number, got {value_text(value)}.")
    if not isinstance(value, numbers.Real):
        raise Unfinished(f"{what} should be a number, got {value_text(value)}.")
    try:
        number = float(value)
    except OverflowError:
        raise Unfinished(f"{what} is an integer too large for a float.") from None
    except Exception:  # noqa: BLE001 - a learner's number type may refuse
        raise Unfinished(f"{what} could not be read as a number: {value_text(value)}.") from None
    if not math.isfinite(number):
        raise Unfinished(f"{what} is {number}: check the formula for a division by zero or "
                         "an overflow.")
    return number


def _size(value):
    try:
        return int(np.size(np.asarray(value, dtype=object)))
    except Exception:  # noqa: BLE001 - ragged or hostile
        return -1


def as_real_array(value, what):
    """`value` as a new float64 ndarray; raise Unfinished for non-numbers and complex ones."""
    if value is Ellipsis:
        raise Unfinished(f"{what} is still `...`: replace it with your code.")
    if value is None:
        raise Unfinished(f"{what} is None: did you forget a `return`?")
    if _is_complex(value) or (isinstance(value, (list, tuple))
                              and any(_is_complex(item) for item in value)):
        raise Unfinished(f"{what} should hold real numbers, got complex ones: "
                         f"{safe_repr(value)}.")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            array = np.array(value, dtype=np.float64, copy=True)
    except Exception:  # noqa: BLE001 - anything that is not an array of numbers
        raise Unfinished(f"{what} should be numbers, got {value_text(value)}.") from None
    return array
