"""The exercise check accepts the reference solution and explains each typical mistake."""

import html
import json
import re
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
    exec("".join(cell["source"]), namespace)  # noqa: S102
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


class WeightsUnfinished(Solution):
    def __init__(self, n_inputs, rng=None):
        super().__init__(n_inputs, rng)
        self.weights = ...


class ActivateUnfinished(Solution):
    def activate(self, x):
        return ...


@pytest.mark.parametrize("accepted", [Solution, Neuron])
def test_accepts_correct_neurons(accepted):
    report = check_neuron_class(accepted)
    assert report.passed, report.text()
    assert "All checks passed" in report.text()


@pytest.mark.parametrize(
    ("wrong", "message"),
    [
        (BiasUnfinished, "self.bias is still `...`"),
        (WeightsUnfinished, "self.weights is still `...`"),
        (ActivateUnfinished, "activate still returns `...`"),
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
    assert message in report.text()
    assert re.sub(r"`([^`]+)`", r"<code>\1</code>", html.escape(message)) in report._repr_html_()


def test_the_exercise_as_handed_out_gets_a_neutral_report_without_the_answer():
    """Issue 16 §5: the committed lesson shows this output, so it must not give the answer."""
    report = check_neuron_class(Unfinished)
    assert report.not_started and not report.passed and not report.problems
    text, page = report.text(), report._repr_html_()
    assert "Nothing to check yet" in text and "run this check again" in text
    assert "Nothing checked yet." in text and "to fix" not in text
    for answer in ("uniform", "np.dot", "sigmoid(", "size="):
        assert answer not in text and answer not in page


def test_a_partly_written_class_gets_its_hint_folded_away():
    """Once the learner has written something, the next step comes with a hint behind a click."""
    report = check_neuron_class(WeightsUnfinished)
    assert len(report.problems) == 1 and "1 thing to fix." in report.text()
    assert "Hint: rng.uniform(-1, 1, size=n_inputs)" in report.text()
    assert "<details" in report._repr_html_() and "Show a hint" in report._repr_html_()


def test_naive_sigmoid_passes_with_a_note_about_overflow():
    naive = type("NaiveSigmoid", (Solution,), {
        "activate": lambda self, x: 1 / (1 + np.exp(-(np.dot(self.weights, x) + self.bias)))})
    naive_report = check_neuron_class(naive)
    assert naive_report.passed
    assert any("overflows" in note for note in naive_report.notes)
    assert not any("overflows" in note for note in check_neuron_class(Solution).notes)


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


# --- leaky ReLU (lesson 02) and the gradient step (lesson 03) -------------------------------


def solution_of(notebook, name):
    """A function as written in a solutions notebook (the cell tagged 'solution')."""
    cells = json.loads((SOLUTIONS / notebook).read_text())["cells"]
    cell = next(c for c in cells if "solution" in c["metadata"].get("tags", []))
    namespace = {"np": np, "sigmoid": sigmoid}
    exec("".join(cell["source"]), namespace)  # noqa: S102
    return namespace[name]


def test_leaky_relu_check_accepts_the_solution_and_the_library():
    from neuron_lib import leaky_relu
    from neuron_lib.exercises import check_leaky_relu

    assert check_leaky_relu(leaky_relu).passed
    report = check_leaky_relu(solution_of("02_activation_functions_solutions.ipynb",
                                          "my_leaky_relu"))
    assert report.passed, report.text()


@pytest.mark.parametrize(
    ("body", "message"),
    [("return None", "returns None"),
     ("return np.maximum(0, z)", "that is plain ReLU"),
     ("return np.where(z > 0, z, alpha)", "return alpha * z, not alpha"),
     ("return np.where(z > 0, z, 0.01 * z)", "use the alpha argument"),
     ("return max(alpha * z, z)", "works for one number but not for an array"),
     ("z = np.asarray(z, dtype=float)\n    z[z < 0] *= alpha\n    return z",
      "changed the array passed in")],
)
def test_leaky_relu_check_names_each_mistake(body, message):
    from neuron_lib.exercises import check_leaky_relu

    namespace = {"np": np}
    exec(f"def my_leaky_relu(z, alpha=0.01):\n    {body}\n", namespace)  # noqa: S102
    report = check_leaky_relu(namespace["my_leaky_relu"])
    assert not report.passed
    assert any(message in problem for problem in report.problems), report.text()


STEP = "y_hat = sigmoid(X @ weights + bias)\n    error = y_hat - y\n    "


def test_gradient_step_check_accepts_the_solution():
    from neuron_lib.exercises import check_gradient_step

    report = check_gradient_step(solution_of("03_training_a_neuron_solutions.ipynb",
                                             "gradient_step"))
    assert report.passed, report.text()
    assert any("50 steps lower the loss" in line for line in report.passed_checks)


@pytest.mark.parametrize(
    ("body", "message"),
    [("return np.zeros(3), ...", "The new bias is still `...`"),
     ("return None", "returns None"),
     (STEP + "return weights + lr * X.T @ error / len(y), bias + lr * error.mean()",
      "You stepped uphill"),
     (STEP + "return weights - lr * X.T @ error, bias - lr * error.sum()",
      "40 times too long"),
     (STEP + "return weights - X.T @ error / len(y), bias - error.mean()",
      "ignores the learning rate"),
     (("error = X @ weights + bias - y\n    "
      "return weights - lr * X.T @ error / len(y), bias - lr * error.mean()"),
      "the sigmoid is missing"),
     (STEP + "return weights - lr * X.T @ error / len(y), bias", "The bias did not change"),
     (STEP + "weights -= lr * X.T @ error / len(y)\n    return weights, bias - lr * error.mean()",
      "changed the weights passed in"),
     (STEP + "return weights - lr * X.T @ error / len(y)", "should return two things")],
)
def test_gradient_step_check_names_each_mistake(body, message):
    from neuron_lib.exercises import check_gradient_step

    namespace = {"np": np, "sigmoid": sigmoid}
    exec(f"def gradient_step(weights, bias, X, y, lr):\n    {body}\n", namespace)  # noqa: S102
    report = check_gradient_step(namespace["gradient_step"])
    assert not report.passed
    assert any(message in problem for problem in report.problems), report.text()
