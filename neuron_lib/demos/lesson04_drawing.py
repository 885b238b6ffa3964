"""Pure drawing for lesson 04: the data, a model's probability as a heat map and its boundary,
each hidden neuron's line, and a diagram of the network.

Axes in, artists out (``draw_*``), and ``update_*`` to move them: no widgets here. These are
candidates for :mod:`neuron_lib.plots`; they live here while lesson 04 is new.
"""

import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.colors import LinearSegmentedColormap, to_rgb
from matplotlib.patches import Circle
from matplotlib.patheffects import withStroke

from ..style import BOUNDARY, CLASS_COLORS, MUTED, PALETTE, class_style
from .base import subscript

__all__ = ["BOXES", "HALO", "HIDDEN_STYLES", "clip_line", "draw_data", "draw_decision",
           "draw_hidden_line", "draw_network", "draw_probability_map", "grid_points",
           "level_lines", "probability_colormap", "square_around", "update_hidden_line"]

_BLUE, _ORANGE, _RED, _GREY, _PURPLE, _BROWN, _DARK_ORANGE, _KHAKI, _SLATE, _CYAN = PALETTE

HIDDEN_STYLES = ((_PURPLE, "-", "solid"), (_RED, "--", "dashed"), (_SLATE, "-.", "dash-dot"),
                 (_BROWN, ":", "dotted"))
"""Colour, matplotlib line style and its name for hidden neurons 1 to 4: never colour alone."""

BOXES = {"xor": (-0.5, 1.5, -0.5, 1.5), "circles": (-1.5, 1.5, -1.5, 1.5),
         "moons": (-1.5, 2.5, -1.75, 2.25)}
"""The square (left, right, bottom, top) each dataset is shown in."""

HALO = [withStroke(linewidth=4.5, foreground="white")]
"""Path effects of a white edge, which lets a line show on any colour of the heat map."""


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
    (line,) = ax.plot([], [], style, color=color, lw=lw, path_effects=HALO)
    # No white edge for the name: text is the costliest thing to redraw, and on the pale
    # heat map a bold name reads well without one.
    text = ax.text(0, 0, f"h{subscript(index + 1)}" if label else "", color=color,
                   fontsize=10, fontweight="bold", ha="center", va="center")
    return line, text


def update_hidden_line(line, text, w1, w2, b, box, *, at=0.85):
    """Move a hidden neuron's line to w1·x1 + w2·x2 + b = 0 within `box`, its name the
    fraction `at` of the way along it; both vanish when there is no line in the box."""
    ends = clip_line(w1, w2, b, box)
    if ends is None:
        line.set_data([], [])
        text.set_visible(False)
        return
    line.set_data(ends[:, 0], ends[:, 1])
    # The name sits `at` of the way along, nudged off the line to the side its neuron
    # says "on" (where w·x + b > 0), so that it never covers the line.
    where = ends[0] + at * (ends[1] - ends[0])
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
    boundary = ax.add_collection(LineCollection(level_lines(xs, ys, values), colors=BOUNDARY,
                                                linewidths=2, path_effects=HALO))
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


def level_lines(xs, ys, values, level=0.5):
    """The curves where `values` (rows along y) cross `level`, as a list of (m, 2) arrays."""
    import contourpy  # comes with matplotlib

    lines = contourpy.contour_generator(xs, ys, values).lines(level)
    return [line for line in lines if len(line) > 1]
