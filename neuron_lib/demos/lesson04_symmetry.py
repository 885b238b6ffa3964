"""Lesson 04's second demo: one network trained from four starts, its hidden lines moving.

Training runs lazily and in chunks: a frame trains only the epochs it needs that are not
trained yet, and keeps every epoch's parameters (``History(record_parameters=True)``), so
moving back along the epochs never trains again. In a running kernel, a long catch-up (a
jump to the last epoch, a new nudge) is split into short chunks between which the kernel
answers other messages and the picture shows how far training has got.
"""

import asyncio
import time

import ipywidgets as widgets
import numpy as np

from ..layers import Dense
from ..losses import binary_cross_entropy
from ..network import Network
from ..plots import LiveFigure
from ..training import train
from .base import Demo, check_in_range, format_number
from .lesson04 import demo_data
from .lesson04_drawing import (
    BOXES,
    draw_data,
    draw_hidden_line,
    draw_probability_map,
    grid_points,
    update_hidden_line,
)

__all__ = ["STARTS", "SymmetryExplorer", "symmetry_explorer"]

STARTS = {"a": ("all weights 0.5", "constant"), "b": ("all weights 0", "zeros"),
          "c": ("U[−1, 1]", "uniform"), "d": ("Xavier", "xavier")}
"""The four starts: letter -> (name, the init of every layer)."""

# Curves of the four starts in the loss and accuracy plots: told apart by line style (and a
# legend), not by colour: the colours belong to the hidden neurons.
_CURVE_STYLES = {"a": "-", "b": ":", "c": "--", "d": "-."}


class _Run:
    """One training run, kept epoch by epoch in flat arrays (a few kB per run): row i of
    `values` holds every parameter after epoch i, end to end."""

    def __init__(self, network, max_epochs):
        self.network = network
        self.shapes = [p.shape for p in network.parameters()]
        size = sum(p.size for p in network.parameters())
        self.values = np.empty((max_epochs + 1, size))
        self.loss = np.empty(max_epochs + 1)
        self.accuracy = np.empty(max_epochs + 1)
        self.epochs_trained = -1  # nothing recorded yet, not even the start

    def record(self, parameters, loss, accuracy):
        """Keep the parameters, loss and accuracy of the next epoch."""
        epoch = self.epochs_trained + 1
        self.values[epoch] = np.concatenate([np.ravel(p) for p in parameters])
        self.loss[epoch], self.accuracy[epoch] = loss, accuracy
        self.epochs_trained = epoch

    def parameters(self, epoch):
        """The parameter arrays after `epoch`, in the order of ``network.parameters()``."""
        arrays, start = [], 0
        for shape in self.shapes:
            size = int(np.prod(shape))
            arrays.append(self.values[epoch, start:start + size].reshape(shape))
            start += size
        return arrays


class SymmetryExplorer(Demo):
    """The same small network trained on XOR from four starts, epoch by epoch.

    Panels (a) to (d): the data, the output as a heat map, each hidden neuron's line; on
    the right the loss and the accuracy per epoch. Build it with :func:`symmetry_explorer`.

    Attributes
    ----------
    epoch_slider : ipywidgets.IntSlider
        The epoch on show; ▶ (``play``) moves it forward.
    nudge_slider : ipywidgets.FloatSlider
        ε: start (a) is nudged by ε times a random number per hidden weight.
    play : ipywidgets.Play
        Play, pause and stop; linked to the epoch slider in the browser.
    step_button, reset_button : ipywidgets.Button
    """

    title = ("One network trained on XOR from four starts: the hidden neurons' lines, the "
             "output, the loss and the accuracy, epoch by epoch")
    n_hidden = 4
    n_grid = 41
    # In a kernel, a move trains for at most `first_budget` seconds before its frame is
    # shown; the rest is trained `chunk` epochs at a time between the kernel's messages, for
    # about `budget` seconds at a go, with a new frame every `frame_interval` seconds.
    chunk = 5
    first_budget = 0.004
    budget = 0.02
    frame_interval = 0.1

    def __init__(self, lr, max_epochs, epoch, nudge, seed, interactive, runs=None):
        self.lr, self.max_epochs, self.seed = lr, max_epochs, seed
        self.X, self.y = demo_data("xor")
        self.epoch_slider = widgets.IntSlider(
            value=epoch, min=0, max=max_epochs, description="epoch", continuous_update=True,
            style={"description_width": "8em"}, layout={"width": "32em"})
        self.nudge_slider = widgets.FloatSlider(
            value=nudge, min=0.0, max=0.1, step=0.001, description="nudge (a) by ε",
            readout_format=".3f", continuous_update=True,
            style={"description_width": "8em"}, layout={"width": "32em"})
        self.play = widgets.Play(value=epoch, min=0, max=max_epochs, step=2, interval=100,
                                 description="Play", layout={"width": "10em"})
        self._link = widgets.jslink((self.play, "value"), (self.epoch_slider, "value"))
        self.step_button = widgets.Button(description="+10 epochs", icon="step-forward",
                                          tooltip="Train 10 more epochs",
                                          layout={"width": "9em"})
        self.step_button.on_click(lambda _button: self.step())
        self.reset_button = widgets.Button(description="Reset", icon="undo",
                                           tooltip="Back to epoch 0, no nudge",
                                           layout={"width": "7em"})
        self.reset_button.on_click(lambda _button: self.reset())
        # Runs trained so far, by start (and nudge): shared with the still of the demo.
        self._runs = {} if runs is None else runs
        self._holding = False
        self._pending = None
        self._last_frame = 0.0
        self._closed = False

        self.live = LiveFigure((8.4, 4.7), dpi=80, interactive=interactive)
        self._background_training = self.live.interactive
        self._draw_figure()
        controls = widgets.VBox([
            widgets.HBox([self.play, self.step_button, self.reset_button]),
            self.epoch_slider, self.nudge_slider])
        self._assemble(controls, "7.5em")

    def sliders(self):
        return [self.epoch_slider, self.nudge_slider]

    # --- the figure ----------------------------------------------------------------------

    def _draw_figure(self):
        figure = self.live.figure
        grid_spec = figure.add_gridspec(2, 3, width_ratios=[1, 1, 1.15])
        box = self.box = BOXES["xor"]
        self._grid_points = grid_points(box, self.n_grid)[2]
        self.panels = {}
        for index, (letter, (name, _)) in enumerate(STARTS.items()):
            ax = figure.add_subplot(grid_spec[index // 2, index % 2])
            heatmap = draw_probability_map(ax, box, self.n_grid)
            points = draw_data(ax, self.X, self.y, size=3.5)
            lines = [draw_hidden_line(ax, j, label=False, lw=1.6) for j in range(self.n_hidden)]
            ax.set(xlim=box[:2], ylim=box[2:], aspect="equal", xticks=[], yticks=[])
            title = ax.set_title(f"({letter}) {name}", fontsize=9, pad=3)
            self.panels[letter] = {"heatmap": heatmap, "points": points, "lines": lines}
            self.live.animate(heatmap, *points, *(line for line, _ in lines))
            if letter == "a":  # says the nudge, which can be too small to see otherwise
                self.nudge_title = title
                self.live.animate(title)
        self.loss_curves, self.accuracy_curves = {}, {}
        self.epoch_markers = []
        for row, (what, curves, top) in enumerate((("loss", self.loss_curves, 1.15),
                                                   ("accuracy", self.accuracy_curves, 1.02))):
            ax = figure.add_subplot(grid_spec[row, 2])
            ax.set(xlim=(0, self.max_epochs), ylim=(0.0 if row == 0 else 0.3, top))
            ax.set_title(f"{what} per epoch", fontsize=9, pad=3)
            ax.grid(alpha=0.3)
            ax.tick_params(labelsize=8)
            for letter in STARTS:
                (curves[letter],) = ax.plot([], [], _CURVE_STYLES[letter], color="0.25", lw=1.5,
                                            label=f"({letter})")
            self.epoch_markers.append(ax.axvline(0, color="0.5", lw=1))
            if row == 0:
                # A legend, not a letter at each curve's end: it is drawn once, in the
                # background, where the curves never go after the first few epochs.
                ax.legend(loc="upper right", fontsize=7, ncols=2, handlelength=2.6,
                          framealpha=0.9)
            else:
                ax.set_xlabel("epoch", fontsize=8)
            self.live.animate(*curves.values(), self.epoch_markers[-1])

    # --- training, lazily ----------------------------------------------------------------

    def _key(self, letter):
        return ("a", self.nudge_slider.value) if letter == "a" else letter

    def _run(self, letter):
        """The run of start `letter` (made on first use), for the current nudge."""
        key = self._key(letter)
        if key not in self._runs:
            if len(self._runs) > 12:  # nudges tried before: keep the most recent ones
                stale = next(k for k in self._runs if isinstance(k, tuple) and k != key)
                del self._runs[stale]
            network = Network([2, self.n_hidden, 1], activations=["tanh", "sigmoid"],
                              init=STARTS[letter][1], rng=self.seed)
            if letter == "a" and self.nudge_slider.value > 0:
                hidden = network.layers[0]
                noise = np.random.default_rng(self.seed).normal(size=hidden.weights.shape)
                hidden.weights = hidden.weights + self.nudge_slider.value * noise
            run = _Run(network, self.max_epochs)
            probability = network.predict_proba(self.X)
            run.record(network.parameters(), binary_cross_entropy(self.y, probability),
                       float(np.mean((probability >= 0.5) == self.y)))
            self._runs[key] = run
        return self._runs[key]

    def _train(self, run, epochs):
        history = train(run.network, self.X, self.y, lr=self.lr, epochs=epochs,
                        record_parameters=True)
        for parameters, loss, accuracy in zip(history.parameters, history.loss,
                                              history.accuracy, strict=True):
            run.record(parameters, loss, accuracy)

    def _catch_up(self, target, deadline=None, at_least_one_chunk=False):
        """Train the four runs towards epoch `target`, a chunk each in turn, until
        `deadline` (perf_counter seconds; None: all the way, one call per run). Return
        True when every run has reached `target`."""
        runs = [self._run(letter) for letter in STARTS]
        while True:
            behind = [run for run in runs if run.epochs_trained < target]
            if not behind:
                return True
            for run in behind:
                if deadline is not None and time.perf_counter() > deadline \
                        and not at_least_one_chunk:
                    return False
                at_least_one_chunk = False
                remaining = target - run.epochs_trained
                self._train(run, remaining if deadline is None else min(self.chunk, remaining))

    # --- showing an epoch ----------------------------------------------------------------

    def _update(self):
        """A move: train what fits in a few milliseconds, show the result at once, and leave
        the rest of the training for later (in a kernel) or do it now (anywhere else)."""
        loop = _running_loop() if self._background_training else None
        done = self._catch_up(self.epoch_slider.value,
                              None if loop is None else time.perf_counter() + self.first_budget)
        self._show_frame()
        if not done:
            self._schedule(loop)

    def _continue(self):
        """More training between the kernel's messages; a new frame every
        `frame_interval` seconds and when done."""
        self._pending = None
        if self._closed:
            return
        done = self._catch_up(self.epoch_slider.value, time.perf_counter() + self.budget,
                              at_least_one_chunk=True)
        if done or time.perf_counter() - self._last_frame >= self.frame_interval:
            self._show_frame()
        if not done:
            self._schedule(_running_loop())

    def _schedule(self, loop):
        if loop is not None and self._pending is None and not self._closed:
            # A short delay, not call_soon: the loop polls for messages (slider moves,
            # clicks) before the next chunk.
            self._pending = loop.call_later(0.002, self._continue)

    def _show_frame(self):
        self._draw()
        self._show_text_and_refresh()
        self._last_frame = time.perf_counter()

    def _shown_epoch(self, run):
        return min(self.epoch_slider.value, run.epochs_trained)

    def _draw(self):
        scratch = self._scratch_network()
        for letter, panel in self.panels.items():
            run = self._run(letter)
            epoch = self._shown_epoch(run)
            W1, b1, W2, b2 = run.parameters(epoch)
            for target, values in zip(scratch.parameters(), (W1, b1, W2, b2)):
                target[...] = values
            probability = scratch.predict_proba(self._grid_points)
            panel["heatmap"].set_data(probability.reshape(self.n_grid, self.n_grid))
            for j, (line, text) in enumerate(panel["lines"]):
                update_hidden_line(line, text, W1[0, j], W1[1, j], b1[j], self.box)
            epochs = np.arange(epoch + 1)
            self.loss_curves[letter].set_data(epochs, run.loss[:epoch + 1])
            self.accuracy_curves[letter].set_data(epochs, run.accuracy[:epoch + 1])
        for marker in self.epoch_markers:
            marker.set_xdata([self.epoch_slider.value] * 2)
        nudge = self.nudge_slider.value
        self.nudge_title.set_text(f"(a) all 0.5, nudged by ε = {nudge:.3f}" if nudge
                                  else f"(a) {STARTS['a'][0]}")

    def _scratch_network(self):
        if not hasattr(self, "_scratch"):
            self._scratch = Network([Dense(2, self.n_hidden, "tanh", init="zeros"),
                                     Dense(self.n_hidden, 1, "sigmoid", init="zeros")])
        return self._scratch

    # --- controls ------------------------------------------------------------------------

    def step(self, epochs=10):
        """Move the epoch on by `epochs` (10), training what is needed."""
        self.epoch_slider.value = min(self.max_epochs, self.epoch_slider.value + epochs)

    def reset(self):
        """Back to epoch 0 and no nudge."""
        self._holding = True
        try:
            self.nudge_slider.value = 0.0
            self.epoch_slider.value = 0
        finally:
            self._holding = False
        self._update()

    def _on_change(self, change):
        if not self._holding:
            self._update()

    @property
    def still_epoch(self):
        """The epoch the still (for pages without a kernel) shows: halfway."""
        return self.max_epochs // 2

    def snapshot(self, collapsed=False):
        """A still at :attr:`still_epoch`, where the four starts have parted ways (the live
        demo itself opens at its own epoch, ready to play)."""
        still = SymmetryExplorer(self.lr, self.max_epochs, self.still_epoch,
                                 self.nudge_slider.value, self.seed, interactive=False,
                                 runs=self._runs)
        try:
            return Demo.snapshot(still, collapsed)
        finally:
            still.close()

    def close(self):
        self._closed = True
        if self._pending is not None:
            self._pending.cancel()
        self._link.close()
        super().close()

    # --- numbers -------------------------------------------------------------------------

    def state(self):
        """The numbers on show, per start.

        Returns
        -------
        dict
            ``epoch`` asked, ``nudge`` ε, ``lr``; ``runs``: letter -> dict with ``epoch``
            shown (behind ``epoch`` while training catches up), ``loss``, ``accuracy``,
            ``spread`` (the largest difference between two hidden neurons' weights, biases
            and output weights), ``all_zero`` (every weight exactly 0) and ``output_bias``.
        """
        runs = {}
        for letter in STARTS:
            run = self._run(letter)
            epoch = self._shown_epoch(run)
            W1, b1, W2, b2 = run.parameters(epoch)
            per_neuron = np.vstack([W1, b1, W2.T])  # one column per hidden neuron
            runs[letter] = {
                "epoch": epoch, "loss": float(run.loss[epoch]),
                "accuracy": float(run.accuracy[epoch]),
                "spread": float(np.ptp(per_neuron, axis=1).max()),
                "all_zero": not (W1.any() or b1.any() or W2.any()),
                "output_bias": float(b2[0])}
        return {"epoch": self.epoch_slider.value, "nudge": self.nudge_slider.value,
                "lr": self.lr, "runs": runs}

    def text(self):
        state = self.state()
        behind = [letter for letter, run in state["runs"].items()
                  if run["epoch"] < state["epoch"]]
        lines = [f"Epoch {state['epoch']} of {self.max_epochs}, learning rate "
                 f"{format_number(state['lr'])}, all {len(self.y)} XOR points per step"
                 + (f" (training… ({', '.join(behind)}) at epoch "
                    f"{min(state['runs'][b]['epoch'] for b in behind)})" if behind else "")
                 + "."]
        for letter, run in state["runs"].items():
            name = STARTS[letter][0]
            if letter == "a" and state["nudge"] > 0:
                name += f", nudged by ε = {state['nudge']:.3f}"
            if run["all_zero"] and abs(run["output_bias"]) < 1e-9:
                # XOR's classes are equal in number: the output bias has nothing to learn
                # either (it drifts by rounding errors of 1e-17 per epoch at most).
                how = ("every weight is exactly 0, and so is the output bias" if
                       run["epoch"] == 0 else "every weight is still exactly 0, the output "
                       "bias 0.00: nothing moves")
            elif run["all_zero"]:
                how = (f"every weight is still exactly 0 (only the output bias moved, to "
                       f"{format_number(run['output_bias'])})")
            elif run["spread"] == 0:
                how = "its 4 hidden neurons are identical: one line, drawn 4 times"
            else:
                how = f"its hidden neurons differ by up to {run['spread']:.2f}"
            lines.append(f"({letter}) {name}: loss {run['loss']:.3f}, "
                         f"{run['accuracy']:.0%} right; {how}.")
        return "\n".join(lines)


def _running_loop():
    """The event loop running now (a kernel's), or None (a script, a test, nbconvert)."""
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


def symmetry_explorer(*, lr=1.0, max_epochs=600, epoch=0, nudge=0.0, seed=0,
                      interactive=True):
    """Train one network (2 inputs, 4 tanh hidden neurons, 1 sigmoid output) on XOR from
    four starts, and watch each hidden neuron's line move: (a) all weights 0.5, (b) all 0,
    (c) U[-1, 1], (d) Xavier.

    Parameters
    ----------
    lr : float, default 1.0
        Learning rate, in (0, 5].
    max_epochs : int, default 600
        Length of the epoch slider, from 10 to 2000.
    epoch : int, default 0
        The epoch on show at first.
    nudge : float, default 0.0
        ε in [0, 0.1]: start (a)'s hidden weights are 0.5 + ε × a standard normal number.
    seed : int, default 0
        Seed of the random starts (c) and (d) and of the nudge.
    interactive : bool, default True
        False draws into a plain Agg canvas (no browser needed).

    Returns
    -------
    SymmetryExplorer

    Raises
    ------
    TypeError, ValueError
        For arguments outside the ranges above.

    Examples
    --------
    >>> explorer = symmetry_explorer(epoch=100, interactive=False)
    >>> runs = explorer.state()["runs"]
    >>> runs["a"]["spread"], runs["b"]["all_zero"]  # equal stays equal, zero stays zero
    (0.0, True)
    """
    lr = check_in_range(lr, "lr", 1e-6, 5.0)
    for value, name, low, high in ((max_epochs, "max_epochs", 10, 2000),
                                   (seed, "seed", 0, 2**32 - 1)):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) \
                or not low <= value <= high:
            raise ValueError(f"{name} must be a whole number from {low} to {high}, got "
                             f"{value!r}.")
    if isinstance(epoch, bool) or not isinstance(epoch, (int, np.integer)) \
            or not 0 <= epoch <= max_epochs:
        raise ValueError(f"epoch must be a whole number from 0 to max_epochs = {max_epochs}, "
                         f"got {epoch!r}.")
    nudge = check_in_range(nudge, "nudge", 0.0, 0.1)
    return SymmetryExplorer(lr, int(max_epochs), int(epoch), nudge, int(seed), interactive)
