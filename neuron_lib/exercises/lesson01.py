"""Lesson 01's exercise check: the learner's Neuron class."""

import numpy as np

from ..activations import sigmoid
from .base import CheckReport, Unfinished, as_number, call_learner_code, run_check

__all__ = ["check_neuron_class"]


def _make(neuron_class, n_inputs, rng):
    try:
        return call_learner_code(f"{neuron_class.__name__}({n_inputs}, rng={rng})", neuron_class, n_inputs,
                     rng=rng)[0]
    except Unfinished as error:
        if "unexpected keyword argument 'rng'" in str(error):
            raise Unfinished(
                f"{neuron_class.__name__} should accept rng as a keyword: "
                "def __init__(self, n_inputs, rng=None), then rng = np.random.default_rng(rng)."
            ) from None
        raise


def _weights(neuron, n_inputs):
    weights = getattr(neuron, "weights", None)
    if weights is Ellipsis:
        raise Unfinished("self.weights is still `...`: draw n_inputs numbers from U[-1, 1], "
                          "e.g. rng.uniform(-1, 1, size=n_inputs).")
    try:
        weights = np.asarray(weights, dtype=float)
    except (TypeError, ValueError):
        raise Unfinished(f"self.weights should be an array of numbers, got {weights!r}.") from None
    if weights.shape != (n_inputs,):
        raise Unfinished(f"self.weights should have shape ({n_inputs},), one weight per input, "
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
    return run_check(neuron_class.__name__, _check_neuron_class, neuron_class)


def _check_neuron_class(neuron_class, report):
    if not callable(getattr(neuron_class, "activate", None)):
        raise Unfinished("Your class has no method activate(self, x): define it.")
    _check_initialisation(neuron_class, report)
    _check_activate(neuron_class, report)


def _check_initialisation(neuron_class, report):
    n_inputs = 4
    neurons = [_make(neuron_class, n_inputs, seed) for seed in range(20)]
    all_weights = np.array([_weights(neuron, n_inputs) for neuron in neurons])
    biases = np.array([as_number(getattr(neuron, "bias", None), "self.bias")
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
        raise Unfinished(f"The check sets self.{name} to try other values, but that raised "
                          f"{type(error).__name__}: {error}. Keep {name} a plain attribute.") from None


def _activate(neuron, x):
    result, caught = call_learner_code(f"activate({np.round(x, 2).tolist()})", neuron.activate, x)
    return as_number(result, "The value activate returns"), caught


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
    except Unfinished:
        return
    if caught or not np.isfinite(output):
        report.notes.append(
            "For a very negative z (here -1200) np.exp(-z) overflows and numpy warns. The "
            "answer is still right, but neuron_lib.sigmoid avoids the warning: see its source.")
