"""Lesson 03's demos: gradient descent by hand on one weight, and a neuron learning spam."""

import time
import warnings

import ipywidgets as widgets
import numpy as np

from .._validation import check_positive_int, check_real_number
from ..activations import _sigmoid_array
from ..datasets import load_spam_split
from ..neuron import Neuron
from ..plots import LiveFigure, draw_boundary, draw_curve, update_boundary, update_curve
from ..style import PALETTE, class_style
from ..training import (
    TrainingWarning,
    accuracy,
    binary_cross_entropy,
    loss_gradient,
    predict,
    train,
)
from .base import Demo, check_in_range, format_number, linear_terms, make_slider

__all__ = ["GradientDescentExplorer", "TrainingExplorer", "gradient_descent_explorer",
           "training_explorer"]


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
        self.w_slider = make_slider("w (weight)", w, *self.w_range, step=0.001)
        self.w_slider.readout_format = ".3f"
        self.lr_slider = make_slider("η (learning rate)", lr, 0.1, 50.0, step=0.1)
        self.step_button = widgets.Button(description="Take a step", icon="arrow-down",
                                          tooltip="w ← w − η · dL/dw")
        self.step_button.on_click(lambda _button: self.take_step())
        grid = np.linspace(*self.w_range, 161)
        losses = [binary_cross_entropy(self.y, _sigmoid_array(w_i * self.x)) for w_i in grid]

        self.live = LiveFigure((7.4, 3.0), dpi=80, interactive=interactive)
        ax = self.live.figure.subplots()
        ax.plot(grid, losses, color=PALETTE[0], lw=2, label="loss L(w)")
        ax.set_xlim(*self.w_range)
        ax.set_ylim(0.0, max(losses) * 1.05)
        ax.set_xlabel("weight w")
        ax.set_ylabel("mean cross-entropy L(w)")
        ax.grid(alpha=0.3)
        (self.point,) = ax.plot([], [], "o", ms=9, color=PALETTE[2], mec="black", zorder=5)
        (self.tangent,) = ax.plot([], [], "-", color=PALETTE[2], lw=1.5, label="tangent at w")
        (self.next_point,) = ax.plot([], [], "s", ms=7, color=PALETTE[0], mec="black",
                                     zorder=5, label="after one step")
        (self.step_line,) = ax.plot([], [], ":", color=PALETTE[0], lw=1.5)
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
            f"w = {format_number(state['w'])}: loss L(w) = {state['loss']:.4f}, slope dL/dw = "
            f"{state['slope']:+.4f}".replace("-", "−"),
        ]
        if abs(state["slope"]) < 0.002:
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
    w = check_in_range(w, "w", *GradientDescentExplorer.w_range)
    lr = check_in_range(lr, "lr", 0.1, 50.0)
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
        self.lr_slider = make_slider("η (learning rate)", lr, 0.01, 10.0)
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
        for label, name in ((0, "ham"), (1, "spam")):
            mask = self.y[shown] == label
            ax_data.scatter(*points[mask].T, s=10, alpha=0.55, label=name, **class_style(label))
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
        self.loss_curve = draw_curve(ax_loss, PALETTE[0])
        self.accuracy_curve = draw_curve(ax_accuracy, PALETTE[4])
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
        `seconds` (training alone is far quicker: the frames are paced to be watchable).

        Parameters
        ----------
        frames : int, default 40
            Pictures shown, from 1 to 1000 (at most one per epoch).
        seconds : float, default 3.0
            Length of the replay, from 0 to 60.

        Raises
        ------
        TypeError, ValueError
            For a `frames` or `seconds` outside those ranges.
        """
        frames = check_positive_int(frames, "frames")
        if frames > 1000:
            raise ValueError(f"frames must be at most 1000, got {frames}: one picture per "
                             "epoch is the most there is to show. Try frames=40.")
        seconds = check_real_number(seconds, "seconds")
        if not 0 <= seconds <= 60:
            raise ValueError(f"seconds must be from 0 to 60, got {seconds:g}: the length of "
                             "the whole replay. Try seconds=3.")
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
            f"η = {format_number(state['lr'])}: loss "
            f"{state['loss']:.3f}, accuracy {state['train_accuracy']:.1%} on the training "
            f"emails, {state['test_accuracy']:.1%} on held-out ones.",
            f"Learnt: z = {linear_terms([w1, w2], ['x$', 'x!'], state['bias'])}; "
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
    lr = check_in_range(lr, "lr", 0.01, 10.0)
    if isinstance(epochs, bool) or not isinstance(epochs, (int, np.integer)) \
            or not 1 <= epochs <= TrainingExplorer.max_epochs:
        raise ValueError(f"epochs must be a whole number from 1 to {TrainingExplorer.max_epochs},"
                         f" got {epochs!r}.")
    return TrainingExplorer(lr, int(epochs), interactive)
