"""Lesson 02's demos: activation curves over one input, and a two-input neuron's plane."""

import ipywidgets as widgets
import numpy as np

from ..activations import (
    ACTIVATIONS,
    _sigmoid_array,
    _sigmoid_scalar,
    get_activation,
    leaky_relu,
    leaky_relu_derivative,
    relu,
)
from ..plots import (
    LiveFigure,
    draw_boundary,
    draw_curve,
    draw_heatmap,
    update_boundary,
    update_curve,
    update_heatmap,
)
from ..style import ACTIVATION_COLORS
from .base import Demo, check_in_range, format_number, linear_terms, make_slider

__all__ = ["ActivationExplorer", "TwoInputExplorer", "activation_explorer", "two_input_explorer"]


def _functions(name, alpha):
    """The activation `name` and its derivative, leaky ReLU with slope `alpha`."""
    if name == "leaky_relu":
        return (lambda z: leaky_relu(z, alpha)), (lambda z: leaky_relu_derivative(z, alpha))
    activation = get_activation(name)
    return activation.function, activation.derivative


class ActivationExplorer(Demo):
    """One input x, a weight w and a bias b: the curves activation(w·x + b) over x, live.

    Build it with :func:`activation_explorer`.

    Attributes
    ----------
    w_slider, b_slider : ipywidgets.FloatSlider
    activation_toggles : dict of str to ipywidgets.ToggleButton
        One per activation; pressed ones are drawn.
    layout_toggle : ipywidgets.ToggleButtons
        "overlaid" (one plot) or "side by side" (one plot each).
    derivative_checkbox : ipywidgets.Checkbox
        Also draw each derivative f'(w·x + b), dashed.
    curves, derivative_curves : dict of str to matplotlib.lines.Line2D
        The lines on show, by activation name.
    """

    title = "Activation functions of w·x + b over the input x"
    x_limit = 5.0
    y_limits = {"sigmoid": (-0.1, 1.1), "tanh": (-1.1, 1.1), "relu": (-1.5, 6.0),
                "leaky_relu": (-1.5, 6.0)}
    overlaid_y_limits = (-1.5, 3.0)

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
                                                    description="show slopes f′(z), dashed",
                                                    indent=False)
        self.w_slider = make_slider("w (weight)", w, -5.0, 5.0)
        self.b_slider = make_slider("b (bias)", b, -5.0, 5.0)
        self.live = LiveFigure((7.6, 3.0), interactive=interactive)
        for toggle in [*self.activation_toggles.values(), self.layout_toggle,
                       self.derivative_checkbox]:
            toggle.observe(self._on_structure_change, names="value")
        controls = widgets.VBox([
            widgets.HBox(list(self.activation_toggles.values())),
            widgets.HBox([self.layout_toggle, self.derivative_checkbox]),
            self.w_slider, self.b_slider,
        ])
        self._build()
        self._assemble(controls, "8em")

    def sliders(self):
        return [self.w_slider, self.b_slider]

    def selected(self):
        """Names of the activations being drawn, in the registry's order."""
        return [name for name, toggle in self.activation_toggles.items() if toggle.value]

    def _on_structure_change(self, change):
        self._build()
        self._update()

    def _build(self):
        """Lay out the axes and (empty) lines for the current choice of activations."""
        self.live.reset()
        names = self.selected()
        side_by_side = self.layout_toggle.value == "side by side" and len(names) > 1
        axes = self.live.figure.subplots(1, len(names) if side_by_side else 1, squeeze=False)[0]
        self.curves, self.derivative_curves, self.centre_lines = {}, {}, []
        for i, ax in enumerate(axes):
            own = [names[i]] if side_by_side else names
            ax.set_xlim(-self.x_limit, self.x_limit)
            ax.set_ylim(*(self.y_limits[own[0]] if side_by_side else self.overlaid_y_limits))
            ax.axhline(0, color="0.6", lw=0.8)
            ax.axvline(0, color="0.6", lw=0.8)
            ax.grid(alpha=0.3)
            ax.set_xlabel("input $x$")
            ax.set_title(f"{ACTIVATIONS[own[0]].label}$(wx + b)$" if side_by_side
                         else "$f(wx + b)$", fontsize=11)
            (centre,) = ax.plot([], [], ":", color="0.3", lw=1.2)
            self.centre_lines.append(centre)
            for name in own:
                color = ACTIVATION_COLORS[name]
                self.curves[name] = draw_curve(ax, color, label=ACTIVATIONS[name].label)
                if self.derivative_checkbox.value:
                    self.derivative_curves[name] = draw_curve(ax, color, dashed=True)
            if not side_by_side and names:
                ax.legend(loc="upper left", fontsize=9)
            if not names:
                ax.text(0, 0.75, "Press an activation above to draw it.", ha="center",
                        fontsize=11, color="0.3")
        self.live.animate(*self.curves.values(), *self.derivative_curves.values(),
                          *self.centre_lines)

    def _update(self):
        w, b = self.w_slider.value, self.b_slider.value
        z = w * self.x + b
        for name, curve in self.curves.items():
            function, derivative = _functions(name, self.alpha)
            update_curve(curve, self.x, function(z))
            if name in self.derivative_curves:
                update_curve(self.derivative_curves[name], self.x, derivative(z))
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
            ``slopes`` map each selected activation to its f and f' at x = -5, 0, 5.
        """
        w, b = self.w_slider.value, self.b_slider.value
        points = np.array([-self.x_limit, 0.0, self.x_limit])
        z = w * points + b
        values, slopes = {}, {}
        for name in self.selected():
            function, derivative = _functions(name, self.alpha)
            values[name], slopes[name] = function(z), derivative(z)
        return {"w": w, "b": b, "centre": -b / w if w != 0 else None, "points": points,
                "values": values, "slopes": slopes}

    def text(self):
        state = self.state()
        w, b = state["w"], state["b"]
        if state["centre"] is None:
            centre = "w = 0: z = b for every x, so every curve is flat."
        else:
            centre = (f"The curves are centred where z = 0, at x = −b/w = "
                      f"{format_number(state['centre'])}.")
        lines = [f"z = w·x + b = {linear_terms([w], ['x'], b)}. {centre}"]
        if not state["values"]:
            return "\n".join([*lines, "No activation selected."])
        header = "".join(f"{'x = ' + format_number(p):>13}" for p in state["points"])
        lines.append(f"{'':14}{header}")
        for name, values in state["values"].items():
            label = ACTIVATIONS[name].label
            lines.append(f"{label:<14}" + "".join(f"{format_number(v):>13}" for v in values))
            if self.derivative_checkbox.value:
                lines.append(f"{'  slope f′(z)':<14}"
                             + "".join(f"{format_number(v):>13}" for v in state["slopes"][name]))
        return "\n".join(lines)


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
        Also draw each f'(w·x + b), dashed.
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
        For an unknown activation or layout, an `alpha` outside [0, 1), or `w` or `b`
        outside [-5, 5].

    Examples
    --------
    >>> explorer = activation_explorer(interactive=False)
    >>> explorer.b_slider.value = 2.0
    >>> float(explorer.state()["values"]["relu"][1])  # ReLU(1 * 0 + 2)
    2.0
    """
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
        for ax in (ax_sigmoid, ax_relu):
            ax.set_xlim(-self.limit, self.limit)
            ax.set_ylim(-self.limit, self.limit)
        self.live.animate(*self.heatmaps.values(), *self.boundaries)

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
        update_heatmap(self.heatmaps["sigmoid"], _sigmoid_array(z))
        update_heatmap(self.heatmaps["relu"], relu(z))
        w1, w2, b = (slider.value for slider in self.sliders())
        for line in self.boundaries:
            update_boundary(line, w1, w2, b, self.limit)
        self._show_text_and_refresh()

    def state(self):
        """The numbers on show.

        Returns
        -------
        dict
            ``w1``, ``w2``, ``b``; ``spam_share``: the share of the square where
            sigmoid >= 0.5; ``dead_share``: where ReLU is 0; ``relu_max``: ReLU's largest
            value on the square.
        """
        w1, w2, b = (slider.value for slider in self.sliders())
        z = self._weighted_sums()
        return {"w1": w1, "w2": w2, "b": b, "spam_share": float(np.mean(z >= 0)),
                "dead_share": float(np.mean(z <= 0)), "relu_max": float(max(z.max(), 0.0))}

    def text(self):
        state = self.state()
        w1, w2, b = state["w1"], state["w2"], state["b"]
        if w1 == 0 and w2 == 0:
            return (f"w₁ = w₂ = 0: z = b = {format_number(b)} everywhere, so there is no boundary: "
                    f"sigmoid is {format_number(_sigmoid_scalar(b))} and ReLU is "
                    f"{format_number(max(b, 0.0))} on the whole square.")
        if w2 != 0:
            line = (f"Boundary {linear_terms([w1, w2], ['x₁', 'x₂'], b)} = 0, i.e. "
                    f"x₂ = {linear_terms([-w1 / w2], ['x₁'], -b / w2)}.")
        else:
            line = (f"Boundary {linear_terms([w1], ['x₁'], b)} = 0, i.e. the vertical line "
                    f"x₁ = {format_number(-b / w1)}.")
        return "\n".join([
            line,
            f"sigmoid ≥ 0.5 on {state['spam_share']:.0%} of the square: the side that "
            "(w₁, w₂) points to.",
            f"ReLU is 0 on {state['dead_share']:.0%} of the square; its largest value here is "
            f"{format_number(state['relu_max'])}"
            + (f" (the colours stop at {self.relu_colour_max:g})."
               if state["relu_max"] > self.relu_colour_max else "."),
        ])


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
