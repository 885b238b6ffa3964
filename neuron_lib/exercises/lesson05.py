"""Lesson 05's exercise check: the learner's backward pass of a two-layer network.

The learner writes ``backward(X, y, W1, b1, W2, b2)`` for a tanh hidden layer and a sigmoid
output trained on the mean binary cross-entropy, and returns the four gradients. The check
runs it on a small batch, compares each gradient with the library's backward pass and with
central differences (:func:`neuron_lib.gradcheck.check_gradients`), and when one is wrong,
names the slip by matching it against the usual wrong versions: a sign error, an extra
sigmoid slope, a forgotten or wrong activation derivative, a sum instead of a mean, a
missing bias gradient, a missing transpose. A crash inside the learner's code becomes a
sentence that quotes the line and the shapes of the arrays on it.
"""

import html
import itertools
import linecache
import re
import traceback
from dataclasses import dataclass

import numpy as np

from ..activations import _sigmoid_array
from .base import CheckReport, Unfinished, call_learner_code, run_check

__all__ = ["check_backward"]

NAMES = ("grad_W1", "grad_b1", "grad_W2", "grad_b2")

# The batch the check uses: n, d and h all differ, so that a missing transpose shows as a
# wrong shape instead of hiding in a square matrix.
N_SAMPLES, N_INPUTS, N_HIDDEN = 10, 3, 4


class NotStartedReport(CheckReport):
    """The report for an exercise nobody has touched yet: neutral, not a list of errors."""

    @property
    def passed(self):
        return False

    def text(self):
        return "\n".join([self.title, *(f"  · {line}" for line in self.notes)])

    def _repr_html_(self):
        notes = "".join(f"<li>{_code_html(line)}</li>" for line in self.notes)
        return (f"<div><b>{html.escape(self.title)}</b>"
                f'<ul style="list-style: none; padding-left: 0.5em">{notes}</ul></div>')


def _code_html(line):
    """`code` in a message as HTML code, the rest escaped (as CheckReport shows it)."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", html.escape(line))


def check_backward(function):
    """Check a learner's backward pass of a two-layer network, and name any slip.

    The function is called as ``function(X, y, W1, b1, W2, b2)`` with ``X`` of shape
    (n, d), ``y`` of shape (n, 1) holding 0 and 1, ``W1`` (d, h), ``b1`` (h,), ``W2`` (h, 1)
    and ``b2`` (1,), for the network ``ŷ = sigmoid(tanh(X W1 + b1) W2 + b2)``. It must return
    ``(grad_W1, grad_b1, grad_W2, grad_b2)``, the gradients of the mean binary cross-entropy,
    each of the shape of its parameter (a plain number is accepted for ``grad_b2``).

    Parameters
    ----------
    function : callable
        The learner's function.

    Returns
    -------
    CheckReport
        ``report.passed`` is True when every gradient is right. Never raises because of the
        learner's code: an unfinished exercise or a crash becomes a line of the report.

    Examples
    --------
    >>> from neuron_lib import sigmoid
    >>> def backward(X, y, W1, b1, W2, b2):
    ...     A1 = np.tanh(X @ W1 + b1)
    ...     delta_out = sigmoid(A1 @ W2 + b2) - y
    ...     delta_hidden = (delta_out @ W2.T) * (1 - A1 ** 2)
    ...     return (X.T @ delta_hidden / len(X), delta_hidden.mean(axis=0),
    ...             A1.T @ delta_out / len(X), delta_out.mean(axis=0))
    >>> check_backward(backward).passed
    True
    """
    name = getattr(function, "__name__", "function")
    if not callable(function):
        report = CheckReport(f"Checking your {name}:")
        report.problems.append(f"check_backward expects your function, got "
                               f"{type(function).__name__} {function!r:.60}. Pass the "
                               "function itself: check_backward(backward), without ().")
        return report
    try:
        gradients = _gradients_of(function, *_batch(0))
    except _NotStarted:
        report = NotStartedReport(f"Checking your {name}:")
        report.notes.append("Not started yet: replace each `...` with your code, then run "
                            "this cell again.")
        return report
    except Unfinished as unfinished:
        report = CheckReport(f"Checking your {name}:")
        report.problems.append(str(unfinished))
        return report
    return run_check(name, _check, (function, gradients))


class _NotStarted(Exception):
    """Every gradient the function returns is still `...`."""


def _batch(seed):
    """A small batch and parameters: X (n, d), y (n, 1), W1 (d, h), b1 (h,), W2 (h, 1), b2 (1,)."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(N_SAMPLES, N_INPUTS))
    y = np.zeros((N_SAMPLES, 1))
    y[rng.permutation(N_SAMPLES)[: N_SAMPLES // 2]] = 1.0
    W1 = rng.normal(0.0, 0.8, size=(N_INPUTS, N_HIDDEN))
    b1 = rng.normal(0.0, 0.5, size=N_HIDDEN)
    W2 = rng.normal(0.0, 1.0, size=(N_HIDDEN, 1))
    b2 = rng.normal(0.0, 0.5, size=1)
    return X, y, W1, b1, W2, b2


def _gradients_of(function, X, y, W1, b1, W2, b2):
    """Call the learner's function on copies; return its four gradients as float arrays."""
    arguments = [array.copy() for array in (X, y, W1, b1, W2, b2)]
    result = _call(function, arguments)
    if result is None or result is Ellipsis:
        raise Unfinished(f"Your function returns {'None' if result is None else '`...`'}: "
                         "end it with return grad_W1, grad_b1, grad_W2, grad_b2.")
    if not isinstance(result, (tuple, list)) or len(result) != 4:
        got = (f"{len(result)} things" if isinstance(result, (tuple, list))
               else f"{type(result).__name__}")
        raise Unfinished(f"Your function should return four gradients, (grad_W1, grad_b1, "
                         f"grad_W2, grad_b2); it returned {got}.")
    if all(value is Ellipsis for value in result):
        raise _NotStarted
    for name, value in zip(NAMES, result):
        if value is Ellipsis:
            raise Unfinished(f"{name} is still `...`: compute it.")
    if not all(np.array_equal(before, after) for before, after in
               zip((X, y, W1, b1, W2, b2), arguments)):
        raise Unfinished("Your function changed an array passed in (X, y or a parameter). "
                         "Compute new arrays instead of updating them in place (no -= or *=).")
    gradients = []
    for name, value in zip(NAMES, result):
        if value is None:
            raise Unfinished(f"{name} is None: compute it and return it.")
        try:
            array = np.asarray(value, dtype=float)
        except (TypeError, ValueError):
            raise Unfinished(f"{name} should be an array of numbers, got "
                             f"{type(value).__name__} {value!r:.60}.") from None
        if name == "grad_b2" and array.shape == ():
            array = array.reshape(1)  # a plain number for the one output bias is fine
        gradients.append(array)
    return gradients


def _call(function, arguments):
    """Run the learner's function; explain a crash by the line it happened on."""
    result, _ = call_learner_code("backward", _traced(function), *arguments)
    if isinstance(result, _Crash):
        raise Unfinished(result.explanation)
    return result


@dataclass(frozen=True)
class _Crash:
    """What the learner's code raised, already explained in words."""

    explanation: str


def _traced(function):
    """`function`, returning a :class:`_Crash` that explains its line instead of raising."""
    def run(*arguments):
        try:
            return function(*arguments)
        except Exception as error:  # noqa: BLE001 - the learner's code may raise anything
            return _Crash(_explain_crash(function, error))

    return run


def _explain_crash(function, error):
    """A sentence about a crash: the learner's line, the shapes on it, and a likely fix."""
    code = getattr(function, "__code__", None)
    frames = [frame for frame, _ in traceback.walk_tb(error.__traceback__)
              if code is not None and frame.f_code.co_filename == code.co_filename]
    message = f"{type(error).__name__}: {error}"
    if not frames:
        return f"Your function raised {message}"
    frame = frames[-1]
    line_number = frame.f_lineno
    source = linecache.getline(frame.f_code.co_filename, line_number).strip()
    if not source:  # code whose text Python cannot find again: name the line by number
        arrays = [f"{name} {value.shape}" for name, value in frame.f_locals.items()
                  if isinstance(value, np.ndarray)]
        return (f"Line {line_number - code.co_firstlineno + 1} of your function raised "
                f"{message}. Its arrays there: {', '.join(arrays)}.")
    line = f"`{source}`"
    names = dict.fromkeys(re.findall(r"[A-Za-z_]\w*", source))
    unfinished = [name for name in names if frame.f_locals.get(name, None) is Ellipsis]
    if unfinished or "ellipsis" in str(error):
        which = f"{', '.join(unfinished)} is" if unfinished else "a value it uses is"
        return f"The line {line} cannot run yet: {which} still `...`. Compute that first."
    shapes = [f"{name} {frame.f_locals[name].shape}" for name in names
              if isinstance(frame.f_locals.get(name), np.ndarray)]
    text = f"The line {line} raised {message}"
    if shapes:
        text += f" Shapes on that line: {', '.join(shapes)}."
    if isinstance(error, ValueError) and ("matmul" in str(error) or "shapes" in str(error)
                                          or "broadcast" in str(error)):
        text += (" The inner sizes of A @ B must match. A weight gradient has its weights' "
                 "shape: Xᵀ (d, n) @ δ (n, h) gives (d, h). Is a .T missing, or on the "
                 "wrong array?")
    return text


def _library_network(W1, b1, W2, b2):
    """The exercise's network as the library's layers, with the given parameters."""
    from ..layers import Dense
    from ..network import Network

    return Network([Dense(N_INPUTS, N_HIDDEN, "tanh", init=(W1, b1)),
                    Dense(N_HIDDEN, 1, "sigmoid", init=(W2, b2))])


def _library_gradients(X, y, W1, b1, W2, b2):
    """The four gradients from the library's own forward and backward pass."""
    from ..losses import get_loss

    network = _library_network(W1, b1, W2, b2)
    network.forward(X)
    get_loss("binary_cross_entropy").backpropagate(network, y)
    return [gradient.copy() for gradient in network.gradients()]


def _forward(X, W1, b1, W2, b2):
    Z1 = X @ W1 + b1
    A1 = np.tanh(Z1)
    y_hat = _sigmoid_array(A1 @ W2 + b2)
    return Z1, A1, y_hat


# Ways to get δ at the output, δ for the hidden layer, and the batch reduction wrong: each
# with what to tell the learner (None: the right way).
_OUTPUT_DELTAS = {
    None: lambda y, y_hat: y_hat - y,
    "sign": lambda y, y_hat: y - y_hat,
    "extra slope": lambda y, y_hat: (y_hat - y) * y_hat * (1 - y_hat),
}
_HIDDEN_SLOPES = {
    None: lambda Z1, A1: 1 - A1 ** 2,
    "no derivative": lambda Z1, A1: np.ones_like(Z1),
    "sigmoid derivative": lambda Z1, A1: _sigmoid_array(Z1) * (1 - _sigmoid_array(Z1)),
    "sigmoid formula on A1": lambda Z1, A1: A1 * (1 - A1),
    "derivative of Z1": lambda Z1, A1: 1 - Z1 ** 2,
    "tanh itself": lambda Z1, A1: A1,
}
_REDUCTIONS = (None, "sum")

_SLIP_MESSAGES = {
    "sign": "The gradients have the wrong sign: the error at the output is δ_out = ŷ − y "
            "(y_hat - y), not y − ŷ. With y − ŷ every step would go uphill.",
    "extra slope": "δ_out carries an extra sigmoid slope ŷ(1 − ŷ). With cross-entropy that "
                   "slope cancels: δ_out = y_hat - y, nothing more. (The extra factor is "
                   "squared error's gradient, the one that crawls.)",
    "no derivative": "The activation derivative is missing from δ_hidden: multiply "
                     "delta_out @ W2.T element-wise by tanh′(Z1) = 1 - A1**2.",
    "sigmoid derivative": "δ_hidden uses the sigmoid's derivative σ(Z1)(1 − σ(Z1)), but the "
                          "hidden layer is tanh: its derivative is 1 − tanh²(Z1) = 1 - A1**2.",
    "sigmoid formula on A1": "δ_hidden uses A1 * (1 - A1), the sigmoid's slope formula, but "
                             "A1 = tanh(Z1): tanh's slope is 1 - A1**2.",
    "derivative of Z1": "δ_hidden uses 1 - Z1**2: the formula 1 − tanh² needs tanh of Z1, "
                        "that is 1 - A1**2 (or 1 - np.tanh(Z1)**2).",
    "tanh itself": "δ_hidden multiplies by tanh(Z1) = A1, the activation itself; it needs "
                   "its derivative, 1 - A1**2.",
    "sum": "{names}: summed over the batch instead of averaged, so {n} times too large. The "
           "loss is a mean: divide by n, X.T @ delta / len(X) and delta.mean(axis=0).",
    "transposed": "{name} is transposed: shape {got}, but {parameter} has shape {expected}. "
                  "Put the inputs first: {formula}.",
}


def _variant(X, y, W1, b1, W2, b2, output_slip, hidden_slip, reduction):
    """The four gradients a backward pass with the given slips returns."""
    Z1, A1, y_hat = _forward(X, W1, b1, W2, b2)
    delta_out = _OUTPUT_DELTAS[output_slip](y, y_hat)
    delta_hidden = (delta_out @ W2.T) * _HIDDEN_SLOPES[hidden_slip](Z1, A1)
    scale = 1.0 if reduction == "sum" else 1.0 / len(X)
    return [X.T @ delta_hidden * scale, delta_hidden.sum(axis=0) * scale,
            A1.T @ delta_out * scale, delta_out.sum(axis=0) * scale]


def _close(a, b):
    return a.shape == b.shape and np.allclose(a, b, rtol=1e-6, atol=1e-10)


def _check(target, report):
    function, gradients = target
    batch = _batch(0)
    X, _, W1, b1, W2, b2 = batch
    expected = _library_gradients(*batch)
    parameters = {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
    right = [_close(got, want) for got, want in zip(gradients, expected)]

    if all(right):
        _report_success(function, report)
        return
    for name, ok in zip(NAMES, right):
        if ok:
            report.passed_checks.append(f"{name} is right.")
    slips, explained = [], set()
    sums = []
    for index, (name, got, want, ok) in enumerate(zip(NAMES, gradients, expected, right)):
        if ok:
            continue
        parameter = parameters[name.removeprefix("grad_")]
        shape_problem = _shape_problem(name, got, parameter, batch)
        if shape_problem:
            report.problems.append(shape_problem)
            explained.add(name)
            continue
        # Every combination of the usual slips: the first that gives this array names them.
        for output_slip, hidden_slip, reduction in itertools.product(
                _OUTPUT_DELTAS, _HIDDEN_SLOPES, _REDUCTIONS):
            if index >= 2 and hidden_slip is not None:
                continue  # the output layer's gradients never see the hidden slope
            if _close(got, _variant(*batch, output_slip, hidden_slip, reduction)[index]):
                slips += [slip for slip in (output_slip, hidden_slip) if slip]
                if reduction == "sum":
                    sums.append(name)
                explained.add(name)
                break
        else:
            if not np.any(got):
                report.problems.append(
                    f"{name} is all zeros. "
                    + ("A bias learns too: its gradient is the column mean of δ, "
                       f"{'delta_hidden' if name == 'grad_b1' else 'delta_out'}"
                       ".mean(axis=0)." if "b" in name else "Compute it from δ and the "
                       "layer's input."))
                explained.add(name)
            elif _close(got, parameter):
                report.problems.append(f"{name} is {name.removeprefix('grad_')} itself, not "
                                       "its gradient.")
                explained.add(name)
    for slip in dict.fromkeys(slips):
        report.problems.append(_SLIP_MESSAGES[slip])
    if sums:
        report.problems.append(_SLIP_MESSAGES["sum"].format(names=", ".join(sums),
                                                            n=len(X)))
    for name, got, want, ok in zip(NAMES, gradients, expected, right):
        if not ok and name not in explained:
            report.problems.append(
                f"{name} is wrong, and not by one of the usual slips: your values "
                f"{np.round(got.ravel()[:3], 4).tolist()}…, expected "
                f"{np.round(want.ravel()[:3], 4).tolist()}…. Compare each line with the "
                "formulas of section 3.")


_FORMULAS = {"grad_W1": "X.T @ delta_hidden / len(X)", "grad_W2": "A1.T @ delta_out / len(X)"}
_INPUT_OF = {"grad_W1": ("X", "A1"), "grad_W2": ("A1", "X")}


def _shape_problem(name, got, parameter, batch):
    """Explain a gradient of the wrong shape, or return None if the shape is right."""
    expected = parameter.shape
    if got.shape == expected:
        return None
    parameter_name = name.removeprefix("grad_")
    if name in _FORMULAS and got.shape == expected[::-1]:
        return _SLIP_MESSAGES["transposed"].format(name=name, got=got.shape,
                                                    parameter=parameter_name,
                                                    expected=expected,
                                                    formula=_FORMULAS[name])
    text = f"{name} has shape {got.shape}, but {parameter_name} has shape {expected}: a " \
           "gradient has the shape of its parameter."
    n = batch[0].shape[0]
    if name in _FORMULAS:
        layer_input, other = _INPUT_OF[name]
        if got.shape[:1] == (n,):
            text += f" It still has one row per sample: {_FORMULAS[name]} sums over them."
        elif got.ndim == 2 and got.shape[1:] == expected[1:]:
            text += (f" Multiply δ by this layer's own input, {layer_input}.T (not "
                     f"{other}.T): {_FORMULAS[name]}.")
    elif got.shape[:1] == (n,):
        text += " It still has one row per sample: average over the batch, axis=0."
    elif got.size == 1:
        text += " It is one number for the whole layer: average each column, axis=0."
    elif got.ndim == 2 and got.shape[-1] == expected[0]:
        text += " Drop the extra axis: .mean(axis=0) without keepdims."
    return text


def _report_success(function, report):
    report.passed_checks.append("All four gradients match the library's backward pass.")
    # A second batch, to be sure it was not a coincidence of one set of numbers.
    other = _batch(1)
    again = _gradients_of(function, *other)
    if not all(_close(got, want) for got, want in zip(again, _library_gradients(*other))):
        report.problems.append("On a second batch your gradients differ from the library's: "
                               "does your function use a number that belongs to the first "
                               "batch only?")
        return
    errors = _relative_errors_to_numerical(function, other)
    worst = max(errors.values())
    listed = ", ".join(f"{name} {error:.0e}" for name, error in errors.items())
    verdict = "all below 1e-7" if worst < 1e-7 else f"the largest {worst:.0e}"
    report.passed_checks.append(f"Central differences agree: relative errors {listed} "
                                f"({verdict}).")


def _relative_errors_to_numerical(function, batch):
    """The relative error of each of the learner's gradients to central differences."""
    from ..gradcheck import check_gradients, relative_error

    X, y, W1, b1, W2, b2 = batch
    numerical = check_gradients(_library_network(W1, b1, W2, b2), X, y[:, 0]).numerical
    gradients = _gradients_of(function, *batch)
    return {name: relative_error(gradient, slope)
            for name, gradient, slope in zip(NAMES, gradients, numerical.values())}
