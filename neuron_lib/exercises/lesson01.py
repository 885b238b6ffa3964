"""Lesson 01's exercise check: the learner's Neuron class."""

import dis
import inspect
import types

import numpy as np

from ..activations import sigmoid
from .base import (
    CheckReport,
    NotStarted,
    Unfinished,
    as_number,
    as_real_array,
    call_learner_code,
    hinted,
    run_check,
    safe_repr,
    value_text,
)

__all__ = ["check_neuron_class"]

# What the messages for a NameError inside the learner's class may say.
_NAMES = {
    "weights": "Inside the class the neuron's weights are `self.weights`.",
    "bias": "Inside the class the neuron's bias is `self.bias`.",
    "rng": "Take rng as an argument, def __init__(self, n_inputs, rng=None), then "
           "rng = np.random.default_rng(rng).",
    "n_inputs": "Take it as an argument: def __init__(self, n_inputs, rng=None).",
    "sigmoid": "Import it first: from neuron_lib import sigmoid.",
    "np": "Import numpy first: import numpy as np.",
    "self": "Methods take self as their first argument: def activate(self, x).",
    "z": "Compute z first, in the line before: z = np.dot(self.weights, x) + self.bias.",
}
_SHAPES = "The check passes x of shape (3,), one email, to a neuron with 3 weights."
_SIZE_ONE_BIAS = (" rng.uniform(-1, 1, size=1) gives such an array; rng.uniform(-1, 1), "
                  "without size, gives one number.")

# The weights and bias the check gives the neuron, and 25 made-up emails.
_WEIGHTS = (0.8, -0.5, 0.3)
_BIAS = 0.25


def _context():
    return {"names": _NAMES, "shapes": _SHAPES}


def _name(neuron_class):
    name = getattr(neuron_class, "__name__", None)
    return name if isinstance(name, str) else "class"


def check_neuron_class(neuron_class):
    """Check a learner's ``Neuron`` class by how it behaves, and say what is right and wrong.

    The class must be built as ``neuron_class(n_inputs, rng=seed)``, hold ``weights`` (shape
    ``(n_inputs,)``) and ``bias`` drawn from U[-1, 1] with that `rng` (the same seed gives
    the same neuron), and compute ``activate(x) = sigmoid(np.dot(weights, x) + bias)`` for
    one sample ``x``, using its own ``self.weights`` and ``self.bias``. The check also feeds
    a batch (one email per row): code that is right for one email but cannot take a batch
    still passes, with a note on the order to use for batches.

    The check never raises because of the class: it runs each call with a time limit, on
    copies of its data, and reports whatever happens.

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
        report = CheckReport("Checking your class:")
        try:
            is_instance = callable(getattr(neuron_class, "activate", None))
        except Exception:  # noqa: BLE001 - a hostile object's attribute lookup
            is_instance = False
        what = ("an instance such as MyNeuron(3)" if is_instance
                else f"a {type(neuron_class).__name__}")
        report.problems.append(
            f"Pass the class itself, e.g. check_neuron_class(MyNeuron), not {what}.")
        return report
    return run_check(_name(neuron_class), _check_neuron_class, neuron_class)


def _check_neuron_class(neuron_class, report):
    try:
        activate = getattr(neuron_class, "activate", None)
    except Exception:  # noqa: BLE001 - a metaclass may refuse
        activate = None
    if not callable(activate):
        raise Unfinished("Your class has no method activate(self, x): define it.")
    _check_initialisation(neuron_class, report)
    _check_activate(neuron_class, report)


# --- building neurons and reading their attributes -----------------------------------------


def _make(neuron_class, n_inputs, rng):
    try:
        return call_learner_code(f"{_name(neuron_class)}({n_inputs}, rng={rng})", neuron_class,
                                 n_inputs, rng=rng, context=_context())[0]
    except Unfinished as error:
        if "unexpected keyword argument 'rng'" in str(error):
            raise Unfinished(
                f"{_name(neuron_class)} should accept rng as a keyword: "
                "def __init__(self, n_inputs, rng=None), then rng = np.random.default_rng(rng)."
            ) from None
        raise


def _read(neuron, name):
    """neuron.<name>, read under the time limit (it may be a learner's property)."""
    try:
        return call_learner_code(f"Reading self.{name}", getattr, neuron, name)[0]
    except Unfinished as error:
        if "raised AttributeError" in str(error):
            raise Unfinished(f"Your neuron has no self.{name}: set it in __init__, "
                             f"self.{name} = ....") from None
        raise


def _weights(neuron, n_inputs):
    weights = _read(neuron, "weights")
    if weights is Ellipsis:
        raise Unfinished(hinted("self.weights is still `...`: replace it with n_inputs random "
                                "numbers from U[-1, 1], drawn with rng.",
                                "rng.uniform(-1, 1, size=n_inputs)"))
    weights = as_real_array(weights, "self.weights")
    if weights.shape != (n_inputs,):
        raise Unfinished(f"self.weights should have shape ({n_inputs},), one weight per input, "
                         f"got shape {weights.shape}.")
    return weights


def _bias(neuron):
    bias = _read(neuron, "bias")
    if bias is Ellipsis:
        raise Unfinished(hinted("self.bias is still `...`: replace it with one random number "
                                "from U[-1, 1], drawn with rng.", "rng.uniform(-1, 1)"))
    return as_number(bias, "self.bias", one_element_hint=_SIZE_ONE_BIAS)


def _set(neuron, name, value):
    try:
        call_learner_code(f"Setting self.{name}", setattr, neuron, name, value)
    except Unfinished as error:
        raise Unfinished(f"The check sets self.{name} to try other values, but that failed "
                         f"({error}). Keep {name} a plain attribute.") from None


# --- __init__: weights and bias -------------------------------------------------------------


def _check_initialisation(neuron_class, report):
    n_inputs = 4
    first = _make(neuron_class, n_inputs, 0)
    if _read(first, "weights") is Ellipsis and _read(first, "bias") is Ellipsis:
        raise NotStarted(f"Nothing to check yet: your {_name(neuron_class)} still holds `...`. "
                         "Write your class in the cell above, run that cell, then run this "
                         "check again.")
    neurons = [first] + [_make(neuron_class, n_inputs, seed) for seed in range(1, 20)]
    all_weights = np.array([_weights(neuron, n_inputs) for neuron in neurons])
    biases = np.array([_bias(neuron) for neuron in neurons])
    report.passed_checks.append(f"weights has one entry per input (tried with {n_inputs} "
                                "inputs).")

    if not np.all(np.isfinite(all_weights)):
        report.problems.append("Some weights are NaN or infinite: draw them from U[-1, 1].")
        return
    again = _make(neuron_class, n_inputs, 0)
    same_seed = (np.array_equal(_weights(again, n_inputs), all_weights[0])
                 and _bias(again) == biases[0])
    if np.all(all_weights == 0):
        report.problems.append(hinted(
            "All weights are zero. The exercise asks for weights drawn at random from "
            "U[-1, 1], with the rng passed in. (A single neuron would still learn from zeros, "
            "as lesson 03 shows; it is in a layer of several neurons that equal starting "
            "weights stay equal.)", "rng.uniform(-1, 1, size=n_inputs)"))
    elif np.all(all_weights == all_weights.flat[0]):
        report.problems.append(
            "All weights have the same value. Draw each one at random, so that they differ.")
    elif np.all(all_weights == all_weights[0]):
        report.problems.append(
            "Every neuron gets the same weights, whatever its rng. Draw them with the rng "
            "passed in: rng = np.random.default_rng(rng), then rng.uniform(...).")
    elif not same_seed:
        report.problems.append(
            "Two neurons built with the same seed (rng=0) got different weights or biases: "
            "your class does not draw with the rng it is given (np.random.uniform or "
            "np.random.default_rng() ignore it). Write rng = np.random.default_rng(rng), then "
            "rng.uniform(...), so that a seed always gives the same neuron.")
    elif all_weights.min() < -1 or all_weights.max() > 1:
        report.problems.append(hinted(
            f"Weights should lie in [-1, 1]; yours range from {all_weights.min():.2f} to "
            f"{all_weights.max():.2f}.", "rng.uniform(-1, 1, size=n_inputs)"))
    elif all_weights.min() >= 0:
        report.problems.append(hinted(
            "All weights are positive: U[-1, 1] gives negative ones too.",
            "rng.uniform(-1, 1, size=n_inputs)"))
    else:
        report.passed_checks.append("Weights are random, the same for the same seed, "
                                    "different for another, and in [-1, 1].")

    if np.all(biases == biases[0]):
        report.problems.append(hinted(
            f"The bias is {biases[0]:g} for every neuron. Draw it from U[-1, 1] too, with rng.",
            "rng.uniform(-1, 1)"))
    elif biases.min() < -1 or biases.max() > 1:
        report.problems.append(f"The bias should lie in [-1, 1]; yours range from "
                               f"{biases.min():.2f} to {biases.max():.2f}.")
    else:
        report.passed_checks.append("The bias is random and in [-1, 1].")


# --- activate ------------------------------------------------------------------------------


def _activate(neuron, x):
    """activate on a copy of x; return (output, warned, whether activate changed x)."""
    given = np.array(x, dtype=np.float64)
    result, caught = call_learner_code(f"activate({np.round(x, 2).tolist()})", neuron.activate,
                                       given, context=_context())
    if result is Ellipsis:
        raise Unfinished(hinted("activate still returns `...`: compute z, the weighted sum "
                                "plus the bias, then return its sigmoid.",
                                "z = np.dot(self.weights, x) + self.bias, then "
                                "return sigmoid(z)"))
    output = as_number(result, "The value activate returns",
                       one_element_hint=" Return the number itself; check that self.bias is "
                                        "a number and self.weights has shape (n_inputs,).")
    return output, bool(caught), not np.array_equal(given, x)


def _outside_names(function, names):
    """Which of `names` `function` reads from outside itself (globals), not from self."""
    try:
        code = getattr(inspect.unwrap(getattr(function, "__func__", function)), "__code__", None)
    except Exception:  # noqa: BLE001 - a hostile callable: then nothing is known
        return []
    found, stack = set(), [code] if isinstance(code, types.CodeType) else []
    while stack:
        code = stack.pop()
        for instruction in dis.get_instructions(code):
            if (instruction.opname in ("LOAD_GLOBAL", "LOAD_NAME", "LOAD_DEREF")
                    and instruction.argval in names):
                found.add(instruction.argval)
        stack.extend(const for const in code.co_consts if isinstance(const, types.CodeType))
    return sorted(found)


def _check_activate(neuron_class, report):
    rng = np.random.default_rng(7)
    samples = rng.uniform(-2, 2, size=(25, 3))
    weights, bias = np.array(_WEIGHTS), _BIAS
    expected = sigmoid(samples @ weights + bias)  # from the check's own, untouched copies
    neuron = _make(neuron_class, 3, 0)
    _set(neuron, "weights", weights.copy())
    _set(neuron, "bias", bias)

    outside = _outside_names(_read(neuron, "activate"), {"weights", "bias"})
    if outside:
        names = " and ".join(f"`{name}`" for name in outside)
        report.problems.append(
            f"activate uses {names} from outside the class (variables defined earlier in "
            "the notebook), not the neuron's own: write "
            + " and ".join(f"self.{name}" for name in outside) + ", so that each neuron uses "
            "its own weights and bias.")

    outputs, warned, changed_x = [], False, False
    for x in samples:
        output, caught, changed = _activate(neuron, x)
        outputs.append(output)
        warned, changed_x = warned or caught, changed_x or changed
    outputs = np.array(outputs)
    if changed_x:
        report.problems.append("Your activate changed the x it was given (e.g. x *= ...). "
                               "Compute new values instead, e.g. z = np.dot(self.weights, x) "
                               "+ self.bias, and leave x as it is.")
    if not np.array_equal(as_real_array(_read(neuron, "weights"), "self.weights"), weights):
        report.problems.append("Your activate changed self.weights. It should only read them.")
        _set(neuron, "weights", weights.copy())

    if np.any(outputs <= 0) or np.any(outputs >= 1):
        report.problems.append(
            f"Outputs fall outside (0, 1) (from {outputs.min():.2f} to {outputs.max():.2f}): "
            "did you apply the sigmoid to z?")
    else:
        report.passed_checks.append("Outputs lie between 0 and 1, like probabilities.")

    _set(neuron, "bias", -2.0)
    low_bias, _, _ = _activate(neuron, samples[0])
    _set(neuron, "bias", 2.0)
    high_bias, _, _ = _activate(neuron, samples[0])
    _set(neuron, "bias", bias)
    if np.isclose(low_bias, high_bias) and "bias" not in outside:
        report.problems.append(
            "Your bias never changes the output: add self.bias to the weighted sum, "
            "z = np.dot(self.weights, x) + self.bias.")
    elif not np.isclose(low_bias, high_bias):
        report.passed_checks.append("The bias changes the output.")

    _set(neuron, "weights", -weights)
    flipped, _, _ = _activate(neuron, samples[0])
    _set(neuron, "weights", weights.copy())
    if np.isclose(flipped, outputs[0]) and "weights" not in outside:
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
        _check_batches(neuron, weights, bias, report)
        _note_on_large_inputs(neuron_class, report)


# --- batches: one email per row ------------------------------------------------------------


_BATCH_ORDER = ("For batches write np.dot(x, self.weights) or x @ self.weights: one z per "
                "row, for one email or many (lesson 03 uses this order).")


def _batch_outputs(neuron, X):
    """activate on a copy of the batch X: an array of outputs, or the sentence why not."""
    try:
        result, _ = call_learner_code(f"activate(a batch of shape {X.shape})", neuron.activate,
                                      X.copy())
    except Unfinished as error:
        return None, str(error)
    try:
        outputs = as_real_array(result, "activate's result")
    except Unfinished as error:
        return None, str(error)
    return outputs, value_text(result)


def _check_batches(neuron, weights, bias, report):
    rng = np.random.default_rng(11)
    batch = rng.uniform(-2, 2, size=(5, 3))
    square = rng.uniform(-2, 2, size=(3, 3))  # as many emails as inputs: np.dot(w, X) runs
    outputs, described = _batch_outputs(neuron, batch)
    square_outputs, _ = _batch_outputs(neuron, square)
    expected, expected_square = sigmoid(batch @ weights + bias), sigmoid(square @ weights + bias)
    columns = sigmoid(weights @ square + bias)  # each weight times a column: inputs, not emails

    batch_right = (outputs is not None and outputs.shape == (5,)
                   and np.allclose(outputs, expected, rtol=1e-6, atol=1e-9))
    square_right = (square_outputs is not None and square_outputs.shape == (3,)
                    and np.allclose(square_outputs, expected_square, rtol=1e-6, atol=1e-9))
    if batch_right and square_right:
        report.passed_checks.append("activate also takes a batch (one email per row) and "
                                    "returns one probability per email.")
        return
    square_columns = (square_outputs is not None and square_outputs.shape == (3,)
                      and np.allclose(square_outputs, columns, rtol=1e-6, atol=1e-9))
    if outputs is None:
        found = f"For a batch of 5 emails (shape (5, 3), one per row) it fails: {described}"
    elif not batch_right:
        found = (f"For a batch of 5 emails (shape (5, 3), one per row) it returns "
                 f"{described}, not 5 probabilities, "
                 f"{safe_repr(np.round(expected, 4).tolist())}.")
    else:
        found = "A batch of 5 emails works."
    if square_columns:
        found += (" For a batch of exactly 3 emails it gives numbers without any error, but "
                  "wrong ones: the weights meet the columns, not the emails.")
    elif not square_right:
        found += " For a batch of 3 emails (shape (3, 3)) the numbers are wrong too."
    report.notes.append(f"activate is right for one email, as the exercise asks. {found} "
                        f"{_BATCH_ORDER}")


def _note_on_large_inputs(neuron_class, report):
    try:
        neuron = _make(neuron_class, 3, 0)
        _set(neuron, "weights", np.array([1.0, 1.0, 1.0]))
        _set(neuron, "bias", 0.0)
        output, warned, _ = _activate(neuron, np.array([-400.0, -400.0, -400.0]))
    except Unfinished:
        return
    if warned or not np.isfinite(output):
        report.notes.append(
            "For a very negative z (here -1200) np.exp(-z) overflows and numpy warns. The "
            "answer is still right, but neuron_lib.sigmoid avoids the warning: see its source.")
