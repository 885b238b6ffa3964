"""The demos driven in-kernel, as a learner's slider moves would drive them, without a browser."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from neuron_lib import demos, plots, sigmoid


@pytest.fixture(params=[True, False], ids=["ipympl", "agg"])
def explorer(request):
    explorer = demos.neuron_explorer(rng=0, interactive=request.param)
    yield explorer
    explorer.close()


def marker_xy(marker):
    x, y = marker["point"].get_data()
    return float(x[0]), float(y[0])


def test_starting_state_matches_a_neuron_with_the_same_seed(explorer):
    # Neuron(3, rng=0) has weights [0.274, -0.46, -0.918] and bias -0.967; inputs start at 0.5:
    # z = 0.5 * (0.274 - 0.46 - 0.918) - 0.967 = -1.519.
    state = explorer.state()
    np.testing.assert_allclose(state["z"], -1.519, atol=1e-3)
    assert state["spam_probability"] == pytest.approx(sigmoid(state["z"]))
    assert state["verdict"] == "ham"
    assert state["relu"] == 0.0
    assert "= −1.52" in explorer.text()


def test_bias_slider_moves_the_plot_and_the_readout_without_a_new_figure(explorer):
    figures_before = plt.get_fignums()
    point_before = marker_xy(explorer.markers["sigmoid"])
    readout_before = explorer.readout.value
    full_draws = explorer.live.n_full_draws

    explorer.bias_slider.value = 3.0

    # z = -1.519 + 0.967 + 3 = 2.448; sigmoid(2.448) = 0.920.
    z, y = marker_xy(explorer.markers["sigmoid"])
    assert (z, y) != point_before
    np.testing.assert_allclose([z, y], [2.448, 0.920], atol=1e-3)
    np.testing.assert_allclose(marker_xy(explorer.markers["relu"]), [2.448, 2.448], atol=1e-3)
    assert explorer.readout.value != readout_before
    assert "0.92" in explorer.readout.value and ">spam<" in explorer.readout.value
    assert explorer.state()["verdict"] == "spam"
    assert plt.get_fignums() == figures_before
    assert explorer.live.n_full_draws == full_draws, "a slider move must not redraw everything"
    assert explorer.live.n_blits >= 1


@pytest.mark.parametrize("kind", ["input", "weight"])
def test_each_input_and_weight_slider_changes_z(explorer, kind):
    sliders = explorer.input_sliders if kind == "input" else explorer.weight_sliders
    for i, slider in enumerate(sliders):
        z_before = explorer.state()["z"]
        slider.value = slider.max if slider.value < slider.max else slider.min
        assert explorer.state()["z"] != z_before, f"{kind} slider {i} did not change z"
        assert explorer.neuron.weights[i] == explorer.weight_sliders[i].value


def test_every_slider_at_its_extremes_keeps_markers_inside_the_axes(explorer):
    for slider in explorer.sliders():
        for value in (slider.min, slider.max):
            slider.value = value
            for marker in explorer.markers.values():
                z, y = marker_xy(marker)
                ax = marker["point"].axes
                assert ax.get_xlim()[0] <= z <= ax.get_xlim()[1]
                assert ax.get_ylim()[0] <= y <= ax.get_ylim()[1]
                assert np.isfinite([z, y]).all()


def test_extreme_corner_reaches_the_edge_of_the_z_axis(explorer):
    for slider in explorer.input_sliders:
        slider.value = slider.max
    for slider in [*explorer.weight_sliders, explorer.bias_slider]:
        slider.value = slider.max
    assert explorer.state()["z"] == pytest.approx(explorer.z_max)  # 3 * 3 * 1 + 3 = 12


def test_two_hundred_random_moves_stay_finite_and_make_no_figures(explorer):
    rng = np.random.default_rng(1)
    sliders = explorer.sliders()
    figures_before = plt.get_fignums()
    for _ in range(200):
        slider = sliders[rng.integers(len(sliders))]
        slider.value = rng.uniform(slider.min, slider.max)
        state = explorer.state()
        assert np.isfinite(state["z"]) and 0 <= state["spam_probability"] <= 1
    assert plt.get_fignums() == figures_before
    assert explorer.live.n_full_draws == 1


def test_snapshot_has_picture_and_numbers(explorer):
    bundle = explorer.snapshot()
    assert bundle["image/png"].startswith("iVBORw0KGgo")  # base64 of the PNG signature
    assert bundle["text/plain"] == explorer.text()
    assert "data:image/png;base64," in bundle["text/html"] and "sigmoid(z)" in bundle["text/html"]


def test_folded_snapshot_keeps_the_picture_behind_a_summary(explorer):
    folded = explorer.snapshot(collapsed=True)["text/html"]
    assert folded.startswith("<details><summary>") and "data:image/png;base64," in folded
    assert explorer.text().split("\n")[0] in folded.replace("&#x27;", "'")


def test_snapshot_shows_the_current_state():
    explorer = demos.neuron_explorer(rng=0, interactive=False)
    before = explorer.live.to_png()
    explorer.bias_slider.value = 3.0
    assert explorer.live.to_png() != before


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"n_inputs": 0}, ValueError, "n_inputs must be a positive integer, got 0"),
        ({"feature_names": ["a", "b"]}, ValueError, "expected 3, got 2"),
        ({"x": [0.1, 0.2]}, ValueError, r"x must have shape \(3,\), one value per input, got shape \(2,\)"),
        ({"x": [0.1, np.nan, 0.2]}, ValueError, "x must be finite"),
        ({"weight_limit": 0.5}, ValueError, r"weight_limit must be at least 1.*got 0.5"),
        ({"bias_limit": "big"}, TypeError, "bias_limit must be a real number"),
        ({"input_limits": (1, 0)}, ValueError, "high at least 0.1 above low"),
        ({"input_limits": 5}, ValueError, r"input_limits must be a pair \(low, high\), got 5"),
        ({"input_limits": (0, 1, 2)}, ValueError, "input_limits must be a pair"),
        ({"x": [2, 5, -1]}, ValueError, r"x must lie within input_limits \(0.0, 1.0\)"),
        ({"feature_names": "abc"}, TypeError, "feature_names must be a list of strings"),
    ],
)
def test_bad_arguments_get_clear_errors(kwargs, error, match):
    with pytest.raises(error, match=match):
        demos.neuron_explorer(interactive=False, **kwargs)


def test_more_inputs_get_generic_names_and_a_wider_z_axis():
    explorer = demos.neuron_explorer(5, rng=0, interactive=False)
    assert len(explorer.sliders()) == 11
    assert "feature 5" in explorer.input_sliders[4].description
    assert explorer.z_max == 5 * 3 * 1 + 3


def test_a_slider_move_reuses_the_figure_and_its_artists(explorer, monkeypatch):
    """The figure and every artist on it are built once; a move only updates them."""
    built = []
    original_figure = plots.LiveFigure.__init__

    def counting_init(self, *args, **kwargs):
        built.append(self)
        original_figure(self, *args, **kwargs)

    monkeypatch.setattr(plots.LiveFigure, "__init__", counting_init)
    figure, artists = explorer.live.figure, list(explorer.live._animated)
    n_axes_artists = [len(ax.get_children()) for ax in figure.axes]
    for value in (-3.0, 0.0, 3.0):
        explorer.bias_slider.value = value
    assert built == []
    assert explorer.live.figure is figure and explorer.live._animated == artists
    assert [len(ax.get_children()) for ax in figure.axes] == n_axes_artists


def test_sliders_do_not_share_layouts():
    first, second = (demos.neuron_explorer(interactive=False) for _ in range(2))
    first.bias_slider.layout.width = "50em"
    assert second.bias_slider.layout.width != "50em"
    assert first.weight_sliders[0].layout.width != "50em"


@pytest.mark.parametrize(
    ("make", "match"),
    [(lambda: demos.activation_explorer(w=10, interactive=False),
      r"w must lie in \[-5, 5\], the range of its slider, got 10"),
     (lambda: demos.two_input_explorer(b=-4, interactive=False),
      r"b must lie in \[-3, 3\], the range of its slider, got -4")],
)
def test_starting_values_outside_a_slider_are_refused(make, match):
    with pytest.raises(ValueError, match=match):
        make()


def test_verdict_says_which_side_of_the_threshold_z_is():
    explorer = demos.neuron_explorer(rng=0, x=[0.0, 0.0, 0.0], interactive=False)
    explorer.bias_slider.value = -0.001  # sigma = 0.49975, shown as 0.50
    assert "verdict: ham (z < 0, so σ(z) < 0.5)" in explorer.text()
    explorer.bias_slider.value = 0.0
    assert "verdict: spam (z ≥ 0, so σ(z) ≥ 0.5)" in explorer.text()


def test_close_closes_every_widget(explorer):
    widgets = explorer._all_widgets()
    explorer.close()
    assert all(widget.comm is None for widget in widgets)


# --- every demo: extremes, random moves, figures ------------------------------------------

DEMOS = {
    "neuron_explorer": lambda interactive: demos.neuron_explorer(rng=0, interactive=interactive),
    "activation_explorer": lambda interactive: demos.activation_explorer(
        ["sigmoid", "relu", "tanh", "leaky_relu"], show_derivatives=True,
        interactive=interactive),
    "two_input_explorer": lambda interactive: demos.two_input_explorer(interactive=interactive),
    "gradient_descent_explorer": lambda interactive: demos.gradient_descent_explorer(
        interactive=interactive),
    "training_explorer": lambda interactive: demos.training_explorer(interactive=interactive),
    "loss_comparison": lambda interactive: demos.loss_comparison(interactive=interactive),
}


def plotted_arrays(demo):
    """Every array of numbers the demo's moving artists show."""
    arrays = []
    for artist in demo.live._animated:
        if hasattr(artist, "get_xydata"):
            arrays.append(np.asarray(artist.get_xydata(), dtype=float))
        elif hasattr(artist, "get_array"):
            arrays.append(np.asarray(artist.get_array(), dtype=float))
    return arrays


@pytest.fixture(params=list(DEMOS), ids=list(DEMOS))
def any_demo(request):
    demo = DEMOS[request.param](True)
    yield demo
    demo.close()


def test_every_slider_at_min_and_max_keeps_the_plot_finite(any_demo):
    figures_before = plt.get_fignums()
    for slider in any_demo.sliders():
        for value in (slider.min, slider.max, slider.min):
            slider.value = value
            for array in plotted_arrays(any_demo):
                assert np.isfinite(array).all(), f"{slider.description} = {value}"
            assert "nan" not in any_demo.text().lower()
    assert plt.get_fignums() == figures_before
    assert any_demo.live.n_full_draws == 1


def test_two_hundred_random_moves_change_picture_and_text(any_demo):
    rng = np.random.default_rng(2)
    sliders = any_demo.sliders()
    texts, pictures = set(), set()
    for i in range(200):
        slider = sliders[rng.integers(len(sliders))]
        slider.value = float(np.round(rng.uniform(slider.min, slider.max), 2))
        for array in plotted_arrays(any_demo):
            assert np.isfinite(array).all()
        texts.add(any_demo.text())
        if i % 40 == 0:
            pictures.add(bytes(any_demo.live.canvas.buffer_rgba()))
    assert len(texts) > 100 and len(pictures) == 5
    assert any_demo.live.n_full_draws == 1 and any_demo.live.n_blits >= 200


def test_a_move_sends_one_image_to_the_browser(any_demo):
    sent = []
    any_demo.live.canvas.send_binary = sent.append  # what ipympl would send over the wire
    slider = any_demo.sliders()[-1]
    slider.value = slider.max if slider.value != slider.max else slider.min
    assert len(sent) == 1 and sent[0][:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize(("name", "runs"), [("neuron_explorer", 30), ("activation_explorer", 3),
                                           ("two_input_explorer", 3),
                                           ("gradient_descent_explorer", 3),
                                           ("training_explorer", 3),
                                           ("loss_comparison", 3)])
def test_rerunning_a_demo_cell_opens_no_figures(name, runs):
    before = plt.get_fignums()
    for _ in range(runs):
        DEMOS[name](True).close()
    assert plt.get_fignums() == before


class FakeKernel:
    """Stands in for ipykernel: says which cell and which run the current request is."""

    def __init__(self):
        self.request = {}

    def get_parent(self, channel):
        return self.request


def test_rerunning_a_cell_closes_the_demos_its_earlier_run_showed(monkeypatch):
    kernel = FakeKernel()
    shell = type("Shell", (), {"kernel": kernel})()
    monkeypatch.setattr("IPython.get_ipython", lambda: shell)
    monkeypatch.setattr(demos.base, "_SHOWN_BY_CELL", {})
    kernel.request = {"metadata": {"cellId": "cell-a"}, "header": {"msg_id": "run-1"}}
    first, second = (demos.neuron_explorer(interactive=False) for _ in range(2))
    demos.base._forget_earlier_runs_of_this_cell(first)
    demos.base._forget_earlier_runs_of_this_cell(second)  # same run: both stay
    assert first.widget.comm is not None and second.widget.comm is not None
    kernel.request = {"metadata": {"cellId": "cell-b"}, "header": {"msg_id": "run-2"}}
    other_cell = demos.neuron_explorer(interactive=False)
    demos.base._forget_earlier_runs_of_this_cell(other_cell)
    kernel.request = {"metadata": {"cellId": "cell-a"}, "header": {"msg_id": "run-3"}}
    rerun = demos.neuron_explorer(interactive=False)
    demos.base._forget_earlier_runs_of_this_cell(rerun)
    assert first.widget.comm is None and second.widget.comm is None
    assert rerun.widget.comm is not None and other_cell.widget.comm is not None


# --- activation explorer ------------------------------------------------------------------


@pytest.fixture
def activation_explorer():
    return demos.activation_explorer(interactive=False)


def test_activation_explorer_draws_activation_of_w_x_plus_b(activation_explorer):
    activation_explorer.w_slider.value = 2.0
    activation_explorer.b_slider.value = -1.0
    x, y = activation_explorer.curves["sigmoid"].get_data()
    np.testing.assert_allclose(y, sigmoid(2.0 * x - 1.0))
    x, y = activation_explorer.curves["relu"].get_data()
    np.testing.assert_allclose(y, np.maximum(2.0 * x - 1.0, 0))
    assert activation_explorer.state()["centre"] == 0.5
    assert "x = −b/w = 0.50" in activation_explorer.text()


def test_activation_explorer_toggles_rebuild_layout_and_derivatives(activation_explorer):
    explorer = activation_explorer
    assert len(explorer.live.figure.axes) == 1 and set(explorer.curves) == {"sigmoid", "relu"}
    explorer.activation_toggles["tanh"].value = True
    explorer.layout_toggle.value = "side by side"
    assert len(explorer.live.figure.axes) == 3
    explorer.derivative_checkbox.value = True
    x, slope = explorer.derivative_curves["tanh"].get_data()
    np.testing.assert_allclose(slope, 1 - np.tanh(x) ** 2, atol=1e-12)  # w = 1, b = 0
    assert "its slope" in explorer.text()
    for toggle in explorer.activation_toggles.values():
        toggle.value = False
    assert explorer.curves == {} and "No activation selected" in explorer.text()
    explorer.w_slider.value = -3.0  # still safe with nothing to draw


def test_activation_explorer_flat_curves_when_w_is_zero(activation_explorer):
    activation_explorer.w_slider.value = 0.0
    assert activation_explorer.state()["centre"] is None
    assert "every curve is flat" in activation_explorer.text()
    assert all(len(line.get_xdata()) == 0 for line in activation_explorer.centre_lines)


def test_leaky_relu_in_the_explorer_uses_its_alpha():
    explorer = demos.activation_explorer(["leaky_relu"], alpha=0.2, interactive=False)
    _, y = explorer.curves["leaky_relu"].get_data()
    np.testing.assert_allclose(y[0], -1.0)  # x = -5, w = 1: 0.2 * -5


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [({"selected": ["softmax"]}, ValueError, "Unknown activation 'softmax'"),
     ({"layout": "stacked"}, ValueError, "layout must be 'overlaid' or 'side by side'"),
     ({"alpha": 1.5}, ValueError, r"alpha must be in \[0, 1\)"),
     ({"w": float("nan")}, ValueError, "w must be finite")],
)
def test_activation_explorer_bad_arguments(kwargs, error, match):
    with pytest.raises(error, match=match):
        demos.activation_explorer(interactive=False, **kwargs)


# --- two-input explorer -------------------------------------------------------------------


def test_two_input_heatmaps_show_the_neuron_output_over_the_plane():
    explorer = demos.two_input_explorer(w1=2.0, w2=-1.0, b=0.5, interactive=False)
    x1, x2 = explorer.x1, explorer.x2
    z = 2.0 * x1 - 1.0 * x2 + 0.5
    np.testing.assert_allclose(explorer.heatmaps["sigmoid"].get_array(), sigmoid(z))
    np.testing.assert_allclose(explorer.heatmaps["relu"].get_array(), np.maximum(z, 0))
    # The boundary x2 = 2 x1 + 0.5 at x1 = -3 and 3 (solved for x2: |w2| < |w1| -> for x1).
    x, y = explorer.boundaries[0].get_data()
    np.testing.assert_allclose(2.0 * np.asarray(x) - np.asarray(y) + 0.5, 0, atol=1e-12)
    assert "x₂ = 2.00·x₁ + 0.50" in explorer.text()


def test_two_input_boundary_vanishes_when_both_weights_are_zero():
    explorer = demos.two_input_explorer(w1=0.0, w2=0.0, b=-1.0, interactive=False)
    assert all(len(line.get_xdata()) == 0 for line in explorer.boundaries)
    assert "no boundary" in explorer.text() and "sigmoid is 0.27" in explorer.text()


def test_two_input_shares_add_up():
    explorer = demos.two_input_explorer(w1=1.0, w2=0.0, b=0.0, interactive=False)
    state = explorer.state()
    # x1 >= 0 holds on 51 of 101 grid columns; x1 <= 0 too: the middle column counts twice.
    assert state["spam_share"] == pytest.approx(51 / 101)
    assert state["inactive_share"] == pytest.approx(51 / 101)
    assert state["relu_max"] == 3.0


# --- gradient descent and training (lesson 03) -----------------------------------------------


def test_a_gradient_step_goes_downhill_and_matches_the_formula():
    explorer = demos.gradient_descent_explorer(w=-2.0, lr=1.0, interactive=False)
    before = explorer.state()
    # A central difference of the loss confirms the slope the demo shows.
    h = 1e-5
    explorer.w_slider.value = -2.0 + h
    up = explorer.state()["loss"]
    explorer.w_slider.value = -2.0 - h
    down = explorer.state()["loss"]
    assert before["slope"] == pytest.approx((up - down) / (2 * h), rel=1e-3)
    explorer.w_slider.value = -2.0
    explorer.take_step()
    after = explorer.state()
    assert after["w"] == pytest.approx(-2.0 - 1.0 * before["slope"], abs=0.006)  # slider step
    assert after["loss"] < before["loss"]
    x, y = explorer.point.get_data()
    assert (x[0], y[0]) == pytest.approx((after["w"], after["loss"]))


def test_a_learning_rate_too_large_overshoots_and_says_so():
    # From w = 1.14 a step of η = 40 would jump over the valley's bottom (near 1.86) to 3.26.
    explorer = demos.gradient_descent_explorer(w=1.14, lr=40.0, interactive=False)
    state = explorer.state()
    assert state["next_loss"] > state["loss"]
    assert state["next_w"] == pytest.approx(1.14 - 40.0 * state["slope"])
    assert "The loss would go UP" in explorer.text()


def test_a_step_past_the_slider_stops_at_its_end():
    explorer = demos.gradient_descent_explorer(w=-3.0, lr=10.0, interactive=False)
    explorer.take_step()
    assert explorer.w_slider.value <= explorer.w_range[1]
    explorer.w_slider.value = -3.0
    assert explorer.state()["clipped"] is (explorer.state()["next_w"] == explorer.w_range[1])


def test_training_explorer_learns_and_replays():
    explorer = demos.training_explorer(lr=1.0, epochs=100, interactive=False)
    state = explorer.state()
    assert state["epochs_run"] == 100 and state["loss"] < 0.5
    assert state["validation_accuracy"] > 0.8
    x, loss = explorer.loss_curve.get_data()
    assert len(x) == 101 and loss[-1] < loss[0]
    frames = []
    explorer.live.refresh = lambda: frames.append(len(explorer.loss_curve.get_xdata()))
    explorer.play(frames=10, seconds=0.0)
    assert len(frames) >= 10 and frames[0] < frames[-1] == 101  # the curve grew


def test_training_explorer_reports_a_stopped_training_in_the_readout(monkeypatch):
    """A stop at an epoch of our choosing: cut a finished training short."""
    explorer = demos.training_explorer(lr=1.0, epochs=100, interactive=False)
    history, _, _ = explorer._cache[1.0]
    history.loss[:], history.accuracy[:] = history.loss[:40], history.accuracy[:40]
    history.warnings.append("Training stopped at epoch 41: the loss diverged.")
    explorer.epochs_slider.value = 120
    assert explorer.state()["epochs_run"] == 40
    assert "Warning: Training stopped at epoch 41" in explorer.text()
    for array in plotted_arrays(explorer):
        assert np.isfinite(array).all()


def test_training_explorer_moves_along_epochs_without_training_again(monkeypatch):
    explorer = demos.training_explorer(lr=1.0, epochs=100, interactive=False)
    calls = []
    real_train = demos.lesson03_training.train
    monkeypatch.setattr(demos.lesson03_training, "train",
                        lambda *a, **k: calls.append(1) or real_train(*a, **k))
    explorer.epochs_slider.value = 20
    explorer.epochs_slider.value = 250
    assert calls == []
    explorer.lr_slider.value = 3.0
    explorer.lr_slider.value = 1.0
    assert calls == [1]  # the new learning rate only; 1.0 was trained before
    assert explorer.state()["epochs_run"] == 250


@pytest.mark.parametrize(
    ("make", "error", "match"),
    [(lambda: demos.gradient_descent_explorer(lr=0.0, interactive=False), ValueError,
      r"lr must lie in \[0.01, 50\]"),
     (lambda: demos.training_explorer(epochs=0, interactive=False), ValueError,
      "epochs must be a whole number from 1 to 300"),
     (lambda: demos.training_explorer(epochs=2.5, interactive=False), ValueError,
      "epochs must be a whole number")],
)
def test_lesson_three_demos_refuse_bad_arguments(make, error, match):
    with pytest.raises(error, match=match):
        make()
