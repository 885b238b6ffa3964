"""The exercise checks under hostile input: whatever they are given and whatever the learner's
code does, they answer with a report, never a traceback of their own, and never a wrong
verdict (review: ../shared/reviews/robustness.md, F1, F4-F6, C1-C6, H1, H2, U9, U10; issue 9
point 4 and 6; issue 16 §4 and §5).

Every case runs the check and asserts the report's verdict and the sentence that explains it.
Reaching the assert at all means that nothing escaped: pytest turns warnings into errors, and
an exception from the check fails the test.
"""

import functools
import signal
import sys
import threading
import time

import numpy as np
import pytest

from neuron_lib import leaky_relu, sigmoid
from neuron_lib.exercises import base, check_gradient_step, check_leaky_relu, check_neuron_class
from neuron_lib.losses import loss_gradient


@pytest.fixture(autouse=True)
def short_time_limit(monkeypatch):
    """Endless loops are stopped after 1 s here (2 s in a notebook), to keep the tests quick;
    after every case the kernel's alarm handler is back and no timer is left armed."""
    monkeypatch.setattr(base, "TIME_LIMIT", 1.0, raising=False)
    handler = signal.getsignal(signal.SIGALRM)
    yield
    assert signal.getsignal(signal.SIGALRM) is handler
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def learner_code(source, **names):
    """Run a learner's cell and return its namespace (as a notebook would hold it)."""
    namespace = {"np": np, "sigmoid": sigmoid, "sys": sys, **names}
    exec(source, namespace)  # noqa: S102 - the learner's cell, as the notebook would run it
    return namespace


NEURON = """
class MyNeuron:
    def __init__(self, n_inputs, rng=None):
        rng = np.random.default_rng(rng)
        {init}

    def activate(self, x):
        {activate}
"""
GOOD_INIT = ("self.weights = rng.uniform(-1, 1, size=n_inputs)\n"
             "        self.bias = rng.uniform(-1, 1)")
GOOD_ACTIVATE = "return sigmoid(np.dot(self.weights, x) + self.bias)"


def neuron_class(init=GOOD_INIT, activate=GOOD_ACTIVATE, **names):
    return learner_code(NEURON.format(init=init, activate=activate), **names)["MyNeuron"]


def case(**changes):
    """The parts of the learner's class that differ from a right one."""
    return changes


def fails_with(report, *phrases):
    """The report says the code is wrong, in a problem that holds every phrase."""
    assert not report.passed, report.text()
    assert any(all(phrase in problem for phrase in phrases) for problem in report.problems), \
        report.text()


# --- check_neuron_class: hostile learner classes ---------------------------------------------

HOSTILE_NEURONS = {
    # F1: right maths that writes into x was reported wrong, with a nonsense expected value
    "x *= w (right maths, in place)": (
        case(activate="x *= self.weights\n        "
                      "return 1 / (1 + np.exp(-(x.sum() + self.bias)))"),
        ("changed the x it was given",)),
    # F1: wrong maths that writes into x passed
    "x /= 2 (wrong maths, in place)": (
        case(activate="x /= 2\n        return sigmoid(np.dot(self.weights, x) + self.bias)"),
        ("changed the x it was given",)),
    # F4: a complex result passed with a ComplexWarning
    "complex result": (
        case(activate="return np.complex128(sigmoid(np.dot(self.weights, x) + self.bias) "
                      "+ 0.3j)"),
        ("should be a real number, got a complex one",)),
    # C3: a property that returns itself
    "recursive weights property": (
        case(init="self._w = rng.uniform(-1, 1, size=n_inputs)\n"
                  "        self.bias = rng.uniform(-1, 1)\n"
                  "    weights = property(lambda self: self.weights)"),
        ("RecursionError", "self._weights")),
    "bias property that raises": (
        case(init="self.weights = rng.uniform(-1, 1, size=n_inputs)\n"
                  "    @property\n    def bias(self):\n        raise RuntimeError('oops')"),
        ("Reading self.bias raised RuntimeError: oops",)),
    # C5
    "sys.exit() in activate": (
        case(activate="sys.exit(1)"), ("called exit()", "`return`")),
    "SystemExit in __init__": (
        case(init="raise SystemExit"), ("MyNeuron(4, rng=0) called exit()",)),
    # H1
    "endless loop in activate": (
        case(activate="while True:\n            pass"), ("did not finish within 1 s",)),
    "endless loop in __init__": (
        case(init="while True:\n            pass"), ("MyNeuron(4, rng=0) did not finish",)),
    "endless loop that swallows every exception": (
        case(activate="while True:\n            try:\n                pass\n"
                      "            except BaseException:\n                pass"),
        ("did not finish",)),
    # U9
    "bias drawn with size=1": (
        case(init="self.weights = rng.uniform(-1, 1, size=n_inputs)\n"
                  "        self.bias = rng.uniform(-1, 1, size=1)"),
        ("self.bias should be a single number", "size=1")),
    # issue 16 §4
    "weights and bias from the notebook, without self.": (
        case(activate="return sigmoid(np.dot(weights, x) + bias)",
             weights=np.array([2.0, 1.5, 0.5]), bias=-2.0),
        ("from outside the class", "self.weights", "self.bias")),
    "global np.random instead of rng": (
        case(init="self.weights = np.random.uniform(-1, 1, size=n_inputs)\n"
                  "        self.bias = np.random.uniform(-1, 1)"),
        ("same seed (rng=0) got different weights",)),
    "a fresh default_rng() that ignores the seed": (
        case(init="rng = np.random.default_rng()\n"
                  "        self.weights = rng.uniform(-1, 1, size=n_inputs)\n"
                  "        self.bias = rng.uniform(-1, 1)"),
        ("same seed (rng=0) got different weights",)),
    "z used before it is defined": (
        case(activate="return sigmoid(z)"), ("uses `z`, which is not defined",
                                               "z = np.dot(self.weights, x) + self.bias")),
    "shape error": (
        case(activate="return sigmoid(np.dot(self.weights, x[:2]) + self.bias)"),
        ("raised ValueError", "x of shape (3,)")),
    "activate changes self.weights": (
        case(activate="self.weights *= 1.5\n        return 0.5"),
        ("changed self.weights",)),
    "returns a list holding the number": (
        case(activate="return [sigmoid(np.dot(self.weights, x) + self.bias)]"),
        ("should be a single number, got list [",)),
    "returns a truth value": (
        case(activate="return np.bool_(True)"), ("should be a number, got the truth value",)),
    "returns NaN from the third call on": (
        case(init=GOOD_INIT + "\n        self.calls = 0",
             activate="self.calls += 1\n        "
                      "return float('nan') if self.calls > 2 else 0.5"),
        ("is nan",)),
    "raises an error whose message cannot be shown": (
        case(activate="class Odd(Exception):\n            def __str__(self):\n"
                      "                raise RuntimeError\n        raise Odd()"),
        ("raised Odd",)),
    "returns a value whose repr and __array__ raise": (
        case(activate="class Odd:\n"
                      "            def __repr__(self): raise RuntimeError\n"
                      "            def __array__(self, *a, **k): raise RuntimeError\n"
                      "        return Odd()"),
        ("should be a number, got Odd <a Odd that cannot be shown>",)),
    "returns a 200,000-element list": (
        case(activate="return list(range(200_000))"), ("should be a single number",)),
}


@pytest.mark.parametrize("case", HOSTILE_NEURONS)
def test_hostile_neuron_classes_get_a_report_that_names_the_slip(case, capsys):
    changes, phrases = HOSTILE_NEURONS[case]
    names = {key: changes.pop(key) for key in ("weights", "bias") if key in changes}
    started = time.monotonic()
    report = check_neuron_class(neuron_class(**changes, **names))
    assert time.monotonic() - started < 5
    fails_with(report, *phrases)
    assert len(report.text()) < 3000 and len(report._repr_html_()) < 5000
    assert capsys.readouterr() == ("", "")  # nothing reached the notebook but the report


def test_right_maths_in_place_is_not_reported_as_wrong_numbers():
    """F1: the expected value comes from the check's untouched copy, so the only problem is
    the change of x, not a made-up "expected sigmoid(...) = 0.3866"."""
    report = check_neuron_class(neuron_class(
        activate="x *= self.weights\n        return 1 / (1 + np.exp(-(x.sum() + self.bias)))"))
    assert len(report.problems) == 1
    assert "expected" not in report.problems[0]


def test_a_print_flood_is_captured_and_capped(capsys):
    """H2: 1 MB printed per call (29 MB in all, before) gives a bounded note."""
    report = check_neuron_class(neuron_class(
        activate="print('x' * 1_000_000)\n        "
                 "return sigmoid(np.dot(self.weights, x) + self.bias)"))
    assert report.passed
    note = next(note for note in report.notes if note.startswith("Your code printed"))
    assert "(the first 1,000 of " in note and len(note) < 1200
    assert len(report.text()) < 3000
    assert capsys.readouterr() == ("", "")


def test_a_learner_who_rebinds_np_exp_still_gets_a_true_report(monkeypatch):
    """C6: the check's reference sigmoid does not use the learner's np.exp, and the report
    says that np.exp was replaced."""
    monkeypatch.setattr(np, "exp", lambda values: values)  # no out= argument, wrong values
    report = check_neuron_class(neuron_class(
        activate="z = np.dot(self.weights, x) + self.bias\n        "
                 "return 1 / (1 + 2.718281828459045 ** -z)"))
    assert report.passed, report.text()
    assert any("np.exp is no longer numpy's own" in note for note in report.notes)


def test_keyboard_interrupt_still_stops_the_check():
    """The kernel's stop button must keep working: it is the learner's choice, not a crash."""
    with pytest.raises(KeyboardInterrupt):
        check_neuron_class(neuron_class(activate="raise KeyboardInterrupt"))


def test_the_time_limit_leaves_the_kernel_as_it_was():
    """After an endless loop was stopped: the alarm handler is back, no timer is left armed,
    and the next check runs normally."""
    before = signal.getsignal(signal.SIGALRM)
    check_neuron_class(neuron_class(activate="while True:\n            pass"))
    assert signal.getsignal(signal.SIGALRM) is before
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert check_neuron_class(neuron_class()).passed


def test_a_timer_of_the_learners_survives_the_check():
    """A timer that was armed before the check is given back, minus the time spent."""
    previous = signal.signal(signal.SIGALRM, lambda *_: None)
    try:
        signal.setitimer(signal.ITIMER_REAL, 30.0)
        check_neuron_class(neuron_class())
        left, _ = signal.getitimer(signal.ITIMER_REAL)
        assert 25.0 < left <= 30.0
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_the_time_limit_works_off_the_main_thread():
    """Where SIGALRM cannot be used (another thread, Windows), a trace function stops the loop."""
    results = []
    thread = threading.Thread(target=lambda: results.append(
        check_leaky_relu(learner_code("def f(z, alpha=0.01):\n    while True:\n"
                                      "        pass\n")["f"])))
    thread.start()
    thread.join(timeout=10)
    assert results, "the check did not come back"
    fails_with(results[0], "did not finish within 1 s")


@pytest.mark.parametrize("passed", [functools.partial(neuron_class()), neuron_class()(3),
                                    None, "MyNeuron", 3.0])
def test_passing_something_other_than_the_class(passed):
    report = check_neuron_class(passed)
    fails_with(report, "Pass the class itself")


def test_an_object_whose_attribute_lookup_raises_is_reported():
    class Hostile:
        def __getattr__(self, name):
            raise RuntimeError("no")

    fails_with(check_neuron_class(Hostile()), "Pass the class itself")


def test_a_class_with_slots_passes():
    slotted = learner_code(NEURON.replace("class MyNeuron:", "class MyNeuron:\n"
                                          "    __slots__ = ('weights', 'bias')")
                           .format(init=GOOD_INIT, activate=GOOD_ACTIVATE))["MyNeuron"]
    assert check_neuron_class(slotted).passed


# --- issue 9 point 4: batches ---------------------------------------------------------------


def test_np_dot_weights_x_passes_with_a_note_on_the_order_for_batches():
    """The chapter's own np.dot(w, x): right for one email; for a (5, 3) batch it raises, and
    for a 3 x 3 batch it silently dots the weights with the columns. It passes, and the note
    says both and gives the order for batches."""
    report = check_neuron_class(neuron_class())
    assert report.passed
    note = next(note for note in report.notes if "batch" in note)
    assert "For a batch of 5 emails (shape (5, 3), one per row) it fails" in note
    assert "exactly 3 emails it gives numbers without any error, but wrong ones" in note
    assert "np.dot(x, self.weights) or x @ self.weights" in note


def test_batch_ready_code_is_praised_and_gets_no_note():
    report = check_neuron_class(neuron_class(
        activate="return sigmoid(x @ self.weights + self.bias)"))
    assert report.passed and not report.notes
    assert any("also takes a batch" in line for line in report.passed_checks)


def test_wrong_batch_numbers_never_pass_silently():
    """(w * x).sum() is right for one email but sums the whole batch into one number."""
    report = check_neuron_class(neuron_class(
        activate="return sigmoid((self.weights * x).sum() + self.bias)"))
    note = next(note for note in report.notes if "batch" in note)
    assert "returns float" in note and "not 5 probabilities" in note
    assert not any("also takes a batch" in line for line in report.passed_checks)


# --- issue 9 point 6: the zero-weights message ----------------------------------------------


def test_zero_weights_message_makes_no_claim_about_symmetry_for_one_neuron():
    report = check_neuron_class(neuron_class(
        init="self.weights = np.zeros(n_inputs)\n        self.bias = rng.uniform(-1, 1)"))
    fails_with(report, "All weights are zero", "U[-1, 1]", "A single neuron would still learn")
    assert "symmetry" not in report.text()


# --- check_leaky_relu -----------------------------------------------------------------------


class CallableObject:
    def __call__(self, z, alpha=0.01):
        return leaky_relu(z, alpha)


@pytest.mark.parametrize("function", [functools.partial(leaky_relu), CallableObject(),
                                      functools.partial(leaky_relu, alpha=0.01)])
def test_leaky_relu_check_accepts_any_callable(function):
    """C1: functools.partial and callable objects have no __name__."""
    report = check_leaky_relu(function)
    assert report.passed, report.text()
    assert report.title == "Checking your function:"


@pytest.mark.parametrize("passed", [leaky_relu(2.0), leaky_relu(np.ones(3)), None, (1, 2)])
def test_leaky_relu_check_explains_a_result_passed_instead_of_the_function(passed):
    """C1: the commonest case is check_leaky_relu(my_leaky_relu(2.0))."""
    fails_with(check_leaky_relu(passed), "Pass the function itself", "without calling it")


HOSTILE_LEAKY = {
    "complex result (F4)": ("z = np.asarray(z)\n    return np.where(z > 0, z, alpha * z) + 5j",
                            ("should be a real number, got a complex one",)),
    "[value] for a number (F6)": (("return [float(np.where(z > 0, z, alpha * z))] "
                                  "if np.ndim(z) == 0 else np.where(z > 0, z, alpha * z)"),
                                  ("should be a single number, got list [3.0]",)),
    "two values for a number (C2)": ("return np.array([z, alpha * z])",
                                     (("leaky_relu(3.0) should be a single number, got an "
                                      "array of shape (2,)"),)),
    "shape (1,) for a number (C2)": (("return np.array([max(z, 0.0)]) if np.ndim(z) == 0 "
                                     "else np.maximum(z, alpha * z)"),
                                     ("got an array of shape (1,)", "For a number, return")),
    "endless loop (H1)": ("while True:\n        pass", ("did not finish within 1 s",)),
    "exit() (C5)": ("sys.exit()", ("called exit()",)),
    "recursion": ("return f(z, alpha)", ("RecursionError",)),
    "an endless loop at the bottom of a recursion": (
        ("try:\n        return f(z, alpha)\n    except RecursionError:\n"
        "        while True:\n            pass"), ("did not finish within 1 s",)),
    "200,000 values for an array (H2)": (("return np.zeros(200_000) if np.ndim(z) else "
                                         "float(np.where(z > 0, z, alpha * z))"),
                                         ("returned an array of shape (200000,)",
                                          "keep the shape")),
    "no alpha argument": ("return np.where(z > 0, z, 0.01 * z)",
                          ("use the alpha argument",)),
    "alpha missing from the signature": (None, ("unexpected keyword argument 'alpha'",)),
    "mutates the array": ("z = np.asarray(z, dtype=float)\n    z[z < 0] *= alpha\n    return z",
                          ("changed the array passed in",)),
    "returns None for an array": (("return float(np.where(z > 0, z, alpha * z)) "
                                  "if np.ndim(z) == 0 else None"),
                                  ("For an array your function returns None",)),
    "text": ("return 'z'", ("should be a number, got str 'z'",)),
}


@pytest.mark.parametrize("case", HOSTILE_LEAKY)
def test_hostile_leaky_relus_get_a_report(case, capsys):
    body, phrases = HOSTILE_LEAKY[case]
    source = ("def f(z):\n    return max(z, 0.01 * z)\n" if body is None
              else f"def f(z, alpha=0.01):\n    {body}\n")
    report = check_leaky_relu(learner_code(source)["f"])
    fails_with(report, *phrases)
    assert len(report.text()) < 3000
    assert capsys.readouterr() == ("", "")


# --- check_gradient_step --------------------------------------------------------------------


STEP = "y_hat = sigmoid(X @ weights + bias)\n    "
RIGHT_STEP = (STEP + "return weights - lr * X.T @ (y_hat - y) / len(y), "
                     "bias - lr * np.mean(y_hat - y)")

HOSTILE_STEPS = {
    "changes y in place (F5)": (("gw, gb = loss_gradient(X, y, weights, bias)\n    "
                                "y[:] = 1 - y\n    return weights - lr * gw, bias - lr * gb"),
                                ("changed the y passed in",)),
    "changes X in place": (STEP + "X *= 2\n    return weights, bias",
                           ("changed the X passed in",)),
    "n from the stub's comment (issue 16)": (STEP + "grad_w = X.T @ (y_hat - y) / n\n    "
                                             "return weights - lr * grad_w, bias",
                                             ("uses `n`, which is not defined", "len(y)")),
    "forgot .T (issue 16)": (STEP + "grad_w = X @ (y_hat - y) / len(y)\n    "
                             "return weights - lr * grad_w, bias",
                             ("X of shape (40, 3)", "X.T @ (y_hat - y)",
                              "(40, 3) @ (40,), which does not fit")),
    "three values": (("gw, gb = loss_gradient(X, y, weights, bias)\n    "
                     "return weights - lr * gw, bias - lr * gb, lr"),
                     ("should return two things", "it returned 3 values")),
    "a dict": ("return {'weights': weights, 'bias': bias}",
               ("should return two things", "it returned dict")),
    "bias of shape (1,) (U9)": (("gw, gb = loss_gradient(X, y, weights, bias)\n    "
                                "return weights - lr * gw, np.array([bias - lr * gb])"),
                                ("The new bias should be a single number",
                                 "np.mean(y_hat - y) is already one number")),
    "complex weights": ("return weights + 0j, bias", ("should hold real numbers",)),
    "endless loop": ("while True:\n        pass", ("did not finish within 1 s",)),
    "exit()": ("sys.exit(0)", ("called exit()",)),
    "y_hat left as ...": ("y_hat = ...\n    return weights - lr * X.T @ (y_hat - y), bias",
                          ("still uses `...`",)),
    "NaN after a few steps": (("global calls\n    calls += 1\n    "
                              "gw, gb = loss_gradient(X, y, weights, bias)\n    "
                              "return (weights - lr * gw) * (1 if calls < 5 else np.nan), "
                              "bias - lr * gb"),
                              ("NaN or infinite",)),
}


@pytest.mark.parametrize("case", HOSTILE_STEPS)
def test_hostile_gradient_steps_get_a_report(case, capsys):
    body, phrases = HOSTILE_STEPS[case]
    namespace = learner_code(f"def gradient_step(weights, bias, X, y, lr):\n    {body}\n",
                             loss_gradient=loss_gradient, calls=0)
    report = check_gradient_step(namespace["gradient_step"])
    fails_with(report, *phrases)
    assert len(report.text()) < 3000
    assert capsys.readouterr() == ("", "")


def test_gradient_step_may_return_a_list_of_two():
    """U10: `return [new_w, new_b]` returns two things: accepted."""
    namespace = learner_code("def gradient_step(weights, bias, X, y, lr):\n    "
                             + RIGHT_STEP.replace("return ", "return [") + "]\n")
    assert check_gradient_step(namespace["gradient_step"]).passed


def test_gradient_step_check_accepts_a_partial():
    namespace = learner_code("def step(weights, bias, X, y, lr, scale):\n    "
                             + RIGHT_STEP.replace("lr *", "scale * lr *") + "\n")
    report = check_gradient_step(functools.partial(namespace["step"], scale=1.0))
    assert report.passed, report.text()


@pytest.mark.parametrize("passed", [None, (np.zeros(3), 0.0), np.zeros(3)])
def test_gradient_step_check_explains_a_result_passed_instead_of_the_function(passed):
    fails_with(check_gradient_step(passed), "Pass the function itself")


# --- the untouched stubs of lessons 02 and 03 -----------------------------------------------


@pytest.mark.parametrize(("check", "stub"), [
    (check_leaky_relu, ("def my_leaky_relu(z, alpha=0.01):\n"
                       "    return ...  # z where z > 0, alpha * z elsewhere\n")),
    (check_gradient_step, ("def gradient_step(weights, bias, X, y, lr):\n"
                          "    y_hat = ...        # the neuron's outputs, one per row of X\n"
                          "    grad_w = ...       # X.T @ (y_hat - y) / n\n"
                          "    grad_b = ...       # the mean of (y_hat - y)\n"
                          "    return ..., ...    # the new weights and the new bias\n")),
])
def test_the_stubs_as_handed_out_get_a_neutral_report(check, stub):
    """Issue 16 §5: what the committed lessons show under the exercise."""
    function = next(value for value in learner_code(stub).values()
                    if callable(value) and getattr(value, "__module__", None) is None)
    report = check(function)
    assert report.not_started and not report.problems and not report.passed
    assert "Nothing to check yet" in report.text()
    for answer in ("np.where", "alpha * z", "X.T", "len(y)", "sigmoid"):
        assert answer not in report.text() and answer not in report._repr_html_()
