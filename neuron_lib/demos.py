"""Interactive demos: sliders and a live figure, wired once, returned as an object.

Each demo is one call in a notebook (``demos.neuron_explorer()``). The object it returns shows
itself as a widget in JupyterLab; where no kernel runs (GitHub, nbviewer, an HTML export) it
shows a PNG of its figure and its numbers as text. Tests drive it without a browser: set a
slider's ``value`` and read ``state()``, ``text()`` and the plotted artists.
"""

import base64
import html
import time
import warnings

import ipywidgets as widgets
import numpy as np

from ._validation import as_float_array, check_finite, check_real_number
from .activations import (
    ACTIVATIONS,
    _sigmoid_array,
    _sigmoid_scalar,
    get_activation,
    leaky_relu,
    leaky_relu_derivative,
    relu,
)
from .datasets import load_spam_split
from .neuron import Neuron
from .plots import (
    LiveFigure,
    draw_activation,
    draw_boundary,
    draw_curve,
    draw_heatmap,
    draw_marker,
    update_boundary,
    update_curve,
    update_heatmap,
    update_marker,
)
from .training import (
    TrainingWarning,
    accuracy,
    binary_cross_entropy,
    loss_gradient,
    predict,
    train,
)

SPAM_FEATURES = ('"$" frequency', '"!" frequency', "CAPITALS run")

def _slider(description, value, low, high, step=0.01):
    """A float slider from `low` to `high`; `value` must lie in that range."""
    return widgets.FloatSlider(
        value=value, min=low, max=high, step=step, description=description,
        readout_format=".2f", continuous_update=True,
        style={"description_width": "11em"}, layout={"width": "26em"},
    )


def _check_in_range(value, name, low, high):
    """`value` as a float in [low, high], the range of its slider; raise otherwise."""
    value = check_real_number(value, name)
    if not low <= value <= high:
        raise ValueError(f"{name} must lie in [{low:g}, {high:g}], the range of its slider, "
                         f"got {value:g}.")
    return value


def _subscript(i):
    return "".join("₀₁₂₃₄₅₆₇₈₉"[int(d)] for d in str(i))


def _number(value):
    """Format a number with a real minus sign, as the slider readouts do; never "−0.00"."""
    text = f"{value:.2f}"
    return "0.00" if text == "-0.00" else text.replace("-", "−")


def _linear_terms(coefficients, names, constant):
    """Write a linear expression readably: "1.00·x₁ − 0.50·x₂ + 0.20"."""
    text = ""
    for coefficient, name in [*zip(coefficients, names), (constant, "")]:
        term = _number(abs(coefficient)) + (f"·{name}" if name else "")
        sign = "−" if _number(coefficient).startswith("−") else "+"
        text = (f"{'−' if sign == '−' else ''}{term}" if not text
                else f"{text} {sign} {term}")
    return text


# Demos on show, by notebook cell: cell id -> (id of the run that showed them, demos).
# Re-running a cell replaces its outputs, so the demos its earlier run showed can be closed
# at once instead of lingering in the kernel's memory until it restarts.
_SHOWN_BY_CELL = {}


def _forget_earlier_runs_of_this_cell(demo):
    """Close the demos an earlier run of the current cell showed; remember this one."""
    try:
        from IPython import get_ipython

        request = get_ipython().kernel.get_parent("shell")
    except (AttributeError, ImportError, TypeError):
        return  # not in a Jupyter kernel: nothing was shown
    cell_id = request.get("metadata", {}).get("cellId")
    run_id = request.get("header", {}).get("msg_id")
    if not cell_id:
        return  # the front end does not say which cell runs (nbconvert, nbval)
    earlier_run, shown = _SHOWN_BY_CELL.get(cell_id, (None, []))
    if earlier_run != run_id:
        for old in shown:
            if old is not demo:
                old.close()
        shown = []
    _SHOWN_BY_CELL[cell_id] = (run_id, [*shown, demo])


class Demo:
    """What every demo shares: a widget to show, a live figure, a text readout."""

    title = "Interactive demo"
    widget = None
    live = None

    def text(self):
        """The numbers the demo shows, as plain text."""
        raise NotImplementedError

    def sliders(self):
        """Every slider of the demo, in display order."""
        raise NotImplementedError

    def _update(self):
        """Bring the figure and the readout up to date with the widgets."""
        raise NotImplementedError

    def _on_change(self, change):
        self._update()

    def _assemble(self, controls, readout_height):
        """Wire every slider to the update, stack controls, live figure and readout, and draw
        the first state."""
        self.readout = widgets.HTML(layout=widgets.Layout(min_height=readout_height))
        for slider in self.sliders():
            slider.observe(self._on_change, names="value")
        figure = [self.live.canvas] if self.live.interactive else []
        self.widget = widgets.VBox([controls, *figure, self.readout])
        self._update()

    def _show_text_and_refresh(self):
        self.readout.value = f"<pre style='line-height: 1.4'>{html.escape(self.text())}</pre>"
        self.live.refresh()

    def snapshot(self, collapsed=False):
        """The demo as a still picture and text, as a mime bundle for pages without a kernel.

        `collapsed` folds the picture away behind a one-line summary (HTML only), for when
        the live demo is on show just below it.
        """
        png = base64.b64encode(self.live.to_png()).decode("ascii")
        text = self.text()
        still = (f'<img src="data:image/png;base64,{png}" alt="{html.escape(self.title)}">'
                 f"<pre>{html.escape(text)}</pre>")
        if collapsed:
            still = ("<details><summary>A still of the demo below, for pages without a "
                     f"kernel</summary>{still}</details>")
        else:
            still += ('<p style="font-style: italic">A still of the interactive demo: run the '
                      "notebook to move its sliders.</p>")
        return {"text/html": still, "image/png": png, "text/plain": text}

    def _ipython_display_(self):
        from IPython.display import display

        # Two outputs: a still (picture and numbers) that every viewer shows, GitHub and
        # HTML exports included, then the live widget. Once the browser draws the live
        # figure, the still would repeat it: it is folded away (not removed, so that a
        # notebook saved from JupyterLab still shows it where no kernel runs).
        _forget_earlier_runs_of_this_cell(self)
        still = display(self.snapshot(), raw=True, display_id=True)
        live = self.widget._repr_mimebundle_()
        live["text/plain"] = "(The live demo appears here when the notebook runs.)"
        display(live, raw=True)
        if self.live.interactive:
            def fold_still(_canvas, content, _buffers):
                if content.get("type") == "initialized":
                    folded = self.snapshot(collapsed=True)
                    # Only the HTML: the PNG alone would show in full above the demo.
                    still.update({"text/html": folded["text/html"],
                                  "text/plain": folded["text/plain"]}, raw=True)

            self.live.canvas.on_msg(fold_still)

    def close(self):
        """Close the demo's widgets, freeing them in the kernel and the browser."""
        for child in self._all_widgets():
            child.close()
        if self.live.interactive:
            self.live.canvas.close()

    def _all_widgets(self):
        stack, seen = [self.widget], []
        while stack:
            widget = stack.pop()
            seen.append(widget)
            stack.extend(getattr(widget, "children", ()))
        return seen


class NeuronExplorer(Demo):
    """Sliders for a neuron's inputs, weights and bias; its z, sigmoid(z) and ReLU(z), live.

    Build it with :func:`neuron_explorer`.

    Attributes
    ----------
    neuron : Neuron
        The neuron the sliders control; its weights and bias follow the sliders.
    input_sliders, weight_sliders : list of ipywidgets.FloatSlider
    bias_slider : ipywidgets.FloatSlider
    readout : ipywidgets.HTML
        The numbers, in words.
    live : LiveFigure
        The figure: sigmoid and ReLU over z, the current z marked on both.
    widget : ipywidgets.Widget
        What the notebook shows.
    """

    title = "Sigmoid and ReLU of the neuron's weighted sum z, the current z marked on both"

    def __init__(self, neuron, x, feature_names, *, weight_limit, input_limits, bias_limit,
                 interactive):
        self.neuron = neuron
        self.feature_names = tuple(feature_names)
        low, high = input_limits
        n = neuron.n_inputs
        self.input_sliders = [
            _slider(f"x{_subscript(i + 1)} {name}", x[i], low, high)
            for i, name in enumerate(self.feature_names)
        ]
        self.weight_sliders = [
            _slider(f"w{_subscript(i + 1)} (weight of x{_subscript(i + 1)})",
                    neuron.weights[i], -weight_limit, weight_limit)
            for i in range(n)
        ]
        self.bias_slider = _slider("b (bias)", neuron.bias, -bias_limit, bias_limit)
        # Largest |z| the sliders allow: the z axis spans it, so a marker never leaves the plot.
        self.z_max = n * weight_limit * max(abs(low), abs(high)) + bias_limit

        self.live = LiveFigure((7.6, 2.9), interactive=interactive)
        ax_sigmoid, ax_relu = self.live.figure.subplots(1, 2)
        ax_sigmoid.set_ylabel("output")
        draw_activation(ax_sigmoid, "sigmoid", self.z_max, show_verdict=True)
        draw_activation(ax_relu, "relu", self.z_max)
        self.markers = {
            "sigmoid": draw_marker(ax_sigmoid, ACTIVATIONS["sigmoid"].color),
            "relu": draw_marker(ax_relu, ACTIVATIONS["relu"].color),
        }
        for marker in self.markers.values():
            self.live.animate(*marker.values())

        self.readout = widgets.HTML(layout=widgets.Layout(min_height="7.5em"))
        for slider in self.sliders():
            slider.observe(self._on_change, names="value")
        heading = widgets.HTML
        controls = widgets.VBox([
            heading("<b>Inputs: the email's features</b>"), *self.input_sliders,
            heading("<b>Weights and bias: the neuron's parameters</b>"),
            *self.weight_sliders, self.bias_slider,
        ])
        panels = [controls, self.readout]
        if self.live.interactive:
            panels.append(self.live.canvas)
        self.widget = widgets.VBox([widgets.HBox(panels[:2]), *panels[2:]])
        self._update()

    def sliders(self):
        return [*self.input_sliders, *self.weight_sliders, self.bias_slider]

    def _update(self):
        self.neuron.weights = [slider.value for slider in self.weight_sliders]
        self.neuron.bias = self.bias_slider.value
        state = self.state()
        z = state["z"]
        update_marker(self.markers["sigmoid"], z, state["spam_probability"],
                      f"σ(z) = {_number(state['spam_probability'])}")
        update_marker(self.markers["relu"], z, state["relu"], f"ReLU(z) = {_number(state['relu'])}")
        self.readout.value = self._html(state)
        self.live.refresh()

    def state(self):
        """The numbers on show: x, weights, bias, z, spam probability, verdict, ReLU(z).

        Returns
        -------
        dict
        """
        x = np.array([slider.value for slider in self.input_sliders])
        z = self.neuron.weighted_sum(x)
        probability = _sigmoid_scalar(z)
        return {
            "x": x,
            "weights": self.neuron.weights.copy(),
            "bias": self.neuron.bias,
            "z": z,
            "spam_probability": probability,
            "verdict": "spam" if probability >= 0.5 else "ham",
            "relu": max(z, 0.0),
        }

    def _terms(self, state):
        return " + ".join(
            f"({_number(w)})({_number(x)})" for w, x in zip(state["weights"], state["x"])
        ) + f" + ({_number(state['bias'])})"

    @staticmethod
    def _why(state):
        # Says which side of the threshold z is on, even where σ(z) rounds to 0.50.
        return "z ≥ 0, so σ(z) ≥ 0.5" if state["z"] >= 0 else "z < 0, so σ(z) < 0.5"

    def text(self):
        state = self.state()
        return (
            f"z = w·x + b = {self._terms(state)} = {_number(state['z'])}\n"
            f"sigmoid(z) = {_number(state['spam_probability'])}: "
            f"{state['spam_probability']:.0%} likely spam, verdict: {state['verdict']} "
            f"({self._why(state)})\n"
            f"ReLU(z) = {_number(state['relu'])}"
        )

    def _html(self, state):
        verdict_color = "#d62728" if state["verdict"] == "spam" else "#2ca02c"
        return (
            '<div style="font-size: 0.95em; line-height: 1.6; padding-left: 1em">'
            f"<b>Weighted sum</b><br>z = {html.escape(self._terms(state))}<br>"
            f"&nbsp;&nbsp;= <b>{_number(state['z'])}</b><br>"
            f"<b>Sigmoid</b>: σ(z) = <b>{_number(state['spam_probability'])}</b> "
            f"→ {state['spam_probability']:.0%} likely spam<br>"
            f'<b>Verdict</b>: <b style="color: {verdict_color}">{state["verdict"]}</b>, '
            f"as {html.escape(self._why(state))}<br>"
            f"<b>ReLU</b>: ReLU(z) = <b>{_number(state['relu'])}</b></div>"
        )


def neuron_explorer(n_inputs=3, *, feature_names=None, x=None, rng=0, weight_limit=3.0,
                    input_limits=(0.0, 1.0), bias_limit=3.0, interactive=True):
    """A neuron with a slider for every input, weight and bias, and its outputs live.

    The readout shows the weighted sum z written out term by term, sigmoid(z) read as the
    probability that the email is spam with a spam/ham verdict, and ReLU(z). The figure
    shows sigmoid and ReLU over every z the sliders can reach, the current z marked on both.

    Parameters
    ----------
    n_inputs : int, default 3
        Number of inputs (email features).
    feature_names : sequence of str, optional
        One name per input; default: the first `n_inputs` of
        ``'"$" frequency', '"!" frequency', 'CAPITALS run'`` (then "feature 4", ...).
    x : array_like of shape (n_inputs,), optional
        Starting inputs; default 0.5 each.
    rng : None, int or numpy.random.Generator, default 0
        Draws the starting weights and bias from U[-1, 1], as ``Neuron`` does.
    weight_limit, bias_limit : float, default 3.0
        Sliders run from -limit to +limit; at least 1, the range of the starting values.
    input_limits : (float, float), default (0.0, 1.0)
        Range of the input sliders (features scaled to [0, 1]); `x` must lie in it.
    interactive : bool, default True
        False draws into a plain Agg canvas (no browser needed).

    Returns
    -------
    NeuronExplorer

    Raises
    ------
    TypeError, ValueError
        For a bad `n_inputs`, `x` or limit, `x` outside `input_limits`, or feature names
        that are not one string per input.

    Examples
    --------
    >>> explorer = neuron_explorer(rng=0, interactive=False)
    >>> explorer.bias_slider.value = 2.0
    >>> round(explorer.state()["z"], 3)
    1.448
    """
    neuron = Neuron(n_inputs, rng=rng)
    if feature_names is None:
        feature_names = [SPAM_FEATURES[i] if i < len(SPAM_FEATURES) else f"feature {i + 1}"
                         for i in range(neuron.n_inputs)]
    if isinstance(feature_names, str) or not all(isinstance(n, str) for n in feature_names):
        raise TypeError(f"feature_names must be a list of strings, one per input, got "
                        f"{feature_names!r}. Example: feature_names=['$', '!', 'CAPS'].")
    feature_names = list(feature_names)
    if len(feature_names) != neuron.n_inputs:
        raise ValueError(
            f"feature_names needs one name per input: expected {neuron.n_inputs}, got "
            f"{len(feature_names)}. Pass n_inputs={len(feature_names)} or adjust the names."
        )
    for name, limit in (("weight_limit", weight_limit), ("bias_limit", bias_limit)):
        # Starting weights and bias come from U[-1, 1]: the sliders must reach that far.
        if check_real_number(limit, name) < 1:
            raise ValueError(f"{name} must be at least 1, so that the starting values "
                             f"(drawn from U[-1, 1]) fit on the slider, got {limit}. "
                             f"Try {name}=3.0.")
    if isinstance(input_limits, str) or np.ndim(input_limits) != 1 or len(input_limits) != 2:
        raise ValueError(f"input_limits must be a pair (low, high), got {input_limits!r}. "
                         "Example: input_limits=(0.0, 1.0).")
    low, high = (check_real_number(v, "input_limits") for v in input_limits)
    if not high - low >= 0.1:
        raise ValueError(f"input_limits must be (low, high) with high at least 0.1 above low, "
                         f"got {input_limits}. Example: input_limits=(0.0, 1.0).")
    if x is None:
        x = np.full(neuron.n_inputs, (low + high) / 2)
    x = as_float_array(x, "x")
    if x.shape != (neuron.n_inputs,):
        raise ValueError(f"x must have shape ({neuron.n_inputs},), one value per input, got "
                         f"shape {x.shape}. Example: x={[0.5] * neuron.n_inputs}.")
    check_finite(x)
    if x.min() < low or x.max() > high:
        raise ValueError(f"x must lie within input_limits {low, high}, got {x.tolist()}. "
                         "Widen input_limits or change x.")
    return NeuronExplorer(neuron, x, feature_names, weight_limit=float(weight_limit),
                          input_limits=(low, high), bias_limit=float(bias_limit),
                          interactive=interactive)


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
            for name, label in ((name, a.label) for name, a in ACTIVATIONS.items())
        }
        self.layout_toggle = widgets.ToggleButtons(options=["overlaid", "side by side"],
                                                   value=layout, style={"button_width": "8em"})
        self.derivative_checkbox = widgets.Checkbox(value=show_derivatives,
                                                    description="show slopes f′(z), dashed",
                                                    indent=False)
        self.w_slider = _slider("w (weight)", w, -5.0, 5.0)
        self.b_slider = _slider("b (bias)", b, -5.0, 5.0)
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
                color = ACTIVATIONS[name].color
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
                      f"{_number(state['centre'])}.")
        lines = [f"z = w·x + b = {_linear_terms([w], ['x'], b)}. {centre}"]
        if not state["values"]:
            return "\n".join([*lines, "No activation selected."])
        header = "".join(f"{'x = ' + _number(p):>13}" for p in state["points"])
        lines.append(f"{'':14}{header}")
        for name, values in state["values"].items():
            label = ACTIVATIONS[name].label
            lines.append(f"{label:<14}" + "".join(f"{_number(v):>13}" for v in values))
            if self.derivative_checkbox.value:
                lines.append(f"{'  slope f′(z)':<14}"
                             + "".join(f"{_number(v):>13}" for v in state["slopes"][name]))
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
    if layout not in ("overlaid", "side by side"):
        raise ValueError(f"layout must be 'overlaid' or 'side by side', got {layout!r}.")
    leaky_relu(0.0, alpha)  # checks alpha
    w = _check_in_range(w, "w", -5.0, 5.0)
    b = _check_in_range(b, "b", -5.0, 5.0)
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
        self.w1_slider = _slider("w₁ (weight of x₁)", w1, -3.0, 3.0)
        self.w2_slider = _slider("w₂ (weight of x₂)", w2, -3.0, 3.0)
        self.b_slider = _slider("b (bias)", b, -3.0, 3.0)
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
            return (f"w₁ = w₂ = 0: z = b = {_number(b)} everywhere, so there is no boundary: "
                    f"sigmoid is {_number(_sigmoid_scalar(b))} and ReLU is "
                    f"{_number(max(b, 0.0))} on the whole square.")
        if w2 != 0:
            line = (f"Boundary {_linear_terms([w1, w2], ['x₁', 'x₂'], b)} = 0, i.e. "
                    f"x₂ = {_linear_terms([-w1 / w2], ['x₁'], -b / w2)}.")
        else:
            line = (f"Boundary {_linear_terms([w1], ['x₁'], b)} = 0, i.e. the vertical line "
                    f"x₁ = {_number(-b / w1)}.")
        return "\n".join([
            line,
            f"sigmoid ≥ 0.5 on {state['spam_share']:.0%} of the square: the side that "
            "(w₁, w₂) points to.",
            f"ReLU is 0 on {state['dead_share']:.0%} of the square; its largest value here is "
            f"{_number(state['relu_max'])}"
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
    values = [_check_in_range(value, name, -TwoInputExplorer.limit, TwoInputExplorer.limit)
              for value, name in ((w1, "w1"), (w2, "w2"), (b, "b"))]
    return TwoInputExplorer(*values, interactive=interactive)


# --- lesson 03: learning ---------------------------------------------------------------------

class GradientDescentExplorer(Demo):
    """Gradient descent by hand on one weight: the loss curve, its tangent, a step.

    One feature (how often "!" appears, log-scaled and standardised) and a neuron
    ŷ = σ(w·x) with no bias, so that the loss L(w) is a curve over one number. Build it
    with :func:`gradient_descent_explorer`.

    Attributes
    ----------
    w_slider, lr_slider : ipywidgets.FloatSlider
    step_button : ipywidgets.Button
        Moves w by one gradient-descent step: w ← w − η·dL/dw.
    """

    title = "The loss L(w) of a one-weight neuron, its tangent at w, and one step downhill"
    w_range = (-3.0, 5.0)

    def __init__(self, w, lr, interactive):
        X_train, _, self.y, _ = load_spam_split(["bang"])
        self.x = X_train[:, 0]
        # A fine step, so that the small steps near the bottom are not rounded away.
        self.w_slider = _slider("w (weight)", w, *self.w_range, step=0.001)
        self.w_slider.readout_format = ".3f"
        self.lr_slider = _slider("η (learning rate)", lr, 0.1, 50.0, step=0.1)
        self.step_button = widgets.Button(description="Take a step", icon="arrow-down",
                                          tooltip="w ← w − η · dL/dw")
        self.step_button.on_click(lambda _button: self.take_step())
        grid = np.linspace(*self.w_range, 161)
        losses = [binary_cross_entropy(self.y, _sigmoid_array(w_i * self.x)) for w_i in grid]

        self.live = LiveFigure((7.4, 3.0), dpi=80, interactive=interactive)
        ax = self.live.figure.subplots()
        ax.plot(grid, losses, color="#1f77b4", lw=2, label="loss L(w)")
        ax.set_xlim(*self.w_range)
        ax.set_ylim(0.0, max(losses) * 1.05)
        ax.set_xlabel("weight w")
        ax.set_ylabel("mean cross-entropy L(w)")
        ax.grid(alpha=0.3)
        (self.point,) = ax.plot([], [], "o", ms=9, color="#d62728", mec="black", zorder=5)
        (self.tangent,) = ax.plot([], [], "-", color="#d62728", lw=1.5, label="tangent at w")
        (self.next_point,) = ax.plot([], [], "o", ms=7, color="#2ca02c", mec="black", zorder=5,
                                     label="after one step")
        (self.step_line,) = ax.plot([], [], ":", color="#2ca02c", lw=1.5)
        ax.legend(loc="upper right", fontsize=9)
        self.live.animate(self.point, self.tangent, self.next_point, self.step_line)

        self._assemble(widgets.HBox([widgets.VBox(self.sliders()), self.step_button]), "5em")

    def sliders(self):
        return [self.w_slider, self.lr_slider]

    def _loss_and_slope(self, w):
        y_hat = _sigmoid_array(w * self.x)
        grad_w, _ = loss_gradient(self.x[:, None], self.y, [w], 0.0)
        return binary_cross_entropy(self.y, y_hat), float(grad_w[0])

    def state(self):
        """The numbers on show.

        Returns
        -------
        dict
            ``w``, ``lr``, ``loss`` L(w), ``slope`` dL/dw, ``next_w`` = w − η·dL/dw (kept on
            the slider), ``next_loss`` and ``clipped`` (True when the step leaves the slider).
        """
        w, lr = self.w_slider.value, self.lr_slider.value
        loss, slope = self._loss_and_slope(w)
        wanted = w - lr * slope
        # Where the slider will really land: within its range, on its 0.001 step.
        next_w = round(float(np.clip(wanted, *self.w_range)), 3)
        next_loss, _ = self._loss_and_slope(next_w)
        return {"w": w, "lr": lr, "loss": loss, "slope": slope, "next_w": next_w,
                "next_loss": next_loss,
                "clipped": not self.w_range[0] <= wanted <= self.w_range[1]}

    def take_step(self):
        """One gradient-descent step: set w to w − η·dL/dw (kept within the slider)."""
        self.w_slider.value = self.state()["next_w"]

    def _update(self):
        state = self.state()
        w, loss, slope = state["w"], state["loss"], state["slope"]
        self.point.set_data([w], [loss])
        half = 0.12 * (self.w_range[1] - self.w_range[0])
        self.tangent.set_data([w - half, w + half], [loss - slope * half, loss + slope * half])
        self.next_point.set_data([state["next_w"]], [state["next_loss"]])
        self.step_line.set_data([w, state["next_w"]], [loss, state["next_loss"]])
        self._show_text_and_refresh()

    def text(self):
        state = self.state()
        lines = [
            f"w = {_number(state['w'])}: loss L(w) = {state['loss']:.4f}, slope dL/dw = "
            f"{state['slope']:+.4f}".replace("-", "−"),
        ]
        if abs(state["slope"]) < 0.002:
            lines.append("The slope is (nearly) 0: w sits at the bottom of the curve, and "
                         "gradient descent stops moving.")
            return "\n".join(lines)
        full_step = state["w"] - state["lr"] * state["slope"]
        lines.append(
            f"One step against the slope: w − η·dL/dw = {_number(state['w'])} − "
            f"{_number(state['lr'])} × ({state['slope']:.4f})".replace("-", "−")
            + f" = {_number(full_step)}"
            + (f", kept at the slider's end, {_number(state['next_w'])}" if state["clipped"]
               else "")
            + f"; the loss becomes {state['next_loss']:.4f}.")
        if state["next_loss"] > state["loss"]:
            lines.append("The loss went UP: the step was so long that it jumped past the "
                         "bottom of the curve. Try a smaller η.")
        return "\n".join(lines)


def gradient_descent_explorer(*, w=-2.0, lr=1.0, interactive=True):
    """Gradient descent on one weight, by hand: sliders for w and η, a "take a step" button.

    The plot shows the loss L(w) of a neuron ŷ = σ(w·x) on the spam training emails (x: how
    often "!" appears, log-scaled and standardised), the tangent at the current w, and where
    one step w − η·dL/dw would land.

    Parameters
    ----------
    w : float, default -2.0
        Starting weight, in [-3, 5].
    lr : float, default 1.0
        Starting learning rate η, in [0.1, 50].
    interactive : bool, default True
        False draws into a plain Agg canvas (no browser needed).

    Returns
    -------
    GradientDescentExplorer

    Raises
    ------
    TypeError, ValueError
        For `w` or `lr` outside their sliders' ranges.

    Examples
    --------
    >>> explorer = gradient_descent_explorer(w=-2.0, interactive=False)
    >>> explorer.take_step()
    >>> explorer.w_slider.value > -2.0  # downhill is to the right here
    True
    """
    w = _check_in_range(w, "w", *GradientDescentExplorer.w_range)
    lr = _check_in_range(lr, "lr", 0.1, 50.0)
    return GradientDescentExplorer(w, lr, interactive)


class TrainingExplorer(Demo):
    """A two-input neuron learning spam, live: loss and accuracy curves, the boundary moving.

    Inputs: how often "$" and "!" appear (log-scaled, standardised). Every change of the
    learning rate or the number of epochs retrains from the same random start; the button
    replays training epoch by epoch. Build it with :func:`training_explorer`.

    Attributes
    ----------
    lr_slider : ipywidgets.FloatSlider
    epochs_slider : ipywidgets.IntSlider
    play_button : ipywidgets.Button
    neuron : Neuron
        The neuron as trained up to the epoch on show.
    """

    title = "A neuron learning spam: the decision boundary over the emails, loss and accuracy"
    features = ("dollar", "bang")
    max_epochs = 300
    limit = 4.0

    def __init__(self, lr, epochs, interactive):
        self.X, self.X_test, self.y, self.y_test = load_spam_split(list(self.features))
        self.lr_slider = _slider("η (learning rate)", lr, 0.01, 10.0)
        self.epochs_slider = widgets.IntSlider(
            value=epochs, min=1, max=self.max_epochs, description="epochs",
            continuous_update=True, style={"description_width": "11em"},
            layout={"width": "26em"})
        self.play_button = widgets.Button(description="Watch it learn", icon="play",
                                          tooltip="Replay the training epoch by epoch")
        self.play_button.on_click(lambda _button: self.play())

        self.live = LiveFigure((9.6, 3.0), dpi=80, interactive=interactive)
        ax_data, ax_loss, ax_accuracy = self.live.figure.subplots(1, 3)
        rng = np.random.default_rng(0)
        shown = rng.choice(len(self.y), size=500, replace=False)
        # Many emails have exactly the same counts (no "$", no "!"): a little jitter, for
        # the picture only, keeps them from hiding behind each other.
        points = self.X[shown] + rng.normal(0.0, 0.06, size=(500, 2))
        for label, color, name in ((0, "#2ca02c", "ham"), (1, "#d62728", "spam")):
            mask = self.y[shown] == label
            ax_data.scatter(*points[mask].T, s=9, alpha=0.5, color=color, label=name)
        ax_data.set_xlim(-1.2, 3.5)
        ax_data.set_ylim(-1.2, 3.5)
        ax_data.set_xlabel('"$" frequency (scaled)')
        ax_data.set_ylabel('"!" frequency (scaled)')
        ax_data.legend(loc="upper right", fontsize=8)
        ax_data.set_title("500 training emails (jittered)", fontsize=10)
        self.boundary = draw_boundary(ax_data)
        for ax, what, top in ((ax_loss, "loss (cross-entropy)", 1.5),
                              (ax_accuracy, "accuracy (training)", 1.0)):
            ax.set_xlim(0, self.max_epochs)
            ax.set_ylim(0.3 if top == 1.0 else 0.0, top)
            ax.set_xlabel("epoch")
            ax.set_title(what, fontsize=10)
            ax.grid(alpha=0.3)
        self.loss_curve = draw_curve(ax_loss, "#1f77b4")
        self.accuracy_curve = draw_curve(ax_accuracy, "#9467bd")
        self.live.animate(self.boundary, self.loss_curve, self.accuracy_curve)

        self._cache = {}
        self._assemble(widgets.HBox([widgets.VBox(self.sliders()), self.play_button]), "5em")

    def sliders(self):
        return [self.lr_slider, self.epochs_slider]

    def _train(self, epochs, callback=None):
        """Train a fresh neuron (same random start) for `epochs`, keeping every epoch's
        weights and bias; return (history, [(weights, bias) after epoch 0, 1, ...])."""
        neuron = Neuron(2, rng=0)
        path = [(neuron.weights.copy(), neuron.bias)]

        def record(epoch, history):
            path.append((neuron.weights.copy(), neuron.bias))
            return callback(epoch, history, neuron) if callback else None

        with warnings.catch_warnings():
            # Shown in the readout instead, where the learner looks.
            warnings.simplefilter("ignore", TrainingWarning)
            history = train(neuron, self.X, self.y, lr=self.lr_slider.value, epochs=epochs,
                            callback=record)
        return history, path

    def _run(self):
        """Training for the current learning rate, to the slider's maximum: cached, so that
        moving the epochs slider only picks an epoch, and a learning rate seen before is
        not trained again."""
        lr = self.lr_slider.value
        if lr not in self._cache:
            if len(self._cache) >= 64:  # a few kB each; keep the most recent
                del self._cache[next(iter(self._cache))]
            self._cache[lr] = self._train(self.max_epochs)
        history, path = self._cache[lr]
        shown = min(self.epochs_slider.value, history.epochs_run)
        self.neuron = Neuron(2, rng=0)
        self.neuron.weights, self.neuron.bias = path[shown]
        return history, shown

    def _draw(self, history, shown, neuron):
        epochs = np.arange(shown + 1)
        update_curve(self.loss_curve, epochs, [history.initial_loss, *history.loss[:shown]])
        update_curve(self.accuracy_curve, epochs,
                     [history.initial_accuracy, *history.accuracy[:shown]])
        update_boundary(self.boundary, *neuron.weights, neuron.bias, self.limit)

    def _update(self):
        history, shown = self._run()
        self._draw(history, shown, self.neuron)
        self._show_text_and_refresh()

    def play(self, frames=40, seconds=3.0):
        """Replay the training from the same start in about `frames` frames over about
        `seconds` (training alone is far quicker: the frames are paced to be watchable)."""
        epochs = self.epochs_slider.value
        every = max(1, epochs // frames)
        pause = seconds / max(1, min(frames, epochs))
        next_frame = [time.perf_counter()]

        def redraw(epoch, history, neuron):
            if epoch % every == 0 or epoch == epochs:
                self._draw(history, epoch, neuron)
                self.readout.value = (f"<pre>Watching: epoch {epoch} of {epochs}, loss "
                                      f"{history.loss[-1]:.3f}</pre>")
                self.live.refresh()
                next_frame[0] += pause
                time.sleep(max(0.0, next_frame[0] - time.perf_counter()))

        self.play_button.disabled = True
        try:
            self._train(epochs, callback=redraw)
        finally:
            self.play_button.disabled = False
        self._update()

    def state(self):
        """The numbers on show.

        Returns
        -------
        dict
            ``lr``, ``epochs`` asked and ``epochs_run``, final ``loss``, ``train_accuracy``,
            ``test_accuracy`` (on the held-out 25%), ``weights``, ``bias``, ``warnings``.
        """
        history, shown = self._run()
        losses = [history.initial_loss, *history.loss]
        accuracies = [history.initial_accuracy, *history.accuracy]
        return {
            "lr": self.lr_slider.value, "epochs": self.epochs_slider.value,
            "epochs_run": shown, "loss": losses[shown], "train_accuracy": accuracies[shown],
            "test_accuracy": accuracy(self.y_test, predict(self.neuron, self.X_test)),
            "weights": self.neuron.weights.copy(), "bias": self.neuron.bias,
            # Said when the training to the shown epoch stopped early.
            "warnings": list(history.warnings) if shown < self.epochs_slider.value else [],
        }

    def text(self):
        state = self.state()
        w1, w2 = state["weights"]
        lines = [
            f"After {state['epochs_run']} epoch{'s' if state['epochs_run'] != 1 else ''} with "
            f"η = {_number(state['lr'])}: loss "
            f"{state['loss']:.3f}, accuracy {state['train_accuracy']:.1%} on the training "
            f"emails, {state['test_accuracy']:.1%} on held-out ones.",
            f"Learnt: z = {_linear_terms([w1, w2], ['x$', 'x!'], state['bias'])}; "
            "the dashed line is where z = 0.",
        ]
        lines += [f"Warning: {warning}" for warning in state["warnings"]]
        return "\n".join(lines)


def training_explorer(*, lr=1.0, epochs=100, interactive=True):
    """Train a two-input neuron on real spam emails, live.

    Sliders for the learning rate η and the number of epochs retrain at once from the same
    random start; "Watch it learn" replays the training epoch by epoch. The plots show the
    decision boundary over 500 training emails, and the loss and accuracy per epoch.

    Parameters
    ----------
    lr : float, default 1.0
        Starting learning rate, in [0.01, 10].
    epochs : int, default 100
        Starting number of epochs, from 1 to 300.
    interactive : bool, default True
        False draws into a plain Agg canvas (no browser needed).

    Returns
    -------
    TrainingExplorer

    Raises
    ------
    TypeError, ValueError
        For `lr` or `epochs` outside their sliders' ranges.

    Examples
    --------
    >>> explorer = training_explorer(interactive=False)
    >>> explorer.state()["test_accuracy"] > 0.7
    True
    """
    lr = _check_in_range(lr, "lr", 0.01, 10.0)
    if isinstance(epochs, bool) or not isinstance(epochs, (int, np.integer)) \
            or not 1 <= epochs <= TrainingExplorer.max_epochs:
        raise ValueError(f"epochs must be a whole number from 1 to {TrainingExplorer.max_epochs},"
                         f" got {epochs!r}.")
    return TrainingExplorer(lr, int(epochs), interactive)
