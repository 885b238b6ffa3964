"""Lesson 06's exercise check: the learner's stable softmax and its cross-entropy gradient.

The check runs the learner's functions on small made-up scores, compares them with
:func:`neuron_lib.activations.softmax` and with the slope of the loss measured numerically,
and names the usual slips by
what they compute: overflow at large scores, the wrong axis, a missing ``keepdims``, a
gradient that forgets to divide by the batch size (or flips its sign, or skips softmax).
"""

import html
import re
import warnings
from dataclasses import dataclass

import numpy as np

from ..activations import softmax as reference_softmax
from ..losses import categorical_cross_entropy
from ..style import MUTED
from .base import CheckReport, Unfinished

__all__ = ["check_softmax"]

# Scores for the checks: 3 samples of 4 classes (not square, so that a missing keepdims
# fails loudly), 4 of 4 (square, where it fails silently), and huge scores both ways.
_RNG = np.random.default_rng(6)
_WIDE = np.round(_RNG.normal(0.0, 2.0, size=(3, 4)), 2)
_SQUARE = np.round(_RNG.normal(0.0, 2.0, size=(4, 4)), 2)
_HUGE = np.array([[1000.0, 999.0, 998.0, 990.0], [-1000.0, -1001.0, -1002.0, -1010.0]])
_LABELS = np.array([2, 0, 3, 3, 1])
_GRADIENT_SCORES = np.round(_RNG.normal(0.0, 1.5, size=(5, 4)), 2)


@dataclass(repr=False)  # keep CheckReport's repr: the report as text
class SoftmaxReport(CheckReport):
    """A check report that, before the learner has started, says so without alarm."""

    started: bool = True

    @property
    def passed(self):
        return self.started and not self.problems

    def text(self):
        if self.started:
            return super().text()
        return "\n".join([self.title, *(f"  ℹ {line}" for line in self.notes)])

    def _repr_html_(self):
        if self.started:
            return super()._repr_html_()
        notes = "".join(f"<li>ℹ {_code_html(line)}</li>" for line in self.notes)
        return (f'<div style="color: {MUTED}"><b>{html.escape(self.title)}</b>'
                f'<ul style="list-style: none; padding-left: 0.5em">{notes}</ul></div>')


def _code_html(line):
    """A line of the report as HTML, `code` shown as code (as CheckReport does)."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", html.escape(line))


def check_softmax(softmax, gradient=None):
    """Check a learner's ``softmax(Z)`` and ``gradient(Z, Y)`` by how they behave.

    The reference for softmax is :func:`neuron_lib.softmax`; for the gradient, the slope of
    :func:`neuron_lib.losses.categorical_cross_entropy` measured by central differences.

    ``softmax(Z)`` turns each row of scores Z, shape (n, K), into probabilities that sum to
    1, without overflow at scores of +-1000. ``gradient(Z, Y)`` returns dL/dZ, shape (n, K),
    for the mean cross-entropy of ``softmax(Z)`` against one-hot labels Y: (P - Y) / n.

    Parameters
    ----------
    softmax : callable
        The learner's softmax.
    gradient : callable, optional
        The learner's gradient of the cross-entropy with respect to the scores.

    Returns
    -------
    CheckReport
        What is right, what is wrong and how to fix it. Never raises because of the
        learner's code.

    Examples
    --------
    >>> def my_softmax(Z):
    ...     exps = np.exp(Z - Z.max(axis=1, keepdims=True))
    ...     return exps / exps.sum(axis=1, keepdims=True)
    >>> def my_gradient(Z, Y):
    ...     return (my_softmax(Z) - Y) / len(Z)
    >>> check_softmax(my_softmax, my_gradient).passed
    True
    >>> def naive(Z):
    ...     return np.exp(Z) / np.exp(Z).sum(axis=1, keepdims=True)
    >>> print(check_softmax(naive).problems[0].split(":")[0])
    At large scores (z = 1000) your softmax gives [nan, nan, nan, nan]
    """
    names = [getattr(softmax, "__name__", "softmax")]
    if gradient is not None:
        names.append(getattr(gradient, "__name__", "gradient"))
    report = SoftmaxReport(f"Checking your {' and '.join(names)}:")
    try:
        if _not_started(softmax, gradient):
            report.started = False
            report.notes.append("Not started yet: replace each `...` with your code, then run "
                                "this cell again.")
            return report
        softmax_right = _check_softmax(softmax, report)
        if gradient is not None:
            _check_gradient(gradient, softmax, softmax_right, report)
    except Unfinished as unfinished:
        report.problems.append(str(unfinished))
    return report


# --- running the learner's code --------------------------------------------------------------


@dataclass
class _Outcome:
    """What a call of learner code did: its result (or error) and numpy's complaints."""

    result: object = None
    error: Exception = None
    overflow: bool = False
    changed_input: bool = False


def _run(function, *arrays):
    copies = [array.copy() for array in arrays]
    outcome = _Outcome()
    try:
        with warnings.catch_warnings(record=True) as caught, np.errstate(all="warn"):
            warnings.simplefilter("always")
            outcome.result = function(*copies)
    except Exception as error:  # noqa: BLE001 - the learner's code may raise anything
        outcome.error = error
    outcome.overflow = any("overflow" in str(warning.message) for warning in caught)
    outcome.changed_input = not all(np.array_equal(copy, array)
                                    for copy, array in zip(copies, arrays))
    return outcome


def _not_started(softmax, gradient):
    """True when every function still returns `...` (the exercise as handed out)."""
    functions = [softmax] + ([gradient] if gradient is not None else [])
    arguments = [(_WIDE,), (_WIDE, _one_hot(_LABELS[:3], 4))]
    return all(_run(function, *args).result is Ellipsis
               for function, args in zip(functions, arguments))


def _as_result(outcome, name, shape):
    """The learner's result as a float array of `shape`, or Unfinished saying what is wrong."""
    if outcome.error is not None:
        error = outcome.error
        raise Unfinished(f"{name} raised {type(error).__name__}: {error}")
    result = outcome.result
    if result is Ellipsis or result is None:
        raise Unfinished(f"{name} returns {'`...`' if result is Ellipsis else 'None'}: "
                         "return the array you computed.")
    try:
        array = np.asarray(result, dtype=float)
    except (TypeError, ValueError):
        raise Unfinished(f"{name} should return an array of numbers, got "
                         f"{type(result).__name__}.") from None
    if array.shape != shape:
        raise Unfinished(f"{name} should return an array of shape {shape}, one value per "
                         f"score, got shape {array.shape}.")
    return array


def _one_hot(labels, n_classes):
    return np.eye(n_classes)[labels]


def _close(a, b):
    return np.allclose(a, b, rtol=1e-6, atol=1e-9)


# --- softmax -------------------------------------------------------------------------------


def _slips(Z):
    """What the usual wrong softmaxes give for scores Z, by the message that names them."""
    def normalise(exps, keepdims=True):
        return exps / exps.sum(axis=1, keepdims=keepdims)

    with np.errstate(all="ignore"):
        row_max = Z.max(axis=1, keepdims=True)
        slips = {
            "axis": np.exp(Z - Z.max(axis=0)) / np.exp(Z - Z.max(axis=0)).sum(axis=0),
            "max_axis": normalise(np.exp(Z - Z.max(axis=0))),
            "whole": np.exp(Z - Z.max()) / np.exp(Z - Z.max()).sum(),
        }
        if Z.shape[0] == Z.shape[1]:  # only here does a missing keepdims broadcast at all
            slips["keepdims_max"] = normalise(np.exp(Z - Z.max(axis=1)))
            slips["keepdims_sum"] = normalise(np.exp(Z - row_max), keepdims=False)
            slips["keepdims"] = normalise(np.exp(Z - Z.max(axis=1)), keepdims=False)
    return slips


_KEEPDIMS = ("keepdims=True is missing on {what}: with axis=1 it has shape (n,), and numpy "
             "lines it up with the columns, not the rows. With keepdims=True it has shape "
             "(n, 1), and each row gets its own.")
_SLIP_MESSAGES = {
    "axis": "Your probabilities add up to 1 down each column instead of along each row. Each "
            "row is one sample: take the max and the sum along the row, with axis=1.",
    "max_axis": "You subtracted each column's largest score (axis=0). Subtract each row's "
                "own largest score, Z.max(axis=1, keepdims=True); only the same number "
                "subtracted from a whole row leaves its softmax unchanged.",
    "whole": "Your probabilities add up to 1 over the whole batch, not per sample: sum each "
             "row on its own, exps.sum(axis=1, keepdims=True).",
    "keepdims_max": _KEEPDIMS.format(what="the row maximum, Z.max(axis=1)"),
    "keepdims_sum": _KEEPDIMS.format(what="the row sum, exps.sum(axis=1)"),
    "keepdims": ("keepdims=True is missing on both the row maximum and the row sum: with "
                 "axis=1 they have shape (n,), and numpy lines them up with the columns, not "
                 "the rows. With keepdims=True they have shape (n, 1), and each row gets its "
                 "own."),
}


def _name_the_slip(result, Z):
    for slip, expected in _slips(Z).items():
        if np.all(np.isfinite(expected)) and _close(result, expected):
            return _SLIP_MESSAGES[slip]
    return None


def _check_softmax(softmax, report):
    """The softmax checks; True when softmax is right everywhere."""
    problems_before = len(report.problems)
    wide = _run(softmax, _WIDE)
    if wide.error is not None and "broadcast" in str(wide.error):
        # On square scores the same code runs, and what it computes says which keepdims.
        square = _run(softmax, _SQUARE).result
        slip = _name_the_slip(np.asarray(square, dtype=float), _SQUARE) \
            if isinstance(square, np.ndarray) and square.shape == _SQUARE.shape else None
        if slip not in {_SLIP_MESSAGES[key] for key in ("keepdims", "keepdims_max",
                                                        "keepdims_sum")}:
            slip = ("keepdims=True is missing: a row maximum or sum taken with axis=1 has "
                    "shape (n,), which numpy lines up with the columns, not the rows.")
        report.problems.append(f"{slip} (For 3 samples of 4 scores, numpy says: "
                               f"{str(wide.error).strip()}.)")
        return False
    for Z, outcome in ((_WIDE, wide), (_SQUARE, _run(softmax, _SQUARE))):
        result = _as_result(outcome, "softmax(Z)", Z.shape)
        expected = reference_softmax(Z)
        if _close(result, expected):
            continue
        slip = _name_the_slip(result, Z)
        report.problems.append(slip or (
            f"For Z = {Z[:2].tolist()} (first 2 rows) your softmax gives "
            f"{np.round(result[:2], 4).tolist()}; expected {np.round(expected[:2], 4).tolist()}."
            + (" Each row should add up to 1." if not _close(result.sum(axis=1), 1.0) else "")))
        return False
    if wide.changed_input:
        report.problems.append("Your softmax changed the Z passed in (an in-place `-=`?). Make "
                               "a new array: shifted = Z - Z.max(axis=1, keepdims=True).")
    report.passed_checks.append("Each row of probabilities is right and adds up to 1.")

    huge = _run(softmax, _HUGE)
    result = _as_result(huge, "softmax(Z) at scores of ±1000", _HUGE.shape)
    if _close(result, reference_softmax(_HUGE)) and not huge.overflow:
        report.passed_checks.append("No overflow at scores of ±1000: e.g. [1000, 999, 998, "
                                    "990] gives " + _rounded(result[0]) + ".")
    elif not np.all(np.isfinite(result[0])) or huge.overflow:
        report.problems.append(
            "At large scores (z = 1000) your softmax gives " + _rounded(result[0]) + ": "
            "np.exp(1000) overflows to inf, and inf / inf is nan. Subtract each row's "
            "largest score first, Z - Z.max(axis=1, keepdims=True): the answer is the same, "
            "and the largest exponent becomes e^0 = 1.")
    elif not np.all(np.isfinite(result[1])):
        report.problems.append(
            "At very negative scores (z = −1000) your softmax gives " + _rounded(result[1])
            + ": every e^z underflows to 0, and 0 / 0 is nan. Subtracting each row's own "
            "largest score fixes it: then one exponent is e^0 = 1.")
    else:
        report.problems.append(f"At scores of ±1000 your softmax gives {_rounded(result[0])} "
                               f"and {_rounded(result[1])}; expected "
                               f"{_rounded(reference_softmax(_HUGE[0]))} and "
                               f"{_rounded(reference_softmax(_HUGE[1]))}.")
    return len(report.problems) == problems_before


def _rounded(row):
    return "[" + ", ".join("nan" if np.isnan(p) else f"{p:.3f}" for p in row) + "]"


# --- the gradient --------------------------------------------------------------------------


def _numerical_gradient(Z, labels, h=1e-6):
    """dL/dZ of the mean cross-entropy of softmax(Z), by central differences: the check's
    reference comes from the loss itself, not from a copy of the formula being learnt."""
    gradient = np.zeros_like(Z)
    for index in np.ndindex(Z.shape):
        up, down = Z.copy(), Z.copy()
        up[index] += h
        down[index] -= h
        gradient[index] = (categorical_cross_entropy(labels, reference_softmax(up))
                           - categorical_cross_entropy(labels, reference_softmax(down))) / (2 * h)
    return gradient


def _check_gradient(gradient, softmax, softmax_right, report):
    Z, Y = _GRADIENT_SCORES, _one_hot(_LABELS, _GRADIENT_SCORES.shape[1])
    n, n_classes = Z.shape
    outcome = _run(gradient, Z, Y)
    result = _as_result(outcome, "The gradient", Z.shape)
    P = reference_softmax(Z)
    expected = _numerical_gradient(Z, _LABELS)
    gap = float(np.max(np.abs(result - expected)))
    if gap < 1e-7:
        report.passed_checks.append(
            "The gradient matches the slope of the mean cross-entropy measured by central "
            f"differences, (L(z + h) − L(z − h)) / 2h, to within {_round_up(gap):.0e}.")
        if outcome.changed_input:
            report.problems.append("Your gradient changed the Z or Y passed in: compute new "
                                   "arrays instead.")
        return
    learner_P = _run(softmax, Z).result
    slips = [
        (P - Y, (f"The gradient is {n} times too large: the loss is the MEAN over the batch of "
                f"n = {n} samples, so divide by n, len(Z).")),
        ((P - Y) / Z.size, (f"You divided by n·K = {Z.size}, every score; divide by the number "
                           f"of samples only, n = len(Z) = {n}.")),
        ((P - Y) / n_classes, (f"You divided by the number of classes K = {n_classes}; divide "
                              f"by the number of samples, n = len(Z) = {n}.")),
        ((Y - P) / n, ("The sign is flipped: the gradient is P − Y (probabilities minus "
                       "one-hot labels), not Y − P. With Y − P, a step downhill would lower "
                       "the true digit's score instead of raising it.")),
        (Y - P, ("The sign is flipped (it is P − Y, not Y − P), and the gradient is not "
                f"divided by the batch size n = {n}.")),
        ((Z - Y) / n, ("Use the probabilities, softmax(Z), not the scores Z: the gradient is "
                      "(softmax(Z) − Y) / n.")),
    ]
    if not softmax_right and isinstance(learner_P, np.ndarray) and learner_P.shape == Z.shape:
        slips.insert(0, ((learner_P - Y) / n, ("Your gradient is (P − Y) / n, right, but P comes "
                                              "from your softmax, which still has a problem "
                                              "(above): fix it first.")))
    for wrong, message in slips:
        if _close(result, wrong):
            report.problems.append(message)
            return
    report.problems.append(
        f"For the first sample (label {_LABELS[0]}) your gradient is "
        f"{np.round(result[0], 4).tolist()}; the slope of the loss is "
        f"{np.round(expected[0], 4).tolist()}.")


def _round_up(gap):
    """A round upper bound for a small number, e.g. 1e-09, rather than noise digits."""
    return 10.0 ** np.ceil(np.log10(max(gap, 1e-12)))
