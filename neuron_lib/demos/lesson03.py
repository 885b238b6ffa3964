"""Lesson 03's demos: gradient descent by hand on one weight, and a neuron learning spam."""

import time
import warnings

import ipywidgets as widgets
import numpy as np

from ..activations import _sigmoid_array
from ..datasets import load_spam_split
from ..neuron import Neuron
from ..plots import LiveFigure, draw_boundary, draw_curve, update_boundary, update_curve
from ..style import CLASS_COLORS, MUTED, PALETTE, class_style
from ..training import TrainingWarning, train
from .base import Demo, check_in_range, format_number, linear_terms, make_slider

__all__ = ["GradientDescentExplorer", "TrainingExplorer", "gradient_descent_explorer",
           "training_explorer"]


LR_RANGE = (0.01, 50.0)
"""The learning rate's slider range, the same in both demos of lesson 03."""

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


def _spam_side(w1, w2, b, box):
    """Corners of the part of the square `box` (low, high) where w1·x1 + w2·x2 + b > 0.

    The square cut by the line (one pass of Sutherland–Hodgman clipping); an empty list
    when no point of the square is on that side.
    """
    low, high = box
    corners = [(low, low), (high, low), (high, high), (low, high)]
    side = [w1 * x1 + w2 * x2 + b for x1, x2 in corners]
    kept = []
    for i, (corner, value) in enumerate(zip(corners, side, strict=True)):
        following, next_value = corners[(i + 1) % 4], side[(i + 1) % 4]
        if value > 0:
            kept.append(corner)
        if (value > 0) != (next_value > 0):  # the line crosses this edge
            t = value / (value - next_value)
            kept.append((corner[0] + t * (following[0] - corner[0]),
                         corner[1] + t * (following[1] - corner[1])))
    return kept


class TrainingExplorer(Demo):
    """A two-input neuron learning spam, live: loss and accuracy curves, the boundary moving.

    Inputs: how often "$" and "!" appear (log-scaled, standardised). Every change of the
    learning rate or the number of epochs retrains from the same random start; the button
    replays training epoch by epoch. Accuracy is shown on the training emails and on the
    validation emails, beside the 60.6% of always answering "ham". Build it with
    :func:`training_explorer`.

    Attributes
    ----------
    lr_slider : ipywidgets.FloatSlider
    epochs_slider : ipywidgets.IntSlider
    play_button : ipywidgets.Button
    neuron : Neuron
        The neuron as trained up to the epoch on show.
    baseline : float
        Accuracy on the validation emails of always answering "ham" (0).
    """

    title = "A neuron learning spam: the decision boundary over the emails, loss and accuracy"
    features = ("dollar", "bang")
    max_epochs = 300
    limit = 4.0
    box = (-1.2, 3.5)

    def __init__(self, lr, epochs, interactive):
        self.X, self.X_val, _, self.y, self.y_val, _ = load_spam_split(
            list(self.features), validation_size=0.25)
        self.baseline = float(np.mean(self.y_val == 0))
        self.lr_slider = make_slider("η (learning rate)", lr, *LR_RANGE)
        self.epochs_slider = widgets.IntSlider(
            value=epochs, min=1, max=self.max_epochs, description="epochs",
            continuous_update=True, style={"description_width": "11em"},
            layout={"width": "26em"})
        self.play_button = widgets.Button(description="Watch it learn", icon="play",
                                          tooltip="Replay the training epoch by epoch")
        self.play_button.on_click(lambda _button: self.play())

        self.live = LiveFigure((9.6, 3.1), dpi=80, interactive=interactive)
        ax_data, ax_loss, ax_accuracy = self.live.figure.subplots(1, 3)
        self.spam_side = ax_data.fill([], [], color=CLASS_COLORS[1], alpha=0.13, lw=0)[0]
        self.spam_label = ax_data.text(0, 0, "called spam", fontsize=8, ha="center",
                                       va="center",
                                       bbox={"fc": ax_data.get_facecolor(),
                                             "ec": CLASS_COLORS[1], "lw": 0.8,
                                             "alpha": 0.85, "boxstyle": "round,pad=0.2"})
        rng = np.random.default_rng(0)
        shown = rng.choice(len(self.y), size=500, replace=False)
        # Many emails have exactly the same counts (no "$", no "!"): a little jitter, for
        # the picture only, keeps them from hiding behind each other.
        points = self.X[shown] + rng.normal(0.0, 0.06, size=(500, 2))
        for label, name in ((0, "ham"), (1, "spam")):
            mask = self.y[shown] == label
            ax_data.scatter(*points[mask].T, s=10, alpha=0.55, label=name, **class_style(label))
        ax_data.set_xlim(*self.box)
        ax_data.set_ylim(*self.box)
        ax_data.set_xlabel('"$" frequency (standardised)')
        ax_data.set_ylabel('"!" frequency (standardised)')
        ax_data.legend(loc="upper right", fontsize=8)
        ax_data.set_title("500 training emails (jittered)", fontsize=10)
        self.boundary = draw_boundary(ax_data)
        for ax, what, top in ((ax_loss, "loss (cross-entropy)", 1.5),
                              (ax_accuracy, "accuracy", 1.0)):
            ax.set_xlim(0, self.max_epochs)
            ax.set_ylim(0.3 if top == 1.0 else 0.0, top)
            ax.set_xlabel("epoch")
            ax.set_title(what, fontsize=10)
            ax.grid(alpha=0.3)
        ax_accuracy.axhline(self.baseline, color=PALETTE[8], lw=1.2, ls=":",
                            label=f'always "ham" ({self.baseline:.1%})')
        self.loss_curve = draw_curve(ax_loss, PALETTE[0])
        self.accuracy_curve = draw_curve(ax_accuracy, PALETTE[4], label="training")
        self.validation_curve = draw_curve(ax_accuracy, PALETTE[1], dashed=True,
                                           label="validation")
        ax_accuracy.legend(loc="lower right", fontsize=8)
        self.live.animate(self.spam_side, self.spam_label, self.boundary, self.loss_curve,
                          self.accuracy_curve, self.validation_curve)

        self._cache = {}
        self._assemble(widgets.HBox([widgets.VBox(self.sliders()), self.play_button]), "6.5em")

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

    def _validation_accuracies(self, path):
        """Accuracy on the validation emails after each epoch of `path`, in one product."""
        weights = np.array([w for w, _ in path])
        biases = np.array([b for _, b in path])
        with np.errstate(over="ignore", invalid="ignore"):
            z = self.X_val @ weights.T + biases  # (n_validation, n_epochs + 1)
        return np.mean((z >= 0) == (self.y_val[:, None] == 1), axis=0)

    def _run(self):
        """Training for the current learning rate, to the slider's maximum: cached, so that
        moving the epochs slider only picks an epoch, and a learning rate seen before is
        not trained again."""
        lr = self.lr_slider.value
        if lr not in self._cache:
            if len(self._cache) >= 64:  # a few kB each; keep the most recent
                del self._cache[next(iter(self._cache))]
            history, path = self._train(self.max_epochs)
            self._cache[lr] = history, path, self._validation_accuracies(path)
        history, path, validation = self._cache[lr]
        shown = min(self.epochs_slider.value, history.epochs_run)
        self.neuron = Neuron(2, rng=0)
        self.neuron.weights, self.neuron.bias = path[shown]
        return history, shown, validation

    def _draw(self, history, shown, neuron, validation=None):
        epochs = np.arange(shown + 1)
        update_curve(self.loss_curve, epochs, [history.initial_loss, *history.loss[:shown]])
        update_curve(self.accuracy_curve, epochs,
                     [history.initial_accuracy, *history.accuracy[:shown]])
        if validation is not None:
            update_curve(self.validation_curve, epochs, validation[:shown + 1])
        w1, w2 = neuron.weights
        update_boundary(self.boundary, w1, w2, neuron.bias, self.limit)
        corners = _spam_side(w1, w2, neuron.bias, self.box)
        self.spam_side.set_xy(corners or [(self.box[0], self.box[0])])
        self.spam_side.set_visible(bool(corners))
        self.spam_label.set_visible(bool(corners))
        if corners:
            # Inside the spam side, a little way from the boundary, in the middle of it.
            self.spam_label.set_position(np.mean(corners, axis=0))

    def _update(self):
        history, shown, validation = self._run()
        self._draw(history, shown, self.neuron, validation)
        self._show_text_and_refresh()

    def play(self, frames=40, seconds=3.0):
        """Replay the training from the same start in about `frames` frames over about
        `seconds` (training alone is far quicker: the frames are paced to be watchable)."""
        epochs = self.epochs_slider.value
        every = max(1, epochs // frames)
        pause = seconds / max(1, min(frames, epochs))
        next_frame = [time.perf_counter()]
        update_curve(self.validation_curve, [], [])

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
            ``validation_accuracy``, ``baseline`` (always "ham", on the validation emails),
            ``weights``, ``bias``, ``warnings``.
        """
        history, shown, validation = self._run()
        losses = [history.initial_loss, *history.loss]
        accuracies = [history.initial_accuracy, *history.accuracy]
        return {
            "lr": self.lr_slider.value, "epochs": self.epochs_slider.value,
            "epochs_run": shown, "loss": losses[shown], "train_accuracy": accuracies[shown],
            "validation_accuracy": float(validation[shown]), "baseline": self.baseline,
            "weights": self.neuron.weights.copy(), "bias": self.neuron.bias,
            # Said when the training to the shown epoch stopped early.
            "warnings": list(history.warnings) if shown < self.epochs_slider.value else [],
        }

    def text(self):
        state = self.state()
        w1, w2 = state["weights"]
        epochs = f"{state['epochs_run']} epoch{'s' if state['epochs_run'] != 1 else ''}"
        lines = [
            (f"After {epochs} with η = {format_number(state['lr'])}: loss "
             f"{state['loss']:.3f}; accuracy {state['train_accuracy']:.1%} on the training "
             f"emails, {state['validation_accuracy']:.1%} on the validation emails (always "
             f"answering ham: {state['baseline']:.1%})."),
            (f"Learnt: z = {linear_terms([w1, w2], ['x$', 'x!'], state['bias'])}. The dashed "
             "line is where z = 0; on its shaded side z > 0 and the neuron says spam."),
        ]
        lines += [f"Warning: {warning}" for warning in state["warnings"]]
        return "\n".join(lines)


def training_explorer(*, lr=1.0, epochs=100, interactive=True):
    """Train a two-input neuron on real spam emails, live.

    Sliders for the learning rate η and the number of epochs retrain at once from the same
    random start; "Watch it learn" replays the training epoch by epoch. The plots show the
    decision boundary over 500 training emails, with the side the neuron calls spam shaded,
    the loss per epoch, and the accuracy per epoch on the training and validation emails.

    Parameters
    ----------
    lr : float, default 1.0
        Starting learning rate, in [0.01, 50] (as in :func:`gradient_descent_explorer`).
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
    >>> explorer.state()["validation_accuracy"] > explorer.baseline
    True
    """
    lr = check_in_range(lr, "lr", *LR_RANGE)
    if isinstance(epochs, bool) or not isinstance(epochs, (int, np.integer)) \
            or not 1 <= epochs <= TrainingExplorer.max_epochs:
        raise ValueError(f"epochs must be a whole number from 1 to {TrainingExplorer.max_epochs},"
                         f" got {epochs!r}.")
    return TrainingExplorer(lr, int(epochs), interactive)
