"""Lesson 05's live demo: a network with one hidden layer learning 2-D data, play, pause, step.

*Play* starts an asyncio task on the kernel's event loop that trains a few epochs, draws a
frame, and sleeps a moment, so that the kernel handles every widget message (a slider moved,
*Pause*) between two frames: a change takes effect at the next frame, and the page never
freezes. (A cell that trained in a loop would block those messages until it ended.)
"""

import asyncio
import contextlib
import textwrap
import time
import warnings

import ipywidgets as widgets
import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.colors import LinearSegmentedColormap

from ..activations import get_activation
from ..losses import get_loss
from ..network import Network
from ..plots import LiveFigure, boundary_points, draw_curve, update_curve
from ..preprocessing import Standardizer
from ..style import CLASS_COLORS, MUTED, PALETTE, class_style
from ..toy_data import make_circles, make_moons
from ..training import TrainingWarning, train
from .base import Demo, check_in_range, format_number, linear_terms, subscript

__all__ = ["DATASETS", "HIDDEN_ACTIVATIONS", "INITS", "LiveTraining", "train_it_live"]

DATASETS = ("moons", "circles")
INITS = {"xavier": "Xavier", "he": "He", "uniform": "U[−1, 1]", "constant": "all 0.5",
         "zeros": "zeros"}
"""The initialisations on offer: their names in :class:`~neuron_lib.layers.Dense`, and labels."""
HIDDEN_ACTIVATIONS = ("tanh", "relu", "leaky_relu", "sigmoid")


def _dropdown(description, options, value):
    return widgets.Dropdown(options=options, value=value, description=description,
                            style={"description_width": "9em"}, layout={"width": "22em"})


class LiveTraining(Demo):
    """A network with one hidden layer learning 2-D data, live, with play, pause and step.

    Build it with :func:`train_it_live`. Moving a control while it plays takes effect at the
    next frame: the data, the hidden size, the activation and the initialisation start the
    training again from a fresh start (same seed); η and the epochs per frame apply to the
    next epochs.

    Attributes
    ----------
    data_dropdown, activation_dropdown, init_dropdown : ipywidgets.Dropdown
    hidden_slider, speed_slider : ipywidgets.IntSlider
    lr_slider : ipywidgets.FloatSlider
    play_button : ipywidgets.ToggleButton
    step_button, reset_button : ipywidgets.Button
    network : Network
        The network as trained so far.
    losses, accuracies : list of float
        Loss and training accuracy after epoch 0 (the start), 1, 2, ...
    frame_times : list of float
        ``time.perf_counter()`` of every frame drawn while playing (the last 2,000).
    """

    title = ("A network learning live: the decision boundary over the data, each hidden "
             "neuron's line, and the loss per epoch")
    limit = 2.5
    grid_size = 64
    max_hidden = 16
    lr_range = (0.01, 3.0)
    max_speed = 50
    max_epochs = 5000
    frame_seconds = 1 / 15  # 15 frames a second: smooth, and light on a busy browser
    training_seconds = 0.02
    n_samples = 200

    def __init__(self, data, hidden, activation, lr, init, speed, seed, interactive):
        self.seed = seed
        self.data_dropdown = _dropdown("data", list(DATASETS), data)
        self.activation_dropdown = _dropdown(
            "hidden activation",
            [(get_activation(name).label, name) for name in HIDDEN_ACTIVATIONS], activation)
        self.init_dropdown = _dropdown("initialisation",
                                       [(label, name) for name, label in INITS.items()], init)
        self.hidden_slider = _int_slider("hidden neurons", hidden, 1, self.max_hidden)
        self.lr_slider = widgets.FloatSlider(
            value=lr, min=self.lr_range[0], max=self.lr_range[1], step=0.01,
            description="η (learning rate)", readout_format=".2f", continuous_update=True,
            style={"description_width": "9em"}, layout={"width": "24em"})
        self.speed_slider = _int_slider("epochs per frame", speed, 1, self.max_speed)
        self.play_button = widgets.ToggleButton(value=False, description="Play", icon="play",
                                                tooltip="Train continuously; press again "
                                                        "to pause")
        self.step_button = widgets.Button(description="Step", icon="step-forward",
                                          tooltip="Train one epoch")
        self.reset_button = widgets.Button(description="Reset", icon="undo",
                                           tooltip="Back to epoch 0, the same start")
        self._task = None
        self.frame_times = []
        self._seconds_per_epoch = None
        self._stopped = None
        self._diverged = False
        self._data_cache = {}

        self.live = LiveFigure((9.6, 3.2), dpi=80, interactive=interactive)
        self._build_figure()
        for dropdown in (self.data_dropdown, self.activation_dropdown, self.init_dropdown):
            dropdown.observe(self._on_structure_change, names="value")
        self.play_button.observe(self._on_play, names="value")
        self.step_button.on_click(lambda _button: self.step())
        self.reset_button.on_click(lambda _button: self.reset())
        self._restart()
        controls = widgets.HBox([
            widgets.VBox([self.data_dropdown, self.activation_dropdown, self.init_dropdown,
                          self.hidden_slider]),
            widgets.VBox([self.lr_slider, self.speed_slider,
                          widgets.HBox([self.play_button, self.step_button,
                                        self.reset_button])]),
        ])
        self._assemble(controls, "9em")
        # Laid out once (by the first drawing): the rare full redraws (a longer loss axis, new
        # data) then skip constrained layout's work, which is most of their cost.
        self.live.figure.set_layout_engine("none")

    def sliders(self):
        return [self.hidden_slider, self.lr_slider, self.speed_slider]

    # --- the figure ------------------------------------------------------------------------

    def _build_figure(self):
        ax_data, ax_hidden, ax_loss = self.live.figure.subplots(1, 3)
        limit = self.limit
        grid = np.linspace(-limit, limit, self.grid_size)
        self._grid = grid
        self._grid_points = np.column_stack([axis.ravel() for axis in np.meshgrid(grid, grid)])
        colours = LinearSegmentedColormap.from_list(
            "classes", [CLASS_COLORS[0], "white", CLASS_COLORS[1]])
        self.heatmap = ax_data.imshow(np.full((self.grid_size,) * 2, 0.5),
                                      extent=(-limit, limit, -limit, limit), origin="lower",
                                      vmin=0.0, vmax=1.0, cmap=colours, alpha=0.6,
                                      # Square cells: a third cheaper to send than smoothed.
                                      interpolation="nearest", aspect="equal")
        self.points, self.faint_points = {}, {}
        for label in (0, 1):
            self.points[label] = ax_data.scatter([], [], s=11, linewidths=0.3,
                                                 edgecolors="white", **class_style(label))
            self.faint_points[label] = ax_hidden.scatter([], [], s=8, alpha=0.35,
                                                         linewidths=0, **class_style(label))
        (self.boundary,) = ax_data.plot([], [], color="black", lw=2, ls="--")
        ax_data.set_title("ŷ over the plane; dashed: ŷ = 0.5", fontsize=10)
        ax_hidden.set_title("each hidden neuron's line, z = 0", fontsize=10)
        self.hidden_lines = LineCollection([], linewidths=1.5)
        ax_hidden.add_collection(self.hidden_lines)
        for ax in (ax_data, ax_hidden):
            ax.set_xlim(-limit, limit)
            ax.set_ylim(-limit, limit)
            ax.set_aspect("equal")
            ax.set_xlabel("$x_1$")
        ax_data.set_ylabel("$x_2$", labelpad=-2)
        self.ax_loss = ax_loss
        ax_loss.set_xlim(0, 250)
        ax_loss.set_ylim(0.0, 1.0)
        ax_loss.set_xlabel("epoch")
        ax_loss.set_title("loss (cross-entropy)", fontsize=10)
        ax_loss.grid(alpha=0.3)
        self.loss_curve = draw_curve(ax_loss, PALETTE[0])
        (self.loss_point,) = ax_loss.plot([], [], "o", ms=5, color=PALETTE[0])
        self.settings_text = ax_loss.text(0.97, 0.95, "", transform=ax_loss.transAxes,
                                          ha="right", va="top", fontsize=8, color=MUTED)
        # The faint copy of the data beside the hidden lines only changes with the data set:
        # it stays in the cached background (see _on_structure_change).
        self.live.animate(self.heatmap, self.boundary, *self.points.values(),
                          self.hidden_lines, self.loss_curve, self.loss_point,
                          self.settings_text)

    # --- data, network, training -----------------------------------------------------------

    def _data(self, name):
        """The 200 points of a data set, standardised; made once per name."""
        if name not in self._data_cache:
            if name == "moons":
                X, y = make_moons(self.n_samples, noise=0.2, rng=0)
            else:
                X, y = make_circles(self.n_samples, noise=0.1, factor=0.5, rng=0)
            self._data_cache[name] = (Standardizer().fit_transform(X), y.astype(float))
        return self._data_cache[name]

    def _restart(self):
        """A fresh network for the current controls, at epoch 0."""
        self.X, self.y = self._data(self.data_dropdown.value)
        self.network = Network([2, self.hidden_slider.value, 1],
                               [self.activation_dropdown.value, "sigmoid"],
                               init=self.init_dropdown.value,
                               rng=self.seed)
        loss, accuracy = _loss_and_accuracy(self.network, self.X, self.y)
        self.losses, self.accuracies = [loss], [accuracy]
        self._stopped, self._diverged = None, False
        self._seconds_per_epoch = None
        for label in (0, 1):
            points = self.X[self.y == label]
            self.points[label].set_offsets(points)
            self.faint_points[label].set_offsets(points)

    def _train(self, epochs):
        """Train `epochs` more epochs (fewer if training stops), recording loss and accuracy."""
        epochs = min(epochs, self.max_epochs - self.epoch)
        if epochs <= 0 or self._stopped:
            return
        started = time.perf_counter()
        with warnings.catch_warnings():
            # Said in the readout instead, where the learner looks.
            warnings.simplefilter("ignore", TrainingWarning)
            history = train(self.network, self.X, self.y, loss="binary_cross_entropy",
                            lr=self.lr_slider.value, epochs=epochs)
        self._seconds_per_epoch = (time.perf_counter() - started) / epochs
        self.losses += list(history.loss)
        self.accuracies += list(history.accuracy)
        if history.stop_reason == "diverged":
            # train keeps the last good parameters: with a smaller η, training can go on.
            self._stopped = (f"{history.warnings[-1]} Lower η, then press Play or Step to go "
                             "on from here.")
            self._diverged = True
        elif self.epoch >= self.max_epochs:
            self._stopped = (f"Paused at {self.max_epochs:,} epochs, this demo's limit: press "
                             "Reset to start again.")

    @property
    def epoch(self):
        """Epochs trained since the start."""
        return len(self.losses) - 1

    # --- play, pause, step -----------------------------------------------------------------

    def step(self):
        """Train one epoch and show it (going on after a divergence, at the current η)."""
        self._go_on_after_divergence()
        self._train(1)
        self._update()

    def _go_on_after_divergence(self):
        if self._diverged:
            self._stopped, self._diverged = None, False

    def reset(self):
        """Back to epoch 0, from the same start."""
        self._restart()
        self._update()

    def play(self):
        """Train continuously, a frame at a time, until paused (:meth:`pause`).

        Each frame trains up to ``speed_slider.value`` epochs (fewer if they would take
        more than 20 ms), draws, and waits until 1/15 s has passed, letting the kernel
        handle widget messages in between.

        Raises
        ------
        RuntimeError
            Outside a running asyncio event loop (a Jupyter kernel has one; in a script,
            use :meth:`step` or ``asyncio.run``).
        """
        if self._task is not None and not self._task.done():
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            raise RuntimeError("play() needs a running asyncio event loop, which a Jupyter "
                               "kernel has. In a script, call step() to train an epoch at a "
                               "time.") from None
        self._note = None
        self._go_on_after_divergence()
        self._task = loop.create_task(self._play_frames())
        if not self.play_button.value:
            self.play_button.value = True

    def pause(self):
        """Stop playing after the current frame."""
        self.play_button.value = False

    @property
    def playing(self):
        """True while the play loop runs and has not been asked to pause."""
        return self.play_button.value and self._task is not None and not self._task.done()

    def _on_play(self, change):
        self.play_button.description = "Pause" if change["new"] else "Play"
        self.play_button.icon = "pause" if change["new"] else "play"
        if change["new"]:
            try:
                self.play()
            except RuntimeError as error:
                self.play_button.value = False
                self._note = str(error)
                self._update()

    async def _play_frames(self):
        failed_draws = 0
        try:
            while self.play_button.value and not self._stopped:
                started = time.perf_counter()
                self._train(self._epochs_this_frame())
                try:
                    self._update()
                    failed_draws = 0
                except RuntimeError:
                    # A rare glitch of the font renderer (FreeType's "invalid outline") has
                    # been seen mid-play: skip that picture, draw the next; give up after 3.
                    failed_draws += 1
                    if failed_draws >= _DRAW_ATTEMPTS:
                        raise
                self.frame_times.append(time.perf_counter())
                del self.frame_times[:-2000]
                pause = self.frame_seconds - (time.perf_counter() - started)
                # Always give the kernel a moment for the messages that wait.
                await asyncio.sleep(max(pause, 0.005))
        except Exception as error:  # noqa: BLE001 - a task's errors would go unseen
            self._stopped = f"Training stopped: {type(error).__name__}: {error}"
        finally:
            self.play_button.value = False
            with contextlib.suppress(RuntimeError):  # the picture may fail; the text is set
                self._update()

    def _epochs_this_frame(self):
        epochs = self.speed_slider.value
        if self._seconds_per_epoch:
            epochs = min(epochs, max(1, int(self.training_seconds / self._seconds_per_epoch)))
        return epochs

    # --- controls --------------------------------------------------------------------------

    def _on_change(self, change):
        if change["owner"] is self.hidden_slider:
            self._restart()
        self._update()

    def _on_structure_change(self, change):
        self._restart()
        if change["owner"] is self.data_dropdown:
            self.live.canvas.draw()  # new points in the background: render it again
        self._update()

    def close(self):
        """Stop playing and close the demo's widgets."""
        self.play_button.value = False
        if self._task is not None:
            self._task.cancel()
        super().close()

    # --- drawing and text ------------------------------------------------------------------

    _note = None

    def _update(self):
        probabilities = _probabilities(self.network, self._grid_points)
        image = probabilities.reshape(self.grid_size, self.grid_size)
        self.heatmap.set_data(image)
        self.boundary.set_data(*_level_line(self._grid, image, 0.5))
        segments, colours, widths = self._hidden_segments()
        self.hidden_lines.set_segments(segments)
        self.hidden_lines.set_color(colours)
        self.hidden_lines.set_linewidth(widths)
        update_curve(self.loss_curve, np.arange(len(self.losses)), self.losses)
        self.loss_point.set_data([self.epoch], [min(self.losses[-1], 0.99)])
        self.settings_text.set_text(f"epoch {self.epoch:,}, η = {self.lr_slider.value:.2f}, "
                                    f"{self.speed_slider.value}/frame")
        right = self.ax_loss.get_xlim()[1]
        if self.epoch > right:
            # Twice as long (or more), and never shorter again, not even after a restart:
            # new ticks mean rendering the whole figure once more, the slowest kind of frame.
            while self.epoch > right:
                right *= 2
            self.ax_loss.set_xlim(0, right)
            self.live.canvas.draw()
        self._show_text_and_refresh()

    def _hidden_segments(self):
        hidden, output = self.network.layers
        weights, bias = hidden.weights, hidden.bias
        output_weights = output.weights[:, 0]
        largest = float(np.abs(output_weights).max())
        segments, colours, widths = [], [], []
        for j in range(hidden.n_outputs):
            if np.hypot(weights[0, j], weights[1, j]) < _NO_LINE:
                continue  # z is (nearly) the same everywhere: no line to draw
            x_points, y_points = boundary_points(weights[0, j], weights[1, j], bias[j],
                                                 self.limit)
            if len(x_points):
                segments.append(np.column_stack([x_points, y_points]))
                colours.append(CLASS_COLORS[int(output_weights[j] > 0)])
                widths.append(0.8 + 2.2 * abs(output_weights[j]) / largest if largest else 1.5)
        return segments, colours, widths

    def state(self):
        """The numbers on show.

        Returns
        -------
        dict
            ``epoch``, ``loss``, ``accuracy`` (training), ``lr``, ``epochs_per_frame``,
            ``hidden``, ``activation``, ``init``, ``data``, ``playing``, ``stopped`` (why
            training stopped, or None), ``n_lines`` (hidden lines in view).
        """
        return {"epoch": self.epoch, "loss": self.losses[-1], "accuracy": self.accuracies[-1],
                "lr": self.lr_slider.value, "epochs_per_frame": self.speed_slider.value,
                "hidden": self.hidden_slider.value, "activation": self.activation_dropdown.value,
                "init": self.init_dropdown.value, "data": self.data_dropdown.value,
                "playing": self.playing, "stopped": self._stopped,
                "n_lines": len(self.hidden_lines.get_segments())}

    def text(self):
        state = self.state()
        activation = get_activation(state["activation"]).label
        lines = [
            (f"Epoch {state['epoch']:,} ({'playing' if state['playing'] else 'paused'}): loss "
            f"{state['loss']:.3f}, accuracy {state['accuracy']:.1%} on the "
            f"{self.n_samples} points."),
            (f"Network 2 → {state['hidden']} {activation} → 1 sigmoid, "
            f"{INITS[state['init']]} start, {self.network.n_parameters} parameters."),
            f"η = {state['lr']:.2f}, up to {state['epochs_per_frame']} epochs per frame.",
        ]
        lines += self._symmetry_notes()
        hidden, output = self.network.layers
        shown = min(hidden.n_outputs, 6)
        lines.append("Hidden neurons' lines (z = 0), and the weight each gives the output:")
        for j in range(shown):
            equation = linear_terms(hidden.weights[:, j], ["x₁", "x₂"], hidden.bias[j])
            lines.append(f"  h{subscript(j + 1)}: {equation} = 0, output weight "
                         f"{format_number(output.weights[j, 0])}")
        if hidden.n_outputs > shown:
            lines.append(f"  … and {hidden.n_outputs - shown} more.")
        lines += [message for message in (self._stopped, self._note) if message]
        # Short lines: the readout wraps long ones in the middle of words.
        return "\n".join(textwrap.fill(line, 88, subsequent_indent="  ") for line in lines)

    def _symmetry_notes(self):
        hidden, output = self.network.layers
        if np.abs(hidden.weights).max() < _NO_LINE and np.abs(hidden.bias).max() < _NO_LINE:
            notes = ["Every hidden weight is 0, so no hidden neuron has a line."]
            if np.abs(output.weights).max() < _NO_LINE:
                notes.append("Their output weights are 0 too, so no error reaches them: "
                             "they cannot move (lesson 04).")
            if self.epoch and np.isclose(self.losses[-1], self.losses[0], rtol=1e-9, atol=0):
                notes.append(f"The loss has not moved from {self.losses[0]:.3f}: the "
                             "network is stuck at its start.")
            return notes
        columns = np.vstack([hidden.weights, hidden.bias, output.weights.T])
        if hidden.n_outputs > 1 and np.allclose(columns, columns[:, :1], atol=1e-12):
            return [(f"All {hidden.n_outputs} hidden neurons are identical, so their lines "
                    "lie on top of each other: equal starts stay equal (lesson 04).")]
        return []


_DRAW_ATTEMPTS = 3
# Weights this small are zeros plus rounding (an all-zero start on balanced classes moves
# them by about 1e-18): no line, no movement worth the name.
_NO_LINE = 1e-12


def _int_slider(description, value, low, high):
    return widgets.IntSlider(value=value, min=low, max=high, description=description,
                             continuous_update=True, style={"description_width": "9em"},
                             layout={"width": "24em"})


def _level_line(grid, values, level):
    """The curve where `values` (rows along y) crosses `level`, as x and y with NaN breaks."""
    import contourpy

    pieces = contourpy.contour_generator(grid, grid, values).lines(level)
    if not pieces:
        return [], []
    joined = np.concatenate([np.vstack([piece, [np.nan, np.nan]]) for piece in pieces])
    return joined[:, 0], joined[:, 1]


def _probabilities(network, points):
    """The network's ŷ for every point, shape (n_points,)."""
    return network.predict_proba(points)


def _loss_and_accuracy(network, X, y):
    """Mean cross-entropy and training accuracy before any training (epoch 0)."""
    y_hat = network.predict_proba(X)
    return get_loss("binary_cross_entropy")(y, y_hat), float(np.mean((y_hat >= 0.5) == y))


def train_it_live(*, data="moons", hidden=5, activation="tanh", lr=0.5, init="xavier",
                  epochs_per_frame=10, seed=0, interactive=True):
    """Train a network with one hidden layer on 2-D data, live: play, pause, step.

    The left plot shows the network's output ŷ over the plane (blue near 0, orange near 1)
    and its decision boundary ŷ = 0.5 over the 200 training points; the middle one each
    hidden neuron's line z = 0 (orange when it pushes the output towards class 1, blue
    towards class 0, thicker when its output weight is larger); the right one the loss.

    Parameters
    ----------
    data : {"moons", "circles"}, default "moons"
        Two interleaved half circles, or a ring around a disc (200 points from
        :mod:`neuron_lib.toy_data`, standardised).
    hidden : int, default 5
        Hidden neurons, from 1 to 16.
    activation : {"tanh", "relu", "leaky_relu", "sigmoid"}, default "tanh"
        The hidden layer's activation; the output is a sigmoid.
    lr : float, default 0.5
        Learning rate η, in [0.01, 3].
    init : {"xavier", "he", "uniform", "constant", "zeros"}, default "xavier"
        How every layer's weights start (see :class:`~neuron_lib.layers.Dense`: "uniform"
        is U[−1, 1], "constant" every weight and bias 0.5).
    epochs_per_frame : int, default 10
        Epochs trained between two frames while playing, from 1 to 50.
    seed : int, default 0
        The random start: the same seed, the same start.
    interactive : bool, default True
        False draws into a plain Agg canvas (no browser needed).

    Returns
    -------
    LiveTraining

    Raises
    ------
    TypeError, ValueError
        For a value outside its control's range or choices.

    Examples
    --------
    >>> demo = train_it_live(interactive=False)
    >>> for _ in range(3):
    ...     demo.step()
    >>> demo.state()["epoch"]
    3
    """
    _check_choice(data, "data", DATASETS)
    _check_choice(activation, "activation", HIDDEN_ACTIVATIONS)
    _check_choice(init, "init", tuple(INITS))
    hidden = _check_whole(hidden, "hidden", 1, LiveTraining.max_hidden)
    epochs_per_frame = _check_whole(epochs_per_frame, "epochs_per_frame", 1,
                                    LiveTraining.max_speed)
    seed = _check_whole(seed, "seed", 0, 2**32 - 1)
    lr = check_in_range(lr, "lr", *LiveTraining.lr_range)
    return LiveTraining(data, hidden, activation, lr, init, epochs_per_frame, seed, interactive)


def _check_choice(value, name, choices):
    if not isinstance(value, str) or value not in choices:
        raise ValueError(f"{name} must be one of {', '.join(map(repr, choices))}, got "
                         f"{value!r}.")


def _check_whole(value, name, low, high):
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) \
            or not low <= value <= high:
        raise ValueError(f"{name} must be a whole number from {low} to {high}, got {value!r}.")
    return int(value)
