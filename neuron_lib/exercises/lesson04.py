"""Lesson 04's exercise check: the learner's two-layer forward pass.

The check runs the learner's ``forward(X, W1, b1, W2, b2)`` on three small cases and, when
the numbers are wrong, finds which recipe the learner computed: it tries every combination of
the usual slips (hidden activation missing or wrong, a bias missing or added after the
activation, the output's sigmoid missing, a product in the wrong order or transposed) and
names each slip of the combination that matches. One case has every size equal to 3, where a
wrong multiplication order runs without an error and gives wrong numbers.
"""

import itertools
import re
from dataclasses import dataclass

import numpy as np

from ..activations import _sigmoid_array, relu, tanh
from ..layers import Dense
from ..network import Network
from .base import CheckReport, Unfinished, call_learner_code, run_check

__all__ = ["check_forward_pass"]


@dataclass(frozen=True)
class _Case:
    """Inputs for one call of the learner's forward."""

    what: str
    X: np.ndarray
    W1: np.ndarray
    b1: np.ndarray
    W2: np.ndarray
    b2: np.ndarray

    @property
    def arguments(self):
        return (self.X, self.W1, self.b1, self.W2, self.b2)

    @property
    def n_samples(self):
        return self.X.shape[0]


def _case(what, n_samples, n_inputs, n_hidden, seed):
    rng = np.random.default_rng(seed)
    return _Case(what, rng.normal(0.0, 1.0, (n_samples, n_inputs)),
                 rng.uniform(-1.5, 1.5, (n_inputs, n_hidden)), rng.uniform(-1.0, 1.0, n_hidden),
                 rng.uniform(-2.0, 2.0, (n_hidden, 1)), rng.uniform(-1.0, 1.0, 1))


# Every size 3 first: a product in the wrong order runs there, so its numbers can be matched.
_CASES = (_case("every size 3 (3 samples, 3 inputs, 3 hidden neurons)", 3, 3, 3, seed=11),
          _case("6 samples, 2 inputs, 3 hidden neurons", 6, 2, 3, seed=12),
          _case("1 sample, 2 inputs, 4 hidden neurons", 1, 2, 4, seed=13))


def _reference(case):
    """ŷ = σ(tanh(X W1 + b1) W2 + b2), what forward must return: the library's network."""
    network = Network([Dense(*case.W1.shape, "tanh", init=(case.W1, case.b1)),
                       Dense(*case.W2.shape, "sigmoid", init=(case.W2, case.b2))])
    return network.forward(case.X)


# --- the slips, as switches of one recipe ------------------------------------------------

_HIDDEN = {"tanh": tanh, "none": lambda z: z, "sigmoid": _sigmoid_array, "relu": relu}
_OUTPUT = {"sigmoid": _sigmoid_array, "none": lambda z: z, "tanh": tanh}
_FIRST = {"X @ W1": lambda X, W1: X @ W1, "X @ W1.T": lambda X, W1: X @ W1.T,
          "W1 @ X": lambda X, W1: W1 @ X, "X.T @ W1": lambda X, W1: X.T @ W1}
_SECOND = {"H @ W2": lambda H, W2: H @ W2, "H.T @ W2": lambda H, W2: H.T @ W2}
_BIAS = ("inside", "missing", "outside")
_RIGHT = {"hidden": "tanh", "b1": "inside", "first": "X @ W1", "second": "H @ W2",
          "b2": "inside", "output": "sigmoid"}


def _recipe_output(case, hidden, b1, first, second, b2, output):
    """The output of one (possibly wrong) recipe, or None where its shapes do not chain."""
    try:
        with np.errstate(all="ignore"):
            z1 = _FIRST[first](case.X, case.W1)
            if b1 == "inside":
                z1 = z1 + case.b1
            H = _HIDDEN[hidden](z1)
            if b1 == "outside":
                H = H + case.b1
            z2 = _SECOND[second](H, case.W2)
            if b2 == "inside":
                z2 = z2 + case.b2
            y_hat = _OUTPUT[output](z2)
            if b2 == "outside":
                y_hat = y_hat + case.b2
    except ValueError:
        return None
    return y_hat if y_hat.shape == (case.n_samples, 1) else None


def _matching_recipe(case, values):
    """The recipe with the fewest slips whose output equals `values`, or None."""
    orders = (list(_FIRST), list(_SECOND)) if case.n_samples == case.X.shape[1] == \
        case.W1.shape[1] else (["X @ W1"], ["H @ W2"])
    best = None
    for hidden, b1, first, second, b2, output in itertools.product(
            _HIDDEN, _BIAS, *orders, _BIAS, _OUTPUT):
        recipe = {"hidden": hidden, "b1": b1, "first": first, "second": second, "b2": b2,
                  "output": output}
        slips = [key for key, value in recipe.items() if value != _RIGHT[key]]
        if best is not None and len(slips) >= len(best):
            continue
        candidate = _recipe_output(case, **recipe)
        if candidate is not None and np.allclose(values, candidate, rtol=1e-7, atol=1e-10):
            best = [(key, recipe[key]) for key in slips]
    return best


_SLIP_MESSAGES = {
    ("hidden", "none"): "The hidden layer has no activation: H should be np.tanh(X @ W1 + b1). "
                        "Without it the two layers collapse into one, and the network can only "
                        "draw a straight line (section 4).",
    ("hidden", "sigmoid"): "The hidden layer uses the sigmoid; this exercise asks for tanh: "
                           "H = np.tanh(X @ W1 + b1).",
    ("hidden", "relu"): "The hidden layer uses ReLU; this exercise asks for tanh: "
                        "H = np.tanh(X @ W1 + b1).",
    ("b1", "missing"): "b1 is missing: each hidden neuron adds its bias to its weighted sum, "
                       "X @ W1 + b1.",
    ("b1", "outside"): "b1 is added after the activation: add it to the weighted sum, inside "
                       "the tanh: np.tanh(X @ W1 + b1).",
    ("first", "X @ W1.T"): "W1.T: W1 is already stored as (n_inputs, n_hidden), one column per "
                           "hidden neuron, so X @ W1 needs no transpose. (It ran here only "
                           "because every size was 3.)",
    ("first", "W1 @ X"): "np.dot(W1, X) (or W1 @ X) multiplies the wrong way round. With one "
                         "sample per row, X comes first: X @ W1 is (n_samples, n_inputs) @ "
                         "(n_inputs, n_hidden). It ran here only because every size was 3, and "
                         "gave wrong numbers.",
    ("first", "X.T @ W1"): "X.T turns the samples into columns. Keep one sample per row: "
                           "X @ W1. (It ran here only because every size was 3.)",
    ("second", "H.T @ W2"): "H.T: H is already (n_samples, n_hidden), one row per sample, so "
                            "H @ W2 needs no transpose. (It ran here only because every size "
                            "was 3.)",
    ("b2", "missing"): "b2 is missing: the output neuron adds its bias too, H @ W2 + b2.",
    ("b2", "outside"): "b2 is added after the sigmoid, so the output is no longer a "
                       "probability: sigmoid(H @ W2 + b2).",
    ("output", "none"): "forward returns z, the output neuron's weighted sum, not a "
                        "probability: apply the sigmoid, y_hat = sigmoid(H @ W2 + b2).",
    ("output", "tanh"): "The output uses tanh, whose values lie between -1 and 1; a "
                        "probability needs the sigmoid: sigmoid(H @ W2 + b2).",
}

_PARTS_RIGHT = {"first": "X @ W1", "b1": "+ b1", "hidden": "tanh", "second": "H @ W2",
                "b2": "+ b2", "output": "the sigmoid at the end"}


# --- calling the learner's code ----------------------------------------------------------


def _shapes(case):
    n, k = case.n_samples, case.W1.shape[1]
    return (f"X {case.X.shape} @ W1 {case.W1.shape} gives ({n}, {k}), + b1 {case.b1.shape} "
            f"keeps it; H ({n}, {k}) @ W2 {case.W2.shape} gives ({n}, 1)")


def _explain_error(message, case):
    """A clearer sentence for the errors learners meet most."""
    if "ellipsis" in message or "does not have enough dimensions (has 0" in message:
        return ("Part of forward is still `...`: replace each `...` with your code, then run "
                "this check again.")
    name = re.search(r"NameError: name '(\w+)' is not defined", message)
    if name and name.group(1) == "sigmoid":
        return ("forward uses sigmoid, which is not defined in your notebook: import it, "
                "from neuron_lib import sigmoid (the lesson's first cell does).")
    if name:
        return (f"forward uses the name {name.group(1)!r}, which is not defined. Use the "
                "arguments X, W1, b1, W2, b2 (and np).")
    if re.search(r"mismatch in its core dimension|not aligned|could not be broadcast", message):
        details = re.search(r"\(size \d+ is different from \d+\)|shapes .*", message)
        return (f"forward raised a shape error ({details.group(0) if details else message}) "
                f"with {case.what}. Shapes must chain: {_shapes(case)}. Put X first and H "
                "first; with weights stored as (inputs, neurons) no .T is needed.")
    return message


def _output_of(function, case, report):
    """Call forward on copies of `case`; return its output as a (n_samples, 1) array."""
    copies = [array.copy() for array in case.arguments]
    try:
        result, _ = call_learner_code(f"forward(X, W1, b1, W2, b2) with {case.what}",
                                      function, *copies)
    except Unfinished as error:
        raise Unfinished(_explain_error(str(error), case)) from None
    names = ("X", "W1", "b1", "W2", "b2")
    changed = [name for name, copy, original in zip(names, copies, case.arguments)
               if not np.array_equal(copy, original)]
    if changed and not any("in place" in problem for problem in report.problems):
        report.problems.append(f"forward changed {', '.join(changed)} in place (with `+=`, "
                               "`*=` or similar): compute new arrays, e.g. "
                               "Z = X @ W1 + b1, and leave the arguments as they were.")
    return _as_output(result, case, report)


def _as_output(result, case, report):
    n = case.n_samples
    if result is Ellipsis:
        raise Unfinished("forward still returns `...`: write the hidden layer and the "
                         "output, then run this check again.")
    if result is None:
        raise Unfinished("forward returns None: end it with return y_hat.")
    if isinstance(result, tuple):
        raise Unfinished(f"forward returns {len(result)} things; return only y_hat, the "
                         "output probabilities.")
    try:
        values = np.asarray(result)
        values = values.astype(float) if values.dtype.kind in "biuf" else None
    except Exception:  # noqa: BLE001 - whatever the learner returned, say what it is
        values = None
    if values is None:
        raise Unfinished(f"forward should return a numpy array of numbers, got "
                         f"{type(result).__name__} {result!r:.60}.")
    if not np.isfinite(values).all():
        raise Unfinished("forward returned NaN or infinity: check each step's formula.")
    expected = f"({n}, 1), one row per sample and one column for the output neuron"
    if values.shape == (n, 1):
        return values
    if values.shape == (n,):
        _add_once(report, f"forward returns shape ({n},); it should be {expected}. Keep the "
                  "column: use W2 as it is, (n_hidden, 1), and don't ravel or squeeze the result.")
        return values.reshape(n, 1)
    if values.shape == (1, n) and n > 1:
        _add_once(report, f"forward returns shape (1, {n}), transposed; it should be "
                  f"{expected}. Multiply H @ W2, not W2.T @ H.T.")
        return values.reshape(n, 1)
    if values.shape == (n, n) and n > 1:
        raise Unfinished(f"forward returns shape ({n}, {n}); it should be {expected}. A "
                         f"({n},) array met a ({n}, 1) one somewhere and numpy broadcast "
                         "them into a square: keep every step 2-D.")
    raise Unfinished(f"forward returns shape {values.shape} for {case.what}; it should be "
                     f"{expected}.")


def _add_once(report, problem):
    """Report a shape slip once, not once per case."""
    if not any(line.startswith("forward returns shape") for line in report.problems):
        report.problems.append(problem)


# --- the check ---------------------------------------------------------------------------


def check_forward_pass(function):
    """Check a learner's two-layer forward pass, and name each slip it finds.

    The function must compute, for ``X`` of shape (n_samples, n_inputs), ``W1`` (n_inputs,
    n_hidden), ``b1`` (n_hidden,), ``W2`` (n_hidden, 1) and ``b2`` (1,):
    ``H = tanh(X @ W1 + b1)`` and return ``y_hat = sigmoid(H @ W2 + b2)`` of shape
    (n_samples, 1), leaving its arguments unchanged.

    Parameters
    ----------
    function : callable
        The learner's ``forward(X, W1, b1, W2, b2)``.

    Returns
    -------
    CheckReport
        ``report.passed`` is True when every check passed; showing it lists each finding.

    Examples
    --------
    >>> from neuron_lib import sigmoid
    >>> def forward(X, W1, b1, W2, b2):
    ...     H = np.tanh(X @ W1 + b1)
    ...     return sigmoid(H @ W2 + b2)
    >>> check_forward_pass(forward).passed
    True
    >>> def linear(X, W1, b1, W2, b2):  # the hidden activation forgotten
    ...     return sigmoid((X @ W1 + b1) @ W2 + b2)
    >>> print(check_forward_pass(linear).problems[0][:40])
    The hidden layer has no activation: H sh
    """
    if not callable(function):
        report = CheckReport("Checking your forward:")
        report.problems.append(
            f"Pass the function itself, check_forward_pass(forward), not what it returns "
            f"(got {type(function).__name__}).")
        return report
    return run_check(getattr(function, "__name__", "function"), _check_forward_pass, function)


def _check_forward_pass(function, report):
    for case in _CASES:
        values = _output_of(function, case, report)
        expected = _reference(case)
        if np.allclose(values, expected, rtol=1e-7, atol=1e-10):
            continue
        slips = _matching_recipe(case, values)
        if slips is None:
            _report_unknown(values, expected, case, report)
        elif slips:
            right_parts = [_PARTS_RIGHT[key] for key in _PARTS_RIGHT if key not in dict(slips)]
            if right_parts:
                report.passed_checks.append(f"Right: {', '.join(right_parts)}.")
            report.problems += [_SLIP_MESSAGES[slip] for slip in slips]
        return
    n, k = _CASES[1].n_samples, _CASES[1].W1.shape[1]
    if report.problems:  # a shape slip or a changed argument, the numbers being right
        report.passed_checks.append("The numbers are right: sigmoid(tanh(X @ W1 + b1) @ W2 "
                                    "+ b2) for every sample.")
        return
    report.passed_checks += [
        f"The hidden layer: H = tanh(X @ W1 + b1), ({n}, 2) @ (2, {k}) → ({n}, {k}).",
        (f"The output: ŷ = sigmoid(H @ W2 + b2), ({n}, {k}) @ ({k}, 1) → ({n}, 1), one "
        "probability per sample."),
        ("The same numbers as neuron_lib's Network with these weights, for 6 samples, for 1 "
        "sample, and with every size 3 (where a product in the wrong order would run "
        "unnoticed)."),
        "X and the weights are left unchanged.",
    ]


def _report_unknown(values, expected, case, report):
    worst = int(np.argmax(np.abs(values - expected).ravel()))
    message = (f"With {case.what}, forward gives {values.ravel()[worst]:.4f} for sample "
               f"{worst}; it should be {expected.ravel()[worst]:.4f} = "
               "sigmoid(tanh(X @ W1 + b1) @ W2 + b2).")
    if values.min() < 0 or values.max() > 1:
        message += (" Some outputs lie outside (0, 1), so they are not probabilities: is the "
                    "sigmoid applied last?")
    report.problems.append(message)
