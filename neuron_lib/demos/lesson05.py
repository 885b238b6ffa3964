"""Lesson 05's demos: a picture of backpropagation through a tiny network, cross-entropy
against squared error from a confident mistake, and (in :mod:`.lesson05_live`) a network
trained live.

``draw_tiny_network`` is a pure drawing helper (artists on an ``ax``, numbers from the
caller), kept here beside the lesson that uses it.
"""

import warnings

import ipywidgets as widgets
import numpy as np
from matplotlib.patches import Ellipse

from ..activations import get_activation
from ..layers import Dense
from ..losses import get_loss
from ..plots import LiveFigure, draw_curve, update_curve
from ..style import MUTED, PALETTE
from ..training import TrainingWarning, train
from .base import Demo, check_in_range, format_number
from .lesson05_live import LiveTraining, train_it_live

__all__ = ["ConfidentMistakeExplorer", "LiveTraining", "confident_mistake_explorer",
           "draw_tiny_network", "train_it_live"]

FORWARD_COLOR, BACKWARD_COLOR = PALETTE[0], PALETTE[6]


# --- a picture of the tiny network of section 2 ------------------------------------------

_NODES = {"x1": (0.0, 0.8), "x2": (0.0, 0.2), "h1": (1.2, 0.8), "h2": (1.2, 0.2),
          "out": (2.4, 0.5), "loss": (3.4, 0.5)}
_NODE_LABELS = {"x1": "$x_1$", "x2": "$x_2$", "h1": "$h_1$", "h2": "$h_2$",
                "out": r"$\hat y$", "loss": r"$\ell$"}


def _signed(value):
    """Three decimals with a real minus sign, never "−0.000"."""
    text = f"{value:.3f}"
    return "0.000" if text == "-0.000" else text.replace("-", "−")


def draw_tiny_network(ax, values, gradients=None):
    r"""Draw a 2-2-1 network as a graph, with the numbers of one forward or backward pass.

    Pure drawing: the numbers come from the caller.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    values : dict
        The forward pass: ``x`` (2,), ``W1`` (2, 2) with ``W1[i, j]`` from input i to hidden
        neuron j, ``b1`` (2,), ``W2`` (2,), ``b2``, ``z1`` (2,), ``a1`` (2,), ``z2``,
        ``y_hat``, ``y`` and ``loss``.
    gradients : dict, optional
        The backward pass instead: ``W1`` (2, 2), ``W2`` (2,), ``a1`` (2,) for
        :math:`\partial\ell/\partial a`, and the deltas ``z1`` (2,) and ``z2``
        (:math:`\partial\ell/\partial z`, also the biases' gradients).
    """
    backward = gradients is not None
    shown = gradients if backward else values
    text_color = BACKWARD_COLOR if backward else FORWARD_COLOR
    ax.set_xlim(-0.55, 3.75)
    ax.set_ylim(-0.3, 1.05)
    ax.set_aspect("equal")
    ax.axis("off")
    radius = 0.12

    def edge(start, end, label, where):
        (x0, y0), (x1, y1) = _NODES[start], _NODES[end]
        length = np.hypot(x1 - x0, y1 - y0)
        dx, dy = (x1 - x0) / length * radius, (y1 - y0) / length * radius
        ax.annotate("", (x1 - dx, y1 - dy), (x0 + dx, y0 + dy),
                    arrowprops={"arrowstyle": "-|>", "color": MUTED, "lw": 0.9,
                                "shrinkA": 0, "shrinkB": 0})
        if label is not None:
            ax.text(x0 + where * (x1 - x0), y0 + where * (y1 - y0), label, ha="center",
                    va="center", fontsize=8, color=text_color, zorder=5,
                    bbox={"fc": "white", "ec": "none", "pad": 0.6})

    for i in range(2):
        for j in range(2):
            edge(f"x{i + 1}", f"h{j + 1}", _signed(shown["W1"][i, j]), 0.3 if i == j else 0.22)
    for j in range(2):
        edge(f"h{j + 1}", "out", _signed(shown["W2"][j]), 0.45)
    edge("out", "loss", None, 0.5)
    for name, (x, y) in _NODES.items():
        ax.add_patch(Ellipse((x, y), 2 * radius, 2 * radius, fc="white", ec="0.2", lw=1.2,
                             zorder=3))
        ax.text(x, y, _NODE_LABELS[name], ha="center", va="center", fontsize=11, zorder=4)

    def note(node, lines):
        x, y = _NODES[node]
        ax.text(x, y - radius - 0.04, "\n".join(lines), ha="center", va="top", fontsize=8,
                color=text_color, linespacing=1.15)

    if not backward:
        for i in range(2):
            x, y = _NODES[f"x{i + 1}"]
            ax.text(x - radius - 0.05, y, _signed(values["x"][i]), ha="right", va="center",
                    fontsize=9, color=text_color)
        for j in range(2):
            note(f"h{j + 1}", [f"b = {_signed(values['b1'][j])}",
                               f"z = {_signed(values['z1'][j])}",
                               f"a = {_signed(values['a1'][j])}"])
        note("out", [f"b = {_signed(values['b2'])}", f"z = {_signed(values['z2'])}",
                     f"ŷ = {_signed(values['y_hat'])}"])
        note("loss", [f"y = {values['y']:g}", f"ℓ = {_signed(values['loss'])}"])
    else:
        for j in range(2):
            note(f"h{j + 1}", [f"∂ℓ/∂a = {_signed(gradients['a1'][j])}",
                               f"δ = {_signed(gradients['z1'][j])}"])
        note("out", [f"δ = {_signed(gradients['z2'])}"])
        note("loss", ["∂ℓ/∂ℓ = 1"])


# --- cross-entropy against squared error from a confident mistake -------------------------

_LOSSES = {"binary_cross_entropy": "cross-entropy", "mean_squared_error": "squared error"}
_LOSS_COLORS = {"binary_cross_entropy": PALETTE[0], "mean_squared_error": PALETTE[2]}
_LOSS_STYLES = {"binary_cross_entropy": "-", "mean_squared_error": "--"}


class ConfidentMistakeExplorer(Demo):
    """One sigmoid neuron, confidently wrong, trained with cross-entropy and squared error.

    The neuron sees one spam email through a single input x = 1, so z = w + b, and starts
    at z = z₀ < 0, that is ŷ = σ(z₀) near 0 for an email whose label is y = 1. Two copies of
    it are trained by gradient descent with the same learning rate, each on its own loss.
    Build it with :func:`confident_mistake_explorer`.

    Attributes
    ----------
    start_slider, lr_slider : ipywidgets.FloatSlider
    """

    title = ("A confidently wrong sigmoid neuron learning with cross-entropy and with squared "
             "error: the push each loss gives, and the output over the epochs")
    z_range = (-10.0, 0.0)
    lr_range = (0.1, 5.0)
    epochs = 500
    starts = np.linspace(*z_range, 101)
    """Every start on the slider (step 0.1): trained together, one neuron each."""

    def __init__(self, start, lr, interactive):
        self.start_slider = _slider("start: z₀ (ŷ = σ(z₀))", start, *self.z_range, 0.1)
        self.lr_slider = _slider("η (learning rate)", lr, *self.lr_range, 0.1)
        self._cache = {}

        self.live = LiveFigure((9.6, 3.0), dpi=80, interactive=interactive)
        ax_push, ax_output = self.live.figure.subplots(1, 2)
        z = np.linspace(*self.z_range, 201)
        for name, label in _LOSSES.items():
            ax_push.plot(z, np.abs(_push(name, z)), color=_LOSS_COLORS[name],
                         ls=_LOSS_STYLES[name], lw=2, label=label)
        ax_push.set_xlim(*self.z_range)
        ax_push.set_ylim(0.0, 1.05)
        ax_push.set_xlabel("weighted sum z for a spam email (y = 1)")
        ax_push.set_title("the push |dℓ/dz| each loss gives", fontsize=10)
        ax_push.legend(loc="center left", fontsize=8)
        ax_push.grid(alpha=0.3)
        self.markers = {name: ax_push.plot([], [], "o", ms=8, color=_LOSS_COLORS[name],
                                           mec="black", zorder=5)[0] for name in _LOSSES}
        ax_output.axhline(1.0, color=MUTED, lw=0.8, label="target y = 1")
        ax_output.axhline(0.5, color=MUTED, lw=0.8, ls=":", label="ŷ = 0.5")
        ax_output.set_xlim(0, self.epochs)
        ax_output.set_ylim(-0.02, 1.05)
        ax_output.set_xlabel("epoch")
        ax_output.set_title("the neuron's output ŷ while it learns", fontsize=10)
        ax_output.grid(alpha=0.3)
        self.curves = {name: draw_curve(ax_output, _LOSS_COLORS[name], label=label,
                                        dashed=name == "mean_squared_error")
                       for name, label in _LOSSES.items()}
        ax_output.legend(loc="center right", fontsize=8)
        self.live.animate(*self.markers.values(), *self.curves.values())
        self._assemble(widgets.VBox(self.sliders()), "5em")

    def sliders(self):
        return [self.start_slider, self.lr_slider]

    def outputs(self, loss_name):
        """ŷ after epoch 0, 1, ..., 500 for one loss, from the current start and η.

        Returns
        -------
        ndarray of shape (501,)
        """
        lr = self.lr_slider.value
        key = (loss_name, lr)
        if key not in self._cache:
            if len(self._cache) >= 40:  # 400 kB each; keep the most recent
                del self._cache[next(iter(self._cache))]
            self._cache[key] = _train_neurons(loss_name, self.starts, lr, self.epochs)
        column = int(np.argmin(np.abs(self.starts - self.start_slider.value)))
        return self._cache[key][:, column]

    def state(self):
        """The numbers on show.

        Returns
        -------
        dict
            ``start`` z₀, ``lr``, ``y_hat_start`` = σ(z₀), and per loss name
            (``"binary_cross_entropy"``, ``"mean_squared_error"``): ``push`` dℓ/dz at the
            start, ``final`` ŷ after 500 epochs, ``epochs_to_half`` (the first epoch with
            ŷ ≥ 0.5, None if not within 500 epochs).
        """
        state = {"start": self.start_slider.value, "lr": self.lr_slider.value}
        state["y_hat_start"] = float(get_activation("sigmoid").function(state["start"]))
        for name in _LOSSES:
            outputs = self.outputs(name)
            passed = np.flatnonzero(outputs >= 0.5)
            state[name] = {"push": float(_push(name, np.array([state["start"]]))[0]),
                           "final": float(outputs[-1]),
                           "epochs_to_half": int(passed[0]) if passed.size else None}
        return state

    def _update(self):
        for name in _LOSSES:
            update_curve(self.curves[name], np.arange(self.epochs + 1), self.outputs(name))
            start = self.start_slider.value
            self.markers[name].set_data([start], [abs(_push(name, np.array([start]))[0])])
        self._show_text_and_refresh()

    def text(self):
        state = self.state()
        lines = [(f"Start: z₀ = {format_number(state['start'])}, so ŷ = σ(z₀) = "
                 f"{state['y_hat_start']:.4f} for a spam email (y = 1): confidently wrong.")]
        for name, label in _LOSSES.items():
            numbers = state[name]
            when = (f"ŷ passes 0.5 at epoch {numbers['epochs_to_half']}"
                    if numbers["epochs_to_half"] is not None
                    else f"ŷ is still below 0.5 after {self.epochs} epochs "
                         f"({numbers['final']:.3f})")
            push = f"{numbers['push']:.4f}".replace("-", "−")
            lines.append(f"{label.capitalize()}: dℓ/dz = {push} at the start; {when}.")
        return "\n".join(lines)


def _slider(description, value, low, high, step):
    return widgets.FloatSlider(value=value, min=low, max=high, step=step,
                               description=description, readout_format=".1f",
                               continuous_update=True, style={"description_width": "11em"},
                               layout={"width": "26em"})


def _push(loss_name, z):
    """dℓ/dz of one spam email (y = 1) at each weighted sum in `z`: the loss's own gradient
    dℓ/dŷ times the sigmoid's slope dŷ/dz, the chain rule the long way round."""
    sigmoid = get_activation("sigmoid")
    y_hat = sigmoid.function(z)
    # One sample at a time: the loss's gradient is for the mean over the samples given.
    per_sample = get_loss(loss_name).gradient(np.ones_like(y_hat), y_hat) * len(y_hat)
    return per_sample * sigmoid.derivative(z)


def _train_neurons(loss_name, starts, lr, epochs):
    """ŷ before and after each epoch of `train` for one neuron per start, each ŷ = σ(w·1 + b)
    from w = start, b = 0, learning the label 1; shape (epochs + 1, len(starts)).

    The neurons are the outputs of one layer: each output's loss and gradient involve its
    own weight and bias only, so one call to `train` trains them all, independently.
    """
    layer = Dense(1, len(starts), "sigmoid", init=(starts[None, :], np.zeros(len(starts))))
    outputs = [layer.forward([[1.0]])[0]]

    def record(_epoch, _history):
        outputs.append(layer.outputs[0].copy())  # train's own forward pass of the email

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", TrainingWarning)
        train(layer, [[1.0]], np.ones((1, len(starts))), loss=loss_name, lr=lr,
              epochs=epochs, callback=record)
    # A run that stopped early keeps its last outputs for the epochs it did not run.
    outputs += [outputs[-1]] * (epochs + 1 - len(outputs))
    return np.array(outputs)


def confident_mistake_explorer(*, start=-6.0, lr=1.0, interactive=True):
    """A confidently wrong sigmoid neuron, trained with cross-entropy and with squared error.

    The left plot shows the push |dℓ/dz| each loss gives a spam email (y = 1) at every
    weighted sum z, with the starting point marked; the right plot the neuron's output ŷ
    over 500 epochs of gradient descent with each loss.

    Parameters
    ----------
    start : float, default -6.0
        The weighted sum z₀ the neuron starts at, in [-10, 0]; ŷ = σ(z₀).
    lr : float, default 1.0
        Learning rate η, in [0.1, 5].
    interactive : bool, default True
        False draws into a plain Agg canvas (no browser needed).

    Returns
    -------
    ConfidentMistakeExplorer

    Raises
    ------
    TypeError, ValueError
        For a value outside its slider's range.

    Examples
    --------
    >>> explorer = confident_mistake_explorer(interactive=False)
    >>> state = explorer.state()
    >>> state["binary_cross_entropy"]["epochs_to_half"]
    4
    """
    start = check_in_range(start, "start", *ConfidentMistakeExplorer.z_range)
    lr = check_in_range(lr, "lr", *ConfidentMistakeExplorer.lr_range)
    return ConfidentMistakeExplorer(start, lr, interactive)
