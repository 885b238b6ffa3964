"""Lesson 04's check of a learner's two-layer forward pass: each usual slip is named."""

import numpy as np
import pytest

from neuron_lib import exercises, sigmoid


def right(X, W1, b1, W2, b2):
    H = np.tanh(X @ W1 + b1)
    return sigmoid(H @ W2 + b2)


def problems_of(function):
    report = exercises.check_forward_pass(function)
    assert isinstance(report, exercises.CheckReport)
    return report.problems


def test_a_right_forward_passes_and_says_what_it_checked():
    report = exercises.check_forward_pass(right)
    assert report.passed, report.text()
    text = report.text()
    assert "H = tanh(X @ W1 + b1), (6, 2) @ (2, 3) → (6, 3)" in text
    assert "every size 3" in text and "All checks passed" in text


def test_other_right_spellings_pass_too():
    def with_dot(X, W1, b1, W2, b2):
        return 1 / (1 + np.exp(-(np.dot(np.tanh(np.dot(X, W1) + b1), W2) + b2)))

    def transposed_twice(X, W1, b1, W2, b2):
        H = np.tanh((W1.T @ X.T).T + b1)
        return sigmoid((W2.T @ H.T).T + b2)

    for function in (with_dot, transposed_twice):
        assert exercises.check_forward_pass(function).passed, function.__name__


def test_the_unfinished_stub_gets_a_neutral_message_that_gives_nothing_away():
    def forward(X, W1, b1, W2, b2):
        H = ...  # noqa: F841 - the stub as the lesson gives it
        y_hat = ...
        return y_hat

    (problem,) = problems_of(forward)
    assert problem.startswith("forward still returns `...`")
    assert "tanh" not in problem and "@" not in problem


def test_a_half_finished_stub_is_told_which_part_is_missing():
    def forward(X, W1, b1, W2, b2):
        H = ...
        return sigmoid(H @ W2 + b2)

    assert problems_of(forward) == [("Part of forward is still `...`: replace each `...` with "
                                    "your code, then run this check again.")]


# Each slip alone, and the sentence that names it. The case with every size equal to 3
# lets the wrong orders run, so the check can see what they computed.
SLIPS = {
    "np.dot(W1, X)": (lambda X, W1, b1, W2, b2: sigmoid(np.tanh(np.dot(W1, X) + b1) @ W2 + b2),
                      "multiplies the wrong way round"),
    "W1.T": (lambda X, W1, b1, W2, b2: sigmoid(np.tanh(X @ W1.T + b1) @ W2 + b2),
             "X @ W1 needs no transpose"),
    "X.T": (lambda X, W1, b1, W2, b2: sigmoid(np.tanh(X.T @ W1 + b1) @ W2 + b2),
            "X.T turns the samples into columns"),
    "H.T": (lambda X, W1, b1, W2, b2: sigmoid(np.tanh(X @ W1 + b1).T @ W2 + b2),
            "H @ W2 needs no transpose"),
    "no hidden activation": (lambda X, W1, b1, W2, b2: sigmoid((X @ W1 + b1) @ W2 + b2),
                             "The hidden layer has no activation"),
    "sigmoid in the hidden layer": (
        lambda X, W1, b1, W2, b2: sigmoid(sigmoid(X @ W1 + b1) @ W2 + b2),
        "The hidden layer uses the sigmoid"),
    "ReLU in the hidden layer": (
        lambda X, W1, b1, W2, b2: sigmoid(np.maximum(X @ W1 + b1, 0) @ W2 + b2),
        "The hidden layer uses ReLU"),
    "no b1": (lambda X, W1, b1, W2, b2: sigmoid(np.tanh(X @ W1) @ W2 + b2), "b1 is missing"),
    "b1 after tanh": (lambda X, W1, b1, W2, b2: sigmoid((np.tanh(X @ W1) + b1) @ W2 + b2),
                      "b1 is added after the activation"),
    "no b2": (lambda X, W1, b1, W2, b2: sigmoid(np.tanh(X @ W1 + b1) @ W2), "b2 is missing"),
    "b2 after sigmoid": (lambda X, W1, b1, W2, b2: sigmoid(np.tanh(X @ W1 + b1) @ W2) + b2,
                         "b2 is added after the sigmoid"),
    "returns z": (lambda X, W1, b1, W2, b2: np.tanh(X @ W1 + b1) @ W2 + b2,
                  "forward returns z, the output neuron's weighted sum, not a probability"),
    "tanh at the output": (lambda X, W1, b1, W2, b2: np.tanh(np.tanh(X @ W1 + b1) @ W2 + b2),
                           "The output uses tanh"),
}


@pytest.mark.parametrize("slip", list(SLIPS))
def test_each_slip_alone_is_named_and_nothing_else_is_blamed(slip):
    function, sentence = SLIPS[slip]
    report = exercises.check_forward_pass(function)
    assert not report.passed
    assert len(report.problems) == 1, report.problems
    assert sentence in report.problems[0]
    # What was right is said too.
    assert report.passed_checks and report.passed_checks[0].startswith("Right: ")


def test_two_slips_at_once_are_both_named():
    def forward(X, W1, b1, W2, b2):  # no biases anywhere and no output sigmoid
        return np.tanh(X @ W1) @ W2

    problems = problems_of(forward)
    assert len(problems) == 3
    assert any("b1 is missing" in p for p in problems)
    assert any("b2 is missing" in p for p in problems)
    assert any("not a probability" in p for p in problems)


def test_a_wrong_order_that_raises_gets_the_shapes_explained():
    def forward(X, W1, b1, W2, b2):  # fine when all sizes are 3, fails otherwise
        if X.shape == (3, 3):
            return right(X, W1, b1, W2, b2)
        return sigmoid(np.tanh(W1 @ X + b1) @ W2 + b2)

    (problem,) = problems_of(forward)
    assert "shape error" in problem and "(size" in problem
    assert "X (6, 2) @ W1 (2, 3) gives (6, 3)" in problem and "no .T is needed" in problem


def test_a_forgotten_transpose_in_the_output_raises_and_is_explained():
    def forward(X, W1, b1, W2, b2):
        return sigmoid(np.tanh(X @ W1 + b1) @ W2.T + b2)

    (problem,) = problems_of(forward)
    assert "shape error" in problem and "H (3, 3) @ W2 (3, 1) gives (3, 1)" in problem


@pytest.mark.parametrize(("make_output", "sentence"), [
    (lambda y: y.ravel(), "forward returns shape (3,); it should be (3, 1)"),
    (lambda y: y.T, "forward returns shape (1, 3), transposed"),
])
def test_a_wrong_output_shape_is_named_once_even_when_the_numbers_are_right(make_output,
                                                                               sentence):
    report = exercises.check_forward_pass(lambda *args: make_output(right(*args)))
    assert len(report.problems) == 1 and report.problems[0].startswith(sentence)
    assert report.passed_checks == [("The numbers are right: sigmoid(tanh(X @ W1 + b1) @ W2 + "
                                    "b2) for every sample.")]


def test_a_broadcast_square_is_explained():
    def forward(X, W1, b1, W2, b2):
        H = np.tanh(X @ W1 + b1)
        return sigmoid(H @ W2 + b2.reshape(-1, 1) * np.ones(len(X)))

    (problem,) = problems_of(forward)
    assert "shape (3, 3)" in problem and "broadcast" in problem


def test_changing_the_arguments_in_place_is_named():
    def forward(X, W1, b1, W2, b2):
        Z = X @ W1
        Z += b1
        W2 *= 1.0  # harmless in value, but changes the caller's array object... not its values
        X -= X.mean(axis=0)  # changes the caller's X
        return sigmoid(np.tanh(Z) @ W2 + b2)

    problems = problems_of(forward)
    assert problems == [("forward changed X in place (with `+=`, `*=` or similar): compute new "
                        "arrays, e.g. Z = X @ W1 + b1, and leave the arguments as they were.")]


@pytest.mark.parametrize(("returned", "sentence"), [
    (None, "forward returns None: end it with return y_hat."),
    ("0.5", "forward should return a numpy array of numbers, got str"),
    ({"y_hat": 1}, "forward should return a numpy array of numbers, got dict"),
    (np.array([[1 + 2j]] * 3), "forward should return a numpy array of numbers"),
    (np.full((3, 1), np.nan), "forward returned NaN or infinity"),
    (np.zeros((2, 2, 2)), "forward returns shape (2, 2, 2)"),
])
def test_odd_return_values_get_a_sentence_not_a_traceback(returned, sentence):
    (problem,) = problems_of(lambda X, W1, b1, W2, b2: returned)
    assert problem.startswith(sentence)


def test_returning_the_hidden_layer_too_is_named():
    def forward(X, W1, b1, W2, b2):
        H = np.tanh(X @ W1 + b1)
        return H, sigmoid(H @ W2 + b2)

    assert problems_of(forward) == [("forward returns 2 things; return only y_hat, the output "
                                    "probabilities.")]


@pytest.mark.parametrize("error", ["sigmoid", "n_hidden"])
def test_a_name_error_names_the_missing_name(error):
    namespace = {"np": np}
    exec(f"def forward(X, W1, b1, W2, b2):\n    return {error}(X)", namespace)  # noqa: S102
    (problem,) = problems_of(namespace["forward"])
    # The shared check machinery (exercises.base) words every NameError the same way.
    assert f"`{error}`" in problem and "not defined" in problem


def test_any_other_exception_becomes_a_line_of_the_report():
    def forward(X, W1, b1, W2, b2):
        raise RuntimeError("my own bug")

    (problem,) = problems_of(forward)
    assert "raised RuntimeError: my own bug" in problem


def test_a_wrong_answer_with_no_known_slip_shows_the_numbers():
    (problem,) = problems_of(lambda *args: 0.9 * right(*args))
    assert "it should be" in problem and "sigmoid(tanh(X @ W1 + b1) @ W2 + b2)" in problem


def test_outputs_outside_zero_one_get_a_hint_about_the_sigmoid():
    (problem,) = problems_of(lambda *args: 3.0 * right(*args) - 1.0)
    assert "outside (0, 1)" in problem


def test_passing_the_result_instead_of_the_function_is_explained():
    report = exercises.check_forward_pass(np.zeros((3, 1)))
    assert report.problems == [("Pass the function itself, check_forward_pass(forward), not what "
                               "it returns (got ndarray).")]
