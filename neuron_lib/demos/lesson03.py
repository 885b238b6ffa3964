"""Lesson 03's demos: gradient descent by hand on one weight, cross-entropy against squared
error, and a neuron learning spam.

The other two demos live in :mod:`neuron_lib.demos.lesson03_losses` and
:mod:`neuron_lib.demos.lesson03_training` (imported here).
"""

import ipywidgets as widgets
import numpy as np

from ..activations import _sigmoid_array
from ..datasets import load_spam_split
from ..plots import LiveFigure
from ..style import MUTED, PALETTE
from .base import Demo, check_in_range, format_number, make_slider
from .lesson03_losses import LossComparison, loss_comparison
from .lesson03_training import LR_RANGE, TrainingExplorer, training_explorer

__all__ = ["BOTTOM_SLOPE", "LR_RANGE", "GradientDescentExplorer", "LossComparison",
           "TrainingExplorer", "gradient_descent_explorer", "loss_comparison",
           "training_explorer"]


BOTTOM_SLOPE = 0.002
"""A slope smaller than this (in size) counts as the bottom of the curve."""


class GradientDescentExplorer(Demo):
    """Gradient descent by hand on one weight: the loss curve, its tangent, steps downhill.

    One feature (how often "!" appears, log-scaled and standardised) and a neuron
    ŷ = σ(w·x) with no bias, so that the loss L(w) is a curve over one number. Build it
    with :func:`gradient_descent_explorer`.

    Attributes
    ----------
    w_slider, lr_slider : ipywidgets.FloatSlider
    step_button, ten_steps_button, run_button : ipywidgets.Button
        One step w ← w − η·dL/dw; ten of them; steps until the slope is (nearly) 0.
    steps_taken : int
        Steps since w was last set by hand; the trail shows up to the last 100 of them.
    bottom_w, curvature : float
        Where the curve is lowest, and its curvature d²L/dw² there: steps settle at the
        bottom only for η < 2 / curvature.
    """

    title = "The loss L(w) of a one-weight neuron, its tangent at w, and steps downhill"
    w_range = (-3.0, 5.0)
    max_run = 10_000
    trail_length = 100

    def __init__(self, w, lr, interactive):
        X_train, _, _, self.y, _, _ = load_spam_split(["bang"], validation_size=0.25)
        self.x = X_train[:, 0]
        # Many emails share a value of x (721 distinct values among 2,587 emails): sums per
        # value give the same loss and slope about 3.6 times faster, for runs of thousands
        # of steps.
        self._x_values, where = np.unique(self.x, return_inverse=True)
        self._counts = np.bincount(where).astype(float)
        self._spam_counts = np.bincount(where, weights=self.y)
        self.bottom_w, self.curvature = self._bottom()
        # The slider shows w to 0.001; the demo keeps the exact w of its steps, so that
        # small steps near the bottom are not rounded away.
        self._w, self._setting_w = w, False
        self.steps_taken, self.start_w, self._trail, self._note = 0, w, [], ""
        self.w_slider = make_slider("w (weight)", w, *self.w_range, step=0.001)
        self.w_slider.readout_format = ".3f"
        self.lr_slider = make_slider("η (learning rate)", lr, *LR_RANGE)
        self.step_button, self.ten_steps_button, self.run_button = (
            widgets.Button(description=label, icon=icon, tooltip=tip,
                           layout=widgets.Layout(width="11em"))
            for label, icon, tip in (
                ("Take a step", "arrow-down", "w ← w − η · dL/dw"),
                ("10 steps", "forward", "Ten steps, one after the other"),
                ("Run to the bottom", "fast-forward",
                 f"Steps until the slope is under {BOTTOM_SLOPE} (at most {self.max_run:,})")))
        self.step_button.on_click(lambda _button: self.take_step())
        self.ten_steps_button.on_click(lambda _button: self.take_steps(10))
        self.run_button.on_click(lambda _button: self.run_to_bottom())
        grid = np.linspace(*self.w_range, 161)
        losses = [self._loss_and_slope(w_i)[0] for w_i in grid]

        self.live = LiveFigure((7.4, 3.0), dpi=80, interactive=interactive)
        ax = self.live.figure.subplots()
        ax.plot(grid, losses, color=PALETTE[0], lw=2, label="loss L(w)")
        ax.set_xlim(*self.w_range)
        ax.set_ylim(0.0, max(losses) * 1.05)
        ax.set_xlabel("weight w")
        ax.set_ylabel("mean cross-entropy L(w)")
        ax.grid(alpha=0.3)
        (self.trail,) = ax.plot([], [], "o-", ms=4, lw=0.8, color=PALETTE[3], alpha=0.8,
                                label="earlier steps")
        (self.point,) = ax.plot([], [], "o", ms=9, color=PALETTE[2], mec=MUTED, zorder=5)
        (self.tangent,) = ax.plot([], [], "-", color=PALETTE[2], lw=1.5, label="tangent at w")
        (self.next_point,) = ax.plot([], [], "s", ms=7, color=PALETTE[0], mec=MUTED,
                                     zorder=5, label="after one step")
        (self.step_line,) = ax.plot([], [], ":", color=PALETTE[0], lw=1.5)
        ax.legend(loc="upper right", fontsize=9)
        self.live.animate(self.trail, self.point, self.tangent, self.next_point,
                          self.step_line)

        buttons = widgets.VBox([self.step_button, self.ten_steps_button, self.run_button])
        self._assemble(widgets.HBox([widgets.VBox(self.sliders()), buttons]), "7.5em")

    def sliders(self):
        return [self.w_slider, self.lr_slider]

    def _loss_and_slope(self, w):
        z = w * self._x_values
        # The mean cross-entropy of σ(z), exact for any z: log(1 + e^z) − y·z, summed.
        loss = np.dot(self._counts, np.logaddexp(0.0, z)) - np.dot(self._spam_counts, z)
        return float(loss / len(self.y)), self._slope(w)

    def _slope(self, w):
        # loss_gradient's mean((ŷ − y)·x) for one weight, summed per distinct x.
        y_hat = _sigmoid_array(w * self._x_values)
        return float(np.dot(self._counts * y_hat - self._spam_counts, self._x_values)
                     / len(self.y))

    def _bottom(self):
        """Where L(w) is lowest (Newton's method; L is convex) and its curvature there."""
        w = 0.0
        for _ in range(50):
            y_hat = _sigmoid_array(w * self.x)
            curvature = float(np.mean(y_hat * (1.0 - y_hat) * self.x ** 2))
            w -= self._slope(w) / curvature
        return w, curvature

    def _on_change(self, change):
        if change["owner"] is self.w_slider and not self._setting_w:
            # Set by hand: start counting (and drawing the trail) afresh from here.
            self._w, self.start_w = float(change["new"]), float(change["new"])
            self.steps_taken, self._trail, self._note = 0, [], ""
        self._update()

    def state(self):
        """The numbers on show.

        Returns
        -------
        dict
            ``w``, ``lr``, ``loss`` L(w), ``slope`` dL/dw, ``next_w`` = w − η·dL/dw (kept on
            the slider), ``next_loss``, ``clipped`` (True when the step leaves the slider),
            ``at_bottom`` (slope under BOTTOM_SLOPE), ``steps_taken`` and ``start_w``.
        """
        w, lr = self._w, self.lr_slider.value
        loss, slope = self._loss_and_slope(w)
        wanted = w - lr * slope
        next_w = float(np.clip(wanted, *self.w_range))
        next_loss, _ = self._loss_and_slope(next_w)
        return {"w": w, "lr": lr, "loss": loss, "slope": slope, "next_w": next_w,
                "next_loss": next_loss,
                "clipped": not self.w_range[0] <= wanted <= self.w_range[1],
                "at_bottom": abs(slope) < BOTTOM_SLOPE, "steps_taken": self.steps_taken,
                "start_w": self.start_w}

    def _step(self, slope=None):
        """One step of the exact w, kept within the slider's range."""
        self._trail = [*self._trail[1 - self.trail_length:], self._w]
        slope = self._slope(self._w) if slope is None else slope
        wanted = self._w - self.lr_slider.value * slope
        self._w = min(max(wanted, self.w_range[0]), self.w_range[1])
        self.steps_taken += 1

    def _show_w(self):
        self._setting_w = True
        try:
            if self.w_slider.value == self._w:
                self._update()  # a step that does not move w (stuck at the slider's end)
            self.w_slider.value = self._w
        finally:
            self._setting_w = False

    def take_step(self):
        """One gradient-descent step: set w to w − η·dL/dw (kept within the slider)."""
        self.take_steps(1)

    def take_steps(self, n_steps):
        """`n_steps` gradient-descent steps, one after the other; the plot shows the end."""
        for _ in range(n_steps):
            self._step()
        self._note = ""
        self._show_w()

    def run_to_bottom(self):
        """Step until the slope is under BOTTOM_SLOPE, for ``max_run`` steps at most; stop
        early when w jumps back and forth between the same two values, for ever."""
        for done in range(self.max_run + 1):
            slope = self._slope(self._w)
            if abs(slope) < BOTTOM_SLOPE:
                self._note = (f"Ran {done:,} step{'s' if done != 1 else ''}: at the bottom "
                              "(the slope is nearly 0).")
                break
            if done >= 2 and abs(self._w - self._trail[-2]) < 1e-9:
                self._note = (f"Ran {done:,} steps: w now jumps between "
                              f"{format_number(min(self._w, self._trail[-1]))} and "
                              f"{format_number(max(self._w, self._trail[-1]))} for ever, and "
                              "never reaches the bottom.")
                break
            if done < self.max_run:
                self._step(slope)
        else:
            self._note = (f"Ran {self.max_run:,} steps and w is still not at the bottom (w = "
                          f"{format_number(self._w)}).")
        self._show_w()

    def _update(self):
        state = self.state()
        w, loss, slope = state["w"], state["loss"], state["slope"]
        self.trail.set_data(self._trail, [self._loss_and_slope(w_i)[0] for w_i in self._trail])
        self.point.set_data([w], [loss])
        half = 0.12 * (self.w_range[1] - self.w_range[0])
        self.tangent.set_data([w - half, w + half], [loss - slope * half, loss + slope * half])
        self.next_point.set_data([state["next_w"]], [state["next_loss"]])
        self.step_line.set_data([w, state["next_w"]], [loss, state["next_loss"]])
        self._show_text_and_refresh()

    def _after_reset(self):
        # Reset puts the sliders back without the observer: start afresh from there.
        self._w = self.start_w = float(self.w_slider.value)
        self.steps_taken, self._trail, self._note = 0, [], ""
        self._update()

    def describe(self):
        """What the figure shows now, in words (the still's text alternative)."""
        state = self.state()
        low, high = self.w_range
        ends = [self._loss_and_slope(w)[0] for w in (low, high)]
        bottom = self._loss_and_slope(self.bottom_w)[0]
        trail = (f" Grey dots trail the last {len(self._trail)} steps." if self._trail
                 else "")
        return (f"A curve of the loss L(w) against the weight w from {format_number(low)} to "
                f"{format_number(high)}: it falls from {ends[0]:.2f} to its lowest, "
                f"{bottom:.3f} at w = {format_number(self.bottom_w)}, then rises slowly to "
                f"{ends[1]:.2f}. A red dot marks the current w = {format_number(state['w'])} "
                f"(loss {state['loss']:.3f}) with its tangent, sloping "
                f"{'down' if state['slope'] < 0 else 'up'} to the right; a blue square marks "
                f"where one step would land, w = {format_number(state['next_w'])} (loss "
                f"{state['next_loss']:.3f}).{trail}")

    def text(self):
        state = self.state()
        steps = state["steps_taken"]
        lines = [
            f"w = {format_number(state['w'])}: loss L(w) = {state['loss']:.4f}, slope dL/dw = "
            f"{state['slope']:+.4f}".replace("-", "−"),
            (f"Steps taken: {steps:,}, starting from w = {format_number(state['start_w'])}."
             if steps else "Steps taken: 0. Press a button to step downhill."),
        ]
        if self._note:
            lines.append(self._note)
        if state["at_bottom"]:
            lines.append("The slope is (nearly) 0: w sits at the bottom of the curve, and "
                         "gradient descent stops moving.")
            return "\n".join(lines)
        full_step = state["w"] - state["lr"] * state["slope"]
        lines.append(
            f"One step against the slope: w − η·dL/dw = {format_number(state['w'])} − "
            f"{format_number(state['lr'])} × ({state['slope']:.4f})".replace("-", "−")
            + f" = {format_number(full_step)}"
            + (f", kept at the slider's end, {format_number(state['next_w'])}" if state["clipped"]
               else "")
            + f"; the loss would become {state['next_loss']:.4f}.")
        if state["next_loss"] > state["loss"]:
            lines.append("The loss would go UP: this step is so long that it jumps past the "
                         "bottom of the curve. Try a smaller η.")
        if state["lr"] >= 2.0 / self.curvature:
            lines.append(
                f"η = {format_number(state['lr'])} is above 2 ÷ curvature at the bottom "
                f"(2 ÷ {self.curvature:.3f} ≈ {2.0 / self.curvature:.0f}): near the bottom "
                "each step overshoots by more than it corrects, so w never settles there.")
        return "\n".join(lines)


def gradient_descent_explorer(*, w=-2.0, lr=1.0, interactive=True):
    """Gradient descent on one weight, by hand: sliders for w and η, buttons to step.

    The plot shows the loss L(w) of a neuron ŷ = σ(w·x) on the spam training emails (x: how
    often "!" appears, log-scaled and standardised), the tangent at the current w, where
    one step w − η·dL/dw would land, and a trail of the steps taken. The buttons take one
    step, ten steps, or step until the bottom of the curve (the readout counts them).

    Parameters
    ----------
    w : float, default -2.0
        Starting weight, in [-3, 5].
    lr : float, default 1.0
        Starting learning rate η, in [0.01, 50].
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
    >>> explorer.run_to_bottom()
    >>> explorer.state()["at_bottom"], explorer.steps_taken
    (True, 63)
    """
    w = check_in_range(w, "w", *GradientDescentExplorer.w_range)
    lr = check_in_range(lr, "lr", *LR_RANGE)
    return GradientDescentExplorer(w, lr, interactive)
