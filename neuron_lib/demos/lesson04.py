"""Lesson 04's first demo: a network with 2 to 4 hidden neurons, built by hand with sliders.

The picture: the data over a square, the output's probability as a heat map (pale blue where
it says class 0, pale orange where it says class 1) with its boundary in black, and one line
per hidden neuron, where its weighted sum is 0, each in its own colour and line style (drawn
by :mod:`neuron_lib.demos.lesson04_drawing`). The second demo, hidden neurons breaking
symmetry as they train, is in :mod:`neuron_lib.demos.lesson04_symmetry`.
"""

import ipywidgets as widgets
import numpy as np
from matplotlib.collections import LineCollection

from ..layers import Dense
from ..network import Network
from ..style import BOUNDARY, MUTED
from .base import Demo, linear_terms, subscript
from .lesson04_drawing import (
    BOXES,
    HALO,
    HIDDEN_STYLES,
    clip_line,
    draw_data,
    draw_hidden_line,
    draw_probability_map,
    grid_points,
    level_lines,
    update_hidden_line,
)

__all__ = ["DATASETS", "HIDDEN_ACTIVATIONS", "NetworkBuilder", "demo_data", "network_builder"]

# --- datasets shown by the demos ---------------------------------------------------------


def demo_data(name):
    """The 200 samples (X, y) of the lesson-04 dataset `name` ("xor", "circles" or "moons"),
    with the recipes and noise of the notebook."""
    from .. import toy_data

    if name == "xor":
        return toy_data.make_xor(200, noise=0.15, rng=0)
    if name == "circles":
        return toy_data.make_circles(200, noise=0.1, factor=0.4, rng=0)
    return toy_data.make_moons(200, noise=0.15, rng=0)


DATASETS = {"xor": "XOR", "circles": "circles", "moons": "moons"}


# --- "build a network by hand" -----------------------------------------------------------

HIDDEN_ACTIVATIONS = {"sigmoid": "sigmoid", "tanh": "tanh", "relu": "ReLU", "identity": "none"}
"""The hidden activations the builder offers, with their labels ("none" is the identity)."""

# Where the hidden layer's outputs live, per activation: the right panel's square.
_HIDDEN_BOX = {"sigmoid": (-0.1, 1.1), "tanh": (-1.15, 1.15), "relu": (-0.5, 10.0),
               "identity": (-10.0, 10.0)}

# Starting points: (hidden neurons as (w1, w2, b), output weights, output bias). Each task
# starts with one part done, so that the learner sees what to aim for.
_PRESETS = {
    # h1 is OR (on unless both inputs are near 0) and the output listens to it alone: 3 of
    # 4 corners right. h2 waits, with no say in the output (v2 = 0).
    "xor": ([(6.0, 6.0, -3.0), (0.0, 6.0, -3.0)], [6.0, 0.0], -3.0),
    # Two fences of a box around the inner circle (x1 > -0.7 and x1 < 0.7), ANDed by the
    # output; the top and bottom fences are still to be placed.
    # h3 and h4 wait, too far out (x2 > -1.2 and x2 < 1.2) and with no say (v = 0).
    "circles": ([(5.0, 0.0, 3.5), (-5.0, 0.0, 3.5), (0.0, 5.0, 6.0), (0.0, -5.0, 6.0)],
                [5.0, 5.0, 0.0, 0.0], -7.5),
    # One slanted line, about the best a single neuron does; two more wait.
    "moons": ([(2.0, -5.0, 0.25), (5.0, 0.0, 5.0), (-5.0, 0.0, 7.5)], [8.0, 0.0, 0.0], -4.0),
}


def _spare_neurons(box):
    """Hidden neurons added beyond a preset: lines through the middle of the picture, with
    no say in the output yet."""
    middle = np.array([(box[0] + box[1]) / 2, (box[2] + box[3]) / 2])
    return [(w1, w2, float(-np.dot((w1, w2), middle)))
            for w1, w2 in ((5.0, 0.0), (0.0, 5.0), (5.0, 5.0), (5.0, -5.0))]


WEIGHT_LIMIT, BIAS_LIMIT = 10.0, 10.0
OUTPUT_WEIGHT_LIMIT, OUTPUT_BIAS_LIMIT = 10.0, 20.0
MAX_HIDDEN = 4


def _slider(description, value, limit, tooltip):
    slider = widgets.FloatSlider(
        value=value, min=-limit, max=limit, step=0.1, description=description,
        readout_format=".1f", continuous_update=True, tooltip=tooltip,
        style={"description_width": "1.6em"}, layout={"width": "14em"})
    return slider


_DASHES = {"solid": "", "dashed": "6,3", "dash-dot": "6,3,1.5,3", "dotted": "1.5,3"}


def _swatch(index):
    """The row label of hidden neuron `index`: its name and a sample of its line."""
    color, _, style_name = HIDDEN_STYLES[index]
    line = (f'<svg width="30" height="10" role="img" aria-label="{style_name} line">'
            f'<line x1="1" y1="5" x2="29" y2="5" stroke="{color}" stroke-width="2.5" '
            f'stroke-dasharray="{_DASHES[style_name]}"/></svg>')
    return (f'<span style="color: {color}; font-weight: bold">h{subscript(index + 1)}</span> '
            f'{line} <span style="color: {MUTED}; font-size: 85%">{style_name}</span>')


class NetworkBuilder(Demo):
    """A network with 2 inputs, 2 to 4 hidden neurons and 1 output, built by hand with sliders.

    Left: the data, each hidden neuron's line (where its weighted sum is 0) in its own
    colour and style, the output probability ŷ as a heat map and its boundary ŷ = 0.5 in
    black. Right: the same data as the hidden layer sees it, at (h₁, h₂). Build it with
    :func:`network_builder`.

    Attributes
    ----------
    network : Network
        The network the sliders set: ``Network([Dense(2, k, activation), Dense(k, 1)])``.
    hidden_sliders : list of (FloatSlider, FloatSlider, FloatSlider)
        w₁, w₂ and b of each of the 4 possible hidden neurons (only the first k show).
    output_sliders : list of FloatSlider
        The output's weight for each possible hidden neuron.
    output_bias_slider : FloatSlider
    dataset_toggle, size_toggle, activation_toggle : ipywidgets.ToggleButtons
    reset_button : ipywidgets.Button
    """

    title = ("A network built by hand: each hidden neuron's line over the data, the output "
             "probability as a heat map, and the data as the hidden layer sees it")
    n_grid = 81
    n_hidden_grid = 41

    def __init__(self, dataset, n_hidden, activation, interactive):
        self.interactive = interactive
        self.hidden_sliders = [
            tuple(_slider(name, 0.0, limit, f"hidden neuron h{subscript(j + 1)}: {what}")
                  for name, limit, what in (("w₁", WEIGHT_LIMIT, "weight of x₁"),
                                            ("w₂", WEIGHT_LIMIT, "weight of x₂"),
                                            ("b", BIAS_LIMIT, "bias")))
            for j in range(MAX_HIDDEN)]
        self.output_sliders = [_slider(f"v{subscript(j + 1)}", 0.0, OUTPUT_WEIGHT_LIMIT,
                                       f"output weight of h{subscript(j + 1)}")
                               for j in range(MAX_HIDDEN)]
        self.output_bias_slider = _slider("c", 0.0, OUTPUT_BIAS_LIMIT, "output bias")
        self.dataset_toggle = widgets.ToggleButtons(
            options=[(label, name) for name, label in DATASETS.items()], value=dataset,
            description="data", style={"button_width": "5.5em", "description_width": "4em"})
        self.size_toggle = widgets.ToggleButtons(
            options=[(str(k), k) for k in range(2, MAX_HIDDEN + 1)], value=n_hidden,
            description="hidden", tooltips=[f"{k} hidden neurons" for k in range(2, 5)],
            style={"button_width": "2.5em", "description_width": "4em"})
        self.activation_toggle = widgets.ToggleButtons(
            options=[(label, name) for name, label in HIDDEN_ACTIVATIONS.items()],
            value=activation, description="f =",
            tooltips=[f"hidden activation: {label}" for label in HIDDEN_ACTIVATIONS.values()],
            style={"button_width": "5.5em", "description_width": "4em"})
        self.reset_button = widgets.Button(description="Reset", icon="undo",
                                           tooltip="Back to this dataset's starting point",
                                           layout={"width": "7em"})
        self.reset_button.on_click(lambda _button: self.reset())
        self.rows = widgets.VBox()
        controls = widgets.VBox([
            widgets.HBox([self.dataset_toggle, self.reset_button]),
            widgets.HBox([self.size_toggle, self.activation_toggle]),
            self.rows])
        self.live = None
        self._holding = True  # no drawing until everything is in place
        self._load_preset(dataset, n_hidden)
        self._build()
        for slider in self._all_sliders():
            slider.observe(self._on_change, names="value")
        self.dataset_toggle.observe(self._on_dataset, names="value")
        self.size_toggle.observe(self._on_structure, names="value")
        self.activation_toggle.observe(self._on_structure, names="value")
        self._holding = False
        self.readout = widgets.HTML(layout=widgets.Layout(min_height="8.5em"))
        self._canvas_box = widgets.Box([self.live.canvas] if self.live.interactive else [])
        self.widget = widgets.VBox([controls, self._canvas_box, self.readout])
        self._update()

    # --- structure -----------------------------------------------------------------------

    @property
    def n_hidden(self):
        return self.size_toggle.value

    def _all_sliders(self):
        return [*(s for row in self.hidden_sliders for s in row), *self.output_sliders,
                self.output_bias_slider]

    def sliders(self):
        """The sliders on show: 3 per hidden neuron in use, its output weights, the bias."""
        k = self.n_hidden
        return [*(s for row in self.hidden_sliders[:k] for s in row), *self.output_sliders[:k],
                self.output_bias_slider]

    def _load_preset(self, dataset, n_hidden=None):
        hidden, output, bias = _PRESETS[dataset]
        values = [*hidden, *_spare_neurons(BOXES[dataset])][:MAX_HIDDEN]
        holding, self._holding = self._holding, True
        try:
            self.size_toggle.value = len(hidden) if n_hidden is None else n_hidden
            for row, triple in zip(self.hidden_sliders, values):
                for slider, value in zip(row, triple):
                    slider.value = value
            for j, slider in enumerate(self.output_sliders):
                slider.value = output[j] if j < len(output) else 0.0
            self.output_bias_slider.value = bias
        finally:
            self._holding = holding

    def reset(self):
        """Go back to this dataset's starting point: sliders, number of hidden neurons and
        the sigmoid as hidden activation."""
        self._holding = True
        try:
            self._load_preset(self.dataset_toggle.value)
            self.activation_toggle.value = "sigmoid"
            self._build()
        finally:
            self._holding = False
        self._update()

    def _on_change(self, change):
        if not self._holding:
            self._update()

    def _on_structure(self, change):
        if self._holding:
            return
        self._build()
        self._update()

    def _on_dataset(self, change):
        if self._holding:
            return
        self.reset()

    def _build(self):
        """Make the network, the slider rows and the figure for the current choices."""
        k, activation = self.n_hidden, self.activation_toggle.value
        self.X, self.y = demo_data(self.dataset_toggle.value)
        self.network = Network([Dense(2, k, activation, init="zeros"),
                                Dense(k, 1, "sigmoid", init="zeros")])
        self._close_rows()

        def row(label, sliders):  # wraps rather than overflows in a narrow notebook
            return widgets.HBox([widgets.HTML(label, layout={"width": "9.5em"}), *sliders],
                                layout={"flex_flow": "row wrap"})

        output = [*self.output_sliders[:k], self.output_bias_slider]
        self.rows.children = [*(row(_swatch(j), self.hidden_sliders[j]) for j in range(k)),
                              row("<b>output ŷ</b>", output[:3]), row("", output[3:])]
        if self.live is None:
            from ..plots import LiveFigure

            self.live = LiveFigure((8.4, 4.1), dpi=80, interactive=self.interactive)
        self._draw_figure()

    def _close_rows(self):
        """Close the rows and labels of the last layout (not the sliders, which stay)."""
        for old_row in self.rows.children:
            for child in old_row.children:
                if isinstance(child, widgets.HTML):
                    child.close()
            old_row.close()

    def close(self):
        """Close every widget of the demo, the sliders of hidden neurons not on show too."""
        super().close()
        for widget in [*self._all_sliders(), self.dataset_toggle, self.size_toggle,
                       self.activation_toggle, self.reset_button]:
            widget.close()

    def _draw_figure(self):
        self.live.reset()
        figure = self.live.figure
        ax_input, ax_hidden = figure.subplots(1, 2)
        box = self.box = BOXES[self.dataset_toggle.value]
        self._grid_x, self._grid_y, self._grid_points = grid_points(box, self.n_grid)
        self.heatmap = draw_probability_map(ax_input, box, self.n_grid)
        self.boundary = ax_input.add_collection(LineCollection(
            [], colors=BOUNDARY, linewidths=2.2, path_effects=HALO,
            label="output boundary, ŷ = 0.5"))
        self.points = draw_data(ax_input, self.X, self.y)
        self.hidden_lines = [draw_hidden_line(ax_input, j) for j in range(self.n_hidden)]
        ax_input.set(xlim=box[:2], ylim=box[2:], xlabel="$x_1$", aspect="equal")
        ax_input.set_ylabel("$x_2$", labelpad=-4)
        ax_input.set_title("the inputs $(x_1, x_2)$", fontsize=10)

        low, high = _HIDDEN_BOX[self.activation_toggle.value]
        self._hidden_box = (low, high, low, high)
        self._hidden_grid_points = grid_points(self._hidden_box, self.n_hidden_grid)[2]
        self.hidden_heatmap = draw_probability_map(ax_hidden, self._hidden_box,
                                                   self.n_hidden_grid)
        (self.hidden_boundary,) = ax_hidden.plot([], [], color=BOUNDARY, lw=2.2,
                                                 path_effects=HALO)
        self.hidden_points = draw_data(ax_hidden, self.X[:2], self.y[:2], label=False)
        if self.n_hidden > 2:  # drawn once, in the background: it changes with k only
            more = "h₃ and h₄" if self.n_hidden == 4 else "h₃"
            ax_hidden.text(0.5, 0.5, f"ŷ also depends on {more},\nwhich this view leaves out:"
                           "\nit shows h₁ and h₂ only", transform=ax_hidden.transAxes,
                           ha="center", va="center", fontsize=9, color=MUTED)
        ax_hidden.set(xlim=(low, high), ylim=(low, high), aspect="equal")
        ax_hidden.set_xlabel("$h_1$", color=HIDDEN_STYLES[0][0])
        ax_hidden.set_ylabel("$h_2$", color=HIDDEN_STYLES[1][0], labelpad=-4)
        ax_hidden.set_title("the hidden layer's view $(h_1, h_2)$", fontsize=10)
        # Below the panels: the legend, then every parameter of the network as a bar, in its
        # neuron's colour. The bars also show a move where nothing else visible changes (a
        # line pushed off the picture, a saturated neuron); the readout has the formulas.
        figure.get_layout_engine().set(rect=(0, 0.22, 1, 0.78))
        figure.legend(handles=[self.boundary, *self.points], loc="upper center",
                      bbox_to_anchor=(0.5, 0.225), ncols=3, fontsize=9, frameon=False,
                      markerscale=1.6)
        self.parameter_bars = self._draw_parameter_strip(figure)
        self.live.animate(self.heatmap, *self.points, *(a for pair in self.hidden_lines
                                                        for a in pair), self.boundary,
                          self.hidden_heatmap, *self.hidden_points, self.hidden_boundary,
                          self.parameter_bars)

    def _draw_parameter_strip(self, figure):
        """A strip of bars, one per weight and bias, grouped by neuron: each bar's height is
        its slider's value as a share of the slider's range."""
        k = self.n_hidden
        ax = figure.add_axes((0.1, 0.04, 0.85, 0.1))  # outside the constrained layout
        names, colors, self._bar_scale = [], [], []
        for j in range(k):
            names += [f"w₁{subscript(j + 1)}", f"w₂{subscript(j + 1)}", f"b{subscript(j + 1)}"]
            colors += [HIDDEN_STYLES[j][0]] * 3
            self._bar_scale += [WEIGHT_LIMIT, WEIGHT_LIMIT, BIAS_LIMIT]
        names += [f"v{subscript(j + 1)}" for j in range(k)] + ["c"]
        colors += [BOUNDARY] * (k + 1)
        self._bar_scale = np.array(self._bar_scale + [OUTPUT_WEIGHT_LIMIT] * k
                                   + [OUTPUT_BIAS_LIMIT])
        # A gap between neurons: bars of hidden neuron j at 4j, 4j + 1, 4j + 2.
        self._bar_x = np.array([4 * j + i for j in range(k) for i in range(3)]
                               + [4 * k + i for i in range(k + 1)], dtype=float)
        ax.set(xlim=(-0.8, self._bar_x[-1] + 0.8), ylim=(-1.05, 1.05), yticks=[])
        ax.set_xticks(self._bar_x, names, fontsize=7)
        for tick, color in zip(ax.get_xticklabels(), colors):
            tick.set_color(color)
        ax.axhline(0, color="0.6", lw=0.8)
        ax.tick_params(length=0, pad=1)
        for side in ("top", "right", "left"):
            ax.spines[side].set_visible(False)
        ax.set_ylabel("weights\nand biases", fontsize=7, rotation=0, ha="right", va="center",
                      labelpad=4)
        return ax.add_collection(LineCollection([], colors=colors, linewidths=5,
                                                capstyle="butt"))

    # --- numbers -------------------------------------------------------------------------

    def parameters(self):
        """The slider values as the network's arrays: W1 (2, k), b1 (k,), W2 (k, 1), b2 (1,)."""
        k = self.n_hidden
        W1 = np.array([[row[0].value for row in self.hidden_sliders[:k]],
                       [row[1].value for row in self.hidden_sliders[:k]]])
        b1 = np.array([row[2].value for row in self.hidden_sliders[:k]])
        W2 = np.array([[slider.value] for slider in self.output_sliders[:k]])
        return W1, b1, W2, np.array([self.output_bias_slider.value])

    def state(self):
        """The numbers on show.

        Returns
        -------
        dict
            ``dataset``, ``n_hidden``, ``activation``; the parameters ``W1``, ``b1``,
            ``W2``, ``b2``; ``accuracy`` and ``n_right`` of ``n_samples``; ``straight``:
            True when the output boundary cannot bend (no hidden activation, or at most one
            hidden neuron with a say in ŷ); ``collapsed``: for no hidden activation, the
            single neuron's (weights, bias) the network equals, else None.
        """
        W1, b1, W2, b2 = self.parameters()
        right = self.network.predict(self.X) == self.y
        activation = self.activation_toggle.value
        collapsed = ((W1 @ W2)[:, 0], float((b1 @ W2 + b2)[0])) if activation == "identity" \
            else None
        return {"dataset": self.dataset_toggle.value, "n_hidden": self.n_hidden,
                "activation": activation, "W1": W1, "b1": b1, "W2": W2, "b2": b2,
                "accuracy": float(right.mean()), "n_right": int(right.sum()),
                "n_samples": len(self.y),
                "straight": collapsed is not None or np.count_nonzero(W2) <= 1,
                "collapsed": collapsed}

    def _set_network(self):
        W1, b1, W2, b2 = self.parameters()
        hidden, output = self.network.layers
        hidden.weights, hidden.bias, output.weights, output.bias = W1, b1, W2, b2
        return W1, b1, W2, b2

    def _update(self):
        W1, b1, W2, b2 = self._set_network()
        n = self.n_grid
        probability = self.network.predict_proba(self._grid_points).reshape(n, n)
        self.heatmap.set_data(probability)
        self.boundary.set_segments(level_lines(self._grid_x, self._grid_y, probability))
        for j, (line, text) in enumerate(self.hidden_lines):
            # Names at different places along their lines, so that they rarely meet.
            update_hidden_line(line, text, W1[0, j], W1[1, j], b1[j], self.box,
                               at=(0.85, 0.15, 0.7, 0.3)[j])
        hidden = self.network.hidden_activations(self.X)[0]
        for points, value in zip(self.hidden_points, (0, 1)):
            points.set_data(hidden[self.y == value, 0], hidden[self.y == value, 1])
        if self.n_hidden == 2:
            m = self.n_hidden_grid
            self.hidden_heatmap.set_visible(True)
            self.hidden_heatmap.set_data(
                self.network.output_layer.forward(self._hidden_grid_points).reshape(m, m))
            ends = clip_line(W2[0, 0], W2[1, 0], b2[0], self._hidden_box)
            self.hidden_boundary.set_data(*(ends.T if ends is not None else ([], [])))
        else:
            self.hidden_heatmap.set_visible(False)
            self.hidden_boundary.set_data([], [])
        values = np.concatenate([np.column_stack([W1.T, b1]).ravel(), W2[:, 0], b2])
        heights = np.clip(values / self._bar_scale, -1.0, 1.0)
        self.parameter_bars.set_segments([[(x, 0.0), (x, h)] for x, h in zip(self._bar_x,
                                                                          heights)])
        self._show_text_and_refresh()

    def _formulas(self, W1, b1, W2, b2):
        """Each hidden neuron's formula, then the output's: "h₁ = σ(6.00·x₁ + ...)"."""
        f = {"sigmoid": "σ", "tanh": "tanh", "relu": "ReLU", "identity": ""}[
            self.activation_toggle.value]
        names = [f"h{subscript(j + 1)}" for j in range(len(b1))]
        formulas = [f"{names[j]} = {f}({linear_terms(W1[:, j], ['x₁', 'x₂'], b1[j])})" if f
                    else f"{names[j]} = {linear_terms(W1[:, j], ['x₁', 'x₂'], b1[j])}"
                    for j in range(len(b1))]
        return [*formulas, f"ŷ = σ({linear_terms(W2[:, 0], names, b2[0])})"]

    def text(self):
        state = self.state()
        k = state["n_hidden"]
        W1, b1, W2, b2 = state["W1"], state["b1"], state["W2"], state["b2"]
        names = [f"h{subscript(j + 1)}" for j in range(k)]
        formulas = self._formulas(W1, b1, W2, b2)
        lines = []
        for j in range(k):
            where = ("no line: both its weights are 0" if W1[0, j] == W1[1, j] == 0
                     else f"its {HIDDEN_STYLES[j][2]} line is where the sum is 0")
            lines.append(f"{formulas[j]}: {where}")
        lines.append(formulas[-1])
        lines.append(f"Accuracy {state['accuracy']:.0%}: {state['n_right']} of "
                     f"{state['n_samples']} points on their class's side of the black boundary.")
        if state["collapsed"] is not None:
            weights, bias = state["collapsed"]
            lines.append("No hidden activation: the two layers collapse into one neuron, "
                         f"ŷ = σ({linear_terms(weights, ['x₁', 'x₂'], bias)}),")
            lines.append("whose boundary is one straight line, whatever the sliders say.")
        elif np.count_nonzero(W2) == 1:
            j = int(np.flatnonzero(W2[:, 0])[0])
            lines.append(f"Only {names[j]} has a say in ŷ (the other v are 0): the boundary is a "
                         f"straight line along {names[j]}'s.")
        elif np.count_nonzero(W2) == 0:
            lines.append("Every v is 0: ŷ = σ(c) everywhere, so there is no boundary.")
        if state["n_right"] == state["n_samples"]:
            lines.append("Every point is on its class's side: solved!")
        return "\n".join(lines)


def network_builder(dataset="xor", *, n_hidden=None, activation="sigmoid", interactive=True):
    """Build a network by hand: sliders for every weight and bias of 2 inputs, 2 to 4 hidden
    neurons and 1 output.

    Each hidden neuron draws its line over the data (where its weighted sum is 0), in its own
    colour and line style; the output's probability ŷ is the heat map and its boundary
    (ŷ = 0.5) the black curve. A second panel shows the data as the hidden layer sees it.
    Each dataset starts from a point with part of the task done; *Reset* goes back there.

    Parameters
    ----------
    dataset : {"xor", "circles", "moons"}, default "xor"
    n_hidden : {2, 3, 4}, optional
        Hidden neurons at the start; default: as many as the dataset's starting point has
        (XOR 2, circles 4, moons 3).
    activation : {"sigmoid", "tanh", "relu", "identity"}, default "sigmoid"
        The hidden layer's activation ("identity": none at all). The output is a sigmoid.
    interactive : bool, default True
        False draws into a plain Agg canvas (no browser needed).

    Returns
    -------
    NetworkBuilder

    Raises
    ------
    ValueError
        For an unknown dataset or activation, or `n_hidden` not 2, 3 or 4.

    Examples
    --------
    >>> builder = network_builder(interactive=False)
    >>> builder.state()["accuracy"]  # h1 alone: three of XOR's four clusters
    0.75
    """
    if dataset not in DATASETS:
        raise ValueError(f"dataset must be one of {', '.join(map(repr, DATASETS))}, got "
                         f"{dataset!r}.")
    if activation not in HIDDEN_ACTIVATIONS:
        raise ValueError(f"activation must be one of {', '.join(map(repr, HIDDEN_ACTIVATIONS))}"
                         f" ('identity' for none), got {activation!r}.")
    if n_hidden is None:
        n_hidden = len(_PRESETS[dataset][0])
    if isinstance(n_hidden, bool) or n_hidden not in range(2, MAX_HIDDEN + 1):
        raise ValueError(f"n_hidden must be 2, 3 or 4 hidden neurons, got {n_hidden!r}.")
    return NetworkBuilder(dataset, int(n_hidden), activation, interactive)
