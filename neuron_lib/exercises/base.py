"""What every exercise check shares: the report, and running the learner's code safely.

A check never raises because of the learner's code: an unfinished exercise (``...`` left in
place) or a crash inside it becomes a line of the report.
"""

import html
import re
import warnings
from dataclasses import dataclass, field

import numpy as np

from ..style import MUTED, RIGHT, WRONG

__all__ = ["CheckReport", "Unfinished", "as_number", "call_learner_code", "run_check"]


@dataclass
class CheckReport:
    """The outcome of a check: one line per finding, and whether everything passed."""

    title: str
    passed_checks: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    notes: list = field(default_factory=list)

    @property
    def passed(self):
        """True when no problem was found."""
        return not self.problems

    def text(self):
        """The report as plain text."""
        lines = [self.title]
        lines += [f"  ✔ {line}" for line in self.passed_checks]
        lines += [f"  ✘ {line}" for line in self.problems]
        lines += [f"  ℹ {line}" for line in self.notes]
        lines.append("All checks passed. Well done!" if self.passed
                     else f"{self._to_fix()} Edit your code and run the check again.")
        return "\n".join(lines)

    def __repr__(self):
        return self.text()

    def _to_fix(self):
        count = len(self.problems)
        return f"{count} thing{'s' if count != 1 else ''} to fix."

    def _repr_html_(self):
        def line_html(line):  # `code` in a message shows as code
            return re.sub(r"`([^`]+)`", r"<code>\1</code>", html.escape(line))

        rows = [f'<li style="color: {RIGHT}">✔ {line_html(line)}</li>'
                for line in self.passed_checks]
        rows += [f'<li style="color: {WRONG}">✘ {line_html(line)}</li>' for line in self.problems]
        rows += [f'<li style="color: {MUTED}">ℹ {line_html(line)}</li>' for line in self.notes]
        summary = (f'<b style="color: {RIGHT}">All checks passed. Well done!</b>' if self.passed
                   else f'<b style="color: {WRONG}">{self._to_fix()}</b> '
                   "Edit your code and run the check again.")
        return (f"<div><b>{html.escape(self.title)}</b>"
                f'<ul style="list-style: none; padding-left: 0.5em">{"".join(rows)}</ul>'
                f"{summary}</div>")


class Unfinished(Exception):
    """The learner's code still holds `...` where an answer belongs."""


def run_check(name, check, target):
    """Run `check(target, report)`; an unfinished or crashing answer becomes one problem."""
    report = CheckReport(f"Checking your {name}:")
    try:
        check(target, report)
    except Unfinished as unfinished:
        report.problems.append(str(unfinished))
    return report


def as_number(value, what):
    """`value` as a float if it is one real number; explain what is wrong otherwise."""
    if value is Ellipsis:
        raise Unfinished(f"{what} is still `...`: replace it with your code.")
    if isinstance(value, np.ndarray) and value.ndim == 0 and value.dtype.kind in "iuf":
        value = value[()]
    if isinstance(value, np.ndarray) and value.size == 1 and value.dtype.kind in "iuf":
        raise Unfinished(f"{what} should be a single number, got an array of shape "
                          f"{value.shape}. For one sample, np.dot(weights, x) is already a "
                          "number: check the shapes of weights and x.")
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.number)):
        raise Unfinished(f"{what} should be a number, got {type(value).__name__} {value!r}.")
    value = float(value)
    if not np.isfinite(value):
        raise Unfinished(f"{what} is {value}: check the formula for a division by zero or "
                          "an overflow.")
    return value


def call_learner_code(description, function, *args, **kwargs):
    """Run learner code; turn any exception into a sentence for the report."""
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            result = function(*args, **kwargs)
    except Unfinished:
        raise
    except Exception as error:  # noqa: BLE001 - the learner's code may raise anything
        raise Unfinished(f"{description} raised {type(error).__name__}: {error}") from None
    return result, caught
