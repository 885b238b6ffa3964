"""Lesson 04's demos: a network built by hand, and hidden neurons breaking symmetry live.

Both draw on the same picture: the data over a square, the output's probability
as a heat map (pale blue where it says class 0, pale orange where it says class 1), and one
line per hidden neuron, where its weighted sum is 0, each in its own colour and line style.
The drawing helpers at the top are pure (axes in, artists out) and could live in
:mod:`neuron_lib.plots`.
"""


import ipywidgets as widgets
import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.colors import LinearSegmentedColormap, to_rgb
from matplotlib.patches import Circle
from matplotlib.patheffects import withStroke

from ..layers import Dense
from ..network import Network
from ..style import BOUNDARY, CLASS_COLORS, MUTED, PALETTE, class_style
from .base import Demo, linear_terms, subscript

__all__ = ["BOXES", "HIDDEN_STYLES", "NetworkBuilder", "clip_line", "draw_data",
           "draw_decision", "draw_hidden_line", "draw_network", "draw_probability_map",
           "grid_points", "network_builder", "probability_colormap", "square_around",
           "update_hidden_line"]

_BLUE, _ORANGE, _RED, _GREY, _PURPLE, _BROWN, _DARK_ORANGE, _KHAKI, _SLATE, _CYAN = PALETTE

HIDDEN_STYLES = ((_PURPLE, "-", "solid"), (_RED, "--", "dashed"), (_SLATE, "-.", "dash-dot"),
                 (_BROWN, ":", "dotted"))
"""Colour, matplotlib line style and its name for hidden neurons 1 to 4: never colour alone."""

BOXES = {"xor": (-0.5, 1.5, -0.5, 1.5), "circles": (-1.5, 1.5, -1.5, 1.5),
         "moons": (-1.5, 2.5, -1.75, 2.25)}
"""The square (left, right, bottom, top) each dataset is shown in."""

# A white edge lets a line show on any colour of the heat map.
_HALO = [withStroke(linewidth=4.5, foreground="white")]


# --- pure drawing helpers ----------------------------------------------------------------


def probability_colormap(strength=0.45):
    """Pale class-0 blue at 0, white at 0.5, pale class-1 orange at 1: the course's classes,
    mixed with white (`strength` of the colour) so that points and lines show on top."""
    def pale(color):
        return 1.0 - strength * (1.0 - np.array(to_rgb(color)))

    return LinearSegmentedColormap.from_list(
        "class_probability", [pale(CLASS_COLORS[0]), "white", pale(CLASS_COLORS[1])])


def clip_line(w1, w2, b, box):
    """The part of the line w1·x + w2·y + b = 0 inside `box` = (left, right, bottom, top).

    Returns
    -------
    ndarray of shape (2, 2) or None
        The two end points, one per row; None when the line misses the box or w1 = w2 = 0.

    Examples
    --------
    >>> clip_line(1.0, 0.0, -0.5, (-1, 1, -1, 1)).tolist()  # the vertical line x = 0.5
    [[0.5, -1.0], [0.5, 1.0]]
    """
    norm2 = w1 * w1 + w2 * w2
    if norm2 == 0:
        return None
    point = -b * np.array([w1, w2]) / norm2  # the line's point nearest the origin
    direction = np.array([-w2, w1]) / np.sqrt(norm2)
    low, high = -np.inf, np.inf
    for axis, (lower, upper) in enumerate(((box[0], box[1]), (box[2], box[3]))):
        if direction[axis] == 0:
            if not lower <= point[axis] <= upper:
                return None
            continue
        ends = sorted(((lower - point[axis]) / direction[axis],
                       (upper - point[axis]) / direction[axis]))
        low, high = max(low, ends[0]), min(high, ends[1])
    if low >= high:
        return None
    return np.array([point + low * direction, point + high * direction])


def draw_data(ax, X, y, *, size=4.5, label=True):
    """Plot the samples of each class with its colour and marker (white-edged, so that they
    show on any heat map); return one line of markers per class.

    Markers of a Line2D, not a scatter: they draw several times faster, which counts in a
    demo that redraws them on every move.
    """
    artists = []
    for value, name in ((0, "class 0"), (1, "class 1")):
        mask = y == value
        style = class_style(value)
        (points,) = ax.plot(X[mask, 0], X[mask, 1], ls="none", marker=style["marker"],
                            ms=size, mfc=style["color"], mec="white", mew=0.5,
                            label=name if label else None)
        artists.append(points)
    return artists


def draw_probability_map(ax, box, n_points):
    """An empty heat map of a probability over `box` = (left, right, bottom, top)."""
    return ax.imshow(np.full((n_points, n_points), 0.5), extent=box, origin="lower",
                     vmin=0.0, vmax=1.0, cmap=probability_colormap(),
                     interpolation="none", aspect="auto")


def draw_hidden_line(ax, index, *, label=True, lw=2.2):
    """An empty line for hidden neuron `index` (0-based), styled by HIDDEN_STYLES, and its
    name ("h₁") to write at its end; returns (line, text)."""
    color, style, _ = HIDDEN_STYLES[index % len(HIDDEN_STYLES)]
    (line,) = ax.plot([], [], style, color=color, lw=lw, path_effects=_HALO)
    # No white edge for the name: text is the costliest thing to redraw, and on the pale
    # heat map a bold name reads well without one.
    text = ax.text(0, 0, f"h{subscript(index + 1)}" if label else "", color=color,
                   fontsize=10, fontweight="bold", ha="center", va="center")
    return line, text


def update_hidden_line(line, text, w1, w2, b, box):
    """Move a hidden neuron's line to w1·x1 + w2·x2 + b = 0 within `box`, its name near the
    end; both vanish when there is no line in the box."""
    ends = clip_line(w1, w2, b, box)
    if ends is None:
        line.set_data([], [])
        text.set_visible(False)
        return
    line.set_data(ends[:, 0], ends[:, 1])
    # The name sits 85% of the way along, nudged off the line to the side its neuron
    # says "on" (where w·x + b > 0), so that it never covers the line.
    where = ends[0] + 0.85 * (ends[1] - ends[0])
    normal = np.array([w1, w2]) / np.hypot(w1, w2)
    width = box[1] - box[0]
    x, y = np.clip(where + 0.06 * width * normal, [box[0] + 0.05 * width, box[2] + 0.05 * width],
                   [box[1] - 0.05 * width, box[3] - 0.05 * width])
    text.set_position((x, y))
    text.set_visible(True)


def square_around(X, margin=0.5):
    """The smallest square (left, right, bottom, top) holding every point of `X` (n, 2)
    with `margin` to spare on each side."""
    low, high = X.min(axis=0) - margin, X.max(axis=0) + margin
    half = (high - low).max() / 2
    centre = (low + high) / 2
    return (centre[0] - half, centre[0] + half, centre[1] - half, centre[1] + half)


def grid_points(box, n_points):
    """An n_points × n_points grid over `box`: its x and y values, and every point as a row
    (rows along y, as heat maps want them)."""
    xs, ys = np.linspace(box[0], box[1], n_points), np.linspace(box[2], box[3], n_points)
    return xs, ys, np.column_stack([g.ravel() for g in np.meshgrid(xs, ys)])


def draw_decision(ax, probability, X, y, *, box=None, n_points=101):
    """Draw what a model says over a square: its probability of class 1 as a heat map, the
    boundary where it is 0.5 (black), and the data on top.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    probability : callable
        Maps points of shape (m, 2) to probabilities of shape (m,) or (m, 1), such as
        ``network.predict_proba`` or ``neuron.activate``.
    X : ndarray of shape (n_samples, 2)
    y : ndarray of shape (n_samples,)
        Labels 0 and 1.
    box : (left, right, bottom, top), optional
        The square shown; default: around the data (:func:`square_around`).

    Returns
    -------
    dict
        ``"heatmap"``, ``"boundary"`` (a LineCollection) and ``"points"``.
    """
    box = square_around(np.asarray(X, dtype=float)) if box is None else box
    xs, ys, points = grid_points(box, n_points)
    values = np.asarray(probability(points), dtype=float).reshape(n_points, n_points)
    heatmap = draw_probability_map(ax, box, n_points)
    heatmap.set_data(values)
    boundary = ax.add_collection(LineCollection(_level_lines(xs, ys, values), colors=BOUNDARY,
                                                linewidths=2, path_effects=_HALO))
    scatter = draw_data(ax, X, y, size=3.5)
    ax.set(xlim=box[:2], ylim=box[2:], aspect="equal")
    return {"heatmap": heatmap, "boundary": boundary, "points": scatter}


def draw_network(ax, n_hidden=2, *, hidden_label="f"):
    """Draw a network with 2 inputs, `n_hidden` hidden neurons and 1 output as circles and
    arrows, labelled with the names the lesson uses (w, b for hidden neurons, v, c for the
    output); each hidden neuron in its own colour, as in the demos."""
    ax.set_axis_off()
    ax.set(xlim=(-0.35, 3.15), ylim=(-0.72, 0.66), aspect="equal")
    inputs = [(0.0, y) for y in (0.3, -0.3)]
    spread = np.linspace(0.42, -0.42, n_hidden) if n_hidden > 1 else [0.0]
    hidden = [(1.0, y) for y in spread]
    output = (2.0, 0.0)
    radius = 0.12
    arrows = [(i, h, HIDDEN_STYLES[j][0], f"$w_{{{k + 1}{j + 1}}}$")
              for j, h in enumerate(hidden) for k, i in enumerate(inputs)]
    arrows += [(h, output, HIDDEN_STYLES[j][0], f"$v_{j + 1}$") for j, h in enumerate(hidden)]
    for start, end_point, color, name in arrows:
        ax.annotate("", xy=end_point, xytext=start, arrowprops={
            "arrowstyle": "-|>", "color": color, "lw": 1.2, "shrinkA": 11, "shrinkB": 11})
        if n_hidden <= 2:  # name each weight where its arrow arrives (more would crowd)
            where = np.array(start) + 0.72 * (np.array(end_point) - np.array(start))
            ax.text(*where, name, color=color, fontsize=9, ha="center", va="center",
                    bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none"})
    for j, (x, y) in enumerate(hidden):  # each neuron's bias, at its top right
        ax.text(x + 0.13, y + 0.13, f"$+b_{j + 1}$", color=HIDDEN_STYLES[j][0], fontsize=9,
                ha="left", va="bottom")
    ax.text(output[0] + 0.13, output[1] + 0.13, "$+c$", fontsize=9, ha="left", va="bottom")
    for j, (x, y) in enumerate(inputs):
        ax.add_patch(Circle((x, y), radius, fc="white", ec=MUTED, lw=1.5))
        ax.text(x, y, f"$x_{j + 1}$", ha="center", va="center", fontsize=11)
    for j, (x, y) in enumerate(hidden):
        color = HIDDEN_STYLES[j][0]
        ax.add_patch(Circle((x, y), radius, fc="white", ec=color, lw=2))
        ax.text(x, y, f"$h_{j + 1}$", ha="center", va="center", fontsize=11, color=color)
    ax.add_patch(Circle(output, radius, fc="white", ec=BOUNDARY, lw=2))
    ax.text(*output, r"$\hat y$", ha="center", va="center", fontsize=11)
    ax.text(2.2, 0.0, r"$= \sigma(v_1 h_1 + \dots + c)$" if n_hidden > 2
            else r"$= \sigma(v_1 h_1 + v_2 h_2 + c)$", va="center", fontsize=10)
    ax.text(0.0, -0.55, "inputs", ha="center", fontsize=9, color=MUTED)
    ax.text(1.0, -0.7, f"hidden layer: $h_j = {hidden_label}(w_{{1j}} x_1 + w_{{2j}} x_2 + "
            "b_j)$", ha="center", fontsize=9, color=MUTED)
    ax.text(2.0, -0.55, "output", ha="center", fontsize=9, color=MUTED)


# --- datasets shown by the demos ---------------------------------------------------------


def _dataset(name):
    """The 200 samples of a lesson-04 dataset (the notebook's recipes and noise)."""
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
        style={"description_width": "1.6em"}, layout={"width": "15.5em"})
    return slider


def _swatch(index):
    color, _, style_name = HIDDEN_STYLES[index]
    return (f'<span style="color: {color}; font-weight: bold">h{subscript(index + 1)} '
            f'<span style="letter-spacing: -1px">{"━" * 3 if style_name == "solid" else "╍" * 3}'
            f"</span></span> <span style='color: {MUTED}'>({style_name})</span>")


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
            style={"button_width": "5em", "description_width": "4em"})
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
        self.X, self.y = _dataset(self.dataset_toggle.value)
        self.network = Network([Dense(2, k, activation, init="zeros"),
                                Dense(k, 1, "sigmoid", init="zeros")])
        rows = [widgets.HBox([widgets.HTML(_swatch(j), layout={"width": "9em"}),
                              *self.hidden_sliders[j]]) for j in range(k)]
        output = [widgets.HTML("<b>output ŷ</b>", layout={"width": "9em"}),
                  *self.output_sliders[:k], self.output_bias_slider]
        rows += [widgets.HBox(output[:4]), widgets.HBox([widgets.HTML(layout={"width": "9em"}),
                                                         *output[4:]])]
        self.rows.children = rows
        if self.live is None:
            from ..plots import LiveFigure

            self.live = LiveFigure((8.4, 4.1), dpi=80, interactive=self.interactive)
        self._draw_figure()

    def _draw_figure(self):
        self.live.reset()
        figure = self.live.figure
        ax_input, ax_hidden = figure.subplots(1, 2)
        box = self.box = BOXES[self.dataset_toggle.value]
        self._grid_x, self._grid_y, self._grid_points = grid_points(box, self.n_grid)
        self.heatmap = draw_probability_map(ax_input, box, self.n_grid)
        self.boundary = ax_input.add_collection(LineCollection(
            [], colors=BOUNDARY, linewidths=2.2, path_effects=_HALO,
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
                                                 path_effects=_HALO)
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
        # Below the panels: the legend, then every neuron's formula in its colour. The
        # formulas also show where a move changes nothing visible (a line pushed off the
        # picture, a saturated neuron): the numbers still change.
        figure.get_layout_engine().set(rect=(0, 0.2, 1, 0.8))
        figure.legend(handles=[self.boundary, *self.points], loc="upper center",
                      bbox_to_anchor=(0.5, 0.205), ncols=3, fontsize=9, frameon=False,
                      markerscale=1.6)
        self.formulas = []
        for j in range(self.n_hidden + 1):
            column, row = j % 3, j // 3
            color = HIDDEN_STYLES[j][0] if j < self.n_hidden else BOUNDARY
            self.formulas.append(figure.text(0.02 + 0.33 * column, 0.085 - 0.065 * row, "",
                                             color=color, fontsize=8.5, va="center"))
        self.live.animate(self.heatmap, *self.points, *(a for pair in self.hidden_lines
                                                        for a in pair), self.boundary,
                          self.hidden_heatmap, *self.hidden_points, self.hidden_boundary,
                          *self.formulas)

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
        self.boundary.set_segments(_level_lines(self._grid_x, self._grid_y, probability))
        for j, (line, text) in enumerate(self.hidden_lines):
            update_hidden_line(line, text, W1[0, j], W1[1, j], b1[j], self.box)
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
        for text, formula in zip(self.formulas, self._formulas(W1, b1, W2, b2)):
            text.set_text(formula)
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


def _level_lines(xs, ys, values, level=0.5):
    """The curves where `values` (rows along y) cross `level`, as a list of (m, 2) arrays."""
    import contourpy  # comes with matplotlib

    lines = contourpy.contour_generator(xs, ys, values).lines(level)
    return [line for line in lines if len(line) > 1]


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
