"""Lesson 01's demo: a neuron with a slider for every input, weight and bias."""

import html

import ipywidgets as widgets
import numpy as np

from .._validation import as_float_array, check_finite, check_real_number
from ..activations import sigmoid
from ..neuron import Neuron
from ..plots import LiveFigure, draw_activation, draw_marker, update_marker
from ..style import ACTIVATION_COLORS, CLASS_COLORS
from .base import SPAM_FEATURES, Demo, format_number, make_slider, subscript

__all__ = ["NeuronExplorer", "neuron_explorer"]


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
            make_slider(f"x{subscript(i + 1)} {name}", x[i], low, high)
            for i, name in enumerate(self.feature_names)
        ]
        self.weight_sliders = [
            make_slider(f"w{subscript(i + 1)} (weight of x{subscript(i + 1)})",
                    neuron.weights[i], -weight_limit, weight_limit)
            for i in range(n)
        ]
        self.bias_slider = make_slider("b (bias)", neuron.bias, -bias_limit, bias_limit)
        # Largest |z| the sliders allow: the z axis spans it, so a marker never leaves the plot.
        self.z_max = n * weight_limit * max(abs(low), abs(high)) + bias_limit

        self.live = LiveFigure((7.6, 2.9), interactive=interactive)
        ax_sigmoid, ax_relu = self.live.figure.subplots(1, 2)
        ax_sigmoid.set_ylabel("output")
        draw_activation(ax_sigmoid, "sigmoid", self.z_max, show_verdict=True)
        draw_activation(ax_relu, "relu", self.z_max)
        self.markers = {
            "sigmoid": draw_marker(ax_sigmoid, ACTIVATION_COLORS["sigmoid"]),
            "relu": draw_marker(ax_relu, ACTIVATION_COLORS["relu"]),
        }
        for marker in self.markers.values():
            self.live.animate(*marker.values())

        heading = widgets.HTML
        controls = widgets.VBox([
            heading("<b>Inputs: the email's features</b>"), *self.input_sliders,
            heading("<b>Weights and bias: the neuron's parameters</b>"),
            *self.weight_sliders, self.bias_slider,
        ])
        self._assemble(controls, "7.5em")

    def _arrange(self, controls):
        # The readout beside the controls where there is room, below them where there is not.
        top = widgets.HBox([controls, self.readout],
                           layout=widgets.Layout(flex_flow="row wrap", align_items="flex-start"))
        return self._styled(widgets.VBox([top, *self._figure()]))

    def sliders(self):
        return [*self.input_sliders, *self.weight_sliders, self.bias_slider]

    def _update(self):
        self.neuron.weights = [slider.value for slider in self.weight_sliders]
        self.neuron.bias = self.bias_slider.value
        state = self.state()
        z = state["z"]
        update_marker(self.markers["sigmoid"], z, state["spam_probability"],
                      f"σ(z) = {format_number(state['spam_probability'])}")
        update_marker(self.markers["relu"], z, state["relu"],
                      f"ReLU(z) = {format_number(state['relu'])}")
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
        probability = sigmoid(z)
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
            f"({format_number(w)})({format_number(x)})"
            for w, x in zip(state["weights"], state["x"])
        ) + f" + ({format_number(state['bias'])})"

    @staticmethod
    def _why(state):
        # Says which side of the threshold z is on, even where σ(z) rounds to 0.50.
        return "z ≥ 0, so σ(z) ≥ 0.5" if state["z"] >= 0 else "z < 0, so σ(z) < 0.5"

    def text(self):
        state = self.state()
        return (
            f"z = w·x + b = {self._terms(state)} = {format_number(state['z'])}\n"
            f"sigmoid(z) = {format_number(state['spam_probability'])}: "
            f"{state['spam_probability']:.0%} likely spam, verdict: {state['verdict']} "
            f"({self._why(state)})\n"
            f"ReLU(z) = {format_number(state['relu'])}"
        )

    def describe(self):
        state = self.state()
        z_max = f"{self.z_max:g}"
        side = "in the shaded spam band" if state["verdict"] == "spam" else "below it, in ham"
        return (
            f"Two plots over the weighted sum z, from −{z_max} to {z_max}. Left: the sigmoid, "
            "an S-curve rising from 0 to 1 through 0.5 at z = 0; the band above 0.5 is shaded "
            f"and labelled spam, below it ham. The current z, {format_number(state['z'])}, is "
            f"marked on it at σ(z) = {format_number(state['spam_probability'])}, {side}. "
            "Right: ReLU, 0 for every negative z and then a straight line of slope 1; the "
            f"current z is marked at ReLU(z) = {format_number(state['relu'])}."
        )

    def _html(self, state):
        verdict_color = CLASS_COLORS[1] if state["verdict"] == "spam" else CLASS_COLORS[0]
        return (
            '<div style="font-size: 0.95em; line-height: 1.6; padding-left: 1em">'
            f"<b>Weighted sum</b><br>z = {html.escape(self._terms(state))}<br>"
            f"&nbsp;&nbsp;= <b>{format_number(state['z'])}</b><br>"
            f"<b>Sigmoid</b>: σ(z) = <b>{format_number(state['spam_probability'])}</b> "
            f"→ {state['spam_probability']:.0%} likely spam<br>"
            f'<b>Verdict</b>: <b style="color: {verdict_color}">{state["verdict"]}</b>, '
            f"as {html.escape(self._why(state))}<br>"
            f"<b>ReLU</b>: ReLU(z) = <b>{format_number(state['relu'])}</b></div>"
        )


# The widest range a weight, bias or input slider may span, in each direction.
_LARGEST_LIMIT = 1000.0


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
        Sliders run from -limit to +limit; from 1, the range of the starting values, to 1000.
    input_limits : (float, float), default (0.0, 1.0)
        Range of the input sliders (features scaled to [0, 1]), within [-1000, 1000]; `x`
        must lie in it.
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
        # Far beyond 1000 the slider is no finer than a switch (sigmoid is 0 or 1 once
        # |z| > 40), and the z axis, which spans every reachable z, would overflow.
        if not 1 <= check_real_number(limit, name) <= _LARGEST_LIMIT:
            raise ValueError(f"{name} must be at least 1 (so that the starting values, "
                             f"drawn from U[-1, 1], fit on the slider) and at most "
                             f"{_LARGEST_LIMIT:g}, got {float(limit):g}. Try {name}=3.0.")
    if isinstance(input_limits, str) or np.ndim(input_limits) != 1 or len(input_limits) != 2:
        raise ValueError(f"input_limits must be a pair (low, high), got {input_limits!r}. "
                         "Example: input_limits=(0.0, 1.0).")
    low, high = (check_real_number(v, "input_limits") for v in input_limits)
    if not high - low >= 0.1:
        raise ValueError(f"input_limits must be (low, high) with high at least 0.1 above low, "
                         f"got {input_limits}. Example: input_limits=(0.0, 1.0).")
    if max(abs(low), abs(high)) > _LARGEST_LIMIT:
        raise ValueError(f"input_limits must lie within [-{_LARGEST_LIMIT:g}, "
                         f"{_LARGEST_LIMIT:g}], got ({low:g}, {high:g}): scale the features "
                         "first (the lesson's are in [0, 1]).")
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
