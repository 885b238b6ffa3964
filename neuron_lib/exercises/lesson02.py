"""Lesson 02's exercise check: the learner's leaky ReLU."""

import numpy as np

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

__all__ = ["check_leaky_relu"]

_NAMES = {
    "alpha": "Take it as an argument with a default: def my_leaky_relu(z, alpha=0.01).",
    "np": "Import numpy first: import numpy as np.",
    "z": "It is the function's argument: def my_leaky_relu(z, alpha=0.01).",
}


def function_name(function):
    """The name the report uses for a learner's function (any callable)."""
    name = getattr(function, "__name__", None)
    return name if isinstance(name, str) else "function"


def not_a_function(report, function, example):
    """Fill `report` for a `function` that is not callable: most often, a call's result."""
    if function is None:
        got = "None"
    else:
        got = value_text(function)
    report.problems.append(
        f"Pass the function itself, e.g. {example}, without calling it: no parentheses "
        f"after its name. The check got {got}.")
    return report


def check_leaky_relu(function):
    """Check a learner's ``leaky_relu(z, alpha=0.01)`` by how it behaves.

    It must return `z` for positive `z` and ``alpha * z`` otherwise: a number for a number,
    and for an array of any shape an array of that shape (without changing the array), using
    the `alpha` it is given. Any callable works: a function, a ``functools.partial``, an
    object with ``__call__``.

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
    if not callable(function):
        return not_a_function(CheckReport("Checking your function:"), function,
                              "check_leaky_relu(my_leaky_relu)")
    return run_check(function_name(function), _check_leaky_relu, function)


def _call(function, z, **kwargs):
    arguments = "".join(f", {key}={value!r}" for key, value in kwargs.items())
    shown = safe_repr(z.tolist() if isinstance(z, np.ndarray) else z)
    result, _ = call_learner_code(f"{function_name(function)}({shown}{arguments})", function,
                                  z.copy() if isinstance(z, np.ndarray) else z,
                                  context={"names": _NAMES}, **kwargs)
    if result is None:
        raise Unfinished("Your function returns None: did you forget `return`?")
    return result


def _number_for(function, z, result=None, **kwargs):
    """The learner's answer for the number z (`result` if already computed): one number."""
    result = _call(function, z, **kwargs) if result is None else result
    if result is Ellipsis:
        raise Unfinished("Your function returns `...`: return the leaky ReLU of z.")
    arguments = "".join(f", {key}={value!r}" for key, value in kwargs.items())
    return as_number(result, f"leaky_relu({z!r}{arguments})",
                     one_element_hint=" For a number, return a number.")


def _check_leaky_relu(function, report):
    first = _call(function, 3.0)
    if first is Ellipsis:
        raise NotStarted(f"Nothing to check yet: {function_name(function)} still returns "
                         "`...`. Write your function in the cell above, run that cell, then "
                         "run this check again.")
    positive = _number_for(function, 3.0, first)
    negative = _number_for(function, -2.0)
    if not np.isclose(positive, 3.0):
        report.problems.append(f"leaky_relu(3.0) should be 3.0 (z itself for z > 0), got "
                               f"{positive:g}.")
    else:
        report.passed_checks.append("Positive z passes through unchanged.")
    if np.isclose(negative, 0.0):
        report.problems.append("leaky_relu(-2.0) gave 0: that is plain ReLU. For z <= 0 "
                               "return alpha * z (here 0.01 * -2.0 = -0.02).")
    elif np.isclose(negative, 0.01):
        report.problems.append("leaky_relu(-2.0) gave 0.01: return alpha * z, not alpha.")
    elif not np.isclose(negative, -0.02):
        report.problems.append(f"leaky_relu(-2.0) should be 0.01 * -2.0 = -0.02, got "
                               f"{negative:g}.")
    else:
        report.passed_checks.append("Negative z is scaled by alpha (0.01 by default).")

    with_alpha = _number_for(function, -2.0, alpha=0.2)
    if not np.isclose(with_alpha, -0.4):
        report.problems.append(f"leaky_relu(-2.0, alpha=0.2) should be -0.4, got "
                               f"{with_alpha:g}: use the alpha argument, not a fixed "
                               "number.")
    else:
        report.passed_checks.append("The alpha argument is used.")

    z = np.array([[-4.0, -0.5], [0.0, 2.5]])
    given = z.copy()
    try:
        result, _ = call_learner_code(f"{function_name(function)}({z.tolist()})", function,
                                      given, context={"names": _NAMES})
    except Unfinished as error:
        if "ambiguous" in str(error):
            raise Unfinished(
                "Your function works for one number but not for an array: Python's max() "
                "and `if z > 0` look at one value. Use np.maximum(alpha * z, z) or "
                "np.where(z > 0, z, alpha * z).") from None
        raise
    if not np.array_equal(given, z):
        report.problems.append("Your function changed the array passed in. Compute a new "
                               "array instead of assigning into z.")
    if result is None:
        raise Unfinished("For an array your function returns None: did you forget `return`?")
    values = as_real_array(result, f"For the array {z.tolist()}, your function's result")
    if values.shape != z.shape:
        report.problems.append(f"For an array of shape {z.shape} your function returned "
                               f"{value_text(result)}; keep the shape.")
    elif not np.allclose(values, [[-0.04, -0.005], [0.0, 2.5]]):
        report.problems.append(f"On the array {z.tolist()} your function returned "
                               f"{safe_repr(values.tolist())}; expected "
                               "[[-0.04, -0.005], [0.0, 2.5]].")
    else:
        report.passed_checks.append("Arrays of any shape work, element by element.")
