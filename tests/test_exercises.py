"""The exercise check accepts the reference solution and explains each typical mistake."""

import json
from pathlib import Path

import numpy as np
import pytest

from neuron_lib import Neuron, sigmoid
from neuron_lib.exercises import check_neuron_class

SOLUTIONS = Path(__file__).parent.parent / "notebooks" / "solutions"


def solution_class():
    """MyNeuron as written in the solutions notebook (the cell tagged 'solution')."""
    notebook = json.loads((SOLUTIONS / "01_single_neuron_solutions.ipynb").read_text())
    cell = next(c for c in notebook["cells"] if "solution" in c["metadata"].get("tags", []))
    namespace = {"np": np, "sigmoid": sigmoid}
    exec("".join(cell["source"]), namespace)
    return namespace["MyNeuron"]


Solution = solution_class()


class Unfinished:
    """The exercise as the lesson hands it out."""

    def __init__(self, n_inputs, rng=None):
        rng = np.random.default_rng(rng)
        self.weights = ...
        self.bias = ...

    def activate(self, x):
        z = ...  # noqa: F841
        return ...


class ZeroWeights(Solution):
    def __init__(self, n_inputs, rng=None):
        super().__init__(n_inputs, rng)
        self.weights = np.zeros(n_inputs)


class NoBias(Solution):
    def activate(self, x):
        return sigmoid(np.dot(self.weights, x))


class NoSigmoid(Solution):
    def activate(self, x):
        return np.dot(self.weights, x) + self.bias


class SameWeightsEverySeed(Solution):
    def __init__(self, n_inputs, rng=None):
        super().__init__(n_inputs, 0)


class WeightsFromZeroToOne(Solution):
    def __init__(self, n_inputs, rng=None):
        super().__init__(n_inputs, rng)
        self.weights = np.abs(self.weights)


class NoRngArgument:
    def __init__(self, n_inputs):
        self.weights, self.bias = np.full(n_inputs, 0.5), 0.1

    def activate(self, x):
        return 0.5


class NoActivate:
    def __init__(self, n_inputs, rng=None):
        self.weights, self.bias = np.full(n_inputs, 0.5), 0.1


class ReadOnlyWeights(Solution):
    """Weights behind a property without a setter: the check cannot try other weights."""

    def __init__(self, n_inputs, rng=None):
        rng = np.random.default_rng(rng)
        self._weights = rng.uniform(-1, 1, size=n_inputs)
        self.bias = rng.uniform(-1, 1)

    @property
    def weights(self):
        return self._weights


class ReturnsNaN(Solution):
    def activate(self, x):
        return float("nan")


class ReturnsText(Solution):
    def activate(self, x):
        return "0.5"


class ReturnsOneElementArray(Solution):
    def activate(self, x):
        return np.atleast_1d(super().activate(x))


class CrashingActivate(Solution):
    def activate(self, x):
        return sigmoid(np.dot(self.weights, x[:2]) + self.bias)


class BiasUnfinished(Solution):
    def __init__(self, n_inputs, rng=None):
        super().__init__(n_inputs, rng)
        self.bias = ...


@pytest.mark.parametrize("accepted", [Solution, Neuron])
def test_accepts_correct_neurons(accepted):
    report = check_neuron_class(accepted)
    assert report.passed, report.text()
    assert "All checks passed" in report.text()


@pytest.mark.parametrize(
    ("wrong", "message"),
    [
        (Unfinished, "self.weights is still `...`"),
        (BiasUnfinished, "self.bias is still `...`"),
        (ZeroWeights, "All weights are zero"),
        (NoBias, "bias never changes the output"),
        (NoSigmoid, "did you apply the sigmoid"),
        (SameWeightsEverySeed, "Every neuron gets the same weights"),
        (WeightsFromZeroToOne, "All weights are positive"),
        (NoRngArgument, "should accept rng as a keyword"),
        (CrashingActivate, "raised ValueError"),
        (NoActivate, "no method activate(self, x)"),
        (ReadOnlyWeights, "Keep weights a plain attribute"),
        (ReturnsNaN, "The value activate returns is nan"),
        (ReturnsText, "should be a number, got str '0.5'"),
        (ReturnsOneElementArray, "should be a single number, got an array of shape (1,)"),
    ],
)
def test_rejects_each_mistake_with_a_plain_explanation(wrong, message):
    report = check_neuron_class(wrong)
    assert not report.passed
    assert any(message in problem for problem in report.problems), report.text()
    assert message in report._repr_html_() or message.replace("`", "") in report.text()


def test_unfinished_exercise_gives_exactly_one_next_step():
    report = check_neuron_class(Unfinished)
    assert len(report.problems) == 1
    assert "1 thing(s) to fix" in report.text()


def test_naive_sigmoid_passes_with_a_note_about_overflow():
    report = check_neuron_class(Solution)
    naive = type("NaiveSigmoid", (Solution,), {
        "activate": lambda self, x: 1 / (1 + np.exp(-(np.dot(self.weights, x) + self.bias)))})
    naive_report = check_neuron_class(naive)
    assert naive_report.passed
    assert any("overflows" in note for note in naive_report.notes)
    assert not report.notes


def test_check_does_not_leak_warnings_from_learner_code():
    # pytest turns warnings into errors: reaching the assert means none escaped.
    naive = type("Naive", (Solution,), {
        "activate": lambda self, x: 1 / (1 + np.exp(-(np.dot(self.weights, x) + self.bias)))})
    assert check_neuron_class(naive).passed


@pytest.mark.parametrize(("passed", "message"), [(Solution(3), "not an instance"),
                                                 ("MyNeuron", "not a str"),
                                                 (None, "not a NoneType")])
def test_passing_something_other_than_a_class_is_explained(passed, message):
    report = check_neuron_class(passed)
    assert not report.passed and message in report.problems[0]
    assert "Pass the class itself" in report.problems[0]


def test_reports_show_inputs_rounded():
    report = check_neuron_class(CrashingActivate)
    assert "np.float64" not in report.text()
