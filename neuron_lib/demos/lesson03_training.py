"""Lesson 03's training demo: a two-input neuron learning spam, live.

Split from :mod:`neuron_lib.demos.lesson03`, which imports it: import both demos from there,
or from :mod:`neuron_lib.demos`.
"""

import time
import warnings

import ipywidgets as widgets
import numpy as np

from .._validation import check_positive_int, check_real_number
from ..datasets import load_spam_split
from ..neuron import Neuron
from ..plots import LiveFigure, draw_boundary, draw_curve, update_boundary, update_curve
from ..style import CLASS_COLORS, MUTED, PALETTE, WRONG, class_style
from ..training import TrainingWarning, train
from .base import Demo, check_in_range, format_number, linear_terms, make_slider

__all__ = ["LR_RANGE", "TrainingExplorer", "training_explorer"]

LR_RANGE = (0.01, 50.0)
"""The learning rate's slider range, the same in both demos of lesson 03."""


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
        # Where training was asked to go, when it stopped before (it diverged): a dotted
        # line at the epochs asked and a note, so that moving the slider past the stop
        # still shows something.
        (self.asked_line,) = ax_loss.plot([], [], ":", color=MUTED, lw=1.2)
        self.stop_note = ax_loss.text(0.97, 0.95, "", transform=ax_loss.transAxes, ha="right",
                                      va="top", fontsize=8, color=WRONG)
        self.live.animate(self.asked_line, self.stop_note, self.spam_side, self.spam_label,
                          self.boundary, self.loss_curve,
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

    def _draw(self, history, shown, neuron, validation=None, asked=None):
        epochs = np.arange(shown + 1)
        stopped = asked is not None and shown < asked
        self.asked_line.set_data([asked, asked] if stopped else [], [0, 1.5] if stopped else [])
        self.stop_note.set_text(f"stopped at epoch {shown}\nof the {asked} asked" if stopped
                                else "")
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
        self._draw(history, shown, self.neuron, validation, asked=self.epochs_slider.value)
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

    def describe(self):
        """What the figure shows now, in words (the still's text alternative)."""
        state = self.state()
        history, shown, validation = self._run()
        (w1, w2), b = state["weights"], state["bias"]
        corners = _spam_side(w1, w2, b, self.box)
        # The corners of the shaded part that lie on the line: where it crosses the plot.
        on_line = [corner for corner in corners
                   if abs(w1 * corner[0] + w2 * corner[1] + b) < 1e-9]
        if len(on_line) == 2:
            towards = {(True, True): "upper right", (True, False): "lower right",
                       (False, True): "upper left", (False, False): "lower left"}
            points = " to ".join(f"({format_number(x1)}, {format_number(x2)})"
                                  for x1, x2 in on_line)
            line = (f"a dashed line, the boundary, crosses the plot from {points}; the side "
                    f"towards the {towards[(w1 >= 0, w2 >= 0)]} is shaded and labelled "
                    "'called spam'")
        else:
            line = "the neuron calls every email on show " + ("spam" if corners else "ham")
        return (
            "Three plots. Left: 500 training emails by how often \"$\" (across) and \"!\" (up) "
            "appear, standardised; ham as blue circles, crowded at the lower left where "
            "both are rare, spam as orange triangles spread up and to the right; "
            f"{line}. Middle: the loss per epoch, from {history.initial_loss:.2f} at epoch 0 "
            f"to {state['loss']:.3f} at epoch {shown}. Right: the accuracy per epoch, from "
            f"{history.initial_accuracy:.0%} to {state['train_accuracy']:.1%} on the training "
            f"emails (solid) and from {validation[0]:.0%} to {state['validation_accuracy']:.1%} "
            "on the validation emails (dashed), above a dotted line at "
            f"{state['baseline']:.1%} for always answering ham.")

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
