"""Lesson 06's check: the right softmax and gradient pass; each usual slip is named."""

import json
from pathlib import Path

import numpy as np
import pytest

from neuron_lib import softmax as library_softmax
from neuron_lib.exercises import check_softmax

SOLUTIONS = Path(__file__).parent.parent / "notebooks" / "solutions"
LESSON = Path(__file__).parent.parent / "notebooks" / "06_softmax_digits.ipynb"


def stable(Z):
    exps = np.exp(Z - Z.max(axis=1, keepdims=True))
    return exps / exps.sum(axis=1, keepdims=True)


def gradient(Z, Y):
    return (stable(Z) - Y) / len(Z)


def naive(Z):
    return np.exp(Z) / np.exp(Z).sum(axis=1, keepdims=True)


def columns(Z):
    exps = np.exp(Z - Z.max(axis=0))
    return exps / exps.sum(axis=0)


def column_max(Z):
    exps = np.exp(Z - Z.max(axis=0))
    return exps / exps.sum(axis=1, keepdims=True)


def no_keepdims(Z):
    exps = np.exp(Z - Z.max(axis=1))
    return exps / exps.sum(axis=1)


def no_keepdims_on_sum(Z):
    exps = np.exp(Z - Z.max(axis=1, keepdims=True))
    return exps / exps.sum(axis=1)


def no_keepdims_on_max(Z):
    exps = np.exp(Z - Z.max(axis=1))
    return exps / exps.sum(axis=1, keepdims=True)


def whole_batch(Z):
    exps = np.exp(Z - Z.max())
    return exps / exps.sum()


def global_max(Z):
    exps = np.exp(Z - Z.max())
    return exps / exps.sum(axis=1, keepdims=True)


def in_place(Z):
    Z -= Z.max(axis=1, keepdims=True)
    exps = np.exp(Z)
    return exps / exps.sum(axis=1, keepdims=True)


def unfinished_softmax(Z):
    shifted = ...  # noqa: F841
    return ...


def unfinished_gradient(Z, Y):
    return ...


def only_one_problem(report, *fragments):
    assert len(report.problems) == 1, report.text()
    for fragment in fragments:
        assert fragment in report.problems[0], report.problems[0]
    return report.problems[0]


def test_the_right_answer_passes_every_check():
    report = check_softmax(stable, gradient)
    assert report.passed, report.text()
    assert len(report.passed_checks) == 3
    assert "All checks passed" in report.text()
    assert "central differences" in report.passed_checks[2]


def test_the_library_softmax_passes():
    assert check_softmax(library_softmax, lambda Z, Y: (library_softmax(Z) - Y) / len(Z)).passed


def test_the_exercise_as_handed_out_gets_a_neutral_note():
    report = check_softmax(unfinished_softmax, unfinished_gradient)
    assert not report.passed and not report.problems
    assert "Not started yet" in report.text() and "✘" not in report.text()
    assert "to fix" not in report.text()
    html = report._repr_html_()
    assert "Not started yet" in html and "#b02a00" not in html  # no alarm colour


def test_overflow_at_large_scores_is_named():
    problem = only_one_problem(check_softmax(naive, gradient), "z = 1000", "[nan, nan, nan, nan]",
                               "overflows to inf", "Z.max(axis=1, keepdims=True)")
    assert "No overflow" not in check_softmax(naive).text()
    assert problem


def test_underflow_with_the_batch_maximum_is_named():
    only_one_problem(check_softmax(global_max), "z = −1000", "underflows to 0",
                     "each row's own largest score")


def test_the_wrong_axis_is_named():
    only_one_problem(check_softmax(columns), "down each column", "axis=1")
    only_one_problem(check_softmax(column_max), "each column's largest score (axis=0)",
                     "Z.max(axis=1, keepdims=True)")
    only_one_problem(check_softmax(whole_batch), "over the whole batch", "axis=1")


@pytest.mark.parametrize(("function", "where"), [
    (no_keepdims, "both the row maximum and the row sum"),
    (no_keepdims_on_sum, "the row sum, exps.sum(axis=1)"),
    (no_keepdims_on_max, "the row maximum, Z.max(axis=1)"),
])
def test_a_missing_keepdims_is_named_and_located(function, where):
    only_one_problem(check_softmax(function), "keepdims=True is missing", where, "(n, 1)",
                     "could not be broadcast")


def test_changing_the_input_in_place_is_named():
    report = check_softmax(in_place)
    only_one_problem(report, "changed the Z passed in")
    assert "Each row of probabilities is right" in report.passed_checks[0]


@pytest.mark.parametrize(("wrong_gradient", "fragments"), [
    (lambda Z, Y: stable(Z) - Y, ("5 times too large", "MEAN", "len(Z)")),
    (lambda Z, Y: (stable(Z) - Y) / Z.size, ("n·K = 20", "n = len(Z) = 5")),
    (lambda Z, Y: (stable(Z) - Y) / Z.shape[1], ("number of classes K = 4",)),
    (lambda Z, Y: (Y - stable(Z)) / len(Z), ("sign is flipped", "P − Y")),
    (lambda Z, Y: Y - stable(Z), ("sign is flipped", "not divided by the batch size n = 5")),
    (lambda Z, Y: (Z - Y) / len(Z), ("probabilities, softmax(Z), not the scores Z",)),
    (lambda Z, Y: (stable(Z) - Y) / len(Z) + 0.01, ("For the first sample (label 2)",)),
])
def test_each_gradient_slip_is_named(wrong_gradient, fragments):
    report = check_softmax(stable, wrong_gradient)
    only_one_problem(report, *fragments)
    assert len(report.passed_checks) == 2  # softmax itself is right


def test_a_right_gradient_on_a_wrong_softmax_says_where_the_problem_is():
    def columns_gradient(Z, Y):
        return (columns(Z) - Y) / len(Z)

    report = check_softmax(columns, columns_gradient)
    assert len(report.problems) == 2
    assert "P comes from your softmax" in report.problems[1]


@pytest.mark.parametrize(("function", "fragment"), [
    (lambda Z: ..., "returns `...`"),
    (lambda Z: None, "returns None"),
    (lambda Z: "abc", "array of numbers, got str"),
    (lambda Z: Z.sum(axis=1), "shape (3, 4), one value per score, got shape (3,)"),
    (lambda Z: 1 / 0, "raised ZeroDivisionError: division by zero"),
    (lambda Z: {}["missing"], "raised KeyError"),
    (lambda Z: np.full(Z.shape, np.nan), "expected"),
])
def test_broken_softmaxes_never_raise(function, fragment):
    report = check_softmax(function, gradient)
    assert not report.passed
    assert any(fragment in problem for problem in report.problems), report.text()


def test_a_gradient_left_unfinished_is_named_once_softmax_is_done():
    only_one_problem(check_softmax(stable, unfinished_gradient), "The gradient returns `...`")


def test_the_check_runs_without_warnings_even_on_overflowing_code():
    # pyproject turns warnings into errors: the check must catch numpy's own.
    with np.errstate(all="raise"):
        assert not check_softmax(naive, gradient).passed


def solution_functions():
    notebook = json.loads((SOLUTIONS / "06_softmax_digits_solutions.ipynb").read_text())
    cell = next(c for c in notebook["cells"] if "solution" in c["metadata"].get("tags", []))
    namespace = {"np": np}
    exec("".join(cell["source"]), namespace)  # noqa: S102 - our own notebook
    return namespace["stable_softmax"], namespace["softmax_gradient"]


def test_the_solution_notebook_passes():
    assert check_softmax(*solution_functions()).passed


def test_the_lesson_hands_out_an_unfinished_exercise_with_a_neutral_check():
    notebook = json.loads(LESSON.read_text())
    cell = next(c for c in notebook["cells"] if "exercise" in c["metadata"].get("tags", []))
    namespace = {"np": np}
    exec("".join(cell["source"]), namespace)  # noqa: S102 - our own notebook
    report = check_softmax(namespace["stable_softmax"], namespace["softmax_gradient"])
    assert not report.started
    check_cell = notebook["cells"][notebook["cells"].index(cell) + 1]
    assert "check_softmax" in "".join(check_cell["source"])
    shown = "".join(check_cell["outputs"][0]["data"]["text/plain"])
    assert "Not started yet" in shown and "✘" not in shown
