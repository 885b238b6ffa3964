"""Lesson 03's loss demo: cross-entropy against squared error, from a confident mistake.

Split from :mod:`neuron_lib.demos.lesson03`, which imports it: import the demo from there,
or from :mod:`neuron_lib.demos`.
"""

import warnings

import ipywidgets as widgets
import numpy as np

from ..activations import sigmoid, sigmoid_derivative
from ..losses import get_loss
from ..neuron import Neuron
from ..plots import LiveFigure
from ..style import MUTED, PALETTE
from ..training import TrainingWarning, train
from .base import Demo, check_in_range, format_number, make_slider
from .lesson03_training import LR_RANGE

__all__ = ["LOSS_NAMES", "LossComparison", "loss_comparison"]

LOSS_NAMES = {"binary_cross_entropy": "cross-entropy", "mean_squared_error": "squared error"}
"""The two losses compared, by their names in :data:`neuron_lib.losses.LOSSES`."""

# One spam email (y = 1) whose single input is 1: then z = w + b, and a step moves the
# weight and the bias by the same amount.
_X, _Y = np.array([[1.0]]), np.array([1])


def _small(value):
    """Four decimals, or two significant digits for what four decimals would show as 0."""
    return f"{value:.4f}" if abs(value) >= 0.001 or value == 0 else f"{value:.1e}"


def pull(loss, z):
    r"""How hard one spam email (y = 1, input 1) pulls on the weight: :math:`-\partial\ell/\partial w`.

    The chain rule with the library's pieces: the loss's slope :math:`d\ell/d\hat y`
    (:meth:`Loss.gradient <neuron_lib.losses.Loss.gradient>`, per email), times the
    sigmoid's slope :math:`d\hat y/dz`, times :math:`dz/dw = x = 1`. For cross-entropy the
    product is :math:`1 - \hat y`; for squared error :math:`(1 - \hat y)\,\hat y(1 - \hat y)`.

    Parameters
    ----------
    loss : {"binary_cross_entropy", "mean_squared_error"}
    z : float or ndarray
        Weighted sums, each of one email.

    Returns
    -------
    ndarray
        The pull for each z (positive: towards spam), the same shape as `z`.

    Examples
    --------
    >>> float(pull("binary_cross_entropy", 0.0)), float(pull("mean_squared_error", 0.0))
    (0.5, 0.125)
    """
    z = np.asarray(z, dtype=float)
    y_hat = np.atleast_1d(sigmoid(z))
    targets = np.ones_like(y_hat)
    # gradient() is the slope of the mean over its emails: times their number, per email.
    slope = get_loss(loss).gradient(targets, y_hat) * y_hat.size
    return (-slope * np.atleast_1d(sigmoid_derivative(z))).reshape(z.shape)


class LossComparison(Demo):
    """One spam email, one neuron, two losses: how fast each fixes a confident mistake.

    The neuron ŷ = σ(w·x + b) sees one spam email whose input is x = 1, and starts at
    w = z₀, b = 0: with z₀ = −6 it says ŷ = 0.0025, confidently "ham". Each loss trains its
    own copy with :func:`~neuron_lib.training.train`. Build it with :func:`loss_comparison`.

    Attributes
    ----------
    z_slider, lr_slider : ipywidgets.FloatSlider
        The starting weighted sum z₀ = w, and the learning rate η.
    """

    title = "Cross-entropy against squared error: how hard each pulls, and the steps they take"
    z_range = (-8.0, 4.0)
    steps = 100

    def __init__(self, z, lr, interactive):
        self.z_slider = make_slider("start: z₀ = w", z, *self.z_range, step=0.1)
        self.lr_slider = make_slider("η (learning rate)", lr, *LR_RANGE)
        self._cached = (None, None)
        self.live = LiveFigure((8.8, 3.0), dpi=80, interactive=interactive)
        ax_pull, ax_steps = self.live.figure.subplots(1, 2)
        grid = np.linspace(*self.z_range, 241)
        self.curves, self.markers, self.paths = {}, {}, {}
        for (name, label), color, style, marker in zip(
                LOSS_NAMES.items(), (PALETTE[0], PALETTE[6]), ("-", "--"), ("o", "s"),
                strict=True):
            (self.curves[name],) = ax_pull.plot(grid, pull(name, grid), style, color=color,
                                                lw=2, label=label)
            (self.markers[name],) = ax_pull.plot([], [], marker, ms=8, color=color, mec=MUTED,
                                                 zorder=5)
            (self.paths[name],) = ax_steps.plot([], [], style, color=color, lw=2,
                                                marker=marker, markevery=25, ms=5, label=label)
        ax_pull.set(xlim=self.z_range, ylim=(0, 1.05), xlabel="weighted sum z = w·x + b",
                    ylabel="pull on w towards spam")
        ax_pull.set_title("how hard one spam email pulls", fontsize=10)
        ax_pull.text(self.z_range[0] + 0.2, 0.55, "← confidently wrong", fontsize=8,
                     color=MUTED)
        ax_steps.axhline(0.5, color=MUTED, lw=0.8, ls=":")
        ax_steps.set(xlim=(0, self.steps), ylim=(0, 1.0), xlabel="step",
                     ylabel="ŷ (the email is spam: 1 is right)")
        ax_steps.set_title("ŷ after each step", fontsize=10)
        for ax, where in ((ax_pull, "upper right"), (ax_steps, "center right")):
            ax.grid(alpha=0.3)
            ax.legend(loc=where, fontsize=8)
        self.live.animate(*self.markers.values(), *self.paths.values())
        self._assemble(widgets.VBox(self.sliders()), "6.5em")

    def sliders(self):
        return [self.z_slider, self.lr_slider]

    def _run(self, loss):
        """ŷ before training and after each of `steps` steps with `loss`."""
        neuron = Neuron(1)
        neuron.weights, neuron.bias = [self.z_slider.value], 0.0
        with warnings.catch_warnings():
            # A step that overshoots is allowed here: the readout shows what happened.
            warnings.simplefilter("ignore", TrainingWarning)
            history = train(neuron, _X, _Y, loss=loss, lr=self.lr_slider.value,
                            epochs=self.steps, record_parameters=True)
        # The weighted sum for the input 1 after each step: weight + bias.
        z = [float(np.sum(w) + np.sum(b)) for w, b in
             [history.initial_parameters, *history.parameters]]
        return sigmoid(np.array(z))

    def state(self):
        """The numbers on show.

        Returns
        -------
        dict
            ``z``, ``lr``, ``y_hat`` at the start; per loss name: ``pull`` (at the start),
            ``first_step`` (how far the first step moves the weight), ``outputs`` (ŷ after
            0, 1, ... steps) and ``passes_half`` (the first step after which ŷ ≥ 0.5, or
            None within the steps shown).
        """
        z, lr = self.z_slider.value, self.lr_slider.value
        if self._cached[0] == (z, lr):  # text(), describe() and the plot share one run
            return self._cached[1]
        state = {"z": z, "lr": lr, "y_hat": float(sigmoid(z))}
        for name in LOSS_NAMES:
            outputs = self._run(name)
            passed = np.flatnonzero(outputs >= 0.5)
            state[name] = {"pull": float(pull(name, z)), "first_step": lr * float(pull(name, z)),
                           "outputs": outputs,
                           "passes_half": int(passed[0]) if passed.size else None}
        self._cached = ((z, lr), state)
        return state

    def _update(self):
        state = self.state()
        for name in LOSS_NAMES:
            self.markers[name].set_data([state["z"]], [state[name]["pull"]])
            outputs = state[name]["outputs"]
            self.paths[name].set_data(np.arange(len(outputs)), outputs)
        self._show_text_and_refresh()

    def text(self):
        state = self.state()
        cross, squared = state["binary_cross_entropy"], state["mean_squared_error"]
        verdict = ("a confident mistake" if state["y_hat"] < 0.1 else
                   "a mistake" if state["y_hat"] < 0.5 else "already right")
        ratio = cross["pull"] / squared["pull"]

        def passes(result):
            step = result["passes_half"]
            if step is None:
                return (f"not within {self.steps} steps (ŷ = {_small(result['outputs'][-1])} "
                        "after the last)")
            return "already at the start" if step == 0 else f"after {step} step" + (
                "s" if step != 1 else "")

        return "\n".join([
            (f"Start: z = w = {format_number(state['z'])}, ŷ = σ(z) = {state['y_hat']:.4f} "
             f"for a spam email (y = 1): {verdict}."),
            (f"Pull: cross-entropy 1 − ŷ = {_small(cross['pull'])}; squared error "
             f"(1 − ŷ)·ŷ(1 − ŷ) = {_small(squared['pull'])}, {ratio:,.0f} times less."),
            (f"First step with η = {format_number(state['lr'])}: the weight moves by "
             f"{_small(cross['first_step'])} with cross-entropy, "
             f"{_small(squared['first_step'])} with squared error (the bias by as much)."),
            (f"ŷ passes 0.5 with cross-entropy {passes(cross)}; with squared error "
             f"{passes(squared)}."),
        ])

    def describe(self):
        """What the figure shows now, in words (the still's text alternative)."""
        state = self.state()
        cross, squared = state["binary_cross_entropy"], state["mean_squared_error"]
        return (
            "Two plots. Left: how hard one spam email pulls on the weight, against its "
            "weighted sum z from −8 to 4. Cross-entropy's pull (solid) is nearly 1 at the "
            "confidently wrong left and falls smoothly to near 0 at the right; squared "
            "error's (dashed) is a low hump, at most 0.15 near z = −0.7, that sinks to 0 at "
            f"both ends. Markers at the start z = {format_number(state['z'])}: "
            f"{_small(cross['pull'])} and {_small(squared['pull'])}. Right: ŷ over "
            f"{self.steps} steps from {_small(state['y_hat'])}: with cross-entropy it ends at "
            f"{_small(cross['outputs'][-1])}, with squared error at "
            f"{_small(squared['outputs'][-1])}; a dotted line marks 0.5.")


def loss_comparison(*, z=-6.0, lr=1.0, interactive=True):
    """Cross-entropy against squared error on one spam email, from a confident mistake.

    Sliders for the starting weighted sum z₀ (the neuron's weight; its input is 1 and its
    bias starts at 0) and the learning rate η. Left, how hard the email pulls on the
    weight with each loss, over z; right, ŷ after each of 100 steps with each loss.

    Parameters
    ----------
    z : float, default -6.0
        Starting weighted sum, in [-8, 4]: −6 means ŷ = 0.0025, a confident "ham".
    lr : float, default 1.0
        Learning rate, in [0.01, 50] (as in the other demos of lesson 03).
    interactive : bool, default True
        False draws into a plain Agg canvas (no browser needed).

    Returns
    -------
    LossComparison

    Raises
    ------
    TypeError, ValueError
        For `z` or `lr` outside their sliders' ranges.

    Examples
    --------
    >>> demo = loss_comparison(interactive=False)
    >>> state = demo.state()
    >>> state["binary_cross_entropy"]["passes_half"], state["mean_squared_error"]["passes_half"]
    (4, None)
    """
    z = check_in_range(z, "z", *LossComparison.z_range)
    lr = check_in_range(lr, "lr", *LR_RANGE)
    return LossComparison(z, lr, interactive)
