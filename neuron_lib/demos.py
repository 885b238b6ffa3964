"""Interactive demos: sliders and a live figure, wired once, returned as an object.

Each demo is one call in a notebook (``demos.neuron_explorer()``). The object it returns shows
itself as a widget in JupyterLab; where no kernel runs (GitHub, nbviewer, an HTML export) it
shows a PNG of its figure and its numbers as text. Tests drive it without a browser: set a
slider's ``value`` and read ``state()``, ``text()`` and the plotted artists.
"""

import base64
import html

import ipywidgets as widgets
import numpy as np

from ._validation import as_float_array, check_finite, check_real_number
from .activations import _sigmoid_scalar
from .neuron import Neuron
from .activations import ACTIVATIONS
from .plots import LiveFigure, draw_activation, draw_marker, update_marker

SPAM_FEATURES = ('"$" frequency', '"!" frequency', "CAPITALS run")

_SLIDER_STYLE = {"description_width": "11em"}
_SLIDER_LAYOUT = widgets.Layout(width="26em")


def _slider(description, value, low, high, step=0.01):
    return widgets.FloatSlider(
        value=float(np.clip(value, low, high)), min=low, max=high, step=step,
        description=description, readout_format=".2f", continuous_update=True,
        style=_SLIDER_STYLE, layout=_SLIDER_LAYOUT,
    )


def _subscript(i):
    return "".join("₀₁₂₃₄₅₆₇₈₉"[int(d)] for d in str(i))


def _number(value):
    """Format a number with a real minus sign, as the slider readouts do."""
    return f"{value:.2f}".replace("-", "−")


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

    def snapshot(self):
        """The demo as a still picture and text, as a mime bundle for pages without a kernel."""
        png = base64.b64encode(self.live.to_png()).decode("ascii")
        text = self.text()
        return {
            "text/html": (
                f'<img src="data:image/png;base64,{png}" alt="{html.escape(self.title)}">'
                f'<pre>{html.escape(text)}</pre><p style="font-style: italic">A still of the '
                "interactive demo: run the notebook to move its sliders.</p>"
            ),
            "image/png": png,
            "text/plain": text,
        }

    def _ipython_display_(self):
        from IPython.display import display

        # Two outputs: a still (picture and numbers) that every viewer shows, GitHub and
        # HTML exports included, then the live widget. Once the browser has drawn the live
        # figure, the still would only repeat it out of date, so it is blanked.
        still = display(self.snapshot(), raw=True, display_id=True)
        display(self.widget)
        if self.live.interactive:
            def blank_still(_canvas, content, _buffers):
                if content.get("type") == "initialized":
                    still.update({"text/plain": ""}, raw=True)

            self.live.canvas.on_msg(blank_still)

    def close(self):
        """Close the demo's widgets, freeing them in the kernel and the browser."""
        for child in self._all_widgets():
            child.close()

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
        draw_activation(ax_sigmoid, "sigmoid", self.z_max)
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

    def _on_change(self, change):
        self._update()

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
            "verdict": "spam" if probability >= 0.5 else "ham (not spam)",
            "relu": max(z, 0.0),
        }

    def _terms(self, state):
        return " + ".join(
            f"({_number(w)})({_number(x)})" for w, x in zip(state["weights"], state["x"])
        ) + f" + ({_number(state['bias'])})"

    def text(self):
        state = self.state()
        return (
            f"z = w·x + b = {self._terms(state)} = {_number(state['z'])}\n"
            f"sigmoid(z) = {_number(state['spam_probability'])}: "
            f"{state['spam_probability']:.0%} likely spam, verdict: {state['verdict']}\n"
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
            f'<b>Verdict</b>: <b style="color: {verdict_color}">{state["verdict"]}</b> '
            "(threshold 0.5)<br>"
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
        Sliders run from -limit to +limit.
    input_limits : (float, float), default (0.0, 1.0)
        Range of the input sliders (features scaled to [0, 1]).
    interactive : bool, default True
        False draws into a plain Agg canvas (no browser needed).

    Returns
    -------
    NeuronExplorer

    Raises
    ------
    TypeError, ValueError
        For a bad `n_inputs`, `x` or limit, or a number of feature names that does not
        match `n_inputs`.

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
    feature_names = list(feature_names)
    if len(feature_names) != neuron.n_inputs:
        raise ValueError(
            f"feature_names needs one name per input: expected {neuron.n_inputs}, got "
            f"{len(feature_names)}. Pass n_inputs={len(feature_names)} or adjust the names."
        )
    for name, limit in (("weight_limit", weight_limit), ("bias_limit", bias_limit)):
        if check_real_number(limit, name) <= 0:
            raise ValueError(f"{name} must be positive, got {limit}. Try {name}=3.0.")
    low, high = (check_real_number(v, "input_limits") for v in input_limits)
    if not low < high:
        raise ValueError(f"input_limits must be (low, high) with low < high, got {input_limits}.")
    if x is None:
        x = np.full(neuron.n_inputs, (low + high) / 2)
    x = as_float_array(x, "x")
    if x.shape != (neuron.n_inputs,):
        raise ValueError(f"x must have shape ({neuron.n_inputs},), got {x.shape}.")
    check_finite(x)
    return NeuronExplorer(neuron, x, feature_names, weight_limit=float(weight_limit),
                          input_limits=(low, high), bias_limit=float(bias_limit),
                          interactive=interactive)
