"""The demos driven in-kernel, as a learner's slider moves would drive them, without a browser."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from neuron_lib import demos, sigmoid


@pytest.fixture(params=[True, False], ids=["ipympl", "agg"])
def explorer(request):
    explorer = demos.neuron_explorer(rng=0, interactive=request.param)
    if explorer.live.interactive:
        # As when JupyterLab shows the canvas: only diffs are sent, no PNG kept for saving.
        explorer.live.canvas.syncing_data_url = False
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
    assert state["verdict"] == "ham (not spam)"
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
        ({"x": [0.1, 0.2]}, ValueError, r"x must have shape \(3,\), got \(2,\)"),
        ({"x": [0.1, np.nan, 0.2]}, ValueError, "x must be finite"),
        ({"weight_limit": 0}, ValueError, "weight_limit must be positive"),
        ({"bias_limit": "big"}, TypeError, "bias_limit must be a real number"),
        ({"input_limits": (1, 0)}, ValueError, "low < high"),
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


def test_close_closes_every_widget(explorer):
    widgets = explorer._all_widgets()
    explorer.close()
    assert all(widget.comm is None for widget in widgets)
