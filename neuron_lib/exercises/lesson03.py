"""Lesson 03's exercise check: the learner's gradient step."""

import numpy as np

from ..activations import sigmoid
from ..losses import binary_cross_entropy, loss_gradient
from .base import Unfinished, as_number, call_learner_code, run_check

__all__ = ["check_gradient_step"]


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
    return run_check(getattr(function, "__name__", "function"), _check_gradient_step,
                      function)


def _step_of(function, weights, bias, X, y, lr):
    arguments = (weights.copy(), bias, X.copy(), y.copy(), lr)
    result, _ = call_learner_code(f"{function.__name__}(weights, bias, X, y, lr={lr})", function,
                      *arguments)
    if result is Ellipsis or result is None:
        raise Unfinished("Your function returns "
                          f"{'`...`' if result is Ellipsis else 'None'}: return the new "
                          "weights and the new bias, e.g. return new_weights, new_bias.")
    if not isinstance(result, tuple) or len(result) != 2:
        raise Unfinished(f"Your function should return two things, (new_weights, new_bias); "
                          f"it returned {type(result).__name__} {result!r:.80}.")
    new_weights, new_bias = result
    if new_weights is Ellipsis or new_bias is Ellipsis:
        raise Unfinished("The new weights or bias are still `...`: compute them.")
    try:
        new_weights = np.asarray(new_weights, dtype=float)
    except (TypeError, ValueError):
        raise Unfinished(f"The new weights should be numbers, got {new_weights!r:.80}.") from None
    if new_weights.shape != weights.shape:
        raise Unfinished(f"The new weights should have shape {weights.shape}, like the "
                          f"weights; got shape {new_weights.shape}.")
    return new_weights, as_number(new_bias, "The new bias"), arguments


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
