"""Lesson 03's exercise check: the learner's gradient step."""

import numpy as np

from ..activations import sigmoid
from ..losses import binary_cross_entropy, loss_gradient
from .base import (
    CheckReport,
    NotStarted,
    Unfinished,
    as_number,
    as_real_array,
    call_learner_code,
    run_check,
    safe_repr,
    value_text,
)
from .lesson02 import function_name, not_a_function

__all__ = ["check_gradient_step"]

_N_SAMPLES, _N_FEATURES = 40, 3
_NAMES = {
    "n": "It stands for the number of emails: write len(y) (or X.shape[0]).",
    "n_samples": "It stands for the number of emails: write len(y) (or X.shape[0]).",
    "y_hat": "Compute it first: y_hat = sigmoid(X @ weights + bias), the neuron's outputs.",
    "sigmoid": "Import it first: from neuron_lib import sigmoid.",
    "np": "Import numpy first: import numpy as np.",
    "grad_w": "Compute it first: grad_w = X.T @ (y_hat - y) / len(y).",
    "grad_b": "Compute it first: grad_b = np.mean(y_hat - y).",
    "error": "Compute it first: error = y_hat - y.",
    "lr": "It is the function's last argument: def gradient_step(weights, bias, X, y, lr).",
    "w": "The function's argument is called weights.",
    "b": "The function's argument is called bias.",
}
_CONTEXT = {
    "names": _NAMES,
    "shapes": (f"The check passes X of shape ({_N_SAMPLES}, {_N_FEATURES}) ({_N_SAMPLES} "
               f"emails, {_N_FEATURES} features), y of shape ({_N_SAMPLES},) and weights of "
               f"shape ({_N_FEATURES},)."),
    "fix_shapes": (f"In A @ B the sizes next to each other must match: X @ weights is "
                   f"({_N_SAMPLES}, {_N_FEATURES}) @ ({_N_FEATURES},), one z per email; the "
                   f"gradient X.T @ (y_hat - y) is ({_N_FEATURES}, {_N_SAMPLES}) @ "
                   f"({_N_SAMPLES},), one number per weight. Without the .T, X @ (y_hat - y) "
                   f"is ({_N_SAMPLES}, {_N_FEATURES}) @ ({_N_SAMPLES},), which does not fit."),
}


def check_gradient_step(function):
    """Check a learner's ``gradient_step(weights, bias, X, y, lr)`` by how it behaves.

    It must return ``(new_weights, new_bias)`` (a tuple or a list of two), one step of
    gradient descent on the mean binary cross-entropy of a sigmoid neuron: ``new_weights =
    weights - lr * X.T @ (y_hat - y) / n`` and ``new_bias = bias - lr * mean(y_hat - y)``,
    with ``y_hat = sigmoid(X @ weights + bias)``, leaving its arguments unchanged.

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
    if not callable(function):
        return not_a_function(CheckReport("Checking your function:"), function,
                              "check_gradient_step(gradient_step)")
    return run_check(function_name(function), _check_gradient_step, function)


def _step_of(function, weights, bias, X, y, lr):
    """One call on copies; return new weights, new bias and the copies as the function left
    them (to see whether it changed its arguments)."""
    arguments = (weights.copy(), bias, X.copy(), y.copy(), lr)
    result, _ = call_learner_code(f"{function_name(function)}(weights, bias, X, y, lr={lr})",
                                  function, *arguments, context=_CONTEXT)
    if result is Ellipsis or result is None:
        raise Unfinished("Your function returns "
                         f"{'`...`' if result is Ellipsis else 'None'}: return the new "
                         "weights and the new bias, e.g. return new_weights, new_bias.")
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        count = (f"{len(result)} values" if isinstance(result, (tuple, list))
                 else value_text(result))
        raise Unfinished(f"Your function should return two things, new_weights and new_bias "
                         f"(return new_weights, new_bias); it returned {count}.")
    new_weights, new_bias = result
    if new_weights is Ellipsis and new_bias is Ellipsis:
        raise NotStarted(f"Nothing to check yet: {function_name(function)} still returns "
                         "`...`. Write your function in the cell above, run that cell, then "
                         "run this check again.")
    if new_weights is Ellipsis or new_bias is Ellipsis:
        raise Unfinished(f"The new {'weights' if new_weights is Ellipsis else 'bias'} "
                         "is still `...`: compute it.")
    new_weights = as_real_array(new_weights, "The new weights")
    if new_weights.shape != weights.shape:
        raise Unfinished(f"The new weights should have shape {weights.shape}, like the "
                         f"weights; got shape {new_weights.shape}.")
    new_bias = as_number(new_bias, "The new bias",
                         one_element_hint=" np.mean(y_hat - y) is already one number.")
    return new_weights, new_bias, arguments


def _check_gradient_step(function, report):
    rng = np.random.default_rng(3)
    X = rng.normal(size=(_N_SAMPLES, _N_FEATURES))
    y = (rng.uniform(size=_N_SAMPLES) < 0.4).astype(float)
    weights, bias, lr = np.array([0.5, -0.3, 0.8]), 0.2, 0.5
    new_weights, new_bias, arguments = _step_of(function, weights, bias, X, y, lr)
    changed = [name for name, given, original in (("weights", arguments[0], weights),
                                                    ("X", arguments[2], X),
                                                    ("y", arguments[3], y))
               if not np.array_equal(given, original)]
    if changed:
        report.problems.append(
            f"Your function changed the {' and '.join(changed)} passed in. Compute new arrays "
            "instead of assigning into them, e.g. new_weights = weights - lr * grad_w.")
    grad_w, grad_b = loss_gradient(X, y, weights, bias)  # from the check's untouched copies
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
        shown = safe_repr(np.round(new_weights, 4).tolist())
        report.problems.append(f"The new weights are {shown}; one step should give "
                               f"{np.round(expected_w, 4).tolist()}.")
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
            if not np.isfinite(w).all():
                raise Unfinished("After a few steps your function returned weights that are "
                                 f"NaN or infinite: {safe_repr(w.tolist())}.")
        start = binary_cross_entropy(y, sigmoid(X @ weights + bias))
        end = binary_cross_entropy(y, sigmoid(X @ w + b))
        if end < start:
            report.passed_checks.append(f"50 steps lower the loss from {start:.3f} to "
                                        f"{end:.3f}.")
        else:
            report.problems.append(f"After 50 steps the loss went from {start:.3f} to "
                                   f"{end:.3f}: it should fall.")
