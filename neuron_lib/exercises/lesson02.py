"""Lesson 02's exercise check: the learner's leaky ReLU."""

import numpy as np

from .base import Unfinished, call_learner_code, run_check

__all__ = ["check_leaky_relu"]


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
    return run_check(getattr(function, "__name__", "function"), _check_leaky_relu, function)


def _leaky_values(function, z, **kwargs):
    result, _ = call_learner_code(f"{function.__name__}({z!r})", function, z, **kwargs)
    if result is Ellipsis or result is None:
        what = "`...`" if result is Ellipsis else "None"
        raise Unfinished(f"Your function returns {what}: return the leaky ReLU of z.")
    try:
        return np.asarray(result, dtype=float)
    except (TypeError, ValueError):
        raise Unfinished(f"Your function should return numbers, got {result!r}.") from None


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
    except Unfinished as error:
        if "ambiguous" in str(error):
            raise Unfinished(
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
