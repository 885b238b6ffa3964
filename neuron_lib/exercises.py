"""Behaviour checks of learners' code: what is right and what is wrong, in plain words.

A check never raises because of the learner's code: an unfinished exercise (``...`` left in
place) or a crash inside it becomes a line of the report.
"""

import html
import re
import warnings
from dataclasses import dataclass, field

import numpy as np

from .activations import sigmoid
from .training import binary_cross_entropy, loss_gradient


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

        rows = [f'<li style="color: #2ca02c">✔ {line_html(line)}</li>'
                for line in self.passed_checks]
        rows += [f'<li style="color: #d62728">✘ {line_html(line)}</li>' for line in self.problems]
        rows += [f'<li style="color: #555">ℹ {line_html(line)}</li>' for line in self.notes]
        summary = ('<b style="color: #2ca02c">All checks passed. Well done!</b>' if self.passed
                   else f'<b style="color: #d62728">{self._to_fix()}</b> '
                   "Edit your code and run the check again.")
        return (f"<div><b>{html.escape(self.title)}</b>"
                f'<ul style="list-style: none; padding-left: 0.5em">{"".join(rows)}</ul>'
                f"{summary}</div>")


class _Unfinished(Exception):
    """The learner's code still holds `...` where an answer belongs."""


def _run_check(name, check, target):
    """Run `check(target, report)`; an unfinished or crashing answer becomes one problem."""
    report = CheckReport(f"Checking your {name}:")
    try:
        check(target, report)
    except _Unfinished as unfinished:
        report.problems.append(str(unfinished))
    return report


def _as_number(value, what):
    """`value` as a float if it is one real number; explain what is wrong otherwise."""
    if value is Ellipsis:
        raise _Unfinished(f"{what} is still `...`: replace it with your code.")
    if isinstance(value, np.ndarray) and value.ndim == 0 and value.dtype.kind in "iuf":
        value = value[()]
    if isinstance(value, np.ndarray) and value.size == 1 and value.dtype.kind in "iuf":
        raise _Unfinished(f"{what} should be a single number, got an array of shape "
                          f"{value.shape}. For one sample, np.dot(weights, x) is already a "
                          "number: check the shapes of weights and x.")
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.number)):
        raise _Unfinished(f"{what} should be a number, got {type(value).__name__} {value!r}.")
    value = float(value)
    if not np.isfinite(value):
        raise _Unfinished(f"{what} is {value}: check the formula for a division by zero or "
                          "an overflow.")
    return value


def _call(description, function, *args, **kwargs):
    """Run learner code; turn any exception into a sentence for the report."""
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            result = function(*args, **kwargs)
    except _Unfinished:
        raise
    except Exception as error:  # noqa: BLE001 - the learner's code may raise anything
        raise _Unfinished(f"{description} raised {type(error).__name__}: {error}") from None
    return result, caught


def _make(neuron_class, n_inputs, rng):
    try:
        return _call(f"{neuron_class.__name__}({n_inputs}, rng={rng})", neuron_class, n_inputs,
                     rng=rng)[0]
    except _Unfinished as error:
        if "unexpected keyword argument 'rng'" in str(error):
            raise _Unfinished(
                f"{neuron_class.__name__} should accept rng as a keyword: "
                "def __init__(self, n_inputs, rng=None), then rng = np.random.default_rng(rng)."
            ) from None
        raise


def _weights(neuron, n_inputs):
    weights = getattr(neuron, "weights", None)
    if weights is Ellipsis:
        raise _Unfinished("self.weights is still `...`: draw n_inputs numbers from U[-1, 1], "
                          "e.g. rng.uniform(-1, 1, size=n_inputs).")
    try:
        weights = np.asarray(weights, dtype=float)
    except (TypeError, ValueError):
        raise _Unfinished(f"self.weights should be an array of numbers, got {weights!r}.") from None
    if weights.shape != (n_inputs,):
        raise _Unfinished(f"self.weights should have shape ({n_inputs},), one weight per input, "
                          f"got shape {weights.shape}.")
    return weights


def check_neuron_class(neuron_class):
    """Check a learner's ``Neuron`` class by how it behaves, and say what is right and wrong.

    The class must be built as ``neuron_class(n_inputs, rng=seed)``, hold ``weights`` (shape
    ``(n_inputs,)``) and ``bias`` drawn from U[-1, 1], and compute
    ``activate(x) = sigmoid(np.dot(weights, x) + bias)`` for one sample ``x``.

    Parameters
    ----------
    neuron_class : type
        The learner's class.

    Returns
    -------
    CheckReport
        ``report.passed`` is True when every check passed; ``print(report)`` or showing it in
        a notebook lists each finding.

    Examples
    --------
    >>> from neuron_lib import Neuron
    >>> check_neuron_class(Neuron).passed
    True
    """
    if not isinstance(neuron_class, type):
        name = type(neuron_class).__name__
        report = CheckReport("Checking your class:")
        report.problems.append(
            f"Pass the class itself, e.g. check_neuron_class(MyNeuron), not "
            f"{'an instance such as MyNeuron(3)' if callable(getattr(neuron_class, 'activate', None)) else f'a {name}'}.")
        return report
    return _run_check(neuron_class.__name__, _check_neuron_class, neuron_class)


def _check_neuron_class(neuron_class, report):
    if not callable(getattr(neuron_class, "activate", None)):
        raise _Unfinished("Your class has no method activate(self, x): define it.")
    _check_initialisation(neuron_class, report)
    _check_activate(neuron_class, report)


def _check_initialisation(neuron_class, report):
    n_inputs = 4
    neurons = [_make(neuron_class, n_inputs, seed) for seed in range(20)]
    all_weights = np.array([_weights(neuron, n_inputs) for neuron in neurons])
    biases = np.array([_as_number(getattr(neuron, "bias", None), "self.bias")
                       for neuron in neurons])
    report.passed_checks.append(f"weights has one entry per input (tried with {n_inputs} "
                                "inputs).")

    if not np.all(np.isfinite(all_weights)) or not np.all(np.isfinite(biases)):
        report.problems.append("Some weights or biases are NaN or infinite.")
        return
    if np.all(all_weights == 0):
        report.problems.append(
            "All weights are zero. Neurons that start alike stay alike: draw each weight from "
            "U[-1, 1] with rng.uniform(-1, 1, size=n_inputs) to break the symmetry.")
    elif np.all(all_weights == all_weights.flat[0]):
        report.problems.append(
            "All weights have the same value. Draw each one at random, so that they differ.")
    elif np.all(all_weights == all_weights[0]):
        report.problems.append(
            "Every neuron gets the same weights, whatever its rng. Draw them with the rng "
            "passed in: rng = np.random.default_rng(rng), then rng.uniform(...).")
    elif all_weights.min() < -1 or all_weights.max() > 1:
        report.problems.append(
            f"Weights should lie in [-1, 1]; yours range from {all_weights.min():.2f} to "
            f"{all_weights.max():.2f}. Use rng.uniform(-1, 1, size=n_inputs).")
    elif all_weights.min() >= 0:
        report.problems.append(
            "All weights are positive: U[-1, 1] gives negative ones too. "
            "Use rng.uniform(-1, 1, size=n_inputs).")
    else:
        report.passed_checks.append("Weights are random, different for each neuron, and in [-1, 1].")

    if np.all(biases == biases[0]):
        report.problems.append(
            f"The bias is {biases[0]:g} for every neuron. Draw it from U[-1, 1] too: "
            "rng.uniform(-1, 1).")
    elif biases.min() < -1 or biases.max() > 1:
        report.problems.append(f"The bias should lie in [-1, 1]; yours range from "
                               f"{biases.min():.2f} to {biases.max():.2f}.")
    else:
        report.passed_checks.append("The bias is random and in [-1, 1].")


def _set(neuron, name, value):
    try:
        setattr(neuron, name, value)
    except Exception as error:  # noqa: BLE001 - a property of the learner's may refuse
        raise _Unfinished(f"The check sets self.{name} to try other values, but that raised "
                          f"{type(error).__name__}: {error}. Keep {name} a plain attribute.") from None


def _activate(neuron, x):
    result, caught = _call(f"activate({np.round(x, 2).tolist()})", neuron.activate, x)
    return _as_number(result, "The value activate returns"), caught


def _check_activate(neuron_class, report):
    rng = np.random.default_rng(7)
    samples = rng.uniform(-2, 2, size=(25, 3))
    neuron = _make(neuron_class, 3, 0)
    _set(neuron, "weights", np.array([0.8, -0.5, 0.3]))
    _set(neuron, "bias", 0.25)
    outputs = []
    warned = False
    for x in samples:
        output, caught = _activate(neuron, x)
        outputs.append(output)
        warned = warned or bool(caught)
    outputs = np.array(outputs)
    expected = sigmoid(samples @ neuron.weights + neuron.bias)

    if np.any(outputs <= 0) or np.any(outputs >= 1):
        report.problems.append(
            f"Outputs fall outside (0, 1) (from {outputs.min():.2f} to {outputs.max():.2f}): "
            "did you apply the sigmoid to z?")
    else:
        report.passed_checks.append("Outputs lie between 0 and 1, like probabilities.")

    _set(neuron, "bias", -2.0)
    low_bias, _ = _activate(neuron, samples[0])
    _set(neuron, "bias", 2.0)
    high_bias, _ = _activate(neuron, samples[0])
    if np.isclose(low_bias, high_bias):
        report.problems.append(
            "Your bias never changes the output: add self.bias to the weighted sum, "
            "z = np.dot(self.weights, x) + self.bias.")
    else:
        report.passed_checks.append("The bias changes the output.")
    _set(neuron, "bias", 0.25)

    _set(neuron, "weights", np.array([-0.8, 0.5, -0.3]))
    flipped, _ = _activate(neuron, samples[0])
    if np.isclose(flipped, outputs[0]):
        report.problems.append(
            "Changing the weights does not change the output: multiply each input by its "
            "weight, np.dot(self.weights, x).")

    if np.allclose(outputs, expected, rtol=1e-6, atol=1e-9):
        report.passed_checks.append(
            "activate(x) equals sigmoid(np.dot(weights, x) + bias) on 25 test emails.")
    elif not report.problems:
        worst = int(np.argmax(np.abs(outputs - expected)))
        report.problems.append(
            f"activate({np.round(samples[worst], 2).tolist()}) returned {outputs[worst]:.4f}; "
            f"expected sigmoid(np.dot(weights, x) + bias) = {expected[worst]:.4f}.")
    if warned:
        report.notes.append("Your code raised a warning on ordinary inputs; check the "
                            "formula for NaN or overflow.")
    if report.passed:
        _note_on_large_inputs(neuron_class, report)


def _note_on_large_inputs(neuron_class, report):
    neuron = _make(neuron_class, 3, 0)
    try:
        _set(neuron, "weights", np.array([1.0, 1.0, 1.0]))
        _set(neuron, "bias", 0.0)
        output, caught = _activate(neuron, np.array([-400.0, -400.0, -400.0]))
    except _Unfinished:
        return
    if caught or not np.isfinite(output):
        report.notes.append(
            "For a very negative z (here -1200) np.exp(-z) overflows and numpy warns. The "
            "answer is still right, but neuron_lib.sigmoid avoids the warning: see its source.")


def check_leaky_relu(function):
    """Check a learner's ``leaky_relu(z, alpha=0.01)`` by how it behaves.

    It must return `z` for positive `z` and ``alpha * z`` otherwise, for a number and for
    an array of any shape (without changing the array), and use the `alpha` it is given.

    Parameters
    ----------
    function : callable
        The learner's function.

    Returns
    -------
    CheckReport

    Examples
    --------
    >>> from neuron_lib import leaky_relu
    >>> check_leaky_relu(leaky_relu).passed
    True
    """
    return _run_check(getattr(function, "__name__", "function"), _check_leaky_relu, function)


def _leaky_values(function, z, **kwargs):
    result, _ = _call(f"{function.__name__}({z!r})", function, z, **kwargs)
    if result is Ellipsis or result is None:
        what = "`...`" if result is Ellipsis else "None"
        raise _Unfinished(f"Your function returns {what}: return the leaky ReLU of z.")
    try:
        return np.asarray(result, dtype=float)
    except (TypeError, ValueError):
        raise _Unfinished(f"Your function should return numbers, got {result!r}.") from None


def _check_leaky_relu(function, report):
    positives = _leaky_values(function, 3.0)
    negatives = _leaky_values(function, -2.0)
    if not np.isclose(positives, 3.0):
        report.problems.append(f"leaky_relu(3.0) should be 3.0 (z itself for z > 0), got "
                               f"{float(positives):g}.")
    else:
        report.passed_checks.append("Positive z passes through unchanged.")
    if np.isclose(negatives, 0.0):
        report.problems.append("leaky_relu(-2.0) gave 0: that is plain ReLU. For z <= 0 "
                               "return alpha * z (here 0.01 * -2.0 = -0.02).")
    elif np.isclose(negatives, 0.01):
        report.problems.append("leaky_relu(-2.0) gave 0.01: return alpha * z, not alpha.")
    elif not np.isclose(negatives, -0.02):
        report.problems.append(f"leaky_relu(-2.0) should be 0.01 * -2.0 = -0.02, got "
                               f"{float(negatives):g}.")
    else:
        report.passed_checks.append("Negative z is scaled by alpha (0.01 by default).")

    with_alpha = _leaky_values(function, -2.0, alpha=0.2)
    if not np.isclose(with_alpha, -0.4):
        report.problems.append(f"leaky_relu(-2.0, alpha=0.2) should be -0.4, got "
                               f"{float(with_alpha):g}: use the alpha argument, not a fixed "
                               "number.")
    else:
        report.passed_checks.append("The alpha argument is used.")

    z = np.array([[-4.0, -0.5], [0.0, 2.5]])
    z_before = z.copy()
    try:
        values = _leaky_values(function, z)
    except _Unfinished as error:
        if "ambiguous" in str(error):
            raise _Unfinished(
                "Your function works for one number but not for an array: Python's max() "
                "and `if z > 0` look at one value. Use np.maximum(alpha * z, z) or "
                "np.where(z > 0, z, alpha * z).") from None
        raise
    if not np.array_equal(z, z_before):
        report.problems.append("Your function changed the array passed in. Compute a new "
                               "array instead of assigning into z.")
    if values.shape != z.shape:
        report.problems.append(f"For an array of shape {z.shape} your function returned shape "
                               f"{values.shape}; keep the shape.")
    elif not np.allclose(values, [[-0.04, -0.005], [0.0, 2.5]]):
        report.problems.append(f"On the array {z.tolist()} your function returned "
                               f"{values.tolist()}; expected [[-0.04, -0.005], [0.0, 2.5]].")
    else:
        report.passed_checks.append("Arrays of any shape work, element by element.")


def check_gradient_step(function):
    """Check a learner's ``gradient_step(weights, bias, X, y, lr)`` by how it behaves.

    It must return ``(new_weights, new_bias)``, one step of gradient descent on the mean
    binary cross-entropy of a sigmoid neuron: ``new_weights = weights - lr * X.T @ (y_hat -
    y) / n`` and ``new_bias = bias - lr * mean(y_hat - y)``, with ``y_hat = sigmoid(X @
    weights + bias)``, leaving its arguments unchanged.

    Parameters
    ----------
    function : callable
        The learner's function.

    Returns
    -------
    CheckReport

    Examples
    --------
    >>> from neuron_lib.training import loss_gradient
    >>> def step(weights, bias, X, y, lr):
    ...     grad_w, grad_b = loss_gradient(X, y, weights, bias)
    ...     return weights - lr * grad_w, bias - lr * grad_b
    >>> check_gradient_step(step).passed
    True
    """
    return _run_check(getattr(function, "__name__", "function"), _check_gradient_step,
                      function)


def _step_of(function, weights, bias, X, y, lr):
    arguments = (weights.copy(), bias, X.copy(), y.copy(), lr)
    result, _ = _call(f"{function.__name__}(weights, bias, X, y, lr={lr})", function,
                      *arguments)
    if result is Ellipsis or result is None:
        raise _Unfinished("Your function returns "
                          f"{'`...`' if result is Ellipsis else 'None'}: return the new "
                          "weights and the new bias, e.g. return new_weights, new_bias.")
    if not isinstance(result, tuple) or len(result) != 2:
        raise _Unfinished(f"Your function should return two things, (new_weights, new_bias); "
                          f"it returned {type(result).__name__} {result!r:.80}.")
    new_weights, new_bias = result
    if new_weights is Ellipsis or new_bias is Ellipsis:
        raise _Unfinished("The new weights or bias are still `...`: compute them.")
    try:
        new_weights = np.asarray(new_weights, dtype=float)
    except (TypeError, ValueError):
        raise _Unfinished(f"The new weights should be numbers, got {new_weights!r:.80}.") from None
    if new_weights.shape != weights.shape:
        raise _Unfinished(f"The new weights should have shape {weights.shape}, like the "
                          f"weights; got shape {new_weights.shape}.")
    return new_weights, _as_number(new_bias, "The new bias"), arguments


def _check_gradient_step(function, report):
    rng = np.random.default_rng(3)
    X = rng.normal(size=(40, 3))
    y = (rng.uniform(size=40) < 0.4).astype(float)
    weights, bias, lr = np.array([0.5, -0.3, 0.8]), 0.2, 0.5
    new_weights, new_bias, arguments = _step_of(function, weights, bias, X, y, lr)
    if not (np.array_equal(arguments[0], weights) and np.array_equal(arguments[2], X)):
        report.problems.append("Your function changed the weights (or X) passed in. Compute "
                               "new arrays, e.g. new_weights = weights - lr * grad_w.")
    grad_w, grad_b = loss_gradient(X, y, weights, bias)
    expected_w, expected_b = weights - lr * grad_w, bias - lr * grad_b
    linear_error = X @ weights + bias - y

    def close(a, b):
        return np.allclose(a, b, rtol=1e-6, atol=1e-9)

    weights_right = close(new_weights, expected_w)
    bias_right = bool(np.isclose(new_bias, expected_b, atol=1e-9))
    if weights_right:
        report.passed_checks.append("The weights take one step: w − η·Xᵀ(ŷ − y)/n.")
    elif close(new_weights, weights + lr * grad_w):
        report.problems.append("You stepped uphill: subtract the gradient, new_weights = "
                               "weights - lr * grad_w, with the error y_hat - y (not y - y_hat).")
    elif close(new_weights, weights - lr * grad_w * len(y)):
        report.problems.append(f"The step is {len(y)} times too long: the gradient of the "
                               "MEAN loss divides by n, grad_w = X.T @ (y_hat - y) / len(y).")
    elif close(new_weights, weights - grad_w):
        report.problems.append("The step ignores the learning rate: multiply the gradient by "
                               "lr.")
    elif close(new_weights, weights - lr * X.T @ linear_error / len(y)):
        report.problems.append("y_hat should be the neuron's output, sigmoid(X @ weights + "
                               "bias): the sigmoid is missing.")
    else:
        report.problems.append(f"The new weights are {np.round(new_weights, 4).tolist()}; one "
                               f"step should give {np.round(expected_w, 4).tolist()}.")
    if bias_right:
        report.passed_checks.append("The bias takes one step: b − η·mean(ŷ − y).")
    elif np.isclose(new_bias, bias):
        report.problems.append("The bias did not change: it learns too, new_bias = bias - lr "
                               "* np.mean(y_hat - y).")
    elif weights_right:
        report.problems.append(f"The new bias is {new_bias:.4f}; it should be "
                               f"{expected_b:.4f} = bias - lr * mean(y_hat - y).")
    # Repeated steps must bring the loss down: the whole point of the exercise.
    if report.passed:
        w, b = weights, bias
        for _ in range(50):
            w, b, _ = _step_of(function, w, b, X, y, lr)
        start = binary_cross_entropy(y, sigmoid(X @ weights + bias))
        end = binary_cross_entropy(y, sigmoid(X @ w + b))
        if end < start:
            report.passed_checks.append(f"50 steps lower the loss from {start:.3f} to "
                                        f"{end:.3f}.")
        else:
            report.problems.append(f"After 50 steps the loss went from {start:.3f} to "
                                   f"{end:.3f}: it should fall.")

