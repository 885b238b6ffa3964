"""Lesson 05's check of the learner's backward pass: it accepts right answers, stays neutral
on an untouched exercise, names every usual slip, and never raises on learner code."""

import json
import linecache
from pathlib import Path

import numpy as np
import pytest

from neuron_lib import sigmoid
from neuron_lib.exercises import check_backward
from neuron_lib.exercises.lesson05 import NotStartedReport

SOLUTIONS = Path(__file__).parent.parent / "notebooks" / "solutions"

FORWARD = """
    Z1 = X @ W1 + b1
    A1 = np.tanh(Z1)
    y_hat = sigmoid(A1 @ W2 + b2)
"""

RIGHT = {
    "delta_out": "y_hat - y",
    "grad_W2": "A1.T @ delta_out / len(X)",
    "grad_b2": "delta_out.mean(axis=0)",
    "delta_hidden": "(delta_out @ W2.T) * (1 - A1**2)",
    "grad_W1": "X.T @ delta_hidden / len(X)",
    "grad_b1": "delta_hidden.mean(axis=0)",
}


def learner_function(**changes):
    """The learner's backward with some lines changed (`None` leaves a line as `...`)."""
    lines = {**RIGHT, **changes}
    body = "".join(f"    {name} = {'...' if line is None else line}\n"
                   for name, line in lines.items())
    source = ("def backward(X, y, W1, b1, W2, b2):" + FORWARD + body
              + "    return grad_W1, grad_b1, grad_W2, grad_b2\n")
    # Like a notebook cell, whose text IPython keeps where tracebacks find it.
    filename = f"<learner {abs(hash(source))}>"
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    namespace = {"np": np, "sigmoid": sigmoid}
    exec(compile(source, filename, "exec"), namespace)  # noqa: S102 - test fixture
    return namespace["backward"]


def solution_function():
    notebook = json.loads((SOLUTIONS / "05_backpropagation_solutions.ipynb").read_text())
    cell = next(c for c in notebook["cells"] if "solution" in c["metadata"].get("tags", []))
    namespace = {"np": np, "sigmoid": sigmoid}
    exec("".join(cell["source"]), namespace)  # noqa: S102 - the solution notebook's code
    return namespace["backward"]


def problems_of(function):
    report = check_backward(function)
    assert not report.passed, report.text()
    return report


def test_the_solution_passes_with_central_differences():
    report = check_backward(solution_function())
    assert report.passed, report.text()
    assert any("Central differences agree" in line and "all below 1e-7" in line
               for line in report.passed_checks), report.text()
    assert "All checks passed" in report.text()


def test_other_right_ways_pass_too():
    from neuron_lib import tanh_derivative

    variants = [
        learner_function(delta_hidden="(delta_out @ W2.T) * tanh_derivative(Z1)"),
        learner_function(delta_hidden="delta_out @ W2.T * (1 - np.tanh(Z1) ** 2)",
                         grad_b2="float(np.mean(delta_out))"),
        learner_function(grad_W1="np.dot(X.T, delta_hidden) / X.shape[0]",
                         grad_b1="np.sum(delta_hidden, axis=0) / len(y)"),
    ]
    for function in variants:
        function.__globals__["tanh_derivative"] = tanh_derivative
        report = check_backward(function)
        assert report.passed, report.text()


def test_the_untouched_exercise_gets_a_neutral_report():
    report = check_backward(learner_function(**dict.fromkeys(RIGHT)))
    assert isinstance(report, NotStartedReport)
    assert not report.passed
    assert "Not started yet" in report.text()
    assert "✘" not in report.text() and "to fix" not in report.text()
    assert "✘" not in report._repr_html_() and "Not started yet" in report._repr_html_()


@pytest.mark.parametrize(("changes", "message"), [
    ({"delta_out": "y - y_hat"}, "wrong sign"),
    ({"delta_out": "(y_hat - y) * y_hat * (1 - y_hat)"}, "extra sigmoid slope"),
    ({"delta_hidden": "delta_out @ W2.T"}, "activation derivative is missing"),
    ({"delta_hidden": "(delta_out @ W2.T) * sigmoid(Z1) * (1 - sigmoid(Z1))"},
     "the sigmoid's derivative"),
    ({"delta_hidden": "(delta_out @ W2.T) * A1 * (1 - A1)"}, "the sigmoid's slope formula"),
    ({"delta_hidden": "(delta_out @ W2.T) * (1 - Z1**2)"}, "uses 1 - Z1**2"),
    ({"delta_hidden": "(delta_out @ W2.T) * A1"}, "the activation itself"),
    ({"grad_W1": "X.T @ delta_hidden", "grad_W2": "A1.T @ delta_out",
      "grad_b1": "delta_hidden.sum(axis=0)", "grad_b2": "delta_out.sum(axis=0)"},
     "summed over the batch instead of averaged, so 10 times too large"),
    ({"grad_W1": "X.T @ delta_hidden"}, "grad_W1: summed over the batch"),
    ({"grad_b1": "np.zeros_like(b1)"}, "A bias learns too"),
    ({"grad_b2": "0.0"}, "grad_b2 is all zeros"),
    ({"grad_b1": "b1"}, "grad_b1 is b1 itself"),
    ({"grad_b1": "delta_hidden"}, "one row per sample: average over the batch"),
    ({"grad_b1": "delta_hidden.mean()"}, "one number for the whole layer"),
    ({"grad_b1": "delta_hidden.mean(axis=0, keepdims=True)"}, "without keepdims"),
    ({"grad_W1": "delta_hidden.T @ X / len(X)"}, "grad_W1 is transposed"),
    ({"grad_W2": "delta_out.T @ A1 / len(X)"}, "grad_W2 is transposed"),
    ({"grad_W1": "A1.T @ delta_hidden / len(X)"}, "this layer's own input, X.T (not A1.T)"),
    ({"grad_W1": "delta_hidden / len(X)"}, "one row per sample: X.T @ delta_hidden"),
])
def test_each_slip_is_named(changes, message):
    report = problems_of(learner_function(**changes))
    assert any(message in problem for problem in report.problems), report.text()


def test_a_missing_transpose_that_crashes_quotes_the_line_and_the_shapes():
    report = problems_of(learner_function(grad_W1="X @ delta_hidden / len(X)"))
    (problem,) = report.problems
    assert "`grad_W1 = X @ delta_hidden / len(X)`" in problem
    assert "X (10, 3), delta_hidden (10, 4)" in problem
    assert "Is a .T missing" in problem


def test_a_crash_in_code_without_its_text_names_the_line_and_the_arrays():
    namespace = {"np": np}
    source = "def backward(X, y, W1, b1, W2, b2):\n    Z1 = X @ W1\n    return X @ Z1\n"
    exec(compile(source, "<no text>", "exec"), namespace)  # noqa: S102 - test fixture
    (problem,) = problems_of(namespace["backward"]).problems
    assert problem.startswith("Line 3 of your function raised ValueError")
    assert "X (10, 3)" in problem and "Z1 (10, 4)" in problem


def test_a_hidden_error_without_transpose_crashes_with_a_hint():
    report = problems_of(learner_function(delta_hidden="(delta_out @ W2) * (1 - A1**2)"))
    assert "delta_out (10, 1), W2 (4, 1)" in report.problems[0]


def test_two_slips_at_once_are_both_named():
    report = problems_of(learner_function(delta_out="y - y_hat",
                                          grad_W1="X.T @ delta_hidden"))
    text = report.text()
    assert "wrong sign" in text and "grad_W1: summed" in text


def test_a_right_gradient_is_credited_beside_a_wrong_one():
    report = problems_of(learner_function(delta_hidden="delta_out @ W2.T"))
    assert "grad_W2 is right." in report.passed_checks
    assert "grad_b2 is right." in report.passed_checks


@pytest.mark.parametrize(("changes", "message"), [
    ({"grad_W1": None}, "still `...`"),
    ({"delta_hidden": None}, "cannot run yet: delta_hidden is still `...`"),
])
def test_a_half_finished_exercise_says_what_is_left(changes, message):
    report = problems_of(learner_function(**changes))
    assert any(message in problem for problem in report.problems), report.text()


def test_wrong_return_values_are_explained():
    namespace = {"np": np}
    source = ("def none(X, y, W1, b1, W2, b2):\n    pass\n"
              "def three(X, y, W1, b1, W2, b2):\n    return W1, b1, W2\n"
              "def words(X, y, W1, b1, W2, b2):\n    return 'a', 'b', 'c', 'd'\n")
    exec(source, namespace)  # noqa: S102 - test fixture
    assert "returns None" in problems_of(namespace["none"]).problems[0]
    assert "four gradients" in problems_of(namespace["three"]).problems[0]
    assert "should be an array of numbers" in problems_of(namespace["words"]).problems[0]


def test_changing_an_argument_in_place_is_named():
    namespace = {"np": np, "sigmoid": sigmoid, "right": solution_function()}
    source = ("def backward(X, y, W1, b1, W2, b2):\n"
              "    grads = right(X, y, W1, b1, W2, b2)\n"
              "    W1 -= 0.1 * grads[0]\n"
              "    return grads\n")
    exec(source, namespace)  # noqa: S102 - test fixture
    report = problems_of(namespace["backward"])
    assert "changed an array passed in" in report.problems[0]


def test_any_exception_in_learner_code_becomes_a_line_of_the_report():
    namespace = {"np": np}
    source = "def backward(X, y, W1, b1, W2, b2):\n    raise RuntimeError('oops')\n"
    exec(source, namespace)  # noqa: S102 - test fixture
    report = problems_of(namespace["backward"])
    assert "raised RuntimeError: oops" in report.problems[0]


def test_learner_warnings_do_not_leak(recwarn):
    function = learner_function(delta_out="(y_hat - y) + np.log(np.zeros_like(y)) * 0")
    report = check_backward(function)
    assert not report.passed
    assert len(recwarn) == 0


def test_something_that_is_not_a_function_is_explained():
    report = problems_of(42)
    assert "Pass the function itself" in report.problems[0]


def test_a_hard_coded_answer_fails_on_the_second_batch():
    from neuron_lib.exercises.lesson05 import _batch, _library_gradients

    first = _library_gradients(*_batch(0))

    def memorised(X, y, W1, b1, W2, b2):
        return tuple(array.copy() for array in first)

    report = problems_of(memorised)
    assert any("second batch" in problem for problem in report.problems)


def test_the_library_reference_is_the_chain_rule():
    # The check's truth, the library's layers, against the formulas of section 3, here
    # written out once more, independently.
    from neuron_lib.exercises.lesson05 import _batch, _library_gradients

    X, y, W1, b1, W2, b2 = _batch(0)
    A1 = np.tanh(X @ W1 + b1)
    delta_out = 1 / (1 + np.exp(-(A1 @ W2 + b2))) - y
    delta_hidden = delta_out @ W2.T * (1 - A1**2)
    expected = [X.T @ delta_hidden / 10, delta_hidden.mean(0), A1.T @ delta_out / 10,
                delta_out.mean(0)]
    for got, want in zip(_library_gradients(X, y, W1, b1, W2, b2), expected):
        np.testing.assert_allclose(got, want, rtol=1e-12)
