"""Lesson 04's "build a network by hand" demo, driven in-kernel as a learner's moves would."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from neuron_lib import demos, sigmoid
from neuron_lib.demos.lesson04 import NetworkBuilder, network_builder
from neuron_lib.demos.lesson04_drawing import (
    clip_line,
    draw_decision,
    draw_network,
    grid_points,
    square_around,
)


@pytest.fixture(params=[True, False], ids=["ipympl", "agg"])
def builder(request):
    builder = demos.network_builder(interactive=request.param)
    yield builder
    builder.close()


def moving_arrays(demo):
    """Every array of numbers the demo's moving artists show."""
    arrays = []
    for artist in demo.live._animated:
        if hasattr(artist, "get_segments"):
            arrays += [np.asarray(segment, dtype=float) for segment in artist.get_segments()]
        elif hasattr(artist, "get_xydata"):
            arrays.append(np.asarray(artist.get_xydata(), dtype=float))
        elif hasattr(artist, "get_array"):
            arrays.append(np.asarray(artist.get_array(), dtype=float))
    return arrays


def forward_by_hand(X, W1, b1, W2, b2, f=sigmoid):
    return sigmoid(f(X @ W1 + b1) @ W2 + b2)[:, 0]


def set_neuron(builder, j, w1, w2, b, v):
    for slider, value in zip(builder.hidden_sliders[j], (w1, w2, b)):
        slider.value = value
    builder.output_sliders[j].value = v


def test_start_is_one_line_three_clouds_and_the_numbers_match_a_forward_by_hand(builder):
    state = builder.state()
    np.testing.assert_array_equal(state["W1"], [[6.0, 0.0], [6.0, 6.0]])  # h1 = OR
    np.testing.assert_array_equal(state["W2"], [[6.0], [0.0]])
    expected = forward_by_hand(builder.X, state["W1"], state["b1"], state["W2"], state["b2"])
    assert state["accuracy"] == pytest.approx(np.mean((expected >= 0.5) == builder.y))
    # h1 alone cuts off the corner (0, 0): three of the four corners (50 points each) right.
    assert 0.72 <= state["accuracy"] <= 0.78
    assert state["straight"]
    assert "Only h₁ has a say in ŷ" in builder.text()
    assert f"{state['n_right']} of 200 points" in builder.text()


def test_the_lesson_recipe_solves_xor(builder):
    set_neuron(builder, 1, 6.0, 6.0, -9.0, -6.0)  # h2 = AND, and XOR = OR and not AND
    state = builder.state()
    assert state["accuracy"] >= 0.97 and not state["straight"]
    # The heat map is the network's probability over the square, row by row along x2.
    xs, ys, points = grid_points(builder.box, builder.n_grid)
    expected = forward_by_hand(points, state["W1"], state["b1"], state["W2"], state["b2"])
    np.testing.assert_allclose(builder.heatmap.get_array(), expected.reshape(len(ys), len(xs)))
    assert points[1, 0] > points[0, 0] and points[1, 1] == points[0, 1]  # x1 runs fastest
    # The black boundary runs where the probability is 0.5.
    points = np.vstack(builder.boundary.get_segments())
    on_boundary = forward_by_hand(points, state["W1"], state["b1"], state["W2"], state["b2"])
    np.testing.assert_allclose(on_boundary, 0.5, atol=0.03)


def test_with_one_hidden_neuron_in_play_no_setting_beats_a_straight_line():
    builder = network_builder(interactive=False)
    rng = np.random.default_rng(0)
    best = 0.0
    for _ in range(150):
        for slider in builder.hidden_sliders[0]:
            slider.value = float(np.round(rng.uniform(slider.min, slider.max), 1))
        builder.output_sliders[0].value = float(np.round(rng.uniform(-10, 10), 1))
        builder.output_bias_slider.value = float(np.round(rng.uniform(-10, 10), 1))
        assert builder.state()["straight"]
        best = max(best, builder.state()["accuracy"])
    assert best <= 0.8


def test_each_hidden_line_is_where_its_weighted_sum_is_zero(builder):
    set_neuron(builder, 0, 2.0, -1.0, 0.5, 6.0)
    for j, (line, _label) in enumerate(builder.hidden_lines):
        W1, b1 = builder.state()["W1"], builder.state()["b1"]
        x, y = line.get_data()
        assert len(x) == 2
        np.testing.assert_allclose(W1[0, j] * np.asarray(x) + W1[1, j] * np.asarray(y) + b1[j],
                                   0.0, atol=1e-12)


def test_the_hidden_view_shows_each_point_at_h1_h2_and_the_output_line_there(builder):
    set_neuron(builder, 1, 6.0, 6.0, -9.0, -6.0)
    state = builder.state()
    hidden = sigmoid(builder.X @ state["W1"] + state["b1"])
    for points, value in zip(builder.hidden_points, (0, 1)):
        np.testing.assert_allclose(points.get_xydata(), hidden[builder.y == value])
    x, y = builder.hidden_boundary.get_data()
    np.testing.assert_allclose(6.0 * np.asarray(x) - 6.0 * np.asarray(y) - 3.0, 0, atol=1e-12)


def test_every_slider_moves_the_picture_and_the_readout(builder):
    for slider in builder.sliders():
        before_text, before = builder.readout.value, moving_arrays(builder)
        slider.value = slider.max if slider.value != slider.max else slider.min
        after = moving_arrays(builder)
        assert builder.readout.value != before_text, slider.description
        changed = len(before) != len(after) or any(
            a.shape != b.shape or not np.array_equal(a, b) for a, b in zip(before, after))
        assert changed, f"slider {slider.description} moved nothing"


def test_every_move_changes_the_picture_even_when_every_neuron_is_saturated():
    # The browser test's path: every slider near its minimum (all neurons saturated, every
    # line off the picture), then a value typed into each. The bars of the parameters still
    # change, so a learner sees that the move was taken.
    builder = network_builder(interactive=False)
    for slider in builder.sliders():
        slider.value = slider.min + 0.3
    for slider in builder.sliders():
        before = bytes(builder.live.canvas.buffer_rgba())
        slider.value = round(slider.min + 0.37 * (slider.max - slider.min), 1)
        assert bytes(builder.live.canvas.buffer_rgba()) != before, slider.description
    heights = [segment[1, 1] for segment in builder.parameter_bars.get_segments()]
    state = builder.state()
    np.testing.assert_allclose(heights[2], state["b1"][0] / 10)  # h1's bias, of ±10
    np.testing.assert_allclose(heights[-1], state["b2"][0] / 20)  # c, of ±20
    builder.close()


def test_every_slider_at_its_extremes_keeps_everything_finite(builder):
    figures = plt.get_fignums()
    for toggle in ("sigmoid", "tanh", "relu", "identity"):
        builder.activation_toggle.value = toggle
        for slider in builder.sliders():
            for value in (slider.min, slider.max, slider.min):
                slider.value = value
                for array in moving_arrays(builder):
                    assert np.isfinite(array).all(), f"{slider.description} = {value}"
                assert "nan" not in builder.text().lower()
    assert plt.get_fignums() == figures


def test_a_hundred_fast_moves_redraw_by_blitting_only():
    builder = network_builder("circles")
    rng = np.random.default_rng(3)
    sliders = builder.sliders()
    texts, pictures = set(), set()
    full_draws = builder.live.n_full_draws
    for i in range(100):
        slider = sliders[rng.integers(len(sliders))]
        value = float(np.round(rng.uniform(slider.min, slider.max), 1))
        slider.value = value if value != slider.value else slider.min
        texts.add(builder.text())
        if i % 25 == 0:
            pictures.add(bytes(builder.live.canvas.buffer_rgba()))
    assert len(texts) > 80 and len(pictures) == 4
    assert builder.live.n_full_draws == full_draws and builder.live.n_blits >= 100
    builder.close()


def test_a_move_sends_one_picture_to_the_browser():
    builder = network_builder()
    sent = []
    builder.live.canvas.send_binary = sent.append
    builder.output_bias_slider.value = 5.0
    assert len(sent) == 1 and sent[0][:8] == b"\x89PNG\r\n\x1a\n"
    builder.close()


def test_no_hidden_activation_collapses_to_one_straight_neuron(builder):
    set_neuron(builder, 1, 6.0, 6.0, -9.0, -6.0)
    builder.activation_toggle.value = "identity"
    state = builder.state()
    weights, bias = state["collapsed"]
    np.testing.assert_allclose(weights, (state["W1"] @ state["W2"])[:, 0])
    assert bias == pytest.approx((state["b1"] @ state["W2"] + state["b2"])[0])
    assert state["straight"] and state["accuracy"] < 0.8
    assert "collapse into one neuron" in builder.text()
    # Move it anywhere: the boundary stays one straight segment.
    set_neuron(builder, 0, 1.5, -2.0, 0.2, 4.0)
    points = np.vstack(builder.boundary.get_segments())
    # (Straight up to the contour's linear interpolation between grid points.)
    spread = np.linalg.svd(points - points.mean(axis=0), compute_uv=False)
    assert spread[1] < 0.01 * spread[0]


def test_more_hidden_neurons_add_sliders_lines_and_rows(builder):
    assert len(builder.sliders()) == 3 * 2 + 2 + 1
    first_neuron = [s.value for s in builder.hidden_sliders[0]]
    builder.size_toggle.value = 4
    assert len(builder.sliders()) == 3 * 4 + 4 + 1
    assert len(builder.hidden_lines) == 4
    assert len(builder.rows.children) == 4 + 2
    assert [s.value for s in builder.hidden_sliders[0]] == first_neuron
    # The new neurons show a line but have no say yet.
    assert builder.state()["W2"][2:].tolist() == [[0.0], [0.0]]
    assert builder.hidden_lines[2][0].get_xydata().shape == (2, 2)
    assert "leaves out" in " ".join(t.get_text() for t in builder.live.figure.axes[1].texts)


def test_a_new_dataset_starts_from_its_own_starting_point(builder):
    builder.dataset_toggle.value = "circles"
    assert builder.n_hidden == 4 and builder.X.shape == (200, 2)
    assert builder.state()["W2"][:, 0].tolist() == [5.0, 5.0, 0.0, 0.0]
    # The lesson's recipe for the circle: four fences 0.7 from the centre, ANDed.
    for j, (w1, w2) in enumerate(((5.0, 0.0), (-5.0, 0.0), (0.0, 5.0), (0.0, -5.0))):
        set_neuron(builder, j, w1, w2, 3.5, 5.0)
    builder.output_bias_slider.value = -17.5
    assert builder.state()["accuracy"] >= 0.95
    builder.dataset_toggle.value = "moons"
    assert builder.n_hidden == 3


def test_reset_goes_back_to_the_start(builder):
    start = builder.text()
    set_neuron(builder, 0, -1.0, 2.0, 0.3, -4.0)
    builder.activation_toggle.value = "tanh"
    builder.size_toggle.value = 3
    builder.reset_button.click()
    assert builder.text() == start and builder.n_hidden == 2
    assert builder.activation_toggle.value == "sigmoid"


def test_snapshot_has_the_picture_and_the_numbers(builder):
    bundle = builder.snapshot()
    assert bundle["image/png"] and bundle["text/plain"] == builder.text()
    assert "Accuracy" in bundle["text/html"]


@pytest.mark.parametrize(("kwargs", "match"), [
    ({"dataset": "spiral"}, "dataset must be one of 'xor', 'circles', 'moons'"),
    ({"activation": "softmax"}, "activation must be one of"),
    ({"n_hidden": 5}, "n_hidden must be 2, 3 or 4"),
    ({"n_hidden": True}, "n_hidden must be 2, 3 or 4"),
])
def test_bad_arguments_get_clear_errors(kwargs, match):
    with pytest.raises(ValueError, match=match):
        network_builder(**kwargs)


def test_rerunning_the_cell_opens_no_figures_and_close_closes_every_widget():
    before = plt.get_fignums()
    for _ in range(5):
        builder = network_builder()
        builder.size_toggle.value = 4
        builder.size_toggle.value = 2  # rows of neurons 3 and 4 made and dropped again
        builder.close()
        assert all(widget.comm is None for widget in builder._all_widgets())
        assert all(slider.comm is None for slider in builder._all_sliders())
    assert plt.get_fignums() == before
    assert isinstance(builder, NetworkBuilder)


# --- pure drawing helpers ----------------------------------------------------------------


@pytest.mark.parametrize(("line", "expected"), [
    ((1.0, 0.0, -0.5), [[0.5, -1.0], [0.5, 1.0]]),     # x = 0.5
    ((0.0, 2.0, 1.0), [[1.0, -0.5], [-1.0, -0.5]]),    # y = -0.5
    ((1.0, -1.0, 0.0), [[-1.0, -1.0], [1.0, 1.0]]),    # the diagonal y = x
])
def test_clip_line_finds_the_segment_inside_the_box(line, expected):
    ends = clip_line(*line, (-1, 1, -1, 1))
    assert sorted(map(tuple, np.round(ends, 12).tolist())) == sorted(map(tuple, expected))


@pytest.mark.parametrize("line", [(1.0, 0.0, -5.0), (0.0, 0.0, 1.0), (1.0, 1.0, 3.0)])
def test_clip_line_is_none_when_the_line_misses_the_box(line):
    assert clip_line(*line, (-1, 1, -1, 1)) is None


def test_draw_decision_colours_by_probability_and_draws_the_boundary():
    fig, ax = plt.subplots()
    X = np.array([[-1.0, 0.0], [1.0, 0.0]])
    artists = draw_decision(ax, lambda points: sigmoid(3.0 * points[:, 0]), X,
                            np.array([0, 1]), box=(-2, 2, -2, 2), n_points=21)
    values = artists["heatmap"].get_array()
    assert values.shape == (21, 21) and values[0, 0] < 0.01 and values[0, -1] > 0.99
    boundary = np.vstack(artists["boundary"].get_segments())
    np.testing.assert_allclose(boundary[:, 0], 0.0, atol=1e-9)  # σ(3·x1) = 0.5 at x1 = 0
    plt.close(fig)


def test_square_around_holds_every_point_with_a_margin():
    X = np.array([[0.0, 0.0], [4.0, 1.0]])
    assert square_around(X, margin=0.5) == (-0.5, 4.5, -2.0, 3.0)


def test_draw_network_draws_every_neuron_and_arrow():
    fig, ax = plt.subplots()
    draw_network(ax, n_hidden=3)
    assert len(ax.patches) == 2 + 3 + 1
    assert len([t for t in ax.texts if getattr(t, "arrow_patch", None)]) == 2 * 3 + 3
    plt.close(fig)
