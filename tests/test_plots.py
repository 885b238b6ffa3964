"""Drawing helpers and the blitting figure."""

import os
import subprocess
import sys

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
    result = subprocess.run([sys.executable, "-W", "error", "-c", code], env=environment,
                            capture_output=True, text=True)
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
