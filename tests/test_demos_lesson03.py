"""Lesson 03's demos driven in-kernel: steps, runs and trail of gradient descent; the
training explorer's validation accuracy, baseline and spam side."""

import numpy as np
import pytest
from scipy.special import expit, log_expit

from neuron_lib import Neuron, demos
from neuron_lib.datasets import load_spam_split
from neuron_lib.demos.lesson03 import BOTTOM_SLOPE, LR_RANGE
from neuron_lib.demos.lesson03_training import _spam_side
from neuron_lib.losses import binary_cross_entropy, loss_gradient
from neuron_lib.metrics import accuracy, predict
from neuron_lib.training import train

X_BANG = load_spam_split(["bang"], validation_size=0.25)[0]
Y_TRAIN = load_spam_split(["bang"], validation_size=0.25)[3]


def reference_slope(w):
    """dL/dw from the library's loss_gradient: the demo sums per distinct x instead."""
    grad_w, _ = loss_gradient(X_BANG, Y_TRAIN, [w], 0.0)
    return float(grad_w[0])


def reference_run(w, lr, low=-3.0, high=5.0):
    """Steps w ← w − η·dL/dw (kept in [low, high]) until |slope| < BOTTOM_SLOPE."""
    steps = 0
    while abs(reference_slope(w)) >= BOTTOM_SLOPE:
        w = min(max(w - lr * reference_slope(w), low), high)
        steps += 1
    return w, steps


@pytest.fixture
def descent():
    explorer = demos.gradient_descent_explorer(w=-2.0, lr=1.0, interactive=False)
    yield explorer
    explorer.close()


# --- gradient descent: buttons, counter, trail, the 2 / curvature rule ----------------------


def test_loss_and_slope_agree_with_the_library(descent):
    for w in (-3.0, -2.0, 0.0, 1.5, 5.0):
        descent.w_slider.value = w
        state = descent.state()
        # scipy's log σ, exact where binary_cross_entropy clips (a ham email at z = 40
        # costs 40, not the clipped 36.04): at w = 5 the two differ.
        z = w * X_BANG[:, 0]
        exact = -np.mean(Y_TRAIN * log_expit(z) + (1 - Y_TRAIN) * log_expit(-z))
        assert state["loss"] == pytest.approx(exact, rel=1e-12)
        if w < 4:
            assert state["loss"] == pytest.approx(
                binary_cross_entropy(Y_TRAIN, expit(z)), rel=1e-9)
        assert state["slope"] == pytest.approx(reference_slope(w), rel=1e-10, abs=1e-14)


def test_ten_steps_button_takes_ten_exact_steps_and_leaves_a_trail(descent):
    expected, path = -2.0, []
    for _ in range(10):
        path.append(expected)
        expected -= 1.0 * reference_slope(expected)
    descent.ten_steps_button.click()
    state = descent.state()
    assert state["steps_taken"] == 10 and state["start_w"] == -2.0
    assert state["w"] == pytest.approx(expected, rel=1e-9)  # not rounded to the slider
    assert descent.w_slider.value == pytest.approx(expected, rel=1e-9)
    trail_w, trail_loss = descent.trail.get_data()
    np.testing.assert_allclose(trail_w, path, rtol=1e-9)
    assert np.all(np.diff(trail_loss) < 0)  # every step went downhill at η = 1
    assert "Steps taken: 10, starting from w = −2.00." in descent.text()


@pytest.mark.parametrize(("lr", "expected_steps"), [(1.0, 63), (0.1, 647), (10.0, 6)])
def test_run_to_the_bottom_counts_the_steps(descent, lr, expected_steps):
    """From w = −2 the bottom (|slope| < 0.002) is 63 steps away at η = 1, 647 at η = 0.1
    (the prompt a learner could not finish by clicking), 6 at η = 10."""
    descent.lr_slider.value = lr
    descent.run_button.click()
    w, steps = reference_run(-2.0, lr)
    assert steps == expected_steps
    state = descent.state()
    assert state["at_bottom"] and state["steps_taken"] == steps
    assert state["w"] == pytest.approx(w, abs=1e-9)
    assert f"Ran {steps:,} steps: at the bottom" in descent.text()
    assert "would become" not in descent.text()  # no step to preview at the bottom


def test_run_at_a_learning_rate_above_two_over_curvature_never_settles(descent):
    descent.lr_slider.value = 40.0
    descent.run_to_bottom()
    state, text = descent.state(), descent.text()
    assert not state["at_bottom"]
    # w jumps between about 0.90 and 3.97, each step landing where the one before began.
    assert "jumps between 0.90 and 3.97 for ever" in text
    assert state["next_w"] == pytest.approx(descent._trail[-1], abs=1e-6)
    assert "The loss would go UP" in text
    assert "η = 40.00 is above 2 ÷ curvature at the bottom (2 ÷ 0.059 ≈ 34)" in text


def test_curvature_and_bottom_match_finite_differences(descent):
    h = 1e-3
    w = descent.bottom_w
    losses = []
    for point in (w - h, w, w + h):
        descent.w_slider.value = point
        losses.append(descent.state()["loss"])
    assert (losses[2] - 2 * losses[1] + losses[0]) / h**2 == pytest.approx(
        descent.curvature, rel=1e-4)
    assert abs(reference_slope(w)) < 1e-10
    assert 2.0 / descent.curvature == pytest.approx(34.0, abs=0.1)


@pytest.mark.parametrize(("lr", "said"), [(33.9, False), (34.0, True), (10.0, False)])
def test_the_two_over_curvature_sentence_shows_only_above_the_limit(descent, lr, said):
    descent.lr_slider.value = lr
    assert ("above 2 ÷ curvature" in descent.text()) is said


def test_would_go_up_is_said_before_the_step_not_after(descent):
    # From w = 1.14 a step of η = 40 would jump over the bottom (near 1.86) to higher loss.
    descent.w_slider.value = 1.14
    descent.lr_slider.value = 40.0
    before = descent.state()
    assert before["next_loss"] > before["loss"]
    assert "The loss would go UP" in descent.text()
    assert "went UP" not in descent.text()


def test_moving_w_by_hand_starts_counting_afresh_but_changing_eta_does_not(descent):
    descent.take_steps(3)
    descent.lr_slider.value = 2.0
    assert descent.steps_taken == 3
    descent.take_step()
    assert descent.steps_taken == 4 and len(descent.trail.get_xdata()) == 4
    descent.w_slider.value = 0.5
    assert descent.steps_taken == 0 and descent.state()["start_w"] == 0.5
    assert len(descent.trail.get_xdata()) == 0
    assert "Steps taken: 0." in descent.text()


def test_the_trail_keeps_the_last_hundred_steps(descent):
    descent.lr_slider.value = 0.1
    descent.take_steps(150)
    assert descent.steps_taken == 150 and len(descent.trail.get_xdata()) == 100


def test_a_step_stuck_at_the_slider_end_still_counts_and_redraws(descent):
    descent.w_slider.value = 5.0
    descent.lr_slider.value = 50.0
    descent.w_slider.value = -3.0  # slope −0.5: a step of 50 wants w = 22, kept at 5
    descent.take_step()
    assert descent.state()["w"] == 5.0 and descent.steps_taken == 1
    descent.take_step()  # from 5 back down, then stuck nowhere: counts again
    assert descent.steps_taken == 2


# --- the training explorer ------------------------------------------------------------------


@pytest.fixture(scope="module")
def training():
    explorer = demos.training_explorer(lr=1.0, epochs=100, interactive=False)
    yield explorer
    explorer.close()


def test_both_demos_share_one_learning_rate_range(training, descent):
    for slider in (training.lr_slider, descent.lr_slider):
        assert (slider.min, slider.max) == LR_RANGE == (0.01, 50.0)


def test_validation_accuracy_and_baseline_are_those_of_the_validation_emails(training):
    _, X_val, _, _, y_val, _ = load_spam_split(["dollar", "bang"], validation_size=0.25)
    state = training.state()
    # 863 validation emails, 523 of them ham: always answering "ham" is right 60.6% of the time.
    assert state["baseline"] == pytest.approx(523 / 863)
    assert state["validation_accuracy"] == pytest.approx(
        accuracy(y_val, predict(training.neuron, X_val)))
    assert state["validation_accuracy"] > state["baseline"] + 0.15
    assert "(always answering ham: 60.6%)" in training.text()


def test_validation_curve_shows_every_epoch_from_zero(training):
    X_train, X_val, _, y_train, y_val, _ = load_spam_split(["dollar", "bang"],
                                                           validation_size=0.25)
    epochs, values = training.validation_curve.get_data()
    assert list(epochs) == list(range(101))
    for epoch in (0, 1, 37, 100):
        neuron = Neuron(2, rng=0)
        if epoch:
            train(neuron, X_train, y_train, lr=1.0, epochs=epoch)
        assert values[epoch] == pytest.approx(accuracy(y_val, predict(neuron, X_val)))


def test_the_baseline_line_is_drawn_on_the_accuracy_axes(training):
    ax_accuracy = training.live.figure.axes[2]
    flat = [line for line in ax_accuracy.get_lines() if "always" in line.get_label()]
    assert len(flat) == 1 and flat[0].get_ydata()[0] == pytest.approx(training.baseline)


def test_the_shaded_side_is_where_the_neuron_says_spam(training):
    w1, w2 = training.neuron.weights
    b = training.neuron.bias
    corners = np.asarray(training.spam_side.get_xy())
    assert training.spam_side.get_visible()
    assert np.all(corners @ [w1, w2] + b >= -1e-9)
    label_x, label_y = training.spam_label.get_position()
    assert w1 * label_x + w2 * label_y + b > 0
    assert training.spam_label.get_text() == "called spam"
    assert "shaded side z > 0 and the neuron says spam" in training.text()


def polygon_area(corners):
    x, y = np.asarray(corners).T
    return 0.5 * abs(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)))


@pytest.mark.parametrize(("w1", "w2", "b", "area"),
                         [(1.0, 0.0, 0.0, 2.0),      # x1 > 0: half of the 2 x 2 square
                          (1.0, 1.0, 0.0, 2.0),      # above the diagonal: half
                          (1.0, 1.0, 1.0, 3.5),      # x1 + x2 > -1: all but a corner of 0.5
                          (0.0, 0.0, 1.0, 4.0),      # z = 1 everywhere: the whole square
                          (0.0, 0.0, -1.0, 0.0),     # z = -1 everywhere: nothing
                          (1.0, 0.0, -5.0, 0.0)])    # the line lies right of the square
def test_spam_side_cuts_the_square_where_the_sum_is_positive(w1, w2, b, area):
    corners = _spam_side(w1, w2, b, (-1.0, 1.0))
    assert (polygon_area(corners) if corners else 0.0) == pytest.approx(area)
    for x1, x2 in corners:
        assert w1 * x1 + w2 * x2 + b >= -1e-12


def test_no_spam_side_hides_the_shading_and_its_label():
    explorer = demos.training_explorer(lr=1.0, epochs=1, interactive=False)
    explorer._draw(*explorer._run()[:2], Neuron(2, rng=0), None)
    neuron = Neuron(2, rng=0)
    neuron.weights, neuron.bias = [0.0, 0.0], -1.0
    explorer._draw(*explorer._run()[:2], neuron)
    assert not explorer.spam_side.get_visible() and not explorer.spam_label.get_visible()
    explorer.close()


def test_a_learning_rate_above_the_limit_diverges_and_says_so():
    """Two weights and a bias: the steepest curvature at the bottom is about 0.14, so
    steps settle only for η below about 14; η = 20 diverges within a few epochs."""
    explorer = demos.training_explorer(lr=20.0, epochs=300, interactive=False)
    state = explorer.state()
    assert state["epochs_run"] < 300 and state["warnings"]
    assert "Warning: Training diverged" in explorer.text()
    explorer.close()


def test_lesson_03_demos_take_their_colours_from_the_style_module():
    """The rule test_plots applies to the other drawing modules: no colour literals."""
    import re
    from pathlib import Path

    from test_plots import COLOUR_LITERAL

    folder = Path(demos.__file__).parent
    for module in ("lesson03.py", "lesson03_training.py", "lesson03_losses.py"):
        lines = (folder / module).read_text().splitlines()
        for number, line in enumerate(lines, 1):
            for match in COLOUR_LITERAL.finditer(line):
                assert not re.search(r"colou?r|fc|ec|mec|mfc|foreground|background", line), (
                    f"{module}:{number}: a colour literal {match.group(0)}; use neuron_lib.style")


def test_descriptions_say_what_the_figures_show_now(descent, training):
    text = descent.describe()
    assert descent.title not in text
    assert "lowest, 0.530 at w = 1.86" in text and "current w = −2.00 (loss 1.472)" in text
    assert "sloping down to the right" in text and "trail" not in text
    descent.take_steps(3)
    assert "Grey dots trail the last 3 steps." in descent.describe()
    text = training.describe()
    state = training.state()
    assert f"to {state['loss']:.3f} at epoch 100" in text
    assert f"{state['validation_accuracy']:.1%} on the validation emails" in text
    assert "the side towards the upper right is shaded and labelled 'called spam'" in text
    assert "60.6% for always answering ham" in text


def test_reset_starts_the_step_count_afresh(descent):
    descent.lr_slider.value = 0.5
    descent.take_steps(5)
    descent.reset_button.click()
    assert descent.steps_taken == 0 and descent.state()["w"] == -2.0
    assert descent.lr_slider.value == 1.0 and len(descent.trail.get_xdata()) == 0
    assert "Steps taken: 0." in descent.text()


# --- cross-entropy against squared error ------------------------------------------------------


@pytest.fixture
def losses_demo():
    demo = demos.loss_comparison(interactive=False)
    yield demo
    demo.close()


def test_pull_is_the_chain_rule_of_each_loss_checked_by_finite_differences():
    from neuron_lib.demos.lesson03_losses import pull
    from neuron_lib.losses import mean_squared_error

    h = 1e-6
    for z in (-8.0, -6.0, -0.7, 0.0, 3.0):
        y_hat = expit(z)
        assert pull("binary_cross_entropy", z) == pytest.approx(1 - y_hat, rel=1e-9)
        assert pull("mean_squared_error", z) == pytest.approx(
            (1 - y_hat) * y_hat * (1 - y_hat), rel=1e-9)
        # -dℓ/dw for one spam email with input 1, from the library's losses themselves.
        for name, loss in (("binary_cross_entropy", lambda p: binary_cross_entropy([1], [p])),
                           ("mean_squared_error", lambda p: mean_squared_error([1.0], [p]))):
            numerical = -(loss(expit(z + h)) - loss(expit(z - h))) / (2 * h)
            assert pull(name, z) == pytest.approx(numerical, rel=1e-5), (name, z)


def test_squared_error_pulls_less_everywhere_and_least_where_most_wrong():
    from neuron_lib.demos.lesson03_losses import pull

    grid = np.linspace(-8, 4, 1201)
    cross, squared = pull("binary_cross_entropy", grid), pull("mean_squared_error", grid)
    assert np.all(squared < cross)
    assert squared.max() == pytest.approx(0.148, abs=0.001)  # the describe() says 0.15
    assert grid[squared.argmax()] == pytest.approx(-0.7, abs=0.02)
    assert cross[0] > 0.999 and squared[0] < 0.001


def reference_path(z, lr, pull_of, steps=100):
    """ŷ after each step when the weight and the bias (input 1) both move by lr * pull."""
    outputs = [expit(z)]
    for _ in range(steps):
        z += 2 * lr * pull_of(z)
        outputs.append(expit(z))
    return np.array(outputs)


@pytest.mark.parametrize(("z", "lr"), [(-6.0, 1.0), (-8.0, 0.01), (-2.0, 50.0), (4.0, 3.0)])
def test_each_loss_trains_as_its_gradient_says(losses_demo, z, lr):
    losses_demo.z_slider.value, losses_demo.lr_slider.value = z, lr
    state = losses_demo.state()
    np.testing.assert_allclose(state["binary_cross_entropy"]["outputs"],
                               reference_path(z, lr, lambda v: 1 - expit(v)), rtol=1e-9)
    np.testing.assert_allclose(state["mean_squared_error"]["outputs"],
                               reference_path(z, lr, lambda v: (1 - expit(v)) ** 2 * expit(v)),
                               rtol=1e-9)
    x, y = losses_demo.paths["mean_squared_error"].get_data()
    assert len(x) == 101 and y[0] == pytest.approx(expit(z))


def test_a_confident_mistake_cross_entropy_at_once_squared_error_barely(losses_demo):
    state, text = losses_demo.state(), losses_demo.text()
    assert state["y_hat"] == pytest.approx(0.0025, abs=1e-4)
    assert state["binary_cross_entropy"]["passes_half"] == 4
    assert state["mean_squared_error"]["passes_half"] is None
    assert state["mean_squared_error"]["outputs"][-1] < 0.006
    assert "405 times less" in text and "a confident mistake" in text
    assert "with squared error not within 100 steps" in text
    # A larger step rescues squared error only in part: at η = 50, after 6 steps.
    losses_demo.lr_slider.value = 50.0
    assert losses_demo.state()["mean_squared_error"]["passes_half"] == 6


def test_the_loss_demo_describes_its_figure(losses_demo):
    text = losses_demo.describe()
    assert losses_demo.title not in text
    assert "Markers at the start z = −6.00: 0.9975 and 0.0025" in text
    final = {name: losses_demo.state()[name]["outputs"][-1] for name in
             ("binary_cross_entropy", "mean_squared_error")}
    assert final["binary_cross_entropy"] > 0.99 and final["mean_squared_error"] < 0.005
    assert (f"with cross-entropy it ends at {final['binary_cross_entropy']:.4f}, with squared "
            f"error at {final['mean_squared_error']:.4f}") in text


def test_tiny_numbers_are_not_printed_as_zero(losses_demo):
    losses_demo.z_slider.value, losses_demo.lr_slider.value = -8.0, 0.01
    text = losses_demo.text()
    assert "3.4e-06 with squared error" in text and "0.0000" not in text


@pytest.mark.parametrize(("kwargs", "match"), [({"z": -9.0}, r"z must lie in \[-8, 4\]"),
                                               ({"lr": 60.0}, r"lr must lie in \[0.01, 50\]")])
def test_the_loss_demo_refuses_values_off_its_sliders(kwargs, match):
    with pytest.raises(ValueError, match=match):
        demos.loss_comparison(interactive=False, **kwargs)


def test_epochs_past_a_divergence_still_change_the_picture():
    """η = 18.5 diverges at epoch 11: asking for 112 or 300 epochs shows the same curves,
    so a dotted line at the epochs asked and a note say where training stopped."""
    explorer = demos.training_explorer(lr=18.5, epochs=112, interactive=False)
    assert explorer.state()["epochs_run"] == 11
    assert explorer.stop_note.get_text() == "stopped at epoch 11\nof the 112 asked"
    before = bytes(explorer.live.to_png())
    explorer.epochs_slider.value = 300
    assert explorer.asked_line.get_xdata() == [300, 300]
    assert bytes(explorer.live.to_png()) != before
    explorer.epochs_slider.value = 5  # within the epochs that ran: no note
    assert explorer.stop_note.get_text() == "" and len(explorer.asked_line.get_xdata()) == 0
    explorer.close()
