"""Drawing helpers and the blitting figure."""

import base64
import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from neuron_lib import plots, relu, sigmoid


@pytest.fixture
def live():
    return plots.LiveFigure((4, 3), interactive=False)


@pytest.mark.parametrize(("name", "function"), [("sigmoid", sigmoid), ("relu", relu)])
def test_draw_activation_plots_the_function(live, name, function):
    ax = live.figure.subplots()
    curve = plots.draw_activation(ax, name, z_max=5)
    z, y = curve.get_data()
    assert z[0] == -5 and z[-1] == 5
    np.testing.assert_allclose(y, function(z))
    assert ax.get_xlim() == (-5, 5)


def test_draw_activation_refuses_unknown_names(live):
    with pytest.raises(ValueError, match=r"Unknown activation 'softmax'. Choose one of: sigmoid"):
        plots.draw_activation(live.figure.subplots(), "softmax", z_max=5)


def test_update_marker_moves_point_guide_and_label(live):
    ax = live.figure.subplots()
    plots.draw_activation(ax, "sigmoid", z_max=10)
    marker = plots.draw_marker(ax, "C0")
    plots.update_marker(marker, 4.0, 0.98, "σ(z) = 0.98")
    assert marker["point"].get_data()[0][0] == 4.0
    np.testing.assert_allclose(marker["guide"].get_data()[1], [-0.05, 0.98])
    assert marker["label"].get_text() == "σ(z) = 0.98"
    assert marker["label"].get_horizontalalignment() == "right"  # right half: label on the left
    plots.update_marker(marker, -4.0, 0.02, "σ(z) = 0.02")
    assert marker["label"].get_horizontalalignment() == "left"


def test_live_figure_draws_once_then_blits_only_moving_artists(live):
    ax = live.figure.subplots()
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    (point,) = ax.plot([0.2], [0.2], "o")
    live.animate(point)
    live.refresh()
    first = live.to_png()
    point.set_data([0.8], [0.8])
    live.refresh()
    assert (live.n_full_draws, live.n_blits) == (1, 1)
    assert live.to_png() != first
    point.set_data([0.2], [0.2])
    live.refresh()
    assert live.to_png() == first, "blitting over the background must restore the first picture"


def test_live_figure_redraws_fully_after_a_resize(live):
    live.figure.subplots()
    live.refresh()
    live.figure.set_size_inches(5, 3)
    live.refresh()
    assert live.n_full_draws == 2


def test_live_figure_uses_an_ipympl_widget_when_interactive():
    live = plots.LiveFigure((4, 3))
    assert live.interactive
    assert live.canvas.toolbar_visible is False
    live.canvas.close()


@pytest.mark.parametrize("backend", ["agg", "module://matplotlib_inline.backend_inline", None])
def test_a_live_figure_leaves_the_matplotlib_backend_alone(backend):
    """ipympl's import switches matplotlib to itself; later lesson plots must stay inline.

    Checked in a fresh interpreter: in this one, ipympl is already imported.
    """
    code = (
        "import matplotlib, matplotlib.pyplot as plt\n"
        "before = matplotlib.get_backend()\n"
        "from neuron_lib import plots\n"
        "plots.LiveFigure((3, 2))\n"
        "assert matplotlib.get_backend() == before, (before, matplotlib.get_backend())\n"
    )
    environment = {key: value for key, value in os.environ.items() if key != "MPLBACKEND"}
    if backend:
        environment["MPLBACKEND"] = backend
    result = subprocess.run([sys.executable, "-W", "error", "-c", code], check=False,
                            env=environment, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_inline_plots_after_a_demo_are_still_pictures():
    """In a real kernel: a demo first, then plt.show() must still give a PNG, not a widget."""
    nbformat = pytest.importorskip("nbformat")
    from nbclient import NotebookClient

    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("import matplotlib.pyplot as plt\nfrom neuron_lib import demos"),
        nbformat.v4.new_code_cell("demos.two_input_explorer()"),
        nbformat.v4.new_code_cell("plt.plot([1, 3])\nplt.show()"),
    ])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    NotebookClient(notebook, timeout=120, kernel_name="python3").execute()
    (output,) = notebook.cells[2].outputs
    assert "image/png" in output["data"]
    assert "application/vnd.jupyter.widget-view+json" not in output["data"]


# --- edge cases, colour cues and text alternatives ------------------------------------------


@pytest.mark.parametrize(("w1", "w2", "b"), [(1e-320, 0.0, 1.0), (0.0, 1e-320, -1.0),
                                             (1e-300, 1e-300, 1.0), (1e-308, 0.0, 1e300),
                                             (1e300, 1e300, 1e308), (1.0, 0.5, -4.6)])
def test_boundary_points_of_a_line_outside_the_square_are_empty(w1, w2, b):
    # |b| / |w| is astronomically large (no overflow on the way), or, last, the line passes
    # 4.1 from the centre, inside the corners' 4.24, yet misses: 3 + 0.5 * 3 - 4.6 < 0.
    assert plots.boundary_points(w1, w2, b, 3.0) == ([], [])


def test_boundary_points_with_tiny_weights_that_cross_the_square_are_finite():
    # 1e-320 x1 + 1e-321 = 0: the vertical line x1 = -0.1, reached through subnormal numbers.
    x1, x2 = plots.boundary_points(1e-320, 0.0, 1e-321, 3.0)
    assert np.isfinite(x1).all() and np.isfinite(x2).all()
    np.testing.assert_allclose(x1, [-0.1, -0.1], rtol=0.01)
    np.testing.assert_allclose(x2, [-3.0, 3.0])


def test_boundary_points_lie_on_the_line_and_span_the_square():
    rng = np.random.default_rng(0)
    for w1, w2, b in rng.uniform(-3, 3, size=(200, 3)):
        x1, x2 = plots.boundary_points(w1, w2, b, 3.0)
        if len(x1):
            np.testing.assert_allclose(w1 * x1 + w2 * x2 + b, 0, atol=1e-9)
        else:  # the line misses the square: every corner is on the same side
            corners = np.array([[-3, -3], [-3, 3], [3, -3], [3, 3]]) @ [w1, w2] + b
            assert (corners > 0).all() or (corners < 0).all()


@pytest.mark.parametrize("z_max", [0, -1.0, float("inf"), float("nan"), "6", True])
def test_draw_activation_refuses_a_z_axis_that_is_not_positive_and_finite(live, z_max):
    with pytest.raises(ValueError, match=r"z_max must be a positive, finite number .* "
                                         r"Example: z_max=6"):
        plots.draw_activation(live.figure.subplots(), "relu", z_max)


def test_draw_activation_can_add_the_slope(live):
    ax = live.figure.subplots()
    plots.draw_activation(ax, "tanh", z_max=4, show_slope=True)
    curve, slope = ax.get_lines()[0], ax.get_lines()[-1]
    z = curve.get_xdata()
    np.testing.assert_allclose(slope.get_ydata(), 1 - np.tanh(z) ** 2, atol=1e-12)
    assert slope.get_linestyle() == "--"  # not told apart by colour alone
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["tanh", "slope tanh′$(z)$"]


def test_the_sigmoid_title_sits_clear_of_the_frame(live):
    # Its formula is a fraction, whose denominator reaches below the text's baseline.
    ax = live.figure.subplots()
    plots.draw_activation(ax, "sigmoid", z_max=6)
    live.refresh()
    renderer = live.canvas.get_renderer()
    title_bottom = ax.title.get_window_extent(renderer).y0
    frame_top = ax.get_window_extent(renderer).y1
    assert title_bottom >= frame_top + 2, (title_bottom, frame_top)


def test_the_boundary_has_an_edge_in_the_background_colour(live):
    ax = live.figure.subplots()
    line = plots.draw_boundary(ax)
    (stroke,) = line.get_path_effects()
    assert stroke._gc["foreground"] == ax.get_facecolor()  # white on the default axes
    assert line.get_linestyle() == "--"


@pytest.mark.parametrize(("w1", "w2", "b"), [(1.0, -0.5, 0.5), (-2.0, 0.0, 5.0),
                                             (0.0, 3.0, -8.0), (0.3, 0.4, 0.0)])
def test_the_weight_arrow_starts_on_the_boundary_and_points_along_the_weights(live, w1, w2, b):
    ax = live.figure.subplots()
    marker = plots.draw_weight_arrow(ax, "spam side")
    plots.update_weight_arrow(marker, w1, w2, b, 3.0)
    start, tip = (np.array(p) for p in marker["arrow"]._posA_posB)
    assert marker["arrow"].get_visible() and marker["label"].get_visible()
    np.testing.assert_allclose(w1 * start[0] + w2 * start[1] + b, 0, atol=1e-12)
    assert (np.abs(start) <= 3.0).all()
    np.testing.assert_allclose((tip - start) / np.linalg.norm(tip - start),
                               np.array([w1, w2]) / np.hypot(w1, w2))
    assert w1 * tip[0] + w2 * tip[1] + b > 0  # the tip lies on the positive side


def test_the_weight_arrow_hides_when_the_line_misses_the_square(live):
    ax = live.figure.subplots()
    marker = plots.draw_weight_arrow(ax, "spam side")
    plots.update_weight_arrow(marker, 1.0, 0.0, 0.0, 3.0)
    plots.update_weight_arrow(marker, 0.1, 0.0, 3.0, 3.0)  # x1 = -30
    assert not marker["arrow"].get_visible() and not marker["label"].get_visible()
    plots.update_weight_arrow(marker, 1.0, 0.5, -4.6, 3.0)  # passes by a corner
    assert not marker["arrow"].get_visible()


def test_figure_html_is_a_picture_with_its_description(live):
    ax = live.figure.subplots()
    ax.plot([0, 1], [0, 1])
    ax.set_title("A line")
    image, png = plots.figure_html(live.figure, 'A straight line rising from "0" to 1.')
    assert image.startswith(f'<img src="data:image/png;base64,{png}"')
    assert 'alt="A straight line rising from &quot;0&quot; to 1."' in image
    assert base64.b64decode(png)[:8] == b"\x89PNG\r\n\x1a\n"
    with pytest.raises(ValueError, match="alt must describe what the figure shows, not repeat"):
        plots.figure_html(live.figure, "A line")
    with pytest.raises(ValueError, match="not repeat its title"):
        plots.figure_html(live.figure, "  ")
    with pytest.raises(TypeError, match="alt must be a string that describes the figure"):
        plots.figure_html(live.figure, None)


def test_show_figure_shows_the_picture_with_alt_text_and_closes_the_figure(monkeypatch):
    import matplotlib.pyplot as plt
    from IPython import display as ipython_display

    shown = []
    monkeypatch.setattr(ipython_display, "display",
                        lambda bundle, raw: shown.append((bundle, raw)))
    figure, ax = plt.subplots()
    ax.plot([0, 1], [1, 0])
    plots.show_figure(figure, "A line falling from 1 to 0.")
    ((bundle, raw),) = shown
    assert raw and bundle["text/plain"] == "A line falling from 1 to 0."
    assert 'alt="A line falling from 1 to 0."' in bundle["text/html"]
    assert bundle["image/png"] in bundle["text/html"]
    assert not plt.fignum_exists(figure.number)


COLOUR_LITERAL = re.compile(
    r"""(["'])(#[0-9a-fA-F]{3,8}|black|white|red|green|blue|orange|purple|gray|grey|C\d|"""
    r"""0?\.\d+|tab:\w+)\1""")


@pytest.mark.parametrize("module", ["plots.py", "demos/lesson01.py", "demos/lesson02.py",
                                    "quiz/base.py"])
def test_drawing_code_takes_its_colours_from_the_style_module(module):
    source = (Path(plots.__file__).parent / module).read_text()
    for match in COLOUR_LITERAL.finditer(source):
        line = source[:match.start()].count("\n") + 1
        context = source.splitlines()[line - 1]
        assert not re.search(r"colou?r|fc|ec|mec|mfc|foreground|background", context), (
            f"{module}:{line}: a colour literal {match.group(0)}; use neuron_lib.style")
