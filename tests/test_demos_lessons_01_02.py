"""Lessons 01 and 02's demos, driven in the kernel: the slopes they show, what their readouts
say, Reset (on every demo of the course), text alternatives and layout."""

import numpy as np
import pytest

from neuron_lib import demos, leaky_relu, relu, sigmoid, tanh

FUNCTIONS = {"sigmoid": sigmoid, "relu": relu, "tanh": tanh,
             "leaky_relu": lambda z: leaky_relu(z, 0.1)}


def explorer(**kwargs):
    return demos.activation_explorer(list(FUNCTIONS), show_derivatives=True, interactive=False,
                                     **kwargs)


# --- lesson 02: the slope shown is the slope of the curve drawn ------------------------------


@pytest.mark.parametrize("layout", ["overlaid", "side by side"])
@pytest.mark.parametrize(("w", "b"), [(1.0, 0.0), (5.0, 0.0), (-2.0, 0.5), (0.3, -4.0),
                                      (-5.0, 2.5), (0.0, 1.0)])
def test_the_dashed_slope_is_the_slope_of_the_drawn_curve(layout, w, b):
    demo = explorer(layout=layout)
    demo.w_slider.value, demo.b_slider.value = w, b
    for name, curve in demo.curves.items():
        x, y = (np.asarray(values, dtype=float) for values in curve.get_data())
        slope_x, slope = (np.asarray(values, dtype=float)
                          for values in demo.derivative_curves[name].get_data())
        np.testing.assert_array_equal(slope_x, x)
        # Central differences of the drawn points, away from ReLU's corner at w x + b = 0.
        step = x[1] - x[0]
        finite_difference = (y[2:] - y[:-2]) / (2 * step)
        smooth = np.abs(w * x[1:-1] + b) > abs(w) * step * 1.01
        np.testing.assert_allclose(slope[1:-1][smooth], finite_difference[smooth],
                                   rtol=0.02, atol=0.02 * max(abs(w), 0.1),
                                   err_msg=f"{name} at w = {w}, b = {b}")


def test_slopes_fall_where_the_curves_fall():
    demo = explorer(w=-2.0)
    state = demo.state()
    # w = -2: every curve falls from left to right, so no slope is positive.
    for name, slopes in state["slopes"].items():
        assert (slopes <= 0).all(), name
    assert state["slopes"]["tanh"][1] == -2.0  # at x = 0: w * tanh'(0) = -2 * 1
    assert "−2.00" in demo.text()


def test_a_steep_relu_line_has_a_steep_slope():
    demo = explorer(w=5.0)
    relu_line = next(line for line in demo.text().splitlines()[3:] if line.startswith("ReLU"))
    slope_line = demo.text().splitlines()[demo.text().splitlines().index(relu_line) + 1]
    assert slope_line.split()[-1] == "5.00"  # at x = 5: 5 * 1, not "slope 1.00"


def test_flat_curves_have_zero_slopes_and_the_readout_says_so():
    demo = explorer(w=0.0, b=1.0)
    assert "every curve is flat and every slope is 0" in demo.text()
    for name, slopes in demo.state()["slopes"].items():
        assert (slopes == 0).all(), name
    for line in demo.derivative_curves.values():
        assert (np.asarray(line.get_ydata()) == 0).all()


def test_the_corner_of_relu_is_flagged_where_the_table_sits_on_it():
    demo = explorer()  # w = 1, b = 0: x = 0 is exactly the corner
    assert "0.00*" in demo.text() and "have a corner" in demo.text()
    demo.b_slider.value = 0.5
    assert "*" not in demo.text()


def test_slope_axes_hold_the_steepest_slope_the_sliders_allow():
    demo = explorer(layout="side by side", w=5.0)
    for name, line in demo.derivative_curves.items():
        low, high = line.axes.get_ylim()
        steepest = np.abs(np.asarray(line.get_ydata())).max()
        assert high >= steepest and low <= -steepest, name
    demo.w_slider.value = -5.0
    for name, line in demo.derivative_curves.items():
        low, _ = line.axes.get_ylim()
        assert low <= np.asarray(line.get_ydata()).min(), name


def test_curves_carry_a_marker_shape_besides_their_colour():
    demo = explorer()
    markers = {name: curve.get_marker() for name, curve in demo.curves.items()}
    assert len(set(markers.values())) == 4 and "None" not in markers.values()


# --- lesson 02: the two-input explorer says "inactive", keeps "dead" for everywhere ---------


def test_two_input_readout_says_inactive_for_a_partial_zero():
    demo = demos.two_input_explorer(interactive=False)
    state = demo.state()
    assert state["inactive_share"] == pytest.approx(np.mean(demo._weighted_sums() <= 0))
    assert "inactive" in demo.text() and "dead" not in demo.text()


def test_two_input_readout_says_dead_only_when_relu_is_zero_everywhere():
    demo = demos.two_input_explorer(w1=0.5, w2=0.5, b=-3.0, interactive=False)
    # z <= 0.5 * 3 + 0.5 * 3 - 3 = 0 on the whole square: ReLU is 0 for every input.
    assert demo.state()["relu_max"] == 0
    assert "the neuron is dead" in demo.text()


def test_two_input_arrows_point_along_the_weights_and_hide_without_a_line():
    demo = demos.two_input_explorer(w1=1.0, w2=-0.5, b=0.5, interactive=False)
    for arrow in demo.arrows:
        start, tip = (np.array(p) for p in arrow["arrow"]._posA_posB)
        np.testing.assert_allclose((tip - start) / np.linalg.norm(tip - start),
                                   np.array([1.0, -0.5]) / np.hypot(1.0, -0.5))
    assert [a["label"].get_text() for a in demo.arrows] == ["σ > 0.5", "ReLU > 0"]
    demo.w1_slider.value = demo.w2_slider.value = 0.0
    assert not any(a["arrow"].get_visible() for a in demo.arrows)


# --- every demo of the course: Reset ---------------------------------------------------------

DEMO_FACTORIES = {name: getattr(demos, name) for name in demos.__all__
                  if name.endswith("_explorer")}


@pytest.mark.parametrize("name", list(DEMO_FACTORIES))
def test_reset_puts_every_slider_back_and_draws_once(name, monkeypatch):
    demo = DEMO_FACTORIES[name](interactive=False)
    start = [slider.value for slider in demo.sliders()]
    for slider in demo.sliders():
        slider.value = slider.min if slider.value != slider.min else slider.max
    text_moved = demo.text()
    updates = []
    original = demo._update
    monkeypatch.setattr(demo, "_update", lambda: (updates.append(1), original()))
    demo.reset_button.click()
    assert [slider.value for slider in demo.sliders()] == start
    assert len(updates) == 1, "Reset should redraw once, not once per control"
    assert demo.text() != text_moved
    assert demo.reset_button.description == "Reset"


def test_reset_also_restores_toggles_and_the_slope_checkbox():
    demo = demos.activation_explorer(interactive=False)
    first_text = demo.text()
    demo.activation_toggles["tanh"].value = True
    demo.layout_toggle.value = "side by side"
    demo.derivative_checkbox.value = True
    demo.w_slider.value = 3.0
    demo.reset()
    assert demo.selected() == ["sigmoid", "relu"]
    assert demo.layout_toggle.value == "overlaid" and not demo.derivative_checkbox.value
    assert len(demo.live.figure.axes) == 1 and demo.derivative_curves == {}
    assert demo.text() == first_text


def test_neuron_explorer_reset_undoes_the_things_to_try():
    demo = demos.neuron_explorer(rng=42, interactive=False)
    first = demo.text()
    for slider in demo.input_sliders:  # things to try, 1: every input to 0
        slider.value = 0.0
    demo.reset()
    assert demo.text() == first and [s.value for s in demo.input_sliders] == [0.5] * 3


# --- text alternatives, readouts and layout --------------------------------------------------


@pytest.mark.parametrize("make", [lambda: demos.neuron_explorer(rng=42, interactive=False),
                                  lambda: explorer(),
                                  lambda: demos.two_input_explorer(interactive=False)])
def test_the_still_describes_the_figure_not_its_title(make):
    demo = make()
    description = demo.describe()
    assert demo.title not in description and len(description) > 120
    snapshot = demo.snapshot()["text/html"]
    assert 'alt="' + description.split(".")[0] in snapshot
    assert "Run → Run All Cells" in snapshot  # the caption says what to run


def test_the_neuron_explorer_description_follows_the_sliders():
    demo = demos.neuron_explorer(rng=42, interactive=False)
    assert "z, 0.97, is marked" in demo.describe() and "spam band" in demo.describe()
    demo.bias_slider.value = -3.0
    assert "below it, in ham" in demo.describe()


def test_readouts_wrap_at_spaces_only():
    demo = demos.two_input_explorer(interactive=False)
    assert "word-break: normal" in demo.readout.value
    assert "white-space: pre-wrap" in demo.readout.value


@pytest.mark.parametrize("make", [demos.neuron_explorer, demos.activation_explorer,
                                  demos.two_input_explorer])
def test_a_live_demo_carries_its_stylesheet_and_a_figure_that_shrinks(make):
    demo = make()
    try:
        stylesheet = demo.widget.children[0].value
        width = round(demo.live.figure.bbox.width)
        assert "nn-demo" in demo.widget._dom_classes
        assert f"nn-figure-{width}" in demo.live.canvas._dom_classes
        assert f"max-width: {width}px" in stylesheet and "width: 100% !important" in stylesheet
        assert "mod-active" in stylesheet and "word-break: normal" in stylesheet
    finally:
        demo.close()
