"""Lesson 05's demos, driven in-kernel: controls at their extremes, a hundred fast moves,
play, pause and step, and a control moved while the network trains."""

import asyncio
import time

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.figure import Figure

from neuron_lib import demos, sigmoid
from neuron_lib.demos import lesson05, lesson05_live
from neuron_lib.training import History

# --- the picture of the tiny network -------------------------------------------------------

def tiny_values():
    x, W1, b1 = np.array([1.0, 2.0]), np.array([[0.5, -1.0], [-0.5, 0.5]]), np.array([0.0, 1.0])
    W2, b2 = np.array([1.0, -2.0]), 0.0
    z1 = x @ W1 + b1
    a1 = sigmoid(z1)
    z2 = a1 @ W2 + b2
    y_hat = sigmoid(z2)
    values = {"x": x, "W1": W1, "b1": b1, "W2": W2, "b2": b2, "z1": z1, "a1": a1, "z2": z2,
              "y_hat": y_hat, "y": 1.0, "loss": -np.log(y_hat)}
    delta_out = y_hat - 1.0
    grad_a1 = delta_out * W2
    delta = grad_a1 * a1 * (1 - a1)
    gradients = {"W1": np.outer(x, delta), "W2": delta_out * a1, "a1": grad_a1, "z1": delta,
                 "z2": delta_out}
    return values, gradients


def drawn_text(ax):
    return " ".join(text.get_text() for text in ax.texts)


def test_tiny_network_shows_the_forward_numbers():
    values, _ = tiny_values()
    ax = Figure().subplots()
    demos.draw_tiny_network(ax, values)
    text = drawn_text(ax)
    # a1 = σ(−0.5) = 0.378, σ(1) = 0.731; ŷ = σ(0.378 − 2·0.731) = σ(−1.085) = 0.253
    for number in ["0.378", "0.731", "−1.085", "ŷ = 0.253", "ℓ = 1.376", "−1.000", "2.000"]:
        assert number in text, number


def test_tiny_network_shows_the_backward_numbers():
    values, gradients = tiny_values()
    ax = Figure().subplots()
    demos.draw_tiny_network(ax, values, gradients)
    text = drawn_text(ax)
    # δ_out = 0.253 − 1 = −0.747; δ₁ = −0.747·1·0.378·0.622 = −0.176; δ₂ = 0.294;
    # ∂ℓ/∂W1[1,1] = x₂·δ₂ = 0.588
    for number in ["δ = −0.747", "δ = −0.176", "δ = 0.294", "0.588", "−0.282", "1.495"]:
        assert number in text, number
    assert "ŷ =" not in text  # only gradients in the backward picture


# --- cross-entropy against squared error ----------------------------------------------------

@pytest.fixture
def mistake():
    explorer = demos.confident_mistake_explorer(interactive=False)
    yield explorer
    explorer.close()


def reference_outputs(push, start, lr, epochs):
    """ŷ per epoch for z = w + b, both stepped by −η·dℓ/dz (dz/dw = dz/db = 1)."""
    z, outputs = start, []
    for _ in range(epochs + 1):
        y_hat = 1 / (1 + np.exp(-z))
        outputs.append(y_hat)
        z -= 2 * lr * push(y_hat)
    return np.array(outputs)


def test_the_pushes_are_the_chain_rule(mistake):
    z = np.linspace(-10, 0, 11)
    y_hat = sigmoid(z)
    np.testing.assert_allclose(lesson05._push("binary_cross_entropy", z), y_hat - 1, atol=1e-12)
    np.testing.assert_allclose(lesson05._push("mean_squared_error", z),
                               (y_hat - 1) * y_hat * (1 - y_hat), atol=1e-12)


def test_training_follows_gradient_descent_on_each_loss(mistake):
    pushes = {"binary_cross_entropy": lambda y_hat: y_hat - 1,
              "mean_squared_error": lambda y_hat: (y_hat - 1) * y_hat * (1 - y_hat)}
    for name, push in pushes.items():
        np.testing.assert_allclose(mistake.outputs(name), reference_outputs(push, -6.0, 1.0, 500),
                                   rtol=1e-9)


def test_cross_entropy_learns_fast_and_squared_error_crawls(mistake):
    state = mistake.state()
    # From z = −6 (ŷ = 0.0025): cross-entropy moves z by about 2η per epoch, past 0 after
    # 4 epochs; squared error by 2η·ŷ(1 − ŷ)² ≈ 0.005 at first, a couple of hundred epochs.
    assert state["binary_cross_entropy"]["epochs_to_half"] == 4
    assert state["mean_squared_error"]["epochs_to_half"] > 100
    assert round(state["y_hat_start"], 4) == 0.0025
    text = mistake.text()
    assert "ŷ passes 0.5 at epoch 4" in text
    assert "−0.9975" in text  # cross-entropy's push ŷ − 1


def test_a_far_start_leaves_squared_error_stuck_and_says_so(mistake):
    mistake.start_slider.value = -10.0
    state = mistake.state()
    assert state["mean_squared_error"]["epochs_to_half"] is None
    assert "still below 0.5 after 500 epochs" in mistake.text()


def test_the_curves_and_markers_follow_the_sliders(mistake):
    before = mistake.curves["mean_squared_error"].get_ydata().copy()
    mistake.lr_slider.value = 5.0
    after = mistake.curves["mean_squared_error"].get_ydata()
    assert not np.allclose(before, after)
    mistake.start_slider.value = -2.0
    x, y = mistake.markers["binary_cross_entropy"].get_data()
    assert x[0] == -2.0 and y[0] == pytest.approx(1 - sigmoid(-2.0))


def test_mistake_sliders_at_their_extremes_stay_finite(mistake):
    for start in (-10.0, 0.0):
        for lr in (0.1, 5.0):
            mistake.start_slider.value, mistake.lr_slider.value = start, lr
            for curve in mistake.curves.values():
                assert np.isfinite(curve.get_ydata()).all()
                assert len(curve.get_ydata()) == 501
            assert "nan" not in mistake.text()


def test_a_hundred_fast_moves_of_the_mistake_demo(mistake):
    rng = np.random.default_rng(0)
    figures = plt.get_fignums()
    texts = set()
    for _ in range(100):
        slider = mistake.sliders()[rng.integers(2)]
        slider.value = float(np.round(rng.uniform(slider.min, slider.max), 1))
        texts.add(mistake.text())
    assert len(texts) > 50
    assert plt.get_fignums() == figures


@pytest.mark.parametrize(("kwargs", "match"), [
    ({"start": 1.0}, r"start must lie in \[-10, 0\]"),
    ({"lr": 0.0}, r"lr must lie in \[0.1, 5\]"),
    ({"lr": "fast"}, "lr"),
])
def test_mistake_demo_refuses_bad_arguments(kwargs, match):
    with pytest.raises((TypeError, ValueError), match=match):
        demos.confident_mistake_explorer(interactive=False, **kwargs)


# --- train it live ----------------------------------------------------------------------------

@pytest.fixture
def live():
    demo = demos.train_it_live(interactive=False)
    yield demo
    demo.close()


def test_the_live_demo_starts_at_epoch_zero(live):
    state = live.state()
    assert state["epoch"] == 0 and not state["playing"]
    assert state["hidden"] == 5 and state["n_lines"] == 5
    assert "Epoch 0 (paused)" in live.text() and "Network 2 → 5 tanh → 1 sigmoid" in live.text()
    # The heat map shows the network's own output over the plane.
    image = live.heatmap.get_array()
    np.testing.assert_allclose(image.ravel(), live.network.predict_proba(live._grid_points))


def test_step_trains_one_epoch_and_the_loss_falls(live):
    start = live.losses[0]
    for _ in range(60):
        live.step()
    assert live.state()["epoch"] == 60
    assert len(live.loss_curve.get_xdata()) == 61
    assert live.losses[-1] < start
    assert "Epoch 60 (paused)" in live.text()


def test_the_hidden_lines_are_the_hidden_neurons_zero_lines(live):
    live.step()
    hidden = live.network.layers[0]
    for segment, j in zip(live.hidden_lines.get_segments(), range(hidden.n_outputs)):
        z = segment @ hidden.weights[:, j] + hidden.bias[j]
        np.testing.assert_allclose(z, 0.0, atol=1e-9)


def test_the_dashed_boundary_is_where_the_output_is_one_half(live):
    for _ in range(30):
        live.step()
    x, y = live.boundary.get_data()
    points = np.column_stack([x, y])
    points = points[np.isfinite(points).all(axis=1)]
    assert len(points) > 10
    np.testing.assert_allclose(live.network.predict_proba(points), 0.5, atol=0.02)


def test_every_control_at_its_extremes(live):
    for data in lesson05_live.DATASETS:
        for activation in lesson05_live.HIDDEN_ACTIVATIONS:
            for init in lesson05_live.INITS:
                live.data_dropdown.value = data
                live.activation_dropdown.value = activation
                live.init_dropdown.value = init
                for hidden in (1, 16):
                    live.hidden_slider.value = hidden
                    for lr in (0.01, 3.0):
                        live.lr_slider.value = lr
                        live.speed_slider.value = 50
                        live.reset()
                        live.step()
                        state = live.state()
                        assert state["epoch"] == 1
                        assert np.isfinite(live.heatmap.get_array()).all()
                        assert np.isfinite(live.losses).all()
                        assert state["n_lines"] <= hidden
                        assert f"η = {lr:.2f}" in live.text()


def test_a_new_hidden_size_or_activation_starts_again(live):
    for _ in range(5):
        live.step()
    live.hidden_slider.value = 7
    assert live.state()["epoch"] == 0 and live.network.sizes == [2, 7, 1]
    live.step()
    live.activation_dropdown.value = "relu"
    assert live.state()["epoch"] == 0 and live.network.activations == ["relu", "sigmoid"]


def test_a_new_learning_rate_keeps_the_weights(live):
    for _ in range(5):
        live.step()
    weights = live.network.layers[0].weights.copy()
    live.lr_slider.value = 2.0
    assert live.state()["epoch"] == 5
    np.testing.assert_array_equal(live.network.layers[0].weights, weights)
    assert "η = 2.00" in live.settings_text.get_text()


def test_reset_returns_to_the_same_start(live):
    first = live.network.layers[0].weights.copy()
    for _ in range(5):
        live.step()
    live.reset()
    assert live.state()["epoch"] == 0
    np.testing.assert_array_equal(live.network.layers[0].weights, first)


@pytest.mark.parametrize("activation", lesson05_live.HIDDEN_ACTIVATIONS)
def test_an_all_zero_network_is_stuck_at_its_start(live, activation):
    # Zero output weights pass no error back; zero (tanh, ReLU) or equal (sigmoid: 0.5)
    # hidden outputs on balanced classes give the output layer a zero gradient too.
    live.activation_dropdown.value = activation
    live.init_dropdown.value = "zeros"
    for _ in range(20):
        live.step()
    # Zero, or rounding away from it (sums of ±(0.5 − y)/n cancel up to about 1e-18).
    assert np.abs(live.network.layers[0].weights).max() < 1e-12
    assert live.state()["n_lines"] == 0
    assert live.losses[-1] == pytest.approx(live.losses[0], rel=1e-12)
    assert live.losses[0] == pytest.approx(np.log(2))
    assert "they cannot move" in live.text() and "stuck at its start" in live.text()


def test_equal_starts_move_together(live):
    live.init_dropdown.value = "constant"
    for _ in range(20):
        live.step()
    weights = live.network.layers[0].weights
    assert not np.allclose(weights, 0.5)  # they learn...
    np.testing.assert_allclose(weights, weights[:, :1] * np.ones((1, 5)))  # ...as one
    assert "All 5 hidden neurons are identical" in live.text()


def test_a_hundred_fast_moves_of_the_live_demo(live):
    rng = np.random.default_rng(1)
    figures = plt.get_fignums()
    controls = [*live.sliders(), live.data_dropdown, live.activation_dropdown,
                live.init_dropdown]
    for _ in range(100):
        control = controls[rng.integers(len(controls))]
        if hasattr(control, "options"):
            control.value = [value for _, value in control.options][
                rng.integers(len(control.options))] if isinstance(control.options[0], tuple) \
                else control.options[rng.integers(len(control.options))]
        else:
            control.value = type(control.value)(rng.uniform(control.min, control.max))
        if rng.uniform() < 0.3:
            live.step()
    assert np.isfinite(live.heatmap.get_array()).all()
    assert plt.get_fignums() == figures


def test_the_loss_axis_doubles_when_the_epochs_outgrow_it(live):
    live.speed_slider.value = 50
    while live.epoch <= 250:
        live._train(50)
    live._update()
    assert live.ax_loss.get_xlim() == (0, 500)
    live.reset()  # a restart keeps the longer axis: no second full redraw
    assert live.ax_loss.get_xlim() == (0, 500)
    live._train(1500)
    live._update()
    assert live.ax_loss.get_xlim() == (0, 2000)
    np.testing.assert_array_equal(live.loss_curve.get_xdata(), np.arange(1501))


def test_training_stops_at_the_demos_limit(live):
    live.max_epochs = 12
    for _ in range(15):
        live.step()
    assert live.state()["epoch"] == 12
    assert "Paused at 12 epochs" in live.text()


def test_a_diverged_training_is_said_in_the_readout(live, monkeypatch):
    def diverging(model, X, y, **kwargs):
        return History(loss=[0.9], accuracy=[0.5], initial_loss=0.7, initial_accuracy=0.5,
                       warnings=["Training diverged at epoch 1: lr too large."],
                       stop_reason="diverged")

    real_train = lesson05_live.train
    monkeypatch.setattr(lesson05_live, "train", diverging)
    live.step()
    assert "Training diverged" in live.text() and "Lower η" in live.text()
    assert live.state()["stopped"]
    monkeypatch.setattr(lesson05_live, "train", real_train)
    live.lr_slider.value = 0.1
    live.step()  # going on from the last good parameters
    assert not live.state()["stopped"] and live.epoch == 2


def test_a_real_divergence_at_a_large_learning_rate_can_be_continued(live):
    # 16 ReLU neurons at η = 3: within a few hundred epochs the loss rises 5 epochs in a
    # row, which train calls a divergence; it stops and keeps the last good parameters.
    live.hidden_slider.value = 16
    live.activation_dropdown.value = "relu"
    live.lr_slider.value = 3.0
    for _ in range(100):
        live._train(10)
    assert live.state()["stopped"].startswith("Training diverged")
    stopped_at = live.epoch
    live.lr_slider.value = 0.2
    for _ in range(5):
        live.step()
    assert live.epoch == stopped_at + 5 and not live.state()["stopped"]


# --- play, pause and controls mid-training, on a real event loop ---------------------------

def run(coroutine):
    return asyncio.run(coroutine)


async def until(condition, seconds=20.0):
    """Let the loop run until `condition()` holds (not a fixed time: machines differ)."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the play loop made no progress"
        await asyncio.sleep(0.01)


async def settle(demo):
    """After pause(): let the play loop finish its frame and end."""
    await until(lambda: demo._task.done())


def test_play_trains_frame_after_frame_until_paused(live):
    async def scenario():
        live.play()
        assert live.play_button.value and live.play_button.description == "Pause"
        await until(lambda: len(live.frame_times) >= 4)
        live.pause()
        await settle(live)
        assert "(paused)" in live.readout.value  # the loop's last frame says so
        frames, epoch = len(live.frame_times), live.epoch
        await asyncio.sleep(0.3)
        return frames, epoch

    frames, epoch = run(scenario())
    assert frames >= 4 and epoch >= frames  # each frame trains at least one epoch
    assert len(live.frame_times) == frames and live.epoch == epoch  # nothing after the pause
    assert not live.state()["playing"] and live.play_button.description == "Play"
    assert "paused" in live.text()


def test_the_play_button_starts_and_stops_the_loop(live):
    async def scenario():
        live.play_button.value = True
        await until(lambda: live.epoch > 0)
        playing = live.state()["playing"]
        live.play_button.value = False
        await settle(live)
        return playing

    assert run(scenario())
    assert not live.state()["playing"]


def test_a_learning_rate_moved_while_playing_applies_to_the_next_epochs(live, monkeypatch):
    used = []
    real_train = lesson05_live.train

    def spy(model, X, y, **kwargs):
        used.append(kwargs["lr"])
        return real_train(model, X, y, **kwargs)

    monkeypatch.setattr(lesson05_live, "train", spy)

    async def scenario():
        live.play()
        await until(lambda: len(used) >= 2)
        live.lr_slider.value = 2.0
        moved_at = len(used)
        await until(lambda: len(used) >= moved_at + 2)
        live.pause()
        await settle(live)
        return moved_at

    moved_at = run(scenario())
    assert set(used[:moved_at]) == {0.5}
    assert set(used[moved_at:]) == {2.0}


def test_a_hidden_size_moved_while_playing_restarts_at_once(live):
    async def scenario():
        live.play()
        await until(lambda: live.epoch > 0)
        before = live.epoch
        live.hidden_slider.value = 9
        right_after = live.epoch, live.network.sizes, live.state()["n_lines"]
        await until(lambda: live.epoch > 0)
        live.pause()
        await settle(live)
        return before, right_after

    before, (epoch, sizes, n_lines) = run(scenario())
    assert before > 0 and epoch == 0
    assert sizes == [2, 9, 1] and n_lines <= 9
    assert live.epoch > 0 and live.network.sizes == [2, 9, 1]  # and it trained on


def test_a_frame_that_fails_to_draw_is_skipped_and_a_lasting_failure_stops(live,
                                                                          monkeypatch):
    draw = live._update
    failures = {"left": 1}

    def glitchy():
        if failures["left"]:
            failures["left"] -= 1
            raise RuntimeError("FT_Load_Glyph failed with error 0x14: invalid outline")
        draw()

    monkeypatch.setattr(live, "_update", glitchy)

    async def play_until(condition):
        live.play()
        await until(condition)
        live.pause()
        await settle(live)

    run(play_until(lambda: len(live.frame_times) >= 3))  # the failed frame, then more
    assert not live.state()["stopped"]  # it played on
    failures["left"] = 10**6
    run(play_until(lambda: live._task.done()))
    assert "Training stopped: RuntimeError" in live.state()["stopped"]


def test_closing_the_demo_stops_its_loop(live):
    async def scenario():
        live.play()
        await until(lambda: live.epoch > 0)
        live.close()
        await until(lambda: live._task.done())
        return live._task

    assert run(scenario()).done()


def test_play_without_an_event_loop_is_explained(live):
    with pytest.raises(RuntimeError, match="needs a running asyncio event loop"):
        live.play()
    live.play_button.value = True  # as a click outside a kernel would
    assert live.play_button.value is False
    assert "needs a running asyncio event loop" in live.text()


def test_snapshot_shows_picture_and_numbers(live):
    bundle = live.snapshot()
    assert bundle["image/png"] and "Epoch 0" in bundle["text/plain"]


@pytest.mark.parametrize(("kwargs", "match"), [
    ({"data": "spiral"}, "data must be one of 'moons', 'circles'"),
    ({"hidden": 0}, "hidden must be a whole number from 1 to 16"),
    ({"hidden": 2.5}, "hidden must be a whole number"),
    ({"activation": "softmax"}, "activation must be one of"),
    ({"init": "normal"}, "init must be one of"),
    ({"lr": 10.0}, r"lr must lie in \[0.01, 3\]"),
    ({"epochs_per_frame": 0}, "epochs_per_frame must be a whole number from 1 to 50"),
    ({"seed": -1}, "seed must be a whole number"),
])
def test_live_demo_refuses_bad_arguments(kwargs, match):
    with pytest.raises((TypeError, ValueError), match=match):
        demos.train_it_live(interactive=False, **kwargs)
