"""Lesson 02's demos: activation curves over one input, and a two-input neuron's plane."""

from types import MappingProxyType

import ipywidgets as widgets
import numpy as np

from ..activations import (
    ACTIVATIONS,
    get_activation,
    leaky_relu,
    leaky_relu_derivative,
    relu,
    sigmoid,
)
from ..plots import (
    ACTIVATION_MARKERS,
    LiveFigure,
    draw_boundary,
    draw_curve,
    draw_heatmap,
    draw_weight_arrow,
    update_boundary,
    update_curve,
    update_heatmap,
    update_weight_arrow,
)
from ..style import ACTIVATION_COLORS, GREY, MUTED
from .base import Demo, check_in_range, format_number, linear_terms, make_slider

__all__ = ["ActivationExplorer", "TwoInputExplorer", "activation_explorer", "two_input_explorer"]

# ReLU and leaky ReLU have a corner at z = 0, where their slope jumps.
_CORNERED = ("relu", "leaky_relu")


def _functions(name, alpha):
    """The activation `name` and its derivative, leaky ReLU with slope `alpha`."""
    if name == "leaky_relu":
        return (lambda z: leaky_relu(z, alpha)), (lambda z: leaky_relu_derivative(z, alpha))
    activation = get_activation(name)
    return activation.function, activation.derivative


class ActivationExplorer(Demo):
    """One input x, a weight w and a bias b: the curves activation(w·x + b) over x, live.

    With "show slopes" pressed, a second row shows the slope of each curve as drawn, over x:
    by the chain rule d/dx f(w·x + b) = w·f'(w·x + b), so a weight of 5 makes every slope
    five times steeper, and a negative weight makes the slopes negative where the curves
    fall.

    Build it with :func:`activation_explorer`.

    Attributes
    ----------
    w_slider, b_slider : ipywidgets.FloatSlider
    activation_toggles : dict of str to ipywidgets.ToggleButton
        One per activation; pressed ones are drawn.
    layout_toggle : ipywidgets.ToggleButtons
        "overlaid" (one plot) or "side by side" (one plot each).
    derivative_checkbox : ipywidgets.Checkbox
        Also draw the slope of each curve, w·f'(w·x + b), dashed, in a row below.
    curves, derivative_curves : dict of str to matplotlib.lines.Line2D
        The lines on show, by activation name.
    reset_button : ipywidgets.Button
        Puts sliders, toggles and checkbox back where they started.
    """

    title = "Activation functions of w·x + b over the input x"
    x_limit = 5.0
    w_limit = 5.0
    y_limits = MappingProxyType({"sigmoid": (-0.1, 1.1), "tanh": (-1.1, 1.1),
                                 "relu": (-1.5, 6.0), "leaky_relu": (-1.5, 6.0)})
    overlaid_y_limits = (-1.5, 3.0)
    # The steepest slope of each curve at the largest |w|: w times f's steepest slope.
    steepest = MappingProxyType({"sigmoid": 0.25, "tanh": 1.0, "relu": 1.0, "leaky_relu": 1.0})

    def __init__(self, selected, w, b, layout, show_derivatives, alpha, interactive):
        self.alpha = alpha
        self.x = np.linspace(-self.x_limit, self.x_limit, 201)
        self.activation_toggles = {
            name: widgets.ToggleButton(value=name in selected, description=label,
                                       tooltip=f"Show {label}",
                                       layout=widgets.Layout(width="8em"))
            # The element-wise activations of lesson 02 (not identity or softmax).
            for name, label in ((name, a.label) for name, a in ACTIVATIONS.items()
                                if name in self.y_limits)
        }
        self.layout_toggle = widgets.ToggleButtons(options=["overlaid", "side by side"],
                                                   value=layout, style={"button_width": "8em"})
        self.derivative_checkbox = widgets.Checkbox(value=show_derivatives,
                                                    description="show slopes (dashed)",
                                                    indent=False)
        self.w_slider = make_slider("w (weight)", w, -self.w_limit, self.w_limit)
        self.b_slider = make_slider("b (bias)", b, -5.0, 5.0)
        self.live = LiveFigure((7.6, 3.6), interactive=interactive)
        for toggle in self._toggles():
            toggle.observe(self._on_structure_change, names="value")
        wrap = widgets.Layout(flex_flow="row wrap")
        controls = widgets.VBox([
            widgets.HBox(list(self.activation_toggles.values()), layout=wrap),
            widgets.HBox([self.layout_toggle, self.derivative_checkbox],
                         layout=widgets.Layout(flex_flow="row wrap")),
            self.w_slider, self.b_slider,
        ])
        self._build()
        self._assemble(controls, "8em")

    def sliders(self):
        return [self.w_slider, self.b_slider]

    def _toggles(self):
        return [*self.activation_toggles.values(), self.layout_toggle, self.derivative_checkbox]

    def _resettable(self):
        return [*self.sliders(), *self._toggles()]

    def _observers(self):
        return [*super()._observers(),
                *((toggle, self._on_structure_change) for toggle in self._toggles())]

    def _after_reset(self):
        self._build()
        self._update()

    def selected(self):
        """Names of the activations being drawn, in the registry's order."""
        return [name for name, toggle in self.activation_toggles.items() if toggle.value]

    def _on_structure_change(self, change):
        self._build()
        self._update()

    def _slope_limit(self, names):
        return 1.1 * self.w_limit * max(self.steepest[name] for name in names)

    def _build(self):
        """Lay out the axes and (empty) lines for the current choice of activations."""
        self.live.reset()
        names = self.selected()
        side_by_side = self.layout_toggle.value == "side by side" and len(names) > 1
        with_slopes = self.derivative_checkbox.value and bool(names)
        n_columns = len(names) if side_by_side else 1
        axes = self.live.figure.subplots(
            2 if with_slopes else 1, n_columns, squeeze=False, sharex=True,
            gridspec_kw={"height_ratios": [3, 2]} if with_slopes else None)
        self.curves, self.derivative_curves, self.centre_lines = {}, {}, []
        for column in range(n_columns):
            own = [names[column]] if side_by_side else names
            ax = axes[0][column]
            ax.set_ylim(*(self.y_limits[own[0]] if side_by_side else self.overlaid_y_limits))
            ax.set_title(f"{ACTIVATIONS[own[0]].label}$(wx + b)$" if side_by_side
                         else "$f(wx + b)$", fontsize=11)
            for name in own:
                self.curves[name] = draw_curve(ax, ACTIVATION_COLORS[name],
                                               label=ACTIVATIONS[name].label,
                                               marker=ACTIVATION_MARKERS[name])
            if not side_by_side and names:
                ax.legend(loc="upper left", fontsize=9)
            if not names:
                ax.text(0, 0.75, "Press an activation above to draw it.", ha="center",
                        fontsize=11, color=MUTED)
            if with_slopes:
                slope_ax = axes[1][column]
                limit = self._slope_limit(own)
                slope_ax.set_ylim(-limit, limit)
                if column == 0:
                    slope_ax.set_ylabel("slope of\nthe curve", fontsize=9)
                for name in own:
                    self.derivative_curves[name] = draw_curve(
                        slope_ax, ACTIVATION_COLORS[name], dashed=True,
                        marker=ACTIVATION_MARKERS[name])
        for ax in axes.flat:
            ax.set_xlim(-self.x_limit, self.x_limit)
            ax.axhline(0, color=GREY, lw=0.8)
            ax.axvline(0, color=GREY, lw=0.8)
            ax.grid(alpha=0.3)
            (centre,) = ax.plot([], [], ":", color=MUTED, lw=1.2)
            self.centre_lines.append(centre)
        for ax in axes[-1]:
            ax.set_xlabel("input $x$")
        self.live.animate(*self.curves.values(), *self.derivative_curves.values(),
                          *self.centre_lines)

    def _update(self):
        w, b = self.w_slider.value, self.b_slider.value
        z = w * self.x + b
        for name, curve in self.curves.items():
            function, derivative = _functions(name, self.alpha)
            update_curve(curve, self.x, function(z))
            if name in self.derivative_curves:
                # The slope of the curve as drawn, over x: d/dx f(wx + b) = w f'(wx + b).
                update_curve(self.derivative_curves[name], self.x, w * derivative(z))
        centre = self.state()["centre"]
        for line in self.centre_lines:
            if centre is None or abs(centre) > self.x_limit:
                line.set_data([], [])
            else:
                low, high = line.axes.get_ylim()
                line.set_data([centre, centre], [low, high])
        self._show_text_and_refresh()

    def state(self):
        """The numbers on show: w, b, where the curves are centred, values at x = -5, 0, 5.

        Returns
        -------
        dict
            ``centre`` is the x where w·x + b = 0 (None when w = 0); ``values`` and
            ``slopes`` map each selected activation to f(w·x + b) and to the slope of that
            curve over x, w·f'(w·x + b), at x = -5, 0, 5 (``points``); ``z`` holds w·x + b
            there.
        """
        w, b = self.w_slider.value, self.b_slider.value
        points = np.array([-self.x_limit, 0.0, self.x_limit])
        z = w * points + b
        values, slopes = {}, {}
        for name in self.selected():
            function, derivative = _functions(name, self.alpha)
            values[name], slopes[name] = function(z), w * derivative(z)
        return {"w": w, "b": b, "centre": -b / w if w != 0 else None, "points": points,
                "z": z, "values": values, "slopes": slopes}

    def text(self):
        state = self.state()
        w, b = state["w"], state["b"]
        if state["centre"] is None:
            centre = "w = 0: z = b for every x, so every curve is flat and every slope is 0."
        else:
            centre = (f"The curves are centred where z = 0, at x = −b/w = "
                      f"{format_number(state['centre'])}.")
        lines = [f"z = w·x + b = {linear_terms([w], ['x'], b)}. {centre}"]
        if not state["values"]:
            return "\n".join([*lines, "No activation selected."])
        header = "".join(f"{'x = ' + format_number(p):>13}" for p in state["points"])
        lines.append(f"{'':16}{header}")
        corner = False
        for name, values in state["values"].items():
            label = ACTIVATIONS[name].label
            lines.append(f"{label:<16}" + "".join(f"{format_number(v):>13}" for v in values))
            if self.derivative_checkbox.value:
                cells = []
                for slope, z in zip(state["slopes"][name], state["z"]):
                    mark = "*" if name in _CORNERED and z == 0 and w != 0 else ""
                    corner = corner or bool(mark)
                    cells.append(f"{format_number(slope) + mark:>13}")
                lines.append(f"{'  its slope':<16}" + "".join(cells))
        if self.derivative_checkbox.value:
            lines.append("Slope: how much the curve rises per unit of x, w·f′(z) (dashed).")
        if corner:
            lines.append("* At z = 0 ReLU and leaky ReLU have a corner, where the slope jumps; "
                         "this is the slope of their z < 0 side.")
        return "\n".join(lines)

    def describe(self):
        state = self.state()
        names = [ACTIVATIONS[name].label for name in state["values"]]
        if not names:
            return "An empty plot: no activation is selected."
        w, b = format_number(state["w"]), format_number(state["b"])
        if state["centre"] is None:
            shape = f"w = 0, so every curve is a flat line at its value for z = b = {b}"
        else:
            one = len(names) == 1
            steep = ("rises" if one else "rise") if state["w"] > 0 else ("falls" if one else "fall")
            shape = (f"the {'curve' if one else 'curves'} {steep} from left to right, centred "
                     f"at x = {format_number(state['centre'])}, marked by a dotted line")
        layout = ("one plot each" if self.layout_toggle.value == "side by side"
                  and len(names) > 1 else "one plot")
        slopes = (" A second row shows the slope of each curve over x, dashed."
                  if self.derivative_checkbox.value else "")
        listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
        return (f"{listed[0].upper()}{listed[1:]} of w·x + b over the input x from −5 to 5, "
                f"with w = {w} "
                f"and b = {b}, in {layout}: {shape}.{slopes}")


def activation_explorer(selected=("sigmoid", "relu"), *, w=1.0, b=0.0, layout="overlaid",
                        show_derivatives=False, alpha=0.1, interactive=True):
    """Compare activation functions: sliders for w and b, curves of f(w·x + b) over x.

    Parameters
    ----------
    selected : sequence of str, default ("sigmoid", "relu")
        Activations drawn at first; the learner can press others.
    w, b : float, default 1.0 and 0.0
        Starting weight and bias, in [-5, 5], the range of their sliders.
    layout : {"overlaid", "side by side"}
    show_derivatives : bool, default False
        Also draw, in a row below, the slope of each curve over x, w·f'(w·x + b), dashed.
    alpha : float, default 0.1
        Slope of leaky ReLU for negative z (larger than the usual 0.01, so it shows).
    interactive : bool, default True
        False draws into a plain Agg canvas (no browser needed).

    Returns
    -------
    ActivationExplorer

    Raises
    ------
    TypeError, ValueError
        For `selected` that is not a list of names (a single name too), an unknown
        activation or layout, an `alpha` outside [0, 1), or `w` or `b` outside [-5, 5].

    Examples
    --------
    >>> explorer = activation_explorer(interactive=False)
    >>> explorer.b_slider.value = 2.0
    >>> float(explorer.state()["values"]["relu"][1])  # ReLU(1 * 0 + 2)
    2.0
    """
    if isinstance(selected, (str, bytes)) or not hasattr(selected, "__iter__"):
        shown = f"{selected!r}, one name" if isinstance(selected, str) else repr(selected)
        raise TypeError(f"selected must be a list of activation names, got {shown}. Pass a "
                        f"list, e.g. selected=['sigmoid', 'relu'] (or ['sigmoid'] for one). "
                        f"The names: {', '.join(ACTIVATIONS)}.")
    selected = [get_activation(name).name for name in selected]
    for name in selected:
        if name not in ActivationExplorer.y_limits:
            raise ValueError(f"Unknown activation {name!r} for this demo. Choose one of: "
                             f"{', '.join(ActivationExplorer.y_limits)}.")
    if layout not in ("overlaid", "side by side"):
        raise ValueError(f"layout must be 'overlaid' or 'side by side', got {layout!r}.")
    leaky_relu(0.0, alpha)  # checks alpha
    w = check_in_range(w, "w", -5.0, 5.0)
    b = check_in_range(b, "b", -5.0, 5.0)
    return ActivationExplorer(selected, w, b, layout, bool(show_derivatives), float(alpha),
                              interactive)


class TwoInputExplorer(Demo):
    """A two-input neuron's output over the (x1, x2) plane: sigmoid beside ReLU, live.

    Build it with :func:`two_input_explorer`.

    Attributes
    ----------
    w1_slider, w2_slider, b_slider : ipywidgets.FloatSlider
    heatmaps : dict of str to matplotlib.image.AxesImage
        ``"sigmoid"`` and ``"relu"``: the outputs over the square.
    boundaries : list of matplotlib.lines.Line2D
        The line w1·x1 + w2·x2 + b = 0 on each panel.
    arrows : list of dict
        On each panel, an arrow from the line along (w1, w2), labelled with what holds on
        the side it points to: a cue that does not depend on the colours.
    """

    title = "Sigmoid and ReLU of w1·x1 + w2·x2 + b over the plane, with the line where it is 0"
    limit = 3.0
    n_points = 101
    relu_colour_max = 6.0

    def __init__(self, w1, w2, b, interactive):
        self.w1_slider = make_slider("w₁ (weight of x₁)", w1, -3.0, 3.0)
        self.w2_slider = make_slider("w₂ (weight of x₂)", w2, -3.0, 3.0)
        self.b_slider = make_slider("b (bias)", b, -3.0, 3.0)
        grid = np.linspace(-self.limit, self.limit, self.n_points)
        self.x1, self.x2 = np.meshgrid(grid, grid)
        self._z = np.empty_like(self.x1)

        # Few pixels on purpose: the heat maps change everywhere at each move, and every
        # changed pixel costs time to draw, compress and send.
        self.live = LiveFigure((7.4, 3.0), dpi=80, interactive=interactive)
        ax_sigmoid, ax_relu = self.live.figure.subplots(1, 2)
        self.heatmaps = {
            "sigmoid": draw_heatmap(ax_sigmoid, self.limit, vmin=0.0, vmax=1.0, cmap="RdBu_r",
                                    n_points=self.n_points),
            "relu": draw_heatmap(ax_relu, self.limit, vmin=0.0, vmax=self.relu_colour_max,
                                 cmap="viridis", n_points=self.n_points, extend_max=True),
        }
        ax_sigmoid.set_title(r"$\sigma(w_1x_1 + w_2x_2 + b)$", fontsize=11)
        ax_relu.set_title(r"$\mathrm{ReLU}(w_1x_1 + w_2x_2 + b)$", fontsize=11)
        self.boundaries = [draw_boundary(ax_sigmoid), draw_boundary(ax_relu)]
        self.arrows = [draw_weight_arrow(ax_sigmoid, "σ > 0.5"),
                       draw_weight_arrow(ax_relu, "ReLU > 0")]
        for ax in (ax_sigmoid, ax_relu):
            ax.set_xlim(-self.limit, self.limit)
            ax.set_ylim(-self.limit, self.limit)
        self.live.animate(*self.heatmaps.values(), *self.boundaries,
                          *(artist for arrow in self.arrows for artist in arrow.values()))

        self._assemble(widgets.VBox(self.sliders()), "6em")

    def sliders(self):
        return [self.w1_slider, self.w2_slider, self.b_slider]

    def _weighted_sums(self):
        w1, w2, b = (slider.value for slider in self.sliders())
        np.multiply(self.x1, w1, out=self._z)
        self._z += w2 * self.x2
        self._z += b
        return self._z

    def _update(self):
        z = self._weighted_sums()
        update_heatmap(self.heatmaps["sigmoid"], sigmoid(z))
        update_heatmap(self.heatmaps["relu"], relu(z))
        w1, w2, b = (slider.value for slider in self.sliders())
        for line in self.boundaries:
            update_boundary(line, w1, w2, b, self.limit)
        for arrow in self.arrows:
            update_weight_arrow(arrow, w1, w2, b, self.limit)
        self._show_text_and_refresh()

    def state(self):
        """The numbers on show.

        Returns
        -------
        dict
            ``w1``, ``w2``, ``b``; ``spam_share``: the share of the square where
            sigmoid >= 0.5; ``inactive_share``: where ReLU outputs 0 (the neuron is
            inactive there; dead only if that is all of its inputs); ``relu_max``: ReLU's
            largest value on the square.
        """
        w1, w2, b = (slider.value for slider in self.sliders())
        z = self._weighted_sums()
        return {"w1": w1, "w2": w2, "b": b, "spam_share": float(np.mean(z >= 0)),
                "inactive_share": float(np.mean(z <= 0)),
                "relu_max": float(max(z.max(), 0.0))}

    def text(self):
        state = self.state()
        w1, w2, b = state["w1"], state["w2"], state["b"]
        if w1 == 0 and w2 == 0:
            return (f"w₁ = w₂ = 0: z = b = {format_number(b)} everywhere, so there is no boundary: "
                    f"sigmoid is {format_number(sigmoid(b))} and ReLU is "
                    f"{format_number(max(b, 0.0))} on the whole square.")
        if w2 != 0:
            line = (f"Boundary {linear_terms([w1, w2], ['x₁', 'x₂'], b)} = 0, i.e. "
                    f"x₂ = {linear_terms([-w1 / w2], ['x₁'], -b / w2)}.")
        else:
            line = (f"Boundary {linear_terms([w1], ['x₁'], b)} = 0, i.e. the vertical line "
                    f"x₁ = {format_number(-b / w1)}.")
        spam = (f"sigmoid ≥ 0.5 on {state['spam_share']:.0%} of the square: the side that "
                "(w₁, w₂) points to, the arrow.")
        if state["relu_max"] == 0:
            relu_line = ("ReLU outputs 0 on the whole square: for these inputs the neuron is "
                         "dead (0, with slope 0, everywhere).")
        else:
            relu_line = (f"ReLU outputs 0 on {state['inactive_share']:.0%} of the square "
                         "(there it is inactive); its largest value here is "
                         f"{format_number(state['relu_max'])}"
                         + (f" (the colours stop at {self.relu_colour_max:g})."
                            if state["relu_max"] > self.relu_colour_max else "."))
        return f"{line}\n{spam}\n{relu_line}"

    def describe(self):
        state = self.state()
        w1, w2, b = state["w1"], state["w2"], state["b"]
        if w1 == 0 and w2 == 0:
            return (f"Two heat maps over the square of inputs x₁ and x₂ from −3 to 3, each "
                    f"one flat colour: z = b = {format_number(b)} everywhere, so there is no "
                    "boundary.")
        return (
            "Two heat maps over the square of inputs x₁ and x₂ from −3 to 3: left, the "
            "sigmoid of w₁x₁ + w₂x₂ + b, from blue (near 0) to red (near 1); right, ReLU of "
            "it, dark where it is 0 and brighter as it grows. A dashed line marks where the "
            f"weighted sum is 0, {linear_terms([w1, w2], ['x₁', 'x₂'], b)} = 0, on both; "
            "an arrow from it along the weights points to the side where the sigmoid is "
            f"above 0.5 ({state['spam_share']:.0%} of the square) and ReLU above 0."
        )


def two_input_explorer(*, w1=1.0, w2=-0.5, b=0.5, interactive=True):
    """A two-input neuron's output as heat maps over (x1, x2), sigmoid beside ReLU.

    Sliders for w1, w2 and b (each from -3 to 3); the dashed line is where
    w1·x1 + w2·x2 + b = 0: the sigmoid crosses 0.5 there, and ReLU starts to be 0.

    Parameters
    ----------
    w1, w2, b : float
        Starting weights and bias, in [-3, 3], the range of their sliders.
    interactive : bool, default True
        False draws into a plain Agg canvas (no browser needed).

    Returns
    -------
    TwoInputExplorer

    Raises
    ------
    TypeError, ValueError
        For a weight or bias that is not a number in [-3, 3].

    Examples
    --------
    >>> explorer = two_input_explorer(w1=1.0, w2=0.0, b=0.0, interactive=False)
    >>> explorer.state()["spam_share"]  # x1 >= 0: the right half, and the middle column
    0.504950495049505
    """
    values = [check_in_range(value, name, -TwoInputExplorer.limit, TwoInputExplorer.limit)
              for value, name in ((w1, "w1"), (w2, "w2"), (b, "b"))]
    return TwoInputExplorer(*values, interactive=interactive)
