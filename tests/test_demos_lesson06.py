"""Lesson 06's demos driven in-kernel: mouse strokes on the pad, buttons, sliders."""

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.backend_bases import MouseButton, MouseEvent
from sklearn.datasets import load_digits
from sklearn.linear_model import LogisticRegression

from neuron_lib import demos, sigmoid, softmax
from neuron_lib.demos.lesson06_pictures import GUESS_COLOR, bar_heights


@pytest.fixture(scope="module")
def digits():
    X, y = load_digits(return_X_y=True)
    # Any trained model with predict_proba will do for the demo's wiring; the lesson's own
    # network is tested in the notebook.
    model = LogisticRegression(max_iter=1000).fit(X[:1500] / 16, y[:1500])
    return model, X[1500:], y[1500:]


@pytest.fixture(params=[True, False], ids=["ipympl", "agg"])
def drawer(request, digits):
    drawer = demos.draw_digit(*digits, interactive=request.param)
    yield drawer
    drawer.close()


class Mouse:
    """Sends mouse events to a demo's canvas as the browser (ipympl) or a GUI (Agg) would."""

    def __init__(self, demo):
        self.demo, self.canvas = demo, demo.live.canvas
        self.ipympl = demo.live.interactive

    def _send(self, kind, ax, x, y, button=1, buttons=None):
        display_x, display_y = ax.transData.transform((x, y))
        if self.ipympl:  # what the browser sends: y from the top, buttons 0-based
            height = self.canvas.figure.bbox.height
            content = {"type": kind, "x": float(display_x), "y": float(height - display_y),
                       "button": button - 1, "buttons": 1 if buttons is None else buttons,
                       "modifiers": [], "guiEvent": {}}
            self.canvas._handle_message(self.canvas, content, [])
        elif kind == "motion_notify":  # a GUI says which buttons are down, as a set
            held = {MouseButton.LEFT: 1, MouseButton.RIGHT: 2}
            down = {name for name, mask in held.items() if (1 if buttons is None else buttons)
                    & mask}
            MouseEvent(f"{kind}_event", self.canvas, display_x, display_y,
                       buttons=down)._process()
        else:
            MouseEvent(f"{kind}_event", self.canvas, display_x, display_y,
                       button=button)._process()

    def drag(self, points, ax=None, button=1):
        ax = ax or self.demo.ax_pad
        self._send("button_press", ax, *points[0], button=button)
        for point in points[1:]:
            self._send("motion_notify", ax, *point, buttons=1 if button == 1 else 2)
        self._send("button_release", ax, *points[-1], button=button, buttons=0)

    def move(self, ax, x, y, buttons=0):
        self._send("motion_notify", ax, x, y, buttons=buttons)


def ellipse(n=40):
    angles = np.linspace(0.0, 2 * np.pi, n)
    return [(15.5 + 9 * np.cos(a), 15.5 + 13 * np.sin(a)) for a in angles]


def test_starts_with_the_first_test_digit_and_its_probabilities(drawer, digits):
    model, X_test, y_test = digits
    state = drawer.state()
    np.testing.assert_array_equal(state["pixels"].ravel(), X_test[0])
    np.testing.assert_allclose(state["probabilities"], model.predict_proba(X_test[:1] / 16)[0])
    assert state["guess"] == model.predict(X_test[:1] / 16)[0]
    np.testing.assert_allclose(bar_heights(drawer.bar_artists["bars"]), state["probabilities"])
    assert f"test digit #0, labelled {y_test[0]}" in drawer.text()


def test_a_mouse_stroke_draws_on_the_pad_and_changes_bars_guess_and_readout(drawer):
    drawer.clear()
    empty = drawer.state()
    readout, full_draws = drawer.readout.value, drawer.live.n_full_draws
    Mouse(drawer).drag([(15.5, 2.0), (15.5, 10.0), (15.5, 20.0), (15.5, 29.0)])
    state = drawer.state()
    # A stroke of radius 2.8 down column 15.5: pad columns 13-18 inked from row 0 to 31,
    # so 8x8 columns 3 and 4 hold most of the ink.
    assert drawer.pad[16, 13:19].tolist() == [1.0] * 6 and drawer.pad[16, 10] == 0.0
    assert state["pixels"][:, 3:5].sum() > 0.9 * state["pixels"].sum() > 0
    assert state["guess"] == 1 and empty["guess"] != 1
    assert not np.allclose(state["probabilities"], empty["probabilities"])
    np.testing.assert_allclose(bar_heights(drawer.bar_artists["bars"]), state["probabilities"])
    assert tuple(drawer.bar_artists["bars"].get_facecolors()[1][:3]) == pytest.approx(
        plt.matplotlib.colors.to_rgb(GUESS_COLOR))
    assert drawer.guess_text.get_text() == "1"
    assert drawer.readout.value != readout and "reads a 1" in drawer.readout.value
    assert "your drawing" in drawer.text()
    assert drawer.live.n_full_draws == full_draws, "a stroke must not redraw everything"


def test_a_drawn_zero_reads_as_zero(drawer):
    drawer.clear()
    Mouse(drawer).drag(ellipse())
    assert drawer.state()["guess"] == 0


def test_every_mouse_move_sends_one_image(drawer):
    if not drawer.live.interactive:
        pytest.skip("only an ipympl canvas sends images")
    sent = []
    drawer.live.canvas.send_binary = sent.append
    Mouse(drawer).drag([(5, 5), (6, 8), (7, 11), (8, 14)])
    # Press and three moves paint; the release, where the last move was, does not.
    assert len(sent) == 4 and all(image[:8] == b"\x89PNG\r\n\x1a\n" for image in sent)


def test_moves_without_a_pressed_button_do_not_draw(drawer):
    drawer.clear()
    mouse = Mouse(drawer)
    mouse.move(drawer.ax_pad, 10, 10)
    mouse.drag([(3, 3), (3, 6)])
    inked = drawer.state()["inked"]
    mouse.move(drawer.ax_pad, 20, 20)  # after the release
    assert drawer.state()["inked"] == inked
    assert drawer.pad[20, 20] == 0.0


def test_a_button_let_go_outside_the_figure_stops_the_stroke(drawer):
    drawer.clear()
    mouse = Mouse(drawer)
    mouse._send("button_press", drawer.ax_pad, 3, 3)
    mouse.move(drawer.ax_pad, 25, 25, buttons=0)  # released elsewhere, then back: no ink
    assert drawer.pad[25, 25] == 0.0 and drawer.pad[3, 3] == 1.0


def test_leaving_the_pad_lifts_the_pen(drawer):
    drawer.clear()
    mouse = Mouse(drawer)
    mouse._send("button_press", drawer.ax_pad, 3, 16)
    mouse.move(drawer.ax_bars, 5, 0.5, buttons=1)  # over the bar chart: no ink there
    mouse.move(drawer.ax_pad, 28, 16, buttons=1)    # back on the pad, far away
    mouse._send("button_release", drawer.ax_pad, 28, 16, buttons=0)
    assert drawer.pad[16, 3] == drawer.pad[16, 28] == 1.0
    assert drawer.pad[16, 15] == 0.0, "no line across the gap"


def test_right_button_and_eraser_rub_out(drawer):
    drawer.show_test_digit(0)
    assert drawer.pad[:, 16].sum() > 0
    Mouse(drawer).drag([(16, 0), (16, 31)], button=3)
    assert drawer.pad[:, 14:19].sum() == 0
    drawer.eraser_toggle.value = True
    Mouse(drawer).drag([(10, 0), (10, 31)])
    assert drawer.pad[:, 8:13].sum() == 0
    drawer.eraser_toggle.value = False
    assert "with your changes" in drawer.text()


def test_painting_the_8x8_view_fills_whole_pixels_where_the_network_reads_them(drawer):
    drawer.clear()
    drawer.right_slider.value = 1
    Mouse(drawer).drag([(4, 1), (4, 5)], ax=drawer.ax_view)
    view = drawer.state()["pixels"]
    assert view[1:6, 4].tolist() == [16.0] * 5 and view.sum() == 16.0 * 5
    # On the pad the same ink sits one 8x8 pixel (4 pad pixels) further left.
    assert drawer.pad[4:24, 12:16].min() == 1.0 and drawer.pad.sum() == 5 * 16


def test_clear_empties_the_pad_and_the_readout_says_so(drawer):
    drawer.clear()
    state = drawer.state()
    assert state["inked"] == 0 and state["test_digit"] is None
    assert state["pixels"].sum() == 0
    assert np.isclose(state["probabilities"].sum(), 1.0)
    assert "The pad is empty, yet the network answers" in drawer.readout.value
    drawer.clear_button.click()
    assert drawer.state()["inked"] == 0


def test_the_digit_slider_puts_a_test_digit_on_the_pad(drawer, digits):
    _, X_test, y_test = digits
    drawer.clear()
    drawer.digit_slider.value = 7
    state = drawer.state()
    np.testing.assert_array_equal(state["pixels"].ravel(), X_test[7])
    assert state["test_digit"] == 7 and state["true_label"] == y_test[7]
    assert not state["edited"]
    assert f"test digit #7, labelled {y_test[7]}" in drawer.text()


def test_the_mistake_button_walks_through_the_digits_it_gets_wrong(drawer, digits):
    model, X_test, y_test = digits
    wrong = np.flatnonzero(model.predict(X_test / 16) != y_test)
    assert len(wrong) >= 2
    np.testing.assert_array_equal(drawer.mistakes, wrong)
    drawer.clear()
    drawer.mistake_button.click()
    assert drawer.state()["test_digit"] == wrong[0]
    drawer.next_mistake()
    state = drawer.state()
    assert state["test_digit"] == wrong[1] and state["guess"] != state["true_label"]
    assert f"✘ misread as {state['guess']}" in drawer.text()
    drawer.show_test_digit(int(wrong[-1]))
    drawer.next_mistake()
    assert drawer.state()["test_digit"] == wrong[0], "after the last one it starts again"


def test_moving_what_the_network_reads(drawer, digits):
    _, X_test, _ = digits
    digit = X_test[0].reshape(8, 8)
    drawer.right_slider.value = 2
    drawer.down_slider.value = -1
    pixels = drawer.state()["pixels"]
    np.testing.assert_array_equal(pixels[:7, 2:], digit[1:, :6])
    assert pixels[7].sum() == 0 and pixels[:, :2].sum() == 0
    assert "moved 2 pixels right and 1 pixel up" in drawer.text()
    np.testing.assert_array_equal(drawer.pad_image.get_array(), drawer.pad)


def test_every_slider_at_its_extremes_and_a_hundred_fast_strokes(drawer):
    figures = plt.get_fignums()
    for slider in drawer.sliders():
        for value in (slider.min, slider.max, slider.min):
            slider.value = value
            assert np.isfinite(drawer.state()["probabilities"]).all()
    rng = np.random.default_rng(0)
    drawer.clear()
    mouse, texts = Mouse(drawer), set()
    for _ in range(100):
        start, end = rng.uniform(-2, 33, size=(2, 2))  # some strokes begin off the pad
        mouse.drag([tuple(start), tuple((start + end) / 2), tuple(end)],
                   button=1 if rng.uniform() < 0.8 else 3)
        state = drawer.state()
        assert np.isfinite(state["probabilities"]).all()
        assert np.isclose(state["probabilities"].sum(), 1.0)
        assert 0 <= state["pixels"].min() and state["pixels"].max() <= 16
        texts.add(drawer.text())
    assert len(texts) > 50
    assert drawer.live.n_full_draws == 1 and drawer.live.n_blits > 100
    assert plt.get_fignums() == figures


def test_snapshot_shows_the_picture_and_the_numbers(drawer):
    bundle = drawer.snapshot()
    assert bundle["image/png"] and "reads a" in bundle["text/plain"]


def test_close_closes_every_widget(drawer):
    drawer.close()
    assert drawer.widget.comm is None and drawer.digit_slider.comm is None


@pytest.mark.parametrize(("kwargs", "error", "match"), [
    ({"model": object()}, TypeError, "predict_proba"),
    ({"preprocess": 16}, TypeError, "preprocess must be a function"),
    ({"test_images": np.zeros((5, 63))}, ValueError, r"shape \(n_digits, 64\)"),
    ({"test_images": "abc"}, TypeError, "must hold real numbers"),
    ({"scaled": True}, ValueError, "look scaled to 0-1 already"),
    ({"test_labels": np.arange(297) % 11}, ValueError, "whole numbers from 0 to 9"),
    ({"test_labels": np.zeros(3, int)}, ValueError, "297 whole numbers"),
    ({"start": 297}, ValueError, "from 0 to 296, got 297"),
    ({"start": 1.0}, ValueError, "whole number"),
    ({"model": type("ThreeClasses", (), {"predict_proba": lambda self, X: np.full(
        (len(X), 3), 1 / 3)})()}, ValueError, r"10 probabilities summing to 1.*shape \(2, 3\)"),
])
def test_bad_arguments_get_clear_errors(digits, kwargs, error, match):
    model, X_test, y_test = digits
    arguments = {"model": model, "test_images": X_test, "test_labels": y_test}
    if kwargs.pop("scaled", False):
        arguments["test_images"] = X_test / 16
    arguments.update(kwargs)
    with pytest.raises(error, match=match):
        demos.draw_digit(arguments.pop("model"), arguments.pop("test_images"),
                         arguments.pop("test_labels"), interactive=False, **arguments)


def test_rerunning_the_cell_opens_no_figures(digits):
    before = plt.get_fignums()
    for _ in range(3):
        demos.draw_digit(*digits).close()
    assert plt.get_fignums() == before


# --- softmax explorer ----------------------------------------------------------------------


@pytest.fixture(params=[True, False], ids=["ipympl", "agg"])
def explorer(request):
    explorer = demos.softmax_explorer(interactive=request.param)
    yield explorer
    explorer.close()


def test_softmax_and_sigmoids_of_the_scores(explorer):
    # Scores 2, 1, -1: softmax = e^[2, 1, -1] / (e^2 + e + e^-1) = [0.705, 0.259, 0.035];
    # sigmoids = [0.881, 0.731, 0.269], summing to 1.881.
    state = explorer.state()
    np.testing.assert_allclose(state["softmax"], [0.705, 0.259, 0.035], atol=1e-3)
    np.testing.assert_allclose(state["sigmoid"], [0.881, 0.731, 0.269], atol=1e-3)
    assert state["softmax_sum"] == pytest.approx(1.0)
    assert state["sigmoid_sum"] == pytest.approx(1.881, abs=1e-3)
    np.testing.assert_allclose(bar_heights(explorer.bars["softmax"]), state["softmax"])
    np.testing.assert_allclose(bar_heights(explorer.bars["scores"]), [2.0, 1.0, -1.0])
    assert explorer.sums["sigmoid"].get_text() == "sum 188%"
    assert "sum 188.1%" in explorer.text()


def test_adding_c_to_every_score_moves_the_sigmoids_but_not_softmax(explorer):
    before = explorer.state()
    readout = explorer.readout.value
    explorer.shift_slider.value = 3.0
    after = explorer.state()
    np.testing.assert_allclose(after["softmax"], before["softmax"])
    np.testing.assert_allclose(after["sigmoid"], sigmoid(np.array([5.0, 4.0, 2.0])))
    np.testing.assert_allclose(bar_heights(explorer.bars["scores"]), [5.0, 4.0, 2.0])
    assert explorer.readout.value != readout
    assert "moved every sigmoid but no softmax probability" in explorer.text()


def test_raising_one_score_takes_probability_from_the_others(explorer):
    before = explorer.state()
    explorer.score_sliders[2].value = 4.0
    after = explorer.state()
    assert after["softmax"][2] > before["softmax"][2]
    assert (after["softmax"][:2] < before["softmax"][:2]).all()
    np.testing.assert_allclose(after["sigmoid"][:2], before["sigmoid"][:2])
    np.testing.assert_allclose(after["softmax"], softmax([2.0, 1.0, 4.0]))


def test_explorer_sliders_at_their_extremes_stay_finite(explorer):
    for slider in explorer.sliders():
        for value in (slider.min, slider.max):
            slider.value = value
            for bars in explorer.bars.values():
                heights = bar_heights(bars)
                assert np.isfinite(heights).all()
            assert explorer.state()["softmax_sum"] == pytest.approx(1.0)
    assert explorer.live.n_full_draws == 1


@pytest.mark.parametrize(("kwargs", "error", "match"), [
    ({"scores": (1.0, 2.0)}, ValueError, "one number per digit"),
    ({"scores": 3.0}, TypeError, "sequence of 3 numbers"),
    ({"scores": (1.0, 2.0, 9.0)}, ValueError, r"each score must lie in \[-4, 4\]"),
    ({"shift": -5.0}, ValueError, r"shift must lie in \[-4, 4\]"),
])
def test_explorer_refuses_bad_arguments(kwargs, error, match):
    with pytest.raises(error, match=match):
        demos.softmax_explorer(interactive=False, **kwargs)


# --- the quick drawing pieces --------------------------------------------------------------


def agg_figure():
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(3, 1.5), dpi=80)
    FigureCanvasAgg(figure)
    return figure


def test_quick_png_decodes_to_the_same_pixels():
    import io

    from PIL import Image

    from neuron_lib.demos.lesson06_pictures import quick_png

    pixels = np.random.default_rng(0).integers(0, 256, size=(31, 47, 4)).astype(np.uint8)
    png = quick_png(pixels)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    np.testing.assert_array_equal(np.asarray(Image.open(io.BytesIO(png))), pixels)


def test_ink_image_shows_what_imshow_shows():
    from neuron_lib.demos.lesson06_pictures import INK_CMAP, draw_digit_image

    values = np.random.default_rng(1).uniform(0, 16, size=(8, 8))
    pictures = []
    for ours in (True, False):
        figure = agg_figure()
        ax = figure.add_axes((0.1, 0.1, 0.8, 0.8))
        if ours:
            draw_digit_image(ax, values)
        else:
            ax.imshow(values, cmap=INK_CMAP, vmin=0, vmax=16, interpolation="nearest")
            ax.set_axis_off()
        figure.canvas.draw()
        pictures.append(np.asarray(figure.canvas.buffer_rgba()).astype(int))
    inside = (slice(int(0.1 * 120) + 3, int(0.9 * 120) - 3),
              slice(int(0.1 * 240) + 3, int(0.9 * 240) - 3))
    # Inside the frame the pictures agree, but for where a cell's edge falls between two
    # screen pixels (each of 8 cells spans 12 pixels: a column or row of them at most).
    differ = np.any(pictures[0][inside] != pictures[1][inside], axis=2)
    assert differ.mean() < 0.1, differ.mean()


def test_ink_image_draws_its_frame_and_grid():
    from neuron_lib.demos.lesson06_pictures import GRID_COLOR, draw_digit_image

    figure = agg_figure()
    ax = figure.add_axes((0.0, 0.0, 0.5, 1.0))
    draw_digit_image(ax, np.zeros((32, 32)), side=32, vmax=1.0, grid_every=4)
    figure.canvas.draw()
    pixels = np.asarray(figure.canvas.buffer_rgba())
    grey = tuple(int(GRID_COLOR[i:i + 2], 16) for i in (1, 3, 5))
    middle_row = pixels[62, :, :3]  # between two grid lines (every 15 pixels)
    assert tuple(middle_row[0]) == (0, 0, 0), "the frame"
    lines = [x for x in range(1, 119) if tuple(middle_row[x]) == grey]
    assert len(lines) == 7, "7 grid lines between 8 blocks"


def test_cached_text_looks_like_text_and_is_rendered_once():
    from matplotlib.text import Text

    from neuron_lib.demos.lesson06_pictures import CachedText

    pictures = []
    for kind in (CachedText, Text):
        figure = agg_figure()
        figure.add_artist(kind(0.5, 0.5, "97%", fontsize=14, fontweight="bold",
                               color="#e76300", ha="center", va="bottom",
                               transform=figure.transFigure))
        figure.canvas.draw()
        pictures.append(np.asarray(figure.canvas.buffer_rgba()).astype(int))
    ink = [np.any(picture[..., :3] < 250, axis=2) for picture in pictures]
    assert ink[0].sum() > 50
    # The same glyphs, perhaps a pixel off after rounding the position.
    shifts = [np.mean(np.roll(ink[0], (dy, dx), axis=(0, 1)) == ink[1])
              for dy in (-1, 0, 1) for dx in (-1, 0, 1)]
    assert max(shifts) > 0.999
    count = len(CachedText._pictures)
    figure.canvas.draw()
    assert len(CachedText._pictures) == count


def test_the_release_finishes_a_stroke_whose_last_move_was_not_sent(drawer):
    # ipympl sends at most one move per 33 ms: after a quick drag, the release may be the
    # first event from where the mouse ended.
    drawer.clear()
    mouse = Mouse(drawer)
    mouse._send("button_press", drawer.ax_pad, 4, 16)
    mouse._send("button_release", drawer.ax_pad, 27, 16, buttons=0)
    assert drawer.pad[16, 4:28].min() == 1.0
    inked = drawer.state()["inked"]
    mouse._send("button_release", drawer.ax_pad, 27, 3, buttons=0)  # no stroke going on
    assert drawer.state()["inked"] == inked
